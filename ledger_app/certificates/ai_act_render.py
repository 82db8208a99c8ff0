"""The AI Act training-content summary for people: Markdown, HTML and PDF, in English and Chinese.

Why this exists: the signed JSON is what proves; the published summary is a document following the
Commission template's sections. All three renderings come from one list of blocks (`_blocks`), so
they say the same thing; every statement the ledger cannot prove is shown as "to be attested by a
person" with its answer, if one was given. The PDF reuses the certificate renderer's styles, footer
and proof section (`certificates/pdfkit.py`).
"""

from __future__ import annotations

from html import escape as html_escape
from pathlib import Path
from typing import Any

from ledger_app.core.errors import UserError
from ledger_app.ledger.documents import KIND_SUMMARY

LANGUAGES = ("en", "zh_CN")

_T = {
    "en": {
        "title": "Public summary of training content",
        "subtitle": "EU AI Act Art. 53(1)(d), following the Commission's template of July 2025; figures computed "
                    "from the signed ledger",
        "scope": "Scope", "run": "training run of model {m}", "corpora": "corpora: {c}", "issued_at": "Issued at",
        "summary_id": "Summary ID", "doc_sha": "Document SHA-256", "entry": "Ledger entry", "variant": "Variant",
        "v_standard": "standard (top 10% of domains)", "v_sme": "SME (top 5% of domains or 1,000)",
        "tree": "Computed at ledger size",
        "s1": "1. General information", "modality": "Modality", "items": "Items", "bytes": "Bytes",
        "band": "Size band", "tokens": "tokens (estimated)", "to_attest": "to be attested by a person",
        "languages": "Languages (items)", "latest": "Latest data acquisition", "basis": "basis",
        "s2": "2. List of data sources", "s2_1": "2.1 Publicly available datasets",
        "s2_2": "2.2 Private non-publicly available datasets (licensed)", "licences": "Licences (items)",
        "s2_3": "2.3 Data crawled and scraped from online sources", "crawler": "Crawler", "period": "Period",
        "domains": "Top domains by volume ({rule}; {n} of {total} domains)", "domain": "Domain", "share": "Share",
        "s2_4": "2.4 User data", "s2_5": "2.5 Synthetic data",
        "ai_items": "Items whose C2PA Content Credentials declare them AI-generated (digitalSourceType): {n}",
        "s2_6": "2.6 Other sources", "corpus": "Corpus", "excluded": "Excluded", "licence": "Licence",
        "none": "None.",
        "s3": "3. Data processing aspects", "s3_1": "3.1 Respect of reservations of rights (opt-outs)",
        "excl": "Items kept out of training: {q} quarantined, {r} refused, {p} purged; {t} of them because AI "
                "training was reserved by a machine-readable signal.",
        "signal": "Signal", "per_signal": "Excluded items per signal (an item may count under several)",
        "signals_read": "Signals read at ingest: {s}.",
        "snapshots": "Policy-file snapshots (robots.txt, tdmrep.json, ai.txt) recorded in the ledger",
        "s3_2": "3.2 Removal of illegal or infringing content", "request": "Request", "type": "Type",
        "removed": "Items removed", "blocklist": "Blocklist entries (content refused if ingested again): {n}",
        "att": "Statements to be attested by a person (not proven by the ledger)", "section": "Section",
        "statement": "Statement", "answer": "Answer", "no_answer": "(not yet attested)", "files": "Files",
    },
    "zh_CN": {
        "title": "训练内容公开摘要",
        "subtitle": "依据欧盟《人工智能法》第 53(1)(d) 条及欧盟委员会 2025 年 7 月模板；数据由签名账本计算得出",
        "scope": "范围", "run": "模型 {m} 的训练任务", "corpora": "语料：{c}", "issued_at": "签发时间",
        "summary_id": "摘要 ID", "doc_sha": "文件 SHA-256", "entry": "账本条目", "variant": "版本",
        "v_standard": "标准版（前 10% 的域名）", "v_sme": "中小企业版（前 5% 的域名或 1,000 个）",
        "tree": "计算时的账本大小",
        "s1": "1. 一般信息", "modality": "模态", "items": "条目", "bytes": "字节", "band": "规模区间",
        "tokens": "词元（估算）", "to_attest": "待人工声明",
        "languages": "语言（条目数）", "latest": "最近一次数据获取", "basis": "依据",
        "s2": "2. 数据来源清单", "s2_1": "2.1 公开可用的数据集", "s2_2": "2.2 非公开的私有数据集（许可）",
        "licences": "许可（条目数）", "s2_3": "2.3 从网络爬取和抓取的数据", "crawler": "爬虫", "period": "时段",
        "domains": "按数据量排名的主要域名（{rule}；共 {total} 个域名中的 {n} 个）", "domain": "域名", "share": "占比",
        "s2_4": "2.4 用户数据", "s2_5": "2.5 合成数据",
        "ai_items": "C2PA 内容凭证声明为 AI 生成（digitalSourceType）的条目：{n}",
        "s2_6": "2.6 其他来源", "corpus": "语料", "excluded": "已排除", "licence": "许可", "none": "无。",
        "s3": "3. 数据处理", "s3_1": "3.1 尊重权利保留（选择退出）",
        "excl": "未用于训练的条目：隔离 {q} 条，拒绝 {r} 条，清除 {p} 条；其中 {t} 条因机器可读信号保留了 AI 训练权利。",
        "signal": "信号", "per_signal": "按信号统计的排除条目（一个条目可能计入多个信号）",
        "signals_read": "入库时读取的信号：{s}。",
        "snapshots": "记录在账本中的策略文件快照（robots.txt、tdmrep.json、ai.txt）",
        "s3_2": "3.2 删除违法或侵权内容", "request": "请求", "type": "类型", "removed": "删除条目",
        "blocklist": "屏蔽清单条目（再次入库时将被拒绝）：{n}",
        "att": "待人工声明的事项（账本无法证明）", "section": "章节", "statement": "事项", "answer": "答复",
        "no_answer": "（尚未声明）", "files": "文件",
    },
}
_STATEMENTS_ZH = {
    "provider": "提供者名称与联系方式，以及模型名称和发布日期。",
    "modalities_duration": "音频和视频训练数据的规模区间（未记录时长）。",
    "other_training_data": "是否存在未记录在本账本中的训练数据。",
    "code_of_practice": "提供者是否签署了通用人工智能行为准则（版权章节）。",
    "optout_policy": "除此处记录的信号外，识别并尊重权利保留的措施（例如在使用本账本之前）。",
    "illegal_content": "除此处记录的删除请求外，从训练数据中删除违法内容的措施。",
    "user_data_services": "用户数据来自哪些服务或产品，以及是否告知了用户。",
    "synthetic_models": "哪些 AI 模型生成了合成数据，以及是否为提供者自有模型。",
    "crawler_behaviour": "所列爬虫在抓取时遵守了 robots.txt 和付费墙（账本记录抓取了什么，而非如何抓取）。",
    "sme": "提供者符合中小企业或小型中型企业条件，可使用较短的域名列表。",
}


_VALUES_ZH = {
    "less than 1 billion tokens": "少于 10 亿词元", "1 billion to 10 trillion tokens": "10 亿至 10 万亿词元",
    "more than 10 trillion tokens": "超过 10 万亿词元", "less than 1 million images": "少于 100 万张图像",
    "1 million to 1 billion images": "100 万至 10 亿张图像", "more than 1 billion images": "超过 10 亿张图像",
    "fetch time recorded by the crawler": "爬虫记录的抓取时间", "ingest date": "入库日期",
    "top 10% of domains": "前 10% 的域名",
    "top 5% of domains or 1,000, whichever is lower (SME)": "前 5% 的域名或 1,000 个，取较小者（中小企业）",
    "image": "图像", "text": "文本", "audio": "音频", "video": "视频", "other": "其他",
}


def _v(value: Any, language: str) -> Any:
    return _VALUES_ZH.get(value, value) if language == "zh_CN" and isinstance(value, str) else value


def _check(doc: dict[str, Any], language: str) -> dict[str, str]:
    if not isinstance(doc, dict) or doc.get("kind") != KIND_SUMMARY or "sections" not in doc:
        raise UserError(f"this is not an AI Act training-content summary (kind {KIND_SUMMARY!r})")
    if language not in LANGUAGES:
        raise UserError(f"the language is one of {', '.join(LANGUAGES)}, not {language!r}")
    return _T[language]


def _n(v: Any) -> str:
    return f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else ("—" if v in (None, "") else str(v))


def _blocks(doc: dict[str, Any], language: str) -> list[tuple[str, Any]]:
    """The document as ("h1"|"h2"|"h3"|"p"|"facts"|"table", content) blocks."""
    t = _check(doc, language)
    s = doc["sections"]
    sc = doc["scope"]
    out: list[tuple[str, Any]] = [("h1", t["title"]), ("p", t["subtitle"])]
    scope = t["run"].format(m=sc.get("model")) if sc.get("kind") == "training-run" else ""
    if sc.get("corpora"):
        scope = (scope + "; " if scope else "") + t["corpora"].format(c=", ".join(sc["corpora"]))
    facts = [(t["scope"], scope), (t["issued_at"], _n(doc.get("issued_at"))), (t["variant"], t["v_" + doc.get("variant", "standard")]),
             (t["tree"], _n(doc.get("computed_at_tree_size"))), (t["summary_id"], doc.get("id"))]
    if doc.get("entry"):
        facts += [(t["entry"], _n(doc["entry"].get("index"))), (t["doc_sha"], doc.get("document_sha256"))]
    out.append(("facts", facts))

    g = s["1_general"]
    out.append(("h2", t["s1"]))
    rows = [[t["modality"], t["items"], t["bytes"], t["band"]]]
    for mod, v in g["modalities"].items():
        band = _v(v.get("size_band"), language) or t["to_attest"]
        if "tokens_estimated" in v:
            band = f"{band}; {_n(v['tokens_estimated'])} {t['tokens']}"
        rows.append([_v(mod, language), _n(v["items"]), _n(v["bytes"]), band])
    out.append(("table", rows))
    langs = ", ".join(f"{k} ({_n(n)})" for k, n in g["languages"].items()) or t["none"]
    out.append(("facts", [(t["languages"], langs),
                          (t["latest"], f"{g['latest_acquisition'] or '—'} ({t['basis']}: "
                                        f"{_v(g['latest_acquisition_basis'], language)})")]))

    src = s["2_sources"]
    out.append(("h2", t["s2"]))

    def corpora_table(rows_in: list[dict[str, Any]], extra: tuple[str, ...] = ()) -> tuple[str, Any]:
        if not rows_in:
            return ("p", t["none"])
        head = [t["corpus"], t["items"], t["bytes"], t["modality"], t["licence"], t["excluded"], *extra]
        body = [[r["corpus"], _n(r["items"]), _n(r["bytes"]), ", ".join(_v(m, language) for m in r["modalities"]) or "—",
                 r.get("license") or "—",
                 _n(r["excluded"])] for r in rows_in]
        return ("table", [head, *body])

    out += [("h3", t["s2_1"]), corpora_table(src["2_1_public_datasets"])]
    out += [("h3", t["s2_2"]), corpora_table(src["2_2_licensed"]["corpora"])]
    if src["2_2_licensed"]["licences"]:
        out.append(("facts", [(t["licences"], ", ".join(f"{k} ({_n(v)})" for k, v in src["2_2_licensed"]["licences"].items()))]))
    cr = src["2_3_crawled"]
    out.append(("h3", t["s2_3"]))
    if cr["corpora"]:
        out.append(("table", [[t["corpus"], t["crawler"], t["period"], t["items"], t["bytes"], t["excluded"]]] + [
            [r["corpus"], r.get("crawler") or "—", f"{(r.get('period_from') or '—')[:10]} – {(r.get('period_to') or '—')[:10]}",
             _n(r["items"]), _n(r["bytes"]), _n(r["excluded"])] for r in cr["corpora"]]))
    else:
        out.append(("p", t["none"]))
    if cr["top_domains"]:
        out.append(("p", t["domains"].format(rule=_v(cr["top_domains_rule"], language), n=len(cr["top_domains"]), total=cr["domains_total"])))
        out.append(("table", [[t["domain"], t["items"], t["bytes"], t["share"]]] + [
            [d["domain"], _n(d["items"]), _n(d["bytes"]), d["share"]] for d in cr["top_domains"]]))
    out += [("h3", t["s2_4"]), corpora_table(src["2_4_user_data"])]
    out += [("h3", t["s2_5"]), corpora_table(src["2_5_synthetic"]["corpora"]),
            ("p", t["ai_items"].format(n=_n(src["2_5_synthetic"]["ai_generated_items_c2pa"])))]
    out += [("h3", t["s2_6"]), corpora_table(src["2_6_other"])]

    pr = s["3_processing"]
    o = pr["3_1_opt_outs"]
    ex = o["excluded_items"]
    out += [("h2", t["s3"]), ("h3", t["s3_1"]),
            ("p", t["excl"].format(q=_n(ex.get("quarantined", 0)), r=_n(ex.get("refused", 0)), p=_n(ex.get("purged", 0)),
                                   t=_n(o["excluded_train_ai_reserved"])))]
    if o["excluded_per_signal"]:
        out.append(("p", t["per_signal"]))
        out.append(("table", [[t["signal"], t["items"]]] + [[k, _n(v)] for k, v in o["excluded_per_signal"].items()]))
    out.append(("p", t["signals_read"].format(s=", ".join(o["signals_read"]))))
    if o["policy_snapshots"]:
        out.append(("p", t["snapshots"]))
        out.append(("table", [[t["corpus"], "SHA-256", t["entry"], t["files"]]] + [
            [x["corpus"], x["sha256"], _n(x["entry"]), _n(x["files"])] for x in o["policy_snapshots"]]))
    rm = pr["3_2_removals"]
    out.append(("h3", t["s3_2"]))
    if rm["takedowns"]:
        out.append(("table", [[t["request"], t["type"], t["removed"]]] + [
            [_n(x["request"]), x["type"], _n(x["items_removed"])] for x in rm["takedowns"]]))
    else:
        out.append(("p", t["none"]))
    out.append(("p", t["blocklist"].format(n=_n(rm["blocklist_entries"]))))

    out.append(("h2", t["att"]))
    rows = [[t["section"], t["statement"], t["answer"]]]
    for a in doc["attestations"]:
        text = _STATEMENTS_ZH.get(a["id"], a["statement"]) if language == "zh_CN" else a["statement"]
        rows.append([a["section"], f"{text} [{a['id']}]", a.get("answer") or t["no_answer"]])
    out.append(("table", rows))
    return out


def render_markdown(doc: dict[str, Any], language: str = "en") -> str:
    lines: list[str] = []
    cell = lambda v: str(v).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    for kind, c in _blocks(doc, language):
        if kind in ("h1", "h2", "h3"):
            lines += ["#" * int(kind[1]) + " " + c, ""]
        elif kind == "p":
            lines += [c, ""]
        elif kind == "facts":
            lines += [f"- **{k}:** {cell(v)}" for k, v in c] + [""]
        elif kind == "table":
            lines.append("| " + " | ".join(cell(h) for h in c[0]) + " |")
            lines.append("|" + "---|" * len(c[0]))
            lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in c[1:]]
            lines.append("")
    return "\n".join(lines)


def render_html(doc: dict[str, Any], language: str = "en") -> str:
    e = lambda v: html_escape(str(v))  # noqa: E731
    parts = [f'<!doctype html><html lang="{"zh-CN" if language == "zh_CN" else "en"}"><head><meta charset="utf-8">',
             f"<title>{e(_T[language]['title'])}</title><style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;"
             "color:#1b2a3a}table{border-collapse:collapse;margin:.5em 0}td,th{border-bottom:1px solid #c9d3dd;"
             "padding:.2em .6em;text-align:left;vertical-align:top}th{background:#e8eef4}</style></head><body>"]
    for kind, c in _blocks(doc, language):
        if kind in ("h1", "h2", "h3"):
            parts.append(f"<{kind}>{e(c)}</{kind}>")
        elif kind == "p":
            parts.append(f"<p>{e(c)}</p>")
        elif kind == "facts":
            parts.append("<dl>" + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in c) + "</dl>")
        elif kind == "table":
            parts.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in c[0]) + "</tr>"
                         + "".join("<tr>" + "".join(f"<td>{e(v)}</td>" for v in r) + "</tr>" for r in c[1:]) + "</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def render_summary_pdf(doc: dict[str, Any], path: Path | str, *, language: str = "en",
                       organisation: str | None = None) -> Path:
    """Render an issued summary to a PDF at `path` (with the ledger proof section)."""
    from reportlab.platypus import Flowable, Spacer

    from ledger_app.certificates import pdfkit as K

    t = _check(doc, language)
    if "tlog_proof" not in doc or "entry" not in doc:
        raise UserError("this summary was not issued (it has no entry and tlog_proof); issue it with `ledger report ai-act`")
    st = K.Styles(language)
    tp = K.pdf_strings(language).text
    width = K.CONTENT_WIDTH
    org = organisation or (doc.get("ledger") or {}).get("origin") or ""
    story: list[Flowable] = []
    blocks = _blocks(doc, language)
    K.header(story, st, blocks[0][1], blocks[1][1], doc, width)
    for kind, c in blocks[2:]:
        if kind == "h2":
            story.append(K.paragraph(c, st.h2))
        elif kind == "h3":
            story += [Spacer(1, 3), K.paragraph(c, st.label), Spacer(1, 2)]
        elif kind == "p":
            story += [K.paragraph(c, st.body), Spacer(1, 2)]
        elif kind == "facts":
            story += [K.facts([(k, v, k in ("SHA-256", t["doc_sha"], t["summary_id"])) for k, v in c], st, width),
                      Spacer(1, 3)]
        elif kind == "table":
            n = len(c[0])
            rows = [[K.paragraph(h, st.head) for h in c[0]]] + [[K.paragraph(v, st.cell) for v in r] for r in c[1:]]
            story += [K.table(rows, [width / n] * n), Spacer(1, 4)]
    K.proof_section(story, st, tp, doc, None)
    return K.build_pdf(Path(path), story, K.PageFooter(tp["page"], org, doc["document_sha256"]), t["title"])
