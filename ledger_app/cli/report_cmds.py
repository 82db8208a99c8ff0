"""`ledger report ai-act`: the EU AI Act training-content summary, signed, in JSON, Markdown, HTML and PDF."""

from __future__ import annotations

import json
from pathlib import Path

from ledger_app.core.errors import UserError


def register(sub, common) -> None:
    r = sub.add_parser("report", parents=[common], help="reports computed from the ledger")
    rsub = r.add_subparsers(dest="report_command", metavar="REPORT_COMMAND")
    rsub.required = True
    p = rsub.add_parser(
        "ai-act", parents=[common],
        help="the EU AI Act Art. 53(1)(d) training-content summary (Commission template, July 2025), signed",
    )
    p.add_argument("--run", metavar="MODEL", help="summarise the training run(s) of this model")
    p.add_argument("--corpus", action="append", default=[], metavar="NAME",
                   help="summarise these corpora (repeatable; default: every corpus)")
    p.add_argument("--sme", action="store_true", help="the SME variant: top 5%% of domains or 1,000, whichever is lower")
    p.add_argument("--attestations", type=Path, metavar="FILE",
                   help="a person's answers to the statements the ledger cannot prove (JSON {id: text})")
    p.add_argument("-o", "--output", type=Path, help="write the signed JSON here (default: print it)")
    p.add_argument("--markdown", type=Path, metavar="FILE", help="also write a Markdown document")
    p.add_argument("--html", type=Path, metavar="FILE", help="also write an HTML document")
    p.add_argument("--pdf", type=Path, metavar="FILE", help="also write a PDF")
    p.add_argument("--language", choices=["en", "zh_CN"], default="en", help="language of the Markdown/HTML/PDF")
    p.set_defaults(handler=cmd_ai_act)


def _answers(path: Path | None) -> dict | None:
    if path is None:
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise UserError(f"{path} cannot be read as JSON ({e}); give a JSON object {{attestation id: answer}}") from None
    if not isinstance(data, dict):
        raise UserError(f"{path} is not a JSON object {{attestation id: answer}}")
    return data


def cmd_ai_act(ctx) -> int:
    from ledger_app.certificates.ai_act_render import render_html, render_markdown, render_summary_pdf

    a = ctx.args
    doc = ctx.corpus.ai_act_summary(run=a.run, corpora=a.corpus or None, sme=a.sme,
                                    answers=_answers(a.attestations)).document
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    written = []
    if a.output:
        a.output.write_text(text + "\n", "utf-8")
        written.append(str(a.output))
    if a.markdown:
        a.markdown.write_text(render_markdown(doc, a.language), "utf-8")
        written.append(str(a.markdown))
    if a.html:
        a.html.write_text(render_html(doc, a.language), "utf-8")
        written.append(str(a.html))
    if a.pdf:
        render_summary_pdf(doc, a.pdf, language=a.language)
        written.append(str(a.pdf))
    if not a.output:
        print(text)
        return 0
    ctx.out({"id": doc["id"], "entry": doc["entry"]["index"], "document_sha256": doc["document_sha256"],
             "written": written},
            lambda r: f"AI Act summary {r['id']} signed and recorded as ledger entry {r['entry']}; wrote "
                      + ", ".join(r["written"]))
    return 0
