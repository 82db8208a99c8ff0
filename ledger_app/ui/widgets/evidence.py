"""Evidence side by side on the review screen: the claimed work on the left, the corpus item on
the right — two thumbnails for an image match (with a box around the shared region when local
features found it: the part of the item holding the claimed work, and the part of the work it
holds), or two texts with the overlapping passages highlighted for a text match, or a sentence
saying what matched (hash, URL, account, signer)."""

from __future__ import annotations

import difflib
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget

from ledger_app.ui.widgets.labels import status_label

THUMB_SIDE = 260
MIN_BLOCK = 12  # characters: shorter common runs are coincidence, not evidence
HIGHLIGHT = "#ffe08a"
REGION_INK = "#ff2bd6"  # drawn on the photo itself: a colour photos rarely have, outlined in black


def common_blocks(a: str, b: str) -> list[tuple[int, int, int]]:
    """(start in a, start in b, length) of the common runs of at least MIN_BLOCK characters."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(m.a, m.b, m.size) for m in sm.get_matching_blocks() if m.size >= MIN_BLOCK]


def highlighted_html(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` as HTML with the (start, length) spans marked."""
    out, pos = [], 0
    for start, length in sorted(spans):
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(f'<span style="background:{HIGHLIGHT}; color:#000">{escape(text[start:start + length])}</span>')
        pos = start + length
    out.append(escape(text[pos:]))
    return "<div style='white-space:pre-wrap'>" + "".join(out) + "</div>"


class _Side(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        self.heading.setObjectName("CardTitle")
        layout.addWidget(self.heading)
        self.stack = QStackedWidget(self)
        self.image = QLabel(self)
        self.image.setObjectName(f"{name}Image")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setWordWrap(True)
        self.box: tuple[int, int, int, int] | None = None  # the outlined region (pixels), for tests
        self.text = QTextBrowser(self)
        self.text.setObjectName(f"{name}Text")
        self.stack.addWidget(self.image)
        self.stack.addWidget(self.text)
        layout.addWidget(self.stack, 1)
        self.caption = QLabel(self)  # where the item comes from: URL, account, corpus and location
        self.caption.setObjectName(f"{name}Caption")
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.caption)

    def show_image(self, data: bytes | None, missing: str, box: list[float] | None = None) -> None:
        pix = QPixmap()
        self.box = None
        if data and pix.loadFromData(data):
            pix = pix.scaled(THUMB_SIDE, THUMB_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
            if box is not None and len(box) == 4:
                pix = self._with_box(pix, box)
            self.image.setPixmap(pix)
        else:
            self.image.setPixmap(QPixmap())
            self.image.setText(missing)
        self.stack.setCurrentWidget(self.image)

    def _with_box(self, pix: QPixmap, box: list[float]) -> QPixmap:
        """A copy of `pix` with the (x0, y0, x1, y1) fractions of its width and height outlined."""
        w, h = pix.width(), pix.height()
        x0, y0, x1, y1 = (min(1.0, max(0.0, float(v))) for v in box)
        px0, py0, px1, py1 = round(x0 * (w - 1)), round(y0 * (h - 1)), round(x1 * (w - 1)), round(y1 * (h - 1))
        rect = (px0, py0, px1 - px0, py1 - py0)
        out = QPixmap(pix)
        p = QPainter(out)
        for colour, width in (("#000000", 5), (REGION_INK, 3)):
            p.setPen(QPen(QColor(colour), width))
            p.drawRect(*rect)
        p.end()
        self.box = rect
        return out

    def show_html(self, html: str) -> None:
        self.text.setHtml(html)
        self.stack.setCurrentWidget(self.text)

    def show_sentence(self, text: str) -> None:
        self.image.setPixmap(QPixmap())
        self.image.setText(text)
        self.stack.setCurrentWidget(self.image)

    @property
    def has_image(self) -> bool:
        return self.stack.currentWidget() is self.image and not self.image.pixmap().isNull()


class EvidenceView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("EvidenceView")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # What the numbers say, for the method that matched: PDQ distance against the threshold and
        # the inliers of the geometric check, or the text containment; a sentence for the rest.
        self.summary = status_label(self, "EvidenceSummary")
        outer.addWidget(self.summary)
        layout = QHBoxLayout()
        self.claimed = _Side("Claimed", self)
        self.corpus = _Side("Corpus", self)
        layout.addWidget(self.claimed, 1)
        layout.addWidget(self.corpus, 1)
        outer.addLayout(layout, 1)
        self.highlighted_chars = 0  # for tests: how much text is marked as overlapping
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        self.claimed.heading.setText(self.tr("Claimed work"))
        self.corpus.heading.setText(self.tr("Corpus item"))

    def clear(self) -> None:
        self.corpus.caption.setText("")
        self.claimed.show_sentence(self.tr("Select a match to see its evidence."))
        self.corpus.show_sentence("")
        self.highlighted_chars = 0
        self.set_details("", "", "")

    def set_details(self, summary: str, claimed_caption: str, corpus_caption: str) -> None:
        """The numbers above, and under each side where it comes from (after the outlined region's
        sentence, when show_images put one there)."""
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))
        self.claimed.caption.setText(claimed_caption)
        region = self.corpus.caption.text()
        self.corpus.caption.setText("\n".join(t for t in (corpus_caption, region) if t))

    def show_images(self, claimed: bytes | None, corpus: bytes | None, region: dict | None = None) -> None:
        """Both thumbnails; `region` (match evidence: region_box, work_box, item_covered,
        work_covered) outlines the shared region on each and says how much of each it is."""
        region = region or {}
        self.claimed.show_image(claimed, self.tr("The claimed file has no image fingerprint."), region.get("work_box"))
        self.corpus.show_image(corpus, self.tr("No thumbnail (the item is not an image, or it was purged)."),
                               region.get("region_box"))
        if region.get("region_box") is not None:
            self.corpus.caption.setText(self.tr(
                "Outlined: the region of the item holding the claimed work ({item:.0%} of the item, "
                "{work:.0%} of the work).").format(item=float(region.get("item_covered") or 0),
                                                   work=float(region.get("work_covered") or 0)))
        else:
            self.corpus.caption.setText("")
        self.highlighted_chars = 0

    def show_texts(self, claimed_text: str, passage: str) -> None:
        self.corpus.caption.setText("")
        blocks = common_blocks(claimed_text, passage)
        self.highlighted_chars = sum(n for _, _, n in blocks)
        self.claimed.show_html(highlighted_html(claimed_text, [(a, n) for a, _, n in blocks]))
        self.corpus.show_html(highlighted_html(passage, [(b, n) for _, b, n in blocks]))

    def show_sentences(self, claimed: str, corpus: str) -> None:
        self.corpus.caption.setText("")
        self.claimed.show_sentence(claimed)
        self.corpus.show_sentence(corpus)
        self.highlighted_chars = 0
