"""Every icon in the main window follows a theme switch made at runtime, with enough contrast.

The user switches light → dark → light in Settings. After each switch every button's, action's and
sidebar item's icon must (1) be the variant of the active theme, pixel for pixel, both as drawn
enabled and as drawn disabled (the style dims it from the palette), and (2) stand out from the
background it is drawn on: the mean luminance of its opaque pixels against the widget's background
colour gives a WCAG contrast ratio of at least 3:1 (2:1 disabled, which is dimmed on purpose). An
icon left in the other theme's variant draws dark strokes on a dark button, about 1:1. The
selected sidebar item's icon is checked on the highlight it is drawn on.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QStyle, QStyleOptionViewItem

from ledger_app.ui.icons import Icon, icon_path

MIN_CONTRAST = 3.0  # WCAG 2.1, 1.4.11: graphical objects needed to understand the content
MIN_CONTRAST_DISABLED = 2.0  # dimmed on purpose, yet still visible


def _luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a: float, b: float) -> float:
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def opaque_luminance(image: QImage) -> float:
    """The mean relative luminance of the (nearly) opaque pixels: the icon's strokes and fills."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    values = []
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if c.alpha() >= 200:
                values.append(_luminance(c))
    assert values, "the icon has no opaque pixels"
    return sum(values) / len(values)


def shown_icons(window) -> list[tuple[str, QIcon, QSize, QColor, bool]]:
    """(who, icon, size, background, ours) for every icon the window can show."""
    out = []
    for b in window.findChildren(QAbstractButton):
        if b.icon().isNull():
            continue
        if isinstance(b.parent(), QLineEdit):
            # Qt's own clear button, drawn on the line edit's base: not ours, but it must read too.
            out.append((f"clear button of {b.parent().objectName()}", b.icon(), b.iconSize(),
                        b.parent().palette().color(QPalette.ColorRole.Base), False))
        else:
            out.append((b.objectName() or b.text() or type(b).__name__, b.icon(), b.iconSize(),
                        b.palette().color(b.backgroundRole()), True))
    for a in window.findChildren(QAction):
        if a.icon().isNull() or isinstance(a.parent(), QLineEdit):  # the clear button's action: above
            continue
        out.append((a.text() or a.objectName(), a.icon(), QSize(16, 16),
                    window.palette().color(QPalette.ColorRole.Window), True))
    bar = window.sidebar
    for row in range(bar.count()):
        item = bar.item(row)
        out.append((f"sidebar {item.text()}", item.icon(), bar.iconSize(),
                    bar.palette().color(QPalette.ColorRole.Base), True))
    return out


def variant_of(icon: QIcon, size: QSize) -> tuple[str, str] | None:
    """(icon name, "light"|"dark") of the factory icon that `icon` draws exactly, if any."""
    image = icon.pixmap(size, 1.0).toImage()
    for name in Icon:
        for dark in (False, True):
            if QIcon(icon_path(name, dark=dark)).pixmap(size, 1.0).toImage() == image:
                return name.value, "dark" if dark else "light"
    return None


def check_icons(window, dark: bool) -> None:
    window_colour = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    assert (window_colour.lightness() < 128) == dark
    icons = shown_icons(window)
    assert len(icons) >= 20  # the sidebar and the buttons of every page
    wanted = "dark" if dark else "light"
    problems = []
    for who, ic, size, background, ours in icons:
        if ours:
            found = variant_of(ic, size)
            if found is None:
                problems.append(f"{who}: an icon that is not one of resources/icons")
                continue
            if found[1] != wanted:
                problems.append(f"{who}: shows the {found[1]}-theme variant of {found[0]!r}")
                continue
        # Enabled and disabled alike: a button may be either at any time.
        for mode, floor in ((QIcon.Mode.Normal, MIN_CONTRAST), (QIcon.Mode.Disabled, MIN_CONTRAST_DISABLED)):
            got = ic.pixmap(size, 1.0, mode).toImage()
            # A disabled icon is dimmed from the palette: it must be dimmed from this theme's palette.
            if ours and got != QIcon(icon_path(Icon(found[0]), dark=dark)).pixmap(size, 1.0, mode).toImage():
                problems.append(f"{who}: its {mode.name} pixmap of {found[0]!r} was made for the other theme")
                continue
            ratio = contrast(opaque_luminance(got), _luminance(background))
            if ratio < floor:
                problems.append(f"{who}: {mode.name} icon has a contrast of {ratio:.2f}:1 on {background.name()}")
    problems += selected_sidebar_problems(window)
    assert problems == [], f"{wanted} theme:\n" + "\n".join(problems)


def selected_sidebar_problems(window) -> list[str]:
    """The selected screen's icon as the sidebar paints it: in Selected mode, on the highlight."""
    bar = window.sidebar
    highlight = bar.palette().color(QPalette.ColorRole.Highlight)
    problems = []
    for row in range(bar.count()):
        option = QStyleOptionViewItem()
        option.initFrom(bar.viewport())
        option.state |= QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_Enabled
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        bar.itemDelegate().initStyleOption(option, bar.model().index(row, 0))
        image = option.icon.pixmap(bar.iconSize(), 1.0, QIcon.Mode.Selected).toImage()
        ratio = contrast(opaque_luminance(image), _luminance(highlight))
        if ratio < MIN_CONTRAST:
            problems.append(f"sidebar {bar.item(row).text()} selected: {ratio:.2f}:1 on {highlight.name()}")
    return problems


@pytest.fixture(autouse=True)
def light_at_start(qapp):
    """Each test starts in the light theme, before its window is built, and leaves it light."""
    from ledger_app.ui.theme import apply_theme

    apply_theme(qapp, "light")
    yield
    apply_theme(qapp, "light")


def test_every_icon_follows_light_dark_light(window, session, small_ledger, qtbot):
    session.open(small_ledger)
    settings = window.show_screen("settings")
    for theme in ("light", "dark", "light"):
        settings.theme.setCurrentIndex(settings.theme.findData(theme))
        assert window.prefs.theme == theme
        check_icons(window, dark=theme == "dark")


def test_the_certificate_button_reads_in_the_dark_theme(window, session, small_ledger):
    """The report that started this: the "Issue certificate…" icon, enabled and disabled, in dark."""
    session.open(small_ledger)
    settings = window.show_screen("settings")
    settings.theme.setCurrentIndex(settings.theme.findData("light"))
    settings.theme.setCurrentIndex(settings.theme.findData("dark"))
    button = window.pages["takedowns"].certificate_button
    background = _luminance(button.palette().color(button.backgroundRole()))
    for mode, floor in ((QIcon.Mode.Normal, MIN_CONTRAST), (QIcon.Mode.Disabled, MIN_CONTRAST_DISABLED)):
        image = button.icon().pixmap(button.iconSize(), 1.0, mode).toImage()
        assert contrast(opaque_luminance(image), background) >= floor, mode


def test_following_the_system_follows_a_desktop_switch(window, monkeypatch):
    """With "Follow the system", the desktop turning dark turns the palette and the icons dark."""
    from PySide6.QtCore import Qt

    from ledger_app.ui import theme

    settings = window.show_screen("settings")
    settings.theme.setCurrentIndex(settings.theme.findData("system"))
    check_icons(window, dark=False)  # the offscreen desktop has no dark preference
    monkeypatch.setattr(theme, "system_prefers_dark", lambda: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    check_icons(window, dark=True)
    # A theme chosen by the user is kept whatever the desktop does.
    settings.theme.setCurrentIndex(settings.theme.findData("light"))
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    check_icons(window, dark=False)


def test_check_boxes_read_in_both_themes(window, qtbot):
    """Fusion outlines a check box in a shade of the window colour, invisible on the dark window;
    the style sheet draws the box with a visible border and the tick of the current theme."""
    from PySide6.QtWidgets import QStyleOptionButton

    window.show()
    qtbot.waitExposed(window)
    settings = window.show_screen("settings")
    box = settings.editors["takedown.four_eyes"]
    for theme in ("light", "dark", "light"):
        settings.theme.setCurrentIndex(settings.theme.findData(theme))
        window_lum = _luminance(box.palette().color(QPalette.ColorRole.Window))
        base_lum = _luminance(box.palette().color(QPalette.ColorRole.Base))
        for checked in (False, True):
            box.setChecked(checked)
            option = QStyleOptionButton()
            box.initStyleOption(option)
            rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
            image = box.grab().toImage()
            ring = [image.pixelColor(x, y) for x in range(rect.left(), rect.right() + 1)
                    for y in range(rect.top(), rect.bottom() + 1)
                    if x in (rect.left(), rect.right()) or y in (rect.top(), rect.bottom())]
            edge = max(contrast(_luminance(c), window_lum) for c in ring)
            assert edge >= MIN_CONTRAST, f"{theme}: the box's border has {edge:.2f}:1 on the window"
            inside = rect.adjusted(3, 3, -3, -3)
            tick = [1 for x in range(inside.left(), inside.right() + 1) for y in range(inside.top(), inside.bottom() + 1)
                    if contrast(_luminance(image.pixelColor(x, y)), base_lum) >= MIN_CONTRAST]
            assert bool(tick) == checked, f"{theme}: a {'checked' if checked else 'clear'} box shows {len(tick)} tick pixels"
