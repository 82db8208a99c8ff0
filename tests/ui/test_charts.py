"""Dashboard charts fed from plain dicts; placeholders say what is missing instead of inventing numbers."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor

from ledger_app.ui.widgets.charts import BarChart, DonutChart, c2pa_slices, due_bars, status_bars


def test_status_bars_keep_a_stable_order():
    bars = status_bars({"purged": 4, "admitted": 9120, "quarantined": 31, "mystery": 2})
    assert [(b.label, b.value) for b in bars] == [
        ("Admitted", 9120), ("Quarantined", 31), ("Purged", 4), ("mystery", 2)
    ]


def test_c2pa_slices_skip_empty_states():
    slices = c2pa_slices({"none": 800, "Valid": 150, "Trusted": 40, "Invalid": 10, "remote": 0})
    assert [s.label for s in slices] == ["No credentials", "Valid", "Trusted", "Invalid"]


def test_due_bars_bucket_and_highlight_overdue():
    today = date(2025, 6, 10)
    requests = [
        {"id": 1, "due_by": "2025-06-01", "status": "located"},
        {"id": 2, "due_by": "2025-06-12", "status": "received"},
        {"id": 3, "due_by": "2025-07-30", "status": "validated"},
        {"id": 4, "due_by": "2025-05-01", "status": "closed"},
    ]
    overdue, week, later = due_bars(requests, today)
    assert (overdue.value, week.value, later.value) == (1, 1, 1)
    assert overdue.highlight and not week.highlight
    assert not due_bars([{"due_by": "2025-07-01", "status": "received"}], today)[0].highlight


def _painted(widget, qtbot) -> set[str]:
    widget.resize(400, 220)
    qtbot.addWidget(widget)
    img = widget.grab().toImage()
    return {QColor(img.pixel(x, y)).name() for x in range(0, img.width(), 3) for y in range(0, img.height(), 3)}


def test_charts_draw_their_data(qtbot):
    bars = BarChart()
    bars.set_bars(status_bars({"admitted": 10, "quarantined": 3}))
    colours = _painted(bars, qtbot)
    assert "#2e9e5b" in colours and "#d9912b" in colours
    donut = DonutChart()
    donut.set_slices(c2pa_slices({"Valid": 5, "Invalid": 5}))
    assert donut.total() == 10
    assert "#d64545" in _painted(donut, qtbot)


def test_dashboard_placeholders_and_plugging_in_data(window, session, small_ledger, qtbot):
    session.open(small_ledger)
    page = window.pages["dashboard"]
    assert page.items_card.empty.text() == "No corpora yet — register one in Corpora & items."
    assert not page.items_card.showing_chart
    assert page.health_values["size"].text() == "31"
    assert "size 31" in page.health_values["checkpoint"].text()
    assert page.health_values["verified"].text().startswith("never")
    page.show_item_stats({"admitted": 90, "quarantined": 7})
    page.show_c2pa_coverage({"none": 60, "Valid": 37}, ai_generated_share=0.125)
    page.show_requests([{"due_by": "2000-01-01", "status": "received"}])
    assert page.items_card.showing_chart and page.c2pa_card.showing_chart and page.requests_card.showing_chart
    assert page.items_card.chart.bars[0].value == 90
    assert page.c2pa_card.note.text() == "AI-generated items: 12.5 %"
    assert page.requests_card.chart.bars[0].highlight
    page.show_item_stats(None)
    assert not page.items_card.showing_chart
