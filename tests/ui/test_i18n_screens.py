"""The Chinese window leaves no English sentence on its main screens.

After a demo-like workflow (tests/ui/zh_workflow.py: the demo story, a folder corpus of hostile files
and an item whose headers reserve AI training, an incomplete DMCA notice kept as a draft, an
erasure), the window is switched to Simplified Chinese and every main screen is walked: the corpora
with each hostile item's details, an ingest run from the window, every request on every tab, the
drafts. Every visible label, button, tab, table cell (and its tooltip), text box and tooltip is
scanned for an English sentence: three or more consecutive plain English words (lower-case letters,
an initial capital at most) of which one at least is a function word ("is", "the", "of", ...).
Identifiers, URLs, paths, hashes and file names are not plain words, so they never make one. The
stored reasons and notes are also checked to keep their English for the CLI and the ledger.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from ledger_app.ui import i18n_build
from tests.ui.zh_workflow import build_zh_workspace

#: Words that make a run of plain words a sentence (English function words and auxiliaries).
FUNCTION_WORDS = frozenset("""
a an the of to and or nor in on at by for with from as into onto over under about after before than then
is are was were be been being am not no it its this that these those which who whom whose what when where
why how all any each every some more most other such only own same so too very can could cannot will
would shall should may might must do does did done has have had having here there now yet still ever
never also just once again off out up down if else while until because but per via
""".split())

_PLAIN = re.compile(r"^[A-Za-z][a-z]*(?:'[a-z]+)?$")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_NOT_PROSE = re.compile(r"https?://\S+|\S+@\S+|\S*[/\\]\S*|\b[0-9a-f]{16,}\b")

#: Widgets that show a corpus's own content (an article's text in the review), not the window's words.
CONTENT = ("ClaimedText", "CorpusText")

#: What a person typed in the workflow (names, a licence's terms, reasons): shown as typed.
TYPED = ("training use until expiry", "not a work of the requester")


def english_sentences(text: str) -> list[str]:
    """The runs of three or more plain English words holding a function word, in `text`."""
    for typed in TYPED:
        text = text.replace(typed, " ")
    found = []
    # A path, a URL or a character that is not ASCII (Chinese, a dash) ends a run.
    for line in _NON_ASCII.sub(" | ", _NOT_PROSE.sub(" | ", text)).splitlines():
        run: list[str] = []
        for token in [*line.split(), ""]:
            word = token.strip(",.;:!?()[]{}\"'")
            # A word joined to its neighbour by a mark that ends a phrase also ends the run after it.
            if word and _PLAIN.match(word):
                run.append(word)
                if token[-1:] not in ",.;:!?)\"'":
                    continue
            if len(run) >= 3 and any(w.lower() in FUNCTION_WORDS for w in run):
                found.append(" ".join(run))
            run = []
    return found


def test_the_scanner_finds_english_and_passes_chinese_identifiers_and_paths():
    assert english_sentences("passwd.jpg is a symbolic link to '/etc/passwd'; links are not followed.") == [
        "is a symbolic link to", "links are not followed"]
    assert english_sentences("图像被截断：image file is truncated") == ["image file is truncated"]
    assert english_sentences("AI 训练权利已被保留：x-robots-tag 'noai'（HTTP 头，位于 https://pics.example/a 的 HTTP 响应）") == []
    assert english_sentences("photohost:photos-0000.tar#0001 sha256 0f3a9c1b2d4e5f60718293a4b5c6d7e8 Harbour Herald") == []
    assert english_sentences("未指明相关材料 --file/--hash/--url，第 512(c)(3)(A)(iii) 条") == []


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a person can read in `root` now."""
    out: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisible() or w.objectName() in CONTENT:
            continue
        name = f"{type(w).__name__}:{w.objectName() or '?'}"
        if w.toolTip():
            out.append((f"{name} tooltip", w.toolTip()))
        if isinstance(w, QLabel):
            out.append((name, w.text()))
        elif isinstance(w, QAbstractButton):
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QTabBar):
            out += [(f"{name} tab", w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QTextEdit | QPlainTextEdit):
            out.append((name, w.toPlainText()))
        elif isinstance(w, QLineEdit):
            out.append((f"{name} placeholder", w.placeholderText()))
        elif isinstance(w, QComboBox):
            out += [(f"{name} item", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            out += model_texts(name, w.model())
    return [(where, text) for where, text in out if text]


def model_texts(name: str, model, rows: int = 200) -> list[tuple[str, str]]:
    from PySide6.QtCore import QModelIndex

    out = []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model's columnCount is private in Python: one column
        columns = 1
    for c in range(columns):
        out.append((f"{name} header", str(model.headerData(c, Qt.Orientation.Horizontal) or "")))
    for r in range(min(model.rowCount(QModelIndex()), rows)):
        for c in range(columns):
            index = model.index(r, c)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                # A signed entry's payload is shown as stored: JSON, in English by design (the CLI's).
                if isinstance(value, str) and not value.startswith("{"):
                    out.append((f"{name} [{r},{c}]", value))
    return out


class Scan:
    def __init__(self, qtbot, window, session):
        self.qtbot, self.window, self.session = qtbot, window, session
        self.offenders: dict[str, set[str]] = {}

    def settle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.session.runner.active, timeout=120_000)
        for _ in range(3):
            QApplication.processEvents()

    def __call__(self, where: str, root: QWidget | None = None) -> None:
        self.settle()
        for place, text in visible_texts(root or self.window):
            for sentence in english_sentences(text):
                self.offenders.setdefault(sentence, set()).add(f"{where} / {place}: {text[:300]!r}")

    def report(self) -> str:
        return "\n".join(f"{s!r}\n    " + "\n    ".join(sorted(w)[:3]) for s, w in sorted(self.offenders.items()))


@pytest.fixture(scope="module")
def zh_template(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("zh")
    return root, build_zh_workspace(root)


@pytest.fixture()
def zh_workspace(zh_template, tmp_path) -> tuple[Path, dict]:
    root, ids = zh_template
    shutil.copytree(root, tmp_path / "zh", symlinks=True)
    ws = Path(str(ids["workspace"]).replace(str(root), str(tmp_path / "zh")))
    return ws, ids


def test_every_main_screen_in_chinese_has_no_english_sentence(zh_workspace, qtbot, qapp, tmp_path):
    from ledger_app.ui.mainwindow import SCREENS, MainWindow
    from ledger_app.ui.prefs import Preferences
    from ledger_app.ui.session import Session
    from tests.ui.zh_workflow import build_hostile_folder

    ws, ids = zh_workspace
    i18n_build.build()
    session = Session(passphrase=lambda confirm: ids["passphrase"])
    window = MainWindow(session, Preferences())
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    try:
        session.open(ws)
        window.set_language("zh_CN")
        qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "概览")
        scan = Scan(qtbot, window, session)
        for name in SCREENS:
            window.show_screen(name)
            scan(name)

        # Corpora: each hostile item's details, and an ingest of hostile files run from the window.
        corpora = window.show_screen("corpora")
        for corpus in ("hostile", "webcrawl"):
            corpora.select_corpus(corpus)
            scan.settle()
            for row in range(min(corpora.model.rowCount(), 12)):
                corpora.select_row(row)
                scan(f"corpora {corpus} item {row}")
        build_hostile_folder(tmp_path / "more-hostile")
        corpora.register("hostile2", tmp_path / "more-hostile", "folder")
        qtbot.waitUntil(lambda: corpora.corpus_combo.findData("hostile2") >= 0, timeout=60_000)
        corpora.select_corpus("hostile2")
        corpora.start_ingest()
        qtbot.waitUntil(lambda: corpora.ingest_task is None, timeout=120_000)
        scan("corpora after an ingest")

        # Requests: every request on every tab, and the drafts.
        page = window.show_screen("takedowns")
        page.view_combo.setCurrentIndex(page.view_combo.findData("all"))
        scan.settle()
        for rid in [r["id"] for r in page.queue.rows]:
            page.select_request(rid)
            for t in range(page.tabs.count()):
                page.tabs.setCurrentIndex(t)
                scan(f"request {rid} tab {t}")
        drafts = page.open_drafts()
        qtbot.waitUntil(lambda: drafts.model.rowCount() >= 1, timeout=60_000)
        scan("drafts", drafts)
        drafts.close()
    finally:
        session.runner.cancel_all()
        session.runner.wait(10_000)
        session.close()
    assert not scan.offenders, "English sentences in the Chinese window:\n" + scan.report()
