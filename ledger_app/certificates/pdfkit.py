"""The parts every PDF of the app is made of: styles, footer, tables, the QR header, the proof section.

Why this exists: the removal certificate, the inclusion report (certificates/pdf.py), the reply letters
(certificates/letter.py) and the AI Act summary (certificates/ai_act_render.py) share one look and one
language handling. English and Simplified Chinese: the fixed strings live beside the app's other
translations in resources/translations/pdf_strings.json (found like the .qm files, in a checkout or
the bundle), checked when first read; Chinese text is set in reportlab's built-in CID font
STSong-Light, so no font file is shipped (PDF viewers supply the Adobe-GB1 glyphs).
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
    XPreformatted,
)

from ledger_app.core.errors import UserError
from ledger_app.core.resources import translations_dir

LANGUAGES = ("en", "zh_CN")
CJK_FONT = "STSong-Light"
MONO = "Courier"
INK = colors.HexColor("#1b2a3a")
MUTED = colors.HexColor("#5b6b7b")
RULE = colors.HexColor("#c9d3dd")
HEAD_BG = colors.HexColor("#e8eef4")
ACCENT = colors.HexColor("#1f5f8b")
CONTENT_WIDTH = A4[0] - 36 * mm  # the page's width inside its margins

# --- strings ---------------------------------------------------------------------------------------

STRINGS_FILE = "pdf_strings.json"
STRING_TABLES = ("text", "request_types", "requester_kinds", "methods", "work_kinds")


class PdfStringsError(ValueError):
    """resources/translations/pdf_strings.json is missing or does not hold what the PDFs need."""


@dataclass(frozen=True)
class PdfStrings:
    """The fixed strings of the PDFs in one language: `text` by key, and the names of request types,
    requester kinds, match methods and work kinds by their stored value."""

    language: str
    text: Mapping[str, str]
    request_types: Mapping[str, str]
    requester_kinds: Mapping[str, str]
    methods: Mapping[str, str]
    work_kinds: Mapping[str, str]


def _fields(s: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(s) if name is not None}


def load_strings(path: Path) -> dict[str, PdfStrings]:
    """Read and check a strings file: every table present, every key in every language, each a
    non-empty string, with the same {placeholders} in every language."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as e:
        raise PdfStringsError(f"cannot read the PDF strings {path}: {e}") from e
    if not isinstance(data, dict) or data.get("languages") != list(LANGUAGES):
        raise PdfStringsError(f"{path}: 'languages' must be {list(LANGUAGES)}")
    tables: dict[str, dict[str, dict[str, str]]] = {lang: {} for lang in LANGUAGES}
    for name in STRING_TABLES:
        table = data.get(name)
        if not isinstance(table, dict) or not table:
            raise PdfStringsError(f"{path}: no table {name!r}")
        for key, texts in table.items():
            if not isinstance(texts, dict) or set(texts) != set(LANGUAGES):
                raise PdfStringsError(f"{path}: {name}.{key} must have exactly the languages {', '.join(LANGUAGES)}")
            if not all(isinstance(v, str) and v for v in texts.values()):
                raise PdfStringsError(f"{path}: {name}.{key} has an empty or non-text translation")
            if len({frozenset(_fields(v)) for v in texts.values()}) != 1:
                raise PdfStringsError(f"{path}: {name}.{key} has different {{placeholders}} in its languages")
            for lang in LANGUAGES:
                tables[lang].setdefault(name, {})[key] = texts[lang]
    unknown = set(data) - {"about", "languages", *STRING_TABLES}
    if unknown:
        raise PdfStringsError(f"{path}: unknown tables {', '.join(sorted(unknown))}")
    return {lang: PdfStrings(lang, **t) for lang, t in tables.items()}


@cache
def _shipped_strings() -> dict[str, PdfStrings]:
    return load_strings(translations_dir() / STRINGS_FILE)


def pdf_strings(language: str) -> PdfStrings:
    """The shipped strings in `language` (one of LANGUAGES), read and checked once per process."""
    if language not in LANGUAGES:
        raise UserError(f"the PDF language is one of {', '.join(LANGUAGES)}, not {language!r}")
    return _shipped_strings()[language]


# --- type ------------------------------------------------------------------------------------------


class Styles:
    """Paragraph styles for one language."""

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise UserError(f"the PDF language is one of {', '.join(LANGUAGES)}, not {lang!r}")
        cjk = lang == "zh_CN"
        if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
            # Registered in either language: an English document may still name a Chinese work.
            pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
        self.font = "Helvetica"
        # CID fonts have no bold: in Chinese, bold Latin next to regular Chinese looks broken.
        self.bold = "Helvetica" if cjk else "Helvetica-Bold"
        wrap = "CJK" if cjk else None
        base = {"fontName": self.font, "textColor": INK, "alignment": TA_LEFT}

        def style(name: str, **kw: Any) -> ParagraphStyle:
            return ParagraphStyle(name, **{**base, **kw})

        self.title = style("title", fontName=self.bold, fontSize=22, leading=28, textColor=ACCENT)
        self.subtitle = style("subtitle", fontSize=10.5, leading=14, textColor=MUTED, wordWrap=wrap)
        self.h2 = style("h2", fontName=self.bold, fontSize=13, leading=17, spaceBefore=12, spaceAfter=5, textColor=ACCENT)
        self.body = style("body", fontSize=9.5, leading=13.5, wordWrap=wrap)
        self.small = style("small", fontSize=8, leading=10.5, textColor=MUTED, wordWrap=wrap)
        self.label = style("label", fontName=self.bold, fontSize=8.5, leading=11, textColor=MUTED)
        # Table cells break anywhere ("CJK" wrapping) so that long item IDs, paths and hashes wrap.
        self.cell = style("cell", fontSize=7.5, leading=9.5, wordWrap="CJK")
        self.cell_mono = style("cellmono", fontName=MONO, fontSize=6.8, leading=8.6, wordWrap="CJK")
        self.cell_words = style("cellwords", fontSize=7.5, leading=9.5, wordWrap=wrap)
        self.head = style("head", fontName=self.bold, fontSize=7.5, leading=9.5, wordWrap="CJK")
        self.mono = ParagraphStyle("mono", fontName=MONO, fontSize=7.5, leading=9.5, textColor=INK)


class PageFooter:
    """Draws the footer of every page: the organisation, the document hash and the page number
    (`page_label`, a format string with {n})."""

    def __init__(self, page_label: str, left: str, digest: str):
        self.page_label, self.left, self.digest = page_label, left, digest

    def __call__(self, canvas, doc) -> None:  # reportlab's callback signature
        canvas.saveState()
        w, _ = A4
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(18 * mm, 15 * mm, w - 18 * mm, 15 * mm)
        canvas.setFillColor(MUTED)
        _draw(canvas, 18 * mm, 10.5 * mm, self.left, 7.5)
        canvas.setFont(MONO, 6.8)
        canvas.drawCentredString(w / 2, 10.5 * mm, f"SHA-256 {self.digest[:32]}...")
        _draw(canvas, w - 18 * mm, 10.5 * mm, self.page_label.format(n=doc.page), 7.5, "right")
        canvas.restoreState()


_CJK_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x2FA1F))


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in _CJK_RANGES)


def _markup(text: str) -> str:
    """Escaped paragraph markup with CJK runs set in the CID font and everything else in the
    style's own (Latin) font: a CID font's Latin glyphs are substituted badly by some viewers."""
    out, run, cjk = [], "", False
    for ch in text:
        c = _is_cjk(ch)
        if c != cjk and run:
            out.append(f'<font name="{CJK_FONT}">{escape(run)}</font>' if cjk else escape(run))
            run = ""
        cjk = c
        run += ch
    if run:
        out.append(f'<font name="{CJK_FONT}">{escape(run)}</font>' if cjk else escape(run))
    return "".join(out)


def paragraph(text: Any, style: ParagraphStyle) -> Paragraph:
    """`text` (any value; None is empty) as a paragraph, Chinese runs in the CID font."""
    return Paragraph(_markup("" if text is None else str(text)), style)


def _draw(canvas, x: float, y: float, text: str, size: float, align: str = "left") -> None:
    """Draw one footer string, in the CID font when it holds Chinese."""
    font = CJK_FONT if any(_is_cjk(c) for c in text) else "Helvetica"
    canvas.setFont(font, size)
    {"left": canvas.drawString, "right": canvas.drawRightString, "centre": canvas.drawCentredString}[align](x, y, text)


# --- QR code ---------------------------------------------------------------------------------------

QR_BORDER = 2  # modules of white around the code, inside the drawing


def qr_code(data: str) -> Any:
    """The QR code of `data` (its UTF-8 bytes in byte mode, error correction level M, the smallest
    version that holds them), made with reportlab's own encoder."""
    from reportlab.graphics.barcode import qrencoder

    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(qrencoder.QR8bitByte(data.encode("utf-8")))
    qr.make()
    return qr


def qr_matrix(data: str) -> list[list[bool]]:
    """The modules of `data`'s QR code, dark as True, rows from the top, with the white border."""
    qr = qr_code(data)
    n, b = qr.getModuleCount(), QR_BORDER
    return [[b <= r < n + b and b <= c < n + b and bool(qr.isDark(r - b, c - b)) for c in range(n + 2 * b)]
            for r in range(n + 2 * b)]


def qr_drawing(data: str, size: float) -> Drawing:
    """The QR code as vector squares (crisp at any zoom; needs no imaging library)."""
    matrix = qr_matrix(data)
    n = len(matrix)
    cell = size / n
    d = Drawing(size, size)
    d.add(Rect(0, 0, size, size, fillColor=colors.white, strokeColor=None))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                d.add(Rect(x * cell, size - (y + 1) * cell, cell, cell, fillColor=colors.black, strokeColor=None,
                           strokeWidth=0))
    return d


def qr_payload(doc: dict[str, Any]) -> str:
    """What the QR code says: enough to match the paper to the JSON file and the ledger key."""
    sig = doc.get("signature") or {}
    return (
        f"provenance-ledger {doc.get('kind')} v{doc.get('version')}\n"
        f"sha256={doc.get('document_sha256')}\n"
        f"key_id={sig.get('key_id')}\n"
        f"key_name={sig.get('key_name')}\n"
        f"entry={(doc.get('entry') or {}).get('index')}"
    )


# --- blocks ----------------------------------------------------------------------------------------


def when(ts: Any) -> str:
    """An RFC 3339 time as "2026-01-04 10:00Z", so a narrow cell wraps between date and time."""
    if not isinstance(ts, str):
        return "" if ts is None else str(ts)
    text = ts.replace("T", " ")
    return text[:-4] + "Z" if text.endswith(":00Z") and len(text) == 20 else text


def table(rows: list[list[Any]], widths: Sequence[float], *, header: bool = True) -> Table:
    """A ruled table; with `header`, its first row is shaded and repeated on every page it spans."""
    t = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), HEAD_BG), ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
    t.setStyle(TableStyle(style))
    return t


def facts(pairs: Sequence[tuple[str, Any, bool]], st: Styles, width: float) -> Table:
    """A two-column label/value block; the bool marks values set in monospace (hashes, keys)."""
    rows = [[paragraph(k, st.label), paragraph(v, st.cell_mono if mono else st.body)] for k, v, mono in pairs]
    t = Table(rows, colWidths=[38 * mm, width - 38 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return t


def header(story: list[Flowable], st: Styles, title: str, subtitle: str, doc: dict[str, Any], width: float) -> None:
    """Append the title, the subtitle and the document's QR code (qr_payload) to `story`."""
    qr = qr_drawing(qr_payload(doc), 30 * mm)
    head = Table([[[paragraph(title, st.title), Spacer(1, 2), paragraph(subtitle, st.subtitle)], qr]],
                 colWidths=[width - 34 * mm, 34 * mm], hAlign="LEFT")
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    story += [head, Spacer(1, 4)]


def proof_section(story: list[Flowable], st: Styles, t: Mapping[str, str], doc: dict[str, Any],
                  extra: str | None) -> None:
    """Append "Proof in the ledger": the entry, how to verify offline, `extra` if given, and the
    signed checkpoint verbatim (`t` is the language's PdfStrings.text)."""
    from ledger_app.ledger.tlogproof import parse_tlog_proof

    checkpoint = parse_tlog_proof(doc["tlog_proof"]).signed_checkpoint
    block: list[Flowable] = [
        paragraph(t["proof"], st.h2),
        paragraph(t["proof_text"].format(i=doc["entry"]["index"]), st.body),
        Spacer(1, 3),
        XPreformatted(escape(t["verify_cmd"]), st.mono),
        Spacer(1, 6),
    ]
    if extra:
        block += [paragraph(extra, st.body), Spacer(1, 4)]
    block += [
        paragraph(t["checkpoint"], st.label),
        Spacer(1, 2),
        _checkpoint_box(checkpoint, st, CONTENT_WIDTH),
        Spacer(1, 4),
        paragraph(f"{t['qr']}: {doc['document_sha256']} · {(doc.get('signature') or {}).get('key_id')}", st.small),
    ]
    story.append(KeepTogether(block))


def _checkpoint_box(text: str, st: Styles, width: float) -> Table:
    """The signed checkpoint, verbatim, in a font small enough that no line has to break."""
    lines = text.rstrip("\n").split("\n")
    longest = max(len(line) for line in lines)
    size = max(4.5, min(7.5, (width - 14) / (0.6 * longest)))  # Courier advances 0.6 em per character
    style = ParagraphStyle("checkpoint", parent=st.mono, fontSize=size, leading=size * 1.3)
    box = Table([[XPreformatted(escape("\n".join(lines)), style)]], colWidths=[width], hAlign="LEFT")
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, RULE), ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f6f8fa")),
                             ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 5),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return box


def build_pdf(path: Path, story: list[Flowable], footer: PageFooter, title: str) -> Path:
    """Lay out `story` on A4 pages with `footer` on each, written to `path` through a .partial file
    so that a reader never sees half a PDF."""
    path = Path(path)
    tmp = path.with_name(path.name + ".partial")
    pdf = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=22 * mm, title=title, author=footer.left, subject=footer.digest,
                            creator="Provenance Ledger")
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    tmp.replace(path)
    return path
