"""PDF renderings of removal certificates and inclusion reports, for people.

Why this exists: the JSON file is what proves; the PDF is what a legal team sends and a requester
reads. It shows the organisation, the request, every removed item (long IDs and hashes wrap, long
tables continue on the next page with their header repeated), the honest lineage statement, the
signed checkpoint verbatim, and a QR code carrying the document's SHA-256 and the key ID so a reader
can match the paper to the file. English and Simplified Chinese: the fixed strings are in
resources/translations/pdf_strings.json, and the styles, footer, tables and proof section are the
ones every PDF of the app uses (certificates/pdfkit.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ledger_app.certificates.pdfkit import (
    CONTENT_WIDTH,
    LANGUAGES,
    PageFooter,
    Styles,
    build_pdf,
    facts,
    header,
    paragraph,
    pdf_strings,
    proof_section,
    qr_code,
    qr_matrix,
    qr_payload,
    table,
    when,
)
from ledger_app.core.errors import UserError
from ledger_app.ledger.documents import KIND_CERTIFICATE, KIND_REPORT

# Re-exported: the QR code's content and modules belong to these documents' public surface.
__all__ = ["LANGUAGES", "qr_code", "qr_matrix", "qr_payload", "render_certificate_pdf", "render_report_pdf"]


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


def _check_kind(doc: dict[str, Any], kind: str) -> None:
    if not isinstance(doc, dict) or doc.get("kind") != kind or "tlog_proof" not in doc or "entry" not in doc:
        raise UserError(f"this is not an issued {kind} (it has no kind {kind!r}, entry and tlog_proof)")


def render_certificate_pdf(doc: dict[str, Any], path: Path | str, *, language: str = "en",
                           organisation: str | None = None) -> Path:
    """Render an issued removal certificate to a PDF at `path`."""
    _check_kind(doc, KIND_CERTIFICATE)
    st = Styles(language)
    s = pdf_strings(language)
    t = s.text
    width = CONTENT_WIDTH
    org = organisation or doc.get("organisation") or ""
    req = doc["request"]
    story: list[Flowable] = []
    header(story, st, t["cert_title"], t["cert_subtitle"], doc, width)
    ledger = doc.get("ledger") or {}
    story.append(facts([
        (t["issued_by"], org, False),
        (t["issued_at"], doc.get("issued_at"), False),
        (t["ledger"], ledger.get("origin"), True),
        (t["key_id"], (doc.get("signature") or {}).get("key_id"), True),
        (t["entry"], doc["entry"]["index"], False),
        (t["doc_sha"], doc.get("document_sha256"), True),
    ], st, width))

    story.append(paragraph(t["request"], st.h2))
    requester = req.get("requester") or {}
    kind = s.requester_kinds.get(requester.get("kind"), requester.get("kind") or "")
    if requester.get("name"):
        who = requester["name"] + (f" ({kind})" if kind else "")
    elif requester.get("commitment"):
        who = (kind + ", " if kind else "") + t["commitment"].format(c=requester["commitment"][:16] + "…")
    else:
        who = "—"
    story.append(facts([
        (t["request_id"], req.get("id"), False),
        (t["type"], s.request_types.get(req.get("type"), req.get("type")), False),
        (t["received"], req.get("received"), False),
        (t["due_by"], req.get("due_by"), False),
        (t["requester"], who, False),
    ], st, width))

    works = doc.get("works") or []
    if works:
        story.append(paragraph(t["works"], st.h2))
        rows = [[paragraph(t["kind"], st.head), paragraph(t["value"], st.head)]]
        for w in works:
            value = w.get("value")
            if w.get("name"):
                value = f"{w['name']} — {value}"
            rows.append([paragraph(s.work_kinds.get(w.get("kind"), w.get("kind")), st.cell), paragraph(value, st.cell_mono)])
        story.append(table(rows, [22 * mm, width - 22 * mm]))

    items = doc["removed_items"]
    story.append(paragraph(t["removed"].format(n=len(items)), st.h2))
    rows = [[paragraph(h, st.head) for h in ("#", t["item"], t["corpus"], t["location"], t["method"], t["score"], t["sha256"])]]
    for n, it in enumerate(items, 1):
        rows.append([
            paragraph(n, st.cell), paragraph(it.get("item_id"), st.cell), paragraph(it.get("corpus"), st.cell), paragraph(it.get("location"), st.cell),
            paragraph(s.methods.get(it.get("method"), it.get("method")), st.cell), paragraph(it.get("score"), st.cell),
            paragraph(it.get("sha256"), st.cell_mono),
        ])
    story.append(table(rows, [7 * mm, 46 * mm, 16 * mm, 26 * mm, 16 * mm, 11 * mm, width - 122 * mm]))

    shards = doc.get("shards") or []
    if shards:
        story.append(paragraph(t["shards"].format(n=len(shards)), st.h2))
        rows = [[paragraph(h, st.head) for h in (t["path"], t["before"], t["after"])]]
        for sh in shards:
            path_text = f"{sh['corpus']}: {sh['path']}" if sh.get("corpus") else sh.get("path")
            rows.append([paragraph(path_text, st.cell), paragraph(sh.get("sha256_before"), st.cell_mono),
                         paragraph(sh.get("sha256_after") or t["deleted"], st.cell_mono)])
        story.append(table(rows, [width - 2 * 52 * mm, 52 * mm, 52 * mm]))

    runs = doc.get("affected_runs") or []
    story.append(paragraph(t["runs"], st.h2))
    if runs:
        rows = [[paragraph(h, st.head) for h in (t["model"], t["corpus"], t["checkpoint_size"], t["items_seen"])]]
        for r in runs:
            rows.append([paragraph(r.get("model"), st.cell), paragraph(r.get("corpus"), st.cell), paragraph(r.get("checkpoint_size"), st.cell),
                         paragraph(r.get("items_seen", "—"), st.cell)])
        story.append(table(rows, [width - 100 * mm, 50 * mm, 25 * mm, 25 * mm]))
    else:
        story.append(paragraph(t["no_runs"], st.body))

    releases = doc.get("affected_releases") or []
    if releases:
        story.append(paragraph(t["releases"], st.h2))
        rows = [[paragraph(h, st.head) for h in (t["release"], t["release_kind"], t["corpus"], t["checkpoint_size"],
                                          t["items_seen"])]]
        for r in releases:
            rows.append([paragraph(r.get("name"), st.cell), paragraph(t.get(f"kind_{r.get('kind')}", r.get("kind")), st.cell),
                         paragraph(r.get("corpus"), st.cell), paragraph(r.get("checkpoint_size"), st.cell),
                         paragraph(r.get("items_contained", "—"), st.cell)])
        story.append(table(rows, [width - 125 * mm, 25 * mm, 50 * mm, 25 * mm, 25 * mm]))
    story.append(KeepTogether([paragraph(t["lineage"], st.h2), paragraph(_lineage_text(language, len(items), runs, releases), st.body)]))
    proof_section(story, st, t, doc, None)
    return build_pdf(Path(path), story, PageFooter(t["page"], org, doc["document_sha256"]), t["cert_title"])


def render_report_pdf(doc: dict[str, Any], path: Path | str, *, language: str = "en",
                      organisation: str | None = None) -> Path:
    """Render an issued inclusion report to a PDF at `path`."""
    _check_kind(doc, KIND_REPORT)
    st = Styles(language)
    s = pdf_strings(language)
    t = s.text
    width = CONTENT_WIDTH
    ledger = doc.get("ledger") or {}
    org = organisation or ledger.get("origin") or ""
    story: list[Flowable] = []
    header(story, st, t["report_title"], t["report_subtitle"], doc, width)
    story.append(facts([
        (t["issued_by"], org, False),
        (t["issued_at"], doc.get("issued_at"), False),
        (t["report_id"], doc.get("id"), True),
        (t["ledger"], ledger.get("origin"), True),
        (t["key_id"], (doc.get("signature") or {}).get("key_id"), True),
        (t["entry"], doc["entry"]["index"], False),
        (t["doc_sha"], doc.get("document_sha256"), True),
    ], st, width))
    story.append(Spacer(1, 4))
    story.append(paragraph(t["privacy"], st.small))
    queries = doc["queries"]
    story.append(paragraph(t["queries"].format(n=len(queries)), st.h2))
    cols = [t["item"], t["corpus"], t["location"], t["status"], t["since"], t["license"], t["method"], t["score"], t["entry_short"]]
    widths = [32 * mm, 17 * mm, 26 * mm, 22 * mm, 19 * mm, 16 * mm, 18 * mm, 11 * mm]
    widths.append(width - sum(widths))
    for n, q in enumerate(queries, 1):
        query = q["query"]
        label = t["q_" + query["kind"]] if "q_" + query["kind"] in t else query["kind"]
        verdict = t.get("v_" + q["verdict"], q["verdict"])
        block = [paragraph(f"{t['query'].format(n=n)} — {label}: {verdict}", st.label)]
        pairs = [(t["kind"], label, False)]
        if query.get("name"):
            pairs.append((t["name"], query["name"], False))
        pairs += [(t["value"], query["value"], True), (t["verdict"], verdict, False)]
        block.append(facts(pairs, st, width))
        story.append(KeepTogether(block))
        for title, group in ((t["matches"], q.get("items") or []), (t["near"], q.get("near_copies") or [])):
            if not group:
                continue
            story.append(Spacer(1, 3))
            story.append(paragraph(title, st.label))
            rows = [[paragraph(h, st.head) for h in cols]]
            for it in group:
                status = t.get("s_" + it["status"], it["status"])
                if it.get("purged_at"):
                    status += f" {when(it['purged_at'])}"
                if it.get("request") is not None:
                    status += f" ({t['by_request']} {it['request']})"
                rows.append([
                    paragraph(it.get("item_id"), st.cell), paragraph(it.get("corpus"), st.cell), paragraph(it.get("location"), st.cell),
                    paragraph(status, st.cell_words), paragraph(when(it.get("since")) or "—", st.cell_words),
                    paragraph(it.get("license") or "—", st.cell),
                    paragraph(s.methods.get(it.get("method"), it.get("method")), st.cell_words), paragraph(it.get("score"), st.cell),
                    paragraph(it.get("entry_index"), st.cell),
                ])
            story.append(table(rows, widths))
        if not (q.get("items") or q.get("near_copies")):
            story.append(paragraph(t["none"], st.body))
        story.append(Spacer(1, 8))
    n_items = len(doc.get("item_proofs") or [])
    proof_section(story, st, t, doc, t["item_proofs"].format(n=n_items) if n_items else None)
    return build_pdf(Path(path), story, PageFooter(t["page"], org, doc["document_sha256"]), t["report_title"])
