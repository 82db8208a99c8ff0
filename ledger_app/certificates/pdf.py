"""PDF renderings of removal certificates and inclusion reports, for people.

Why this exists: the JSON file is what proves; the PDF is what a legal team sends and a requester
reads. It shows the organisation, the request, every removed item (long IDs and hashes wrap, long
tables continue on the next page with their header repeated), the honest lineage statement, the
signed checkpoint verbatim, and a QR code carrying the document's SHA-256 and the key ID so a reader
can match the paper to the file. English and Simplified Chinese: every fixed string is translated
here, and Chinese text is set in reportlab's built-in CID font STSong-Light, so no font file is
shipped (PDF viewers supply the Adobe-GB1 glyphs).
"""

from __future__ import annotations

from collections.abc import Sequence
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
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
    XPreformatted,
)

from ledger_app.core.errors import UserError
from ledger_app.ledger.documents import KIND_CERTIFICATE, KIND_REPORT

LANGUAGES = ("en", "zh_CN")
CJK_FONT = "STSong-Light"
MONO = "Courier"
INK = colors.HexColor("#1b2a3a")
MUTED = colors.HexColor("#5b6b7b")
RULE = colors.HexColor("#c9d3dd")
HEAD_BG = colors.HexColor("#e8eef4")
ACCENT = colors.HexColor("#1f5f8b")

_T: dict[str, dict[str, str]] = {
    "en": {
        "cert_title": "Certificate of removal",
        "cert_subtitle": "from an AI training corpus, recorded in a signed transparency ledger",
        "report_title": "Inclusion report",
        "report_subtitle": "whether the queried works are in the training corpus, with proofs from the signed ledger",
        "issued_by": "Issued by",
        "issued_at": "Issued at",
        "ledger": "Ledger",
        "key_id": "Key ID",
        "doc_sha": "Document SHA-256",
        "entry": "Ledger entry",
        "entry_short": "Entry",
        "report_id": "Report ID",
        "request": "The request",
        "request_id": "Request",
        "type": "Type",
        "received": "Received",
        "due_by": "Due by",
        "requester": "Requester",
        "commitment": "identified by commitment {c} (personal details are held separately and can be erased)",
        "works": "Works identified by the requester",
        "kind": "Kind",
        "value": "Value",
        "removed": "Removed items ({n})",
        "item": "Item",
        "corpus": "Corpus",
        "location": "Location",
        "method": "Match",
        "score": "Score",
        "sha256": "Content SHA-256",
        "shards": "Shards rewritten ({n})",
        "path": "Shard",
        "before": "SHA-256 before",
        "after": "SHA-256 after",
        "deleted": "(deleted)",
        "runs": "Training runs that saw these items",
        "model": "Model",
        "checkpoint_size": "At ledger size",
        "items_seen": "Items seen",
        "no_runs": "None recorded.",
        "releases": "Dataset releases and mirrors that contained these items",
        "release": "Release",
        "release_kind": "Kind",
        "kind_release": "release",
        "kind_mirror": "mirror",
        "lineage": "What this removal means",
        "proof": "Proof in the ledger",
        "proof_text": (
            "This document is signed with the ledger's Ed25519 key and recorded as ledger entry {i}. "
            "The signed checkpoint below (a C2SP tlog-checkpoint) covers that entry; the JSON file carries "
            "the complete c2sp.org/tlog-proof@v1 text. Verify the JSON file offline with only the ledger's "
            "public key:"
        ),
        "verify_cmd": "python -m ledger_app.verify FILE.json --vkey VKEY",
        "checkpoint": "Signed checkpoint (verbatim)",
        "qr": "Scan: document SHA-256 and key ID",
        "page": "Page {n}",
        "queries": "Queried works ({n})",
        "query": "Query {n}",
        "verdict": "Answer",
        "status": "Status",
        "since": "Since",
        "license": "Licence",
        "purged_at": "Purged at",
        "by_request": "Request",
        "matches": "Matches",
        "near": "Near copies",
        "none": "No match.",
        "item_proofs": "Every matched item's ledger entry ({n}) is proven against the checkpoint below in the JSON file.",
        "privacy": "This report answers only about the works queried; it reveals nothing about other items.",
        "name": "File",
        "v_included": "Included",
        "v_purged": "Purged (removed)",
        "v_not_found": "Not found",
        "s_admitted": "admitted",
        "s_quarantined": "quarantined",
        "s_purged": "purged",
        "s_refused": "refused",
        "q_file": "file",
        "q_hash": "hash",
        "q_url": "URL",
    },
    "zh_CN": {
        "cert_title": "删除证明",
        "cert_subtitle": "从人工智能训练语料中删除，并记录于经签名的透明账本",
        "report_title": "收录情况报告",
        "report_subtitle": "所查询作品是否在训练语料中，并附经签名账本的证明",
        "issued_by": "签发机构",
        "issued_at": "签发时间",
        "ledger": "账本",
        "key_id": "密钥 ID",
        "doc_sha": "文件 SHA-256",
        "entry": "账本条目",
        "entry_short": "条目号",
        "report_id": "报告编号",
        "request": "请求",
        "request_id": "请求编号",
        "type": "类型",
        "received": "收到日期",
        "due_by": "截止日期",
        "requester": "请求人",
        "commitment": "以承诺值 {c} 标识（个人信息另行保存，可被删除）",
        "works": "请求人指明的作品",
        "kind": "种类",
        "value": "值",
        "removed": "已删除的条目（{n} 项）",
        "item": "条目",
        "corpus": "语料库",
        "location": "位置",
        "method": "匹配方式",
        "score": "得分",
        "sha256": "内容 SHA-256",
        "shards": "已重写的分片（{n} 个）",
        "path": "分片",
        "before": "删除前 SHA-256",
        "after": "删除后 SHA-256",
        "deleted": "（已删除）",
        "runs": "曾使用这些条目的训练任务",
        "model": "模型",
        "checkpoint_size": "账本大小",
        "items_seen": "涉及条目",
        "no_runs": "无记录。",
        "releases": "曾包含这些条目的数据集版本和镜像",
        "release": "版本",
        "release_kind": "类型",
        "kind_release": "发布版本",
        "kind_mirror": "镜像",
        "lineage": "本次删除的含义",
        "proof": "账本中的证明",
        "proof_text": (
            "本文件由账本的 Ed25519 密钥签名，并记录为账本条目 {i}。下方经签名的检查点（C2SP tlog-checkpoint）"
            "涵盖该条目；JSON 文件中附有完整的 c2sp.org/tlog-proof@v1 证明。仅凭账本公钥即可离线验证 JSON 文件："
        ),
        "verify_cmd": "python -m ledger_app.verify FILE.json --vkey VKEY",
        "checkpoint": "经签名的检查点（原文）",
        "qr": "扫码：文件 SHA-256 与密钥 ID",
        "page": "第 {n} 页",
        "queries": "所查询的作品（{n} 项）",
        "query": "查询 {n}",
        "verdict": "结论",
        "status": "状态",
        "since": "收录时间",
        "license": "许可",
        "purged_at": "删除时间",
        "by_request": "请求",
        "matches": "匹配条目",
        "near": "近似副本",
        "none": "无匹配。",
        "item_proofs": "每个匹配条目的账本记录（共 {n} 条）均在 JSON 文件中附有针对下方检查点的证明。",
        "privacy": "本报告仅回答所查询的作品，不透露任何其他条目的信息。",
        "name": "文件",
        "v_included": "已收录",
        "v_purged": "已删除",
        "v_not_found": "未找到",
        "s_admitted": "已收录",
        "s_quarantined": "已隔离",
        "s_purged": "已删除",
        "s_refused": "已拒绝",
        "q_file": "文件",
        "q_hash": "哈希",
        "q_url": "URL",
    },
}

_REQUEST_TYPES = {
    "en": {"dmca": "DMCA notice", "gdpr": "GDPR erasure request", "publisher": "Publisher demand",
           "optout": "User opt-out", "license": "Licence expiry", "court": "Court order", "other": "Other"},
    "zh_CN": {"dmca": "DMCA 通知", "gdpr": "GDPR 删除请求", "publisher": "出版方要求", "optout": "用户退出",
              "license": "许可到期", "court": "法院命令", "other": "其他"},
}
_REQUESTER_KINDS = {
    "en": {"news_publisher": "news publisher", "individual": "individual", "rights_org": "rights organisation",
           "internal": "internal"},
    "zh_CN": {"news_publisher": "新闻出版方", "individual": "个人", "rights_org": "权利组织", "internal": "内部"},
}
_METHODS = {
    "en": {"exact": "exact", "perceptual": "perceptual", "text": "text", "url": "URL", "account": "account",
           "c2pa": "C2PA signer"},
    "zh_CN": {"exact": "完全一致", "perceptual": "感知相似", "text": "文本相似", "url": "URL", "account": "账号",
              "c2pa": "C2PA 签名者"},
}
_WORK_KINDS = {
    "en": {"file": "file", "hash": "hash", "url": "URL", "domain": "domain", "account": "account", "text": "text"},
    "zh_CN": {"file": "文件", "hash": "哈希", "url": "URL", "domain": "域名", "account": "账号", "text": "文本"},
}


def _lineage_text(lang: str, removed: int, runs: Sequence[dict[str, Any]],
                  releases: Sequence[dict[str, Any]] = ()) -> str:
    if lang == "en":
        from ledger_app.certificates.certificate import lineage_statement

        return lineage_statement(removed, runs, releases)
    s = (
        f"本证明所列的 {removed} 个条目已从所列语料分片中物理删除（附各分片删除前后的 SHA-256），已加入屏蔽清单，"
        "今后再次导入相同内容时将被拒绝，并且自此不再用于基于本账本构建的任何训练任务。"
        "从数据集中删除并不能消除模型已经学到的内容。"
    )
    if runs:
        names = "；".join(f"{r['model']}（语料库 {r['corpus']}，账本检查点 {r['checkpoint_size']}）" for r in runs)
        s += f"以下训练任务使用的语料当时仍包含这些条目，本证明并不声称已将其从这些模型中删除：{names}。"
    else:
        s += "本账本中没有记录任何在删除前使用过包含这些条目的语料的训练任务。"
    if releases:
        names = "；".join(f"{r['name']}（语料库 {r['corpus']}，账本检查点 {r['checkpoint_size']}）" for r in releases)
        s += f"以下数据集版本和镜像在这些条目仍在语料中时发布，至今仍包含它们：{names}。"
    return s


class _Styles:
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


class _Page:
    """Draws the footer of every page: the organisation, the document hash and the page number."""

    def __init__(self, st: _Styles, t: dict[str, str], left: str, digest: str):
        self.st, self.t, self.left, self.digest = st, t, left, digest

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
        _draw(canvas, w - 18 * mm, 10.5 * mm, self.t["page"].format(n=doc.page), 7.5, "right")
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


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(_markup("" if text is None else str(text)), style)


def _draw(canvas, x: float, y: float, text: str, size: float, align: str = "left") -> None:
    """Draw one footer string, in the CID font when it holds Chinese."""
    font = CJK_FONT if any(_is_cjk(c) for c in text) else "Helvetica"
    canvas.setFont(font, size)
    {"left": canvas.drawString, "right": canvas.drawRightString, "centre": canvas.drawCentredString}[align](x, y, text)


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


def _qr(data: str, size: float) -> Drawing:
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


def _when(ts: Any) -> str:
    """An RFC 3339 time as "2026-01-04 10:00Z", so a narrow cell wraps between date and time."""
    if not isinstance(ts, str):
        return "" if ts is None else str(ts)
    text = ts.replace("T", " ")
    return text[:-4] + "Z" if text.endswith(":00Z") and len(text) == 20 else text


def _table(rows: list[list[Any]], widths: Sequence[float], *, header: bool = True) -> Table:
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


def _facts(pairs: list[tuple[str, Any, bool]], st: _Styles, width: float) -> Table:
    """A two-column label/value block; the bool marks values set in monospace (hashes, keys)."""
    rows = [[_p(k, st.label), _p(v, st.cell_mono if mono else st.body)] for k, v, mono in pairs]
    t = Table(rows, colWidths=[38 * mm, width - 38 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return t


def _header(story: list, st: _Styles, title: str, subtitle: str, doc: dict[str, Any], width: float) -> None:
    qr = _qr(qr_payload(doc), 30 * mm)
    head = Table([[[_p(title, st.title), Spacer(1, 2), _p(subtitle, st.subtitle)], qr]],
                 colWidths=[width - 34 * mm, 34 * mm], hAlign="LEFT")
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    story += [head, Spacer(1, 4)]


def _proof_section(story: list, st: _Styles, t: dict[str, str], doc: dict[str, Any], extra: str | None) -> None:
    from ledger_app.ledger.tlogproof import parse_tlog_proof

    checkpoint = parse_tlog_proof(doc["tlog_proof"]).signed_checkpoint
    block = [
        _p(t["proof"], st.h2),
        _p(t["proof_text"].format(i=doc["entry"]["index"]), st.body),
        Spacer(1, 3),
        XPreformatted(escape(t["verify_cmd"]), st.mono),
        Spacer(1, 6),
    ]
    if extra:
        block += [_p(extra, st.body), Spacer(1, 4)]
    block += [
        _p(t["checkpoint"], st.label),
        Spacer(1, 2),
        _CheckpointBox(checkpoint, st, A4[0] - 36 * mm),
        Spacer(1, 4),
        _p(f"{t['qr']}: {doc['document_sha256']} · {(doc.get('signature') or {}).get('key_id')}", st.small),
    ]
    story.append(KeepTogether(block))


def _CheckpointBox(text: str, st: _Styles, width: float) -> Table:  # a flowable factory
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


def _build(path: Path, story: list, footer: _Page, title: str) -> Path:
    path = Path(path)
    tmp = path.with_name(path.name + ".partial")
    pdf = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=22 * mm, title=title, author=footer.left, subject=footer.digest,
                            creator="Provenance Ledger")
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    tmp.replace(path)
    return path


def _check_kind(doc: dict[str, Any], kind: str) -> None:
    if not isinstance(doc, dict) or doc.get("kind") != kind or "tlog_proof" not in doc or "entry" not in doc:
        raise UserError(f"this is not an issued {kind} (it has no kind {kind!r}, entry and tlog_proof)")


def render_certificate_pdf(doc: dict[str, Any], path: Path | str, *, language: str = "en",
                           organisation: str | None = None) -> Path:
    """Render an issued removal certificate to a PDF at `path`."""
    _check_kind(doc, KIND_CERTIFICATE)
    st = _Styles(language)
    t = _T[language]
    width = A4[0] - 36 * mm
    org = organisation or doc.get("organisation") or ""
    req = doc["request"]
    story: list = []
    _header(story, st, t["cert_title"], t["cert_subtitle"], doc, width)
    ledger = doc.get("ledger") or {}
    story.append(_facts([
        (t["issued_by"], org, False),
        (t["issued_at"], doc.get("issued_at"), False),
        (t["ledger"], ledger.get("origin"), True),
        (t["key_id"], (doc.get("signature") or {}).get("key_id"), True),
        (t["entry"], doc["entry"]["index"], False),
        (t["doc_sha"], doc.get("document_sha256"), True),
    ], st, width))

    story.append(_p(t["request"], st.h2))
    requester = req.get("requester") or {}
    kind = _REQUESTER_KINDS[language].get(requester.get("kind"), requester.get("kind") or "")
    if requester.get("name"):
        who = requester["name"] + (f" ({kind})" if kind else "")
    elif requester.get("commitment"):
        who = (kind + ", " if kind else "") + t["commitment"].format(c=requester["commitment"][:16] + "…")
    else:
        who = "—"
    story.append(_facts([
        (t["request_id"], req.get("id"), False),
        (t["type"], _REQUEST_TYPES[language].get(req.get("type"), req.get("type")), False),
        (t["received"], req.get("received"), False),
        (t["due_by"], req.get("due_by"), False),
        (t["requester"], who, False),
    ], st, width))

    works = doc.get("works") or []
    if works:
        story.append(_p(t["works"], st.h2))
        rows = [[_p(t["kind"], st.head), _p(t["value"], st.head)]]
        for w in works:
            value = w.get("value")
            if w.get("name"):
                value = f"{w['name']} — {value}"
            rows.append([_p(_WORK_KINDS[language].get(w.get("kind"), w.get("kind")), st.cell), _p(value, st.cell_mono)])
        story.append(_table(rows, [22 * mm, width - 22 * mm]))

    items = doc["removed_items"]
    story.append(_p(t["removed"].format(n=len(items)), st.h2))
    rows = [[_p(h, st.head) for h in ("#", t["item"], t["corpus"], t["location"], t["method"], t["score"], t["sha256"])]]
    for n, it in enumerate(items, 1):
        rows.append([
            _p(n, st.cell), _p(it.get("item_id"), st.cell), _p(it.get("corpus"), st.cell), _p(it.get("location"), st.cell),
            _p(_METHODS[language].get(it.get("method"), it.get("method")), st.cell), _p(it.get("score"), st.cell),
            _p(it.get("sha256"), st.cell_mono),
        ])
    story.append(_table(rows, [7 * mm, 46 * mm, 16 * mm, 26 * mm, 16 * mm, 11 * mm, width - 122 * mm]))

    shards = doc.get("shards") or []
    if shards:
        story.append(_p(t["shards"].format(n=len(shards)), st.h2))
        rows = [[_p(h, st.head) for h in (t["path"], t["before"], t["after"])]]
        for sh in shards:
            path_text = f"{sh['corpus']}: {sh['path']}" if sh.get("corpus") else sh.get("path")
            rows.append([_p(path_text, st.cell), _p(sh.get("sha256_before"), st.cell_mono),
                         _p(sh.get("sha256_after") or t["deleted"], st.cell_mono)])
        story.append(_table(rows, [width - 2 * 52 * mm, 52 * mm, 52 * mm]))

    runs = doc.get("affected_runs") or []
    story.append(_p(t["runs"], st.h2))
    if runs:
        rows = [[_p(h, st.head) for h in (t["model"], t["corpus"], t["checkpoint_size"], t["items_seen"])]]
        for r in runs:
            rows.append([_p(r.get("model"), st.cell), _p(r.get("corpus"), st.cell), _p(r.get("checkpoint_size"), st.cell),
                         _p(r.get("items_seen", "—"), st.cell)])
        story.append(_table(rows, [width - 100 * mm, 50 * mm, 25 * mm, 25 * mm]))
    else:
        story.append(_p(t["no_runs"], st.body))

    releases = doc.get("affected_releases") or []
    if releases:
        story.append(_p(t["releases"], st.h2))
        rows = [[_p(h, st.head) for h in (t["release"], t["release_kind"], t["corpus"], t["checkpoint_size"],
                                          t["items_seen"])]]
        for r in releases:
            rows.append([_p(r.get("name"), st.cell), _p(t.get(f"kind_{r.get('kind')}", r.get("kind")), st.cell),
                         _p(r.get("corpus"), st.cell), _p(r.get("checkpoint_size"), st.cell),
                         _p(r.get("items_contained", "—"), st.cell)])
        story.append(_table(rows, [width - 125 * mm, 25 * mm, 50 * mm, 25 * mm, 25 * mm]))
    story.append(KeepTogether([_p(t["lineage"], st.h2), _p(_lineage_text(language, len(items), runs, releases), st.body)]))
    _proof_section(story, st, t, doc, None)
    return _build(Path(path), story, _Page(st, t, org, doc["document_sha256"]), t["cert_title"])


def render_report_pdf(doc: dict[str, Any], path: Path | str, *, language: str = "en",
                      organisation: str | None = None) -> Path:
    """Render an issued inclusion report to a PDF at `path`."""
    _check_kind(doc, KIND_REPORT)
    st = _Styles(language)
    t = _T[language]
    width = A4[0] - 36 * mm
    ledger = doc.get("ledger") or {}
    org = organisation or ledger.get("origin") or ""
    story: list = []
    _header(story, st, t["report_title"], t["report_subtitle"], doc, width)
    story.append(_facts([
        (t["issued_by"], org, False),
        (t["issued_at"], doc.get("issued_at"), False),
        (t["report_id"], doc.get("id"), True),
        (t["ledger"], ledger.get("origin"), True),
        (t["key_id"], (doc.get("signature") or {}).get("key_id"), True),
        (t["entry"], doc["entry"]["index"], False),
        (t["doc_sha"], doc.get("document_sha256"), True),
    ], st, width))
    story.append(Spacer(1, 4))
    story.append(_p(t["privacy"], st.small))
    queries = doc["queries"]
    story.append(_p(t["queries"].format(n=len(queries)), st.h2))
    cols = [t["item"], t["corpus"], t["location"], t["status"], t["since"], t["license"], t["method"], t["score"], t["entry_short"]]
    widths = [32 * mm, 17 * mm, 26 * mm, 22 * mm, 19 * mm, 16 * mm, 18 * mm, 11 * mm]
    widths.append(width - sum(widths))
    for n, q in enumerate(queries, 1):
        query = q["query"]
        label = t["q_" + query["kind"]] if "q_" + query["kind"] in t else query["kind"]
        verdict = t.get("v_" + q["verdict"], q["verdict"])
        block = [_p(f"{t['query'].format(n=n)} — {label}: {verdict}", st.label)]
        pairs = [(t["kind"], label, False)]
        if query.get("name"):
            pairs.append((t["name"], query["name"], False))
        pairs += [(t["value"], query["value"], True), (t["verdict"], verdict, False)]
        block.append(_facts(pairs, st, width))
        story.append(KeepTogether(block))
        for title, group in ((t["matches"], q.get("items") or []), (t["near"], q.get("near_copies") or [])):
            if not group:
                continue
            story.append(Spacer(1, 3))
            story.append(_p(title, st.label))
            rows = [[_p(h, st.head) for h in cols]]
            for it in group:
                status = t.get("s_" + it["status"], it["status"])
                if it.get("purged_at"):
                    status += f" {_when(it['purged_at'])}"
                if it.get("request") is not None:
                    status += f" ({t['by_request']} {it['request']})"
                rows.append([
                    _p(it.get("item_id"), st.cell), _p(it.get("corpus"), st.cell), _p(it.get("location"), st.cell),
                    _p(status, st.cell_words), _p(_when(it.get("since")) or "—", st.cell_words),
                    _p(it.get("license") or "—", st.cell),
                    _p(_METHODS[language].get(it.get("method"), it.get("method")), st.cell_words), _p(it.get("score"), st.cell),
                    _p(it.get("entry_index"), st.cell),
                ])
            story.append(_table(rows, widths))
        if not (q.get("items") or q.get("near_copies")):
            story.append(_p(t["none"], st.body))
        story.append(Spacer(1, 8))
    n_items = len(doc.get("item_proofs") or [])
    _proof_section(story, st, t, doc, t["item_proofs"].format(n=n_items) if n_items else None)
    return _build(Path(path), story, _Page(st, t, org, doc["document_sha256"]), t["report_title"])
