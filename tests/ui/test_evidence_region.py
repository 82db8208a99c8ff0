"""The review screen outlines the region of an item that holds the claimed work (local features)."""

from __future__ import annotations

import io

from PIL import Image


def _jpeg(size: tuple[int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("L", size, 128).save(buf, "JPEG")
    return buf.getvalue()


def test_region_box_and_covered_fractions_are_shown(qtbot, tmp_path):
    from ledger_app.ui.widgets.evidence import THUMB_SIDE, EvidenceView

    view = EvidenceView()
    qtbot.addWidget(view)
    region = {"region_box": [0.5, 0.5, 1.0, 1.0], "work_box": [0.0, 0.0, 1.0, 1.0],
              "item_covered": 0.25, "work_covered": 1.0}
    view.show_images(_jpeg((160, 120)), _jpeg((160, 120)), region)
    assert view.corpus.has_image and view.claimed.has_image
    x, y, w, h = view.corpus.box
    assert (x, y) == (round(0.5 * (THUMB_SIDE - 1)), round(0.5 * (195 - 1)))
    assert x + w == THUMB_SIDE - 1
    assert "25%" in view.corpus.caption.text() and "100%" in view.corpus.caption.text()
    # The outline is painted on the picture: a pixel on the box's edge is the region ink.
    img = view.corpus.image.pixmap().toImage()
    c = img.pixelColor(x + w // 2, y)
    assert (c.red(), c.green(), c.blue()) != (128, 128, 128)
    view.grab().save(str(tmp_path / "evidence-region.png"))
    # A match without a region: no box, no caption.
    view.show_images(_jpeg((160, 120)), _jpeg((160, 120)))
    assert view.corpus.box is None and view.corpus.caption.text() == ""
