"""`ledger takedown …`, `ledger claim …`, `ledger license …`, `ledger run …`: the legal workflow."""

from __future__ import annotations

import sys
from pathlib import Path

from ledger_app.takedown.requests import DmcaElements


def _works_args(p) -> None:
    p.add_argument("--file", action="append", default=[], type=Path, help="a claimed file (hashed and fingerprinted, never stored)")
    p.add_argument("--hash", action="append", default=[], help="SHA-256 of a claimed work")
    p.add_argument("--url", action="append", default=[], help="a URL where the work was (normalised)")
    p.add_argument("--domain", action="append", default=[], help="a whole domain")
    p.add_argument("--account", action="append", default=[], help="an uploader account ID")
    p.add_argument("--text-file", action="append", default=[], type=Path, help="article text (UTF-8)")
    p.add_argument("--c2pa-signer", action="append", default=[], help="C2PA signer name (substring)")


def _intake_args(p, default_kind: str | None = "individual") -> None:
    from ledger_app.takedown.requests import DEFAULT_REQUESTER_KIND

    p.add_argument("--requester", help="the requester's name (kept erasably, never in the ledger)")
    p.add_argument("--requester-kind", default=DEFAULT_REQUESTER_KIND if default_kind else None,
                   choices=["news_publisher", "individual", "rights_org", "internal"],
                   help=f"who the requester is (default: {DEFAULT_REQUESTER_KIND})" if default_kind else "who the requester is")
    p.add_argument("--email", help="the requester's contact e-mail (kept erasably)")
    p.add_argument("--received", help="date received (YYYY-MM-DD; default today)")


def _dmca_args(p) -> None:
    p.add_argument("--work", help="DMCA (ii): identification of the copyrighted work")
    p.add_argument("--signature", help="DMCA (i): physical or electronic signature")
    p.add_argument("--good-faith", action="store_true", help="DMCA (v): the good-faith statement was made")
    p.add_argument("--accurate-under-penalty", action="store_true",
                   help="DMCA (vi): the accuracy statement under penalty of perjury was made")


EXIT_DRAFT = 3  # an incomplete request kept as a draft: nothing recorded in the ledger


def _works(ctx):
    a = ctx.args
    return ctx.takedown.work_specs(files=a.file, hashes=a.hash, urls=a.url, domains=a.domain, accounts=a.account,
                                   text_files=a.text_file, c2pa_signers=a.c2pa_signer)


def register(sub, common) -> None:
    t = sub.add_parser("takedown", parents=[common], help="takedown requests")
    tsub = t.add_subparsers(dest="takedown_command", metavar="TAKEDOWN_COMMAND")
    tsub.required = True

    p = tsub.add_parser(
        "new", parents=[common], help="open a request",
        description="Open a takedown request. An incomplete request (a DMCA notice without one of the six "
                    "512(c)(3)(A) elements, or any request without an identification of the material) is refused: "
                    "the missing elements are listed, nothing is recorded and the exit status is 1. With --draft it "
                    "is kept as a draft to complete with `ledger takedown amend` (exit status 3); with "
                    "--record-anyway it is recorded as rejected.")
    p.add_argument("--type", required=True, choices=["dmca", "gdpr", "publisher", "optout", "license", "court", "other"],
                   help="kind of request (gdpr: due in one month; others: takedown.default_due_days)")
    _intake_args(p)
    _works_args(p)
    _dmca_args(p)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--record-anyway", action="store_true", help="record an incomplete request, as rejected")
    g.add_argument("--draft", action="store_true", help="keep an incomplete request as a draft to amend")
    p.set_defaults(handler=cmd_new)

    p = tsub.add_parser("amend", parents=[common], help="complete a draft; records the request once nothing is missing",
                        description="Add what a draft lacked. Given values replace the draft's, identifications and "
                                    "statements add to them. Exit status 0 when the request was recorded, 3 when the "
                                    "draft is still incomplete (it is kept).")
    p.add_argument("draft", type=int, help="draft number (see `ledger takedown drafts`)")
    p.add_argument("--type", choices=["dmca", "gdpr", "publisher", "optout", "license", "court", "other"],
                   help="change the kind of request")
    _intake_args(p, default_kind=None)
    _works_args(p)
    _dmca_args(p)
    p.add_argument("--record-anyway", action="store_true", help="record it even if incomplete, as rejected")
    p.set_defaults(handler=cmd_amend)

    p = tsub.add_parser("drafts", parents=[common], help="incomplete requests kept as drafts, with what each lacks")
    p.set_defaults(handler=cmd_drafts)

    p = tsub.add_parser("discard", parents=[common], help="delete a draft")
    p.add_argument("draft", type=int, help="the draft number (see `ledger takedown drafts`)")
    p.set_defaults(handler=cmd_discard)

    import argparse

    from ledger_app.services.takedowns import IMPORT_FORMAT

    p = tsub.add_parser("import", parents=[common], help="open requests from a CSV or JSON file (see --help for the format)",
                        description="Open requests from a CSV or JSON file, all or nothing.", epilog=IMPORT_FORMAT,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", type=Path, help="the CSV or JSON file")
    p.add_argument("--record-anyway", action="store_true", help="record incomplete requests, as rejected")
    p.set_defaults(handler=cmd_import)

    for name, handler, helptext in [("locate", cmd_locate, "find every copy"), ("approve", cmd_approve, "approve the purge"),
                                    ("purge", cmd_purge, "remove the accepted items physically"),
                                    ("show", cmd_show, "show a request"), ("close", cmd_close, "close a request")]:
        p = tsub.add_parser(name, parents=[common], help=helptext)
        p.add_argument("id", type=int, help="the request number (see `ledger takedown list`)")
        p.set_defaults(handler=handler)

    p = tsub.add_parser("review", parents=[common], help="accept or reject matches")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--accept-all", action="store_true",
                   help="accept every match still pending (never changes a decision already made)")
    p.add_argument("--reject-all", action="store_true", help="reject every match still pending")
    p.add_argument("--accept", nargs="+", default=[], metavar="ITEM", help="accept these items (changes an earlier decision)")
    p.add_argument("--reject", nargs="+", default=[], metavar="ITEM", help="reject these items (changes an earlier decision)")
    p.set_defaults(handler=cmd_review)

    p = tsub.add_parser("reject", parents=[common], help="reject a request with a reason")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--reason", required=True, help="why (recorded; shown to the requester)")
    p.set_defaults(handler=cmd_reject)

    p = tsub.add_parser("extend", parents=[common], help="extend a GDPR deadline (once, 1-2 months, with a reason)")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--months", type=int, default=2, help="1 or 2 further months (default 2)")
    p.add_argument("--reason", required=True, help="the reasons told to the data subject (Art. 12(3))")
    p.set_defaults(handler=cmd_extend)

    p = tsub.add_parser("list", parents=[common], help="the queue: search, filter, sort (--csv FILE to export)")
    _queue_args(p)
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write the listed requests to FILE as CSV")
    p.set_defaults(handler=cmd_list)

    p = tsub.add_parser("export", parents=[common], help="write the queue (with the same filters as list) as CSV")
    p.add_argument("file", type=Path, help="the CSV file to write")
    _queue_args(p)
    p.set_defaults(handler=cmd_export)

    p = tsub.add_parser("note", parents=[common], help="add a note to a request (no text: list its notes)")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("text", nargs="?", help="the note (kept erasably; the ledger records a commitment)")
    p.set_defaults(handler=cmd_note)

    p = tsub.add_parser("assign", parents=[common], help="give a request to a staff member (\"my cases\")")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("assignee", nargs="?", help="user name (default: you, as user.name or the OS account)")
    p.add_argument("--none", action="store_true", help="unassign the request")
    p.set_defaults(handler=cmd_assign)

    p = tsub.add_parser("timeline", parents=[common], help="a request's history in words, from its ledger entries")
    p.add_argument("id", type=int, help="the request number")
    p.set_defaults(handler=cmd_timeline)

    p = tsub.add_parser("attach", parents=[common], help="keep the original notice with a request (content-addressed)")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("file", type=Path, help="the notice as received (e-mail .eml, PDF, text)")
    p.set_defaults(handler=cmd_attach)

    # --- the rest of the legal process (takedown/legal.py, takedown/replies.py) ---
    p = tsub.add_parser("ownership", parents=[common], help="record the evidence of ownership seen (rights holders; "
                                                            "required before their purge)")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--evidence", required=True, help="what was seen: a registration number, a contract, originals…")
    p.add_argument("--result", default="confirmed", choices=["confirmed", "not_shown"], help="default: confirmed")
    p.set_defaults(handler=cmd_ownership)

    p = tsub.add_parser("counter-notice", parents=[common], help="record a DMCA counter-notice (17 U.S.C. 512(g)(3))",
                        description="Record a counter-notice to material removed under a DMCA request. An incomplete "
                                    "one is refused (exit status 1) with its missing elements, unless --record-anyway.")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--signature", help="(A) the subscriber's physical or electronic signature")
    p.add_argument("--material", help="(B) identification of the material removed")
    p.add_argument("--location", help="(B) where it appeared before removal (URL or path)")
    p.add_argument("--mistake-under-penalty", action="store_true",
                   help="(C) the statement under penalty of perjury of a good-faith belief of mistake was made")
    p.add_argument("--name", help="(D) the subscriber's name (kept erasably)")
    p.add_argument("--address", help="(D) the subscriber's address (kept erasably)")
    p.add_argument("--phone", help="(D) the subscriber's telephone number (kept erasably)")
    p.add_argument("--consent-to-jurisdiction", action="store_true", help="(D) consent to the Federal District Court's jurisdiction")
    p.add_argument("--accepts-service", action="store_true", help="(D) accepts service of process from the claimant")
    p.add_argument("--email", help="where to reply (kept erasably)")
    p.add_argument("--item", action="append", default=[], help="a removed item it concerns (default: all of them)")
    p.add_argument("--received", help="date received (YYYY-MM-DD; default today)")
    p.add_argument("--record-anyway", action="store_true", help="record an incomplete counter-notice (not forwardable)")
    p.set_defaults(handler=cmd_counter_notice)

    p = tsub.add_parser("forward", parents=[common], help="record that the counter-notice went to the claimant; "
                                                          "starts the 10-14 business-day restore window")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--on", help="date forwarded (YYYY-MM-DD; default today)")
    p.set_defaults(handler=cmd_forward)

    p = tsub.add_parser("window", parents=[common], help="the restore window of a counter-noticed DMCA request")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--today", help="evaluate on this date instead of today (YYYY-MM-DD)")
    p.set_defaults(handler=cmd_window)

    p = tsub.add_parser("court-action", parents=[common], help="the claimant filed a court action: do not restore")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--note", required=True, help="court, case number, date")
    p.set_defaults(handler=cmd_court_action)

    p = tsub.add_parser("restore", parents=[common], help="restore counter-noticed items once the window allows")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--to", type=Path, help="folder for the retained copies (default: WORKSPACE/restored/request-N)")
    p.add_argument("--today", help="evaluate the window on this date (YYYY-MM-DD)")
    p.set_defaults(handler=cmd_restore)

    p = tsub.add_parser("identity", parents=[common], help="GDPR: identity verification of the data subject")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--result", required=True, choices=["requested", "verified", "failed"],
                   help="requested: reasonable doubt, more information asked for (the purge waits); verified; failed")
    p.add_argument("--method", default="", help="how it was verified (required for verified)")
    p.add_argument("--note", default="", help="details (kept erasably)")
    p.set_defaults(handler=cmd_identity)

    p = tsub.add_parser("refuse", parents=[common], help="GDPR: refuse erasure, fully or for some items, on an Art. 17(3) ground")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--ground", required=True, choices=["a", "b", "c", "d", "e"],
                   help="Art. 17(3): a expression/information, b legal obligation/public task, c public health, "
                        "d archiving/research/statistics, e legal claims")
    p.add_argument("--reason", required=True, help="the reasons given to the data subject (Art. 12(4))")
    p.add_argument("--item", action="append", default=[], help="an item to retain (repeatable; default: every match)")
    p.set_defaults(handler=cmd_refuse)

    p = tsub.add_parser("recipients", parents=[common], help="GDPR Art. 19: the recipients of a request's items")
    p.add_argument("id", type=int, help="the request number")
    p.set_defaults(handler=cmd_recipients)

    p = tsub.add_parser("notify", parents=[common], help="GDPR Art. 19: write a notice to each recipient not yet notified")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--out", type=Path, help="folder for the .eml notices (default: WORKSPACE/replies/request-N)")
    p.add_argument("--language", default="en", choices=["en", "zh_CN"], help="English or Simplified Chinese (default en)")
    p.add_argument("--only", action="append", default=[], metavar="KEY", help="only this recipient (training_run:N, release:N, mirror:N)")
    p.set_defaults(handler=cmd_notify)

    p = tsub.add_parser("reply", parents=[common], help="write a reply from a template (.eml and PDF)")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("template", choices=["acknowledgement", "missing_elements", "counter_notice_forwarded", "completion",
                                        "extension", "refusal"],
                   help="acknowledgement, missing_elements, counter_notice_forwarded (to the claimant), completion "
                        "(with --certificate), extension (GDPR), refusal (GDPR)")
    p.add_argument("--language", default="en", choices=["en", "zh_CN"], help="English or Simplified Chinese (default en)")
    p.add_argument("--out", type=Path, help="folder to write to (default: WORKSPACE/replies/request-N)")
    p.add_argument("--certificate", type=Path, help="completion: the certificate file to attach (its .pdf too, if beside it)")
    p.add_argument("--no-pdf", action="store_true", help="write only the .eml")
    p.add_argument("--draft", action="store_true",
                   help="ID is a draft number: write its request for missing elements (not recorded: a draft is not "
                        "in the ledger)")
    p.set_defaults(handler=cmd_reply)

    p = tsub.add_parser("certificate", parents=[common], help="issue the removal certificate")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("-o", "--output", type=Path, required=True, help="the certificate file to write (signed JSON)")
    p.add_argument("--pdf", type=Path, help="also render it as PDF for people")
    p.add_argument("--language", default="en", choices=["en", "zh_CN"], help="English or Simplified Chinese (default en)")
    p.set_defaults(handler=cmd_certificate)

    c = sub.add_parser("claim", parents=[common], help="standing rights claims")
    csub = c.add_subparsers(dest="claim_command", metavar="CLAIM_COMMAND")
    csub.required = True
    p = csub.add_parser("add", parents=[common], help="register a claim")
    p.add_argument("--holder", required=True, help="the rights holder's name (kept erasably)")
    p.add_argument("--holder-kind", default="rights_org", choices=["news_publisher", "individual", "rights_org", "internal"],
                   help="who the holder is (default rights_org)")
    p.add_argument("--basis", required=True, choices=["copyright", "license_terms", "privacy", "other"],
                   help="the legal basis of the claim")
    p.add_argument("--terms", required=True, help='e.g. "not licensed for AI training"')
    p.add_argument("--action", default="quarantine", choices=["quarantine", "flag"],
                   help="what matching items get, now and at every later ingest (default quarantine)")
    _works_args(p)
    p.set_defaults(handler=cmd_claim_add)
    csub.add_parser("list", parents=[common], help="every standing claim").set_defaults(handler=cmd_claim_list)
    p = csub.add_parser("takedown", parents=[common], help="open a takedown from a claim")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("--type", default="other", choices=["dmca", "gdpr", "publisher", "optout", "court", "other"],
                   help="the kind of request to open (default other)")
    p.set_defaults(handler=cmd_claim_takedown)

    lic = sub.add_parser("license", parents=[common], help="licences and acquisitions")
    lsub = lic.add_subparsers(dest="license_command", metavar="LICENSE_COMMAND")
    lsub.required = True
    p = lsub.add_parser("add", parents=[common], help="record a licence or acquisition")
    p.add_argument("name", help="a unique name for the licence, e.g. stock-2025")
    p.add_argument("--licensor", required=True, help="who granted it")
    p.add_argument("--kind", default="license", choices=["license", "acquisition", "crawl"], help="how the content was obtained")
    p.add_argument("--uses", default="", help="permitted uses")
    p.add_argument("--territory", default="", help="where the licence applies")
    p.add_argument("--expires", help="YYYY-MM-DD")
    p.add_argument("--terms", default="", help="other terms, as written")
    p.set_defaults(handler=cmd_license_add)
    lsub.add_parser("list", parents=[common], help="every licence with its expiry").set_defaults(handler=cmd_license_list)
    p = lsub.add_parser("expire", parents=[common], help="expire a licence: opens a takedown of its items")
    p.add_argument("id", help="licence name or number")
    p.set_defaults(handler=cmd_license_expire)
    lsub.add_parser("check", parents=[common], help="expire every licence past its date").set_defaults(
        handler=cmd_license_check
    )

    p = sub.add_parser("check", parents=[common], help="inclusion check for rights holders")
    p.add_argument("files", nargs="*", type=Path, help="works to check (hashed and fingerprinted, never stored)")
    p.add_argument("--hash", action="append", default=[], help="SHA-256 of a work (64 hex digits; repeatable)")
    p.add_argument("--url", action="append", default=[], help="a URL of a work (canonicalised, see docs/url-matching.md)")
    p.add_argument("-o", "--output", type=Path, help="write a signed inclusion report (JSON)")
    p.add_argument("--pdf", type=Path, help="also render the report as PDF")
    p.add_argument("--language", default="en", choices=["en", "zh_CN"], help="English or Simplified Chinese (default en)")
    p.set_defaults(handler=cmd_check)

    rel = sub.add_parser("release", parents=[common], help="dataset releases and mirrors (Art. 19 recipients, certificates)")
    relsub = rel.add_subparsers(dest="release_command", metavar="RELEASE_COMMAND")
    relsub.required = True
    p = relsub.add_parser("record", parents=[common], help="record a dataset release (or a mirror of one)")
    p.add_argument("name", help="the release's name, e.g. photos-2026-03")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--corpus", help="the corpus released, at the current checkpoint")
    g.add_argument("--mirror-of", metavar="RELEASE", help="a mirror holding this earlier release")
    p.add_argument("--contact", help="who to notify of erasures (kept erasably)")
    p.set_defaults(handler=cmd_release_record)
    relsub.add_parser("list", parents=[common], help="every release and mirror").set_defaults(handler=cmd_release_list)

    r = sub.add_parser("run", parents=[common], help="training runs")
    rsub = r.add_subparsers(dest="run_command", metavar="RUN_COMMAND")
    rsub.required = True
    p = rsub.add_parser("record", parents=[common], help="record a training run at the current checkpoint")
    p.add_argument("model", help="the model's name, e.g. photo-gen-v3")
    p.add_argument("--corpus", required=True, help="the corpus it was trained on")
    p.set_defaults(handler=cmd_run_record)
    rsub.add_parser("list", parents=[common], help="every recorded training run").set_defaults(handler=cmd_run_list)


_FILTERS = ("open", "closed", "overdue", "mine")


def _queue_args(p) -> None:
    p.add_argument("--filter", action="append", default=[], metavar="F",
                   help="open, closed, overdue, mine, type:TYPE, status:STATUS or assignee:NAME (repeatable; all must hold)")
    p.add_argument("--open", action="store_true", help="only open requests (same as --filter open)")
    p.add_argument("--overdue", action="store_true", help="only open requests past their due date")
    p.add_argument("--mine", action="store_true", help="only requests assigned to you")
    p.add_argument("--type", choices=["dmca", "gdpr", "publisher", "optout", "license", "court", "other"],
                   help="only requests of this type")
    p.add_argument("--status", help="only requests with this status (received, validated, located, …)")
    p.add_argument("--assignee", help="only requests assigned to this user name")
    p.add_argument("--search", default="", help="text to find in the requester's name or e-mail, type, status, "
                                                "assignee or request number")
    p.add_argument("--sort", default="due_by", choices=["due_by", "received", "id", "type", "status", "requester",
                                                        "assignee", "days_left", "matches"], help="sort key (default due_by)")
    p.add_argument("--desc", action="store_true", help="sort in descending order")


def _queue_query(ctx):
    from ledger_app.core.errors import UserError
    from ledger_app.services.cases import QueueQuery

    a = ctx.args
    kw = {"open_only": a.open, "overdue_only": a.overdue, "mine": a.mine, "type": a.type, "status": a.status,
          "assignee": a.assignee}
    closed = False
    for f in a.filter:
        for part in (x.strip() for x in f.split(",") if x.strip()):
            name, _, value = part.partition(":")
            if name == "open":
                kw["open_only"] = True
            elif name == "closed":
                closed = True
            elif name == "overdue":
                kw["overdue_only"] = True
            elif name == "mine":
                kw["mine"] = True
            elif name in ("type", "status", "assignee") and value:
                kw[name] = value
            else:
                raise UserError(f"unknown filter {part!r}; use {', '.join(_FILTERS)}, type:TYPE, status:STATUS or assignee:NAME")
    q = QueueQuery(search=a.search, sort=a.sort, descending=a.desc, **kw)
    return q, closed


def _queue_rows(ctx):
    q, closed = _queue_query(ctx)
    rows = ctx.services.cases.queue(q)
    if closed:
        rows = [r for r in rows if not r.is_open]
    return rows


def _dmca(a):
    if a.type == "dmca" or a.work or a.signature or a.good_faith or a.accurate_under_penalty:
        return DmcaElements(a.signature, a.work, True, a.email, a.good_faith, a.accurate_under_penalty)
    return None


def _report_intake(ctx, res) -> int:
    if res.get("status") == "draft":
        ctx.out(res, lambda r: f"draft {r['draft']} kept (not recorded); still missing: " + "; ".join(r["missing"])
                + f". Complete it with `ledger takedown amend {r['draft']} …`")
        return EXIT_DRAFT
    if ctx.json:
        ctx.out(res)
    else:
        print(res["id"])
        if res["status"] == "rejected":
            print(f"request {res['id']} recorded as rejected: {res['reason']}", file=sys.stderr)
    return 0


def cmd_new(ctx) -> int:
    a = ctx.args
    res = ctx.takedown.new_request(type=a.type, requester=a.requester, requester_kind=a.requester_kind, email=a.email,
                                   received=a.received, works=_works(ctx), dmca=_dmca(a), record_anyway=a.record_anyway,
                                   draft=a.draft)
    return _report_intake(ctx, res)


def cmd_amend(ctx) -> int:
    a = ctx.args
    dmca = None
    if a.work or a.signature or a.good_faith or a.accurate_under_penalty or a.email:
        dmca = DmcaElements(a.signature, a.work, True, a.email, a.good_faith, a.accurate_under_penalty)
    res = ctx.takedown.amend_draft(a.draft, type=a.type, requester=a.requester, requester_kind=a.requester_kind,
                                   email=a.email, received=a.received, works=_works(ctx), dmca=dmca,
                                   record_anyway=a.record_anyway)
    return _report_intake(ctx, res)


def cmd_drafts(ctx) -> int:
    from ledger_app.cli.table import table

    rows = ctx.takedown.drafts()
    ctx.out(rows, lambda rs: table(["DRAFT", "TYPE", "REQUESTER", "RECEIVED", "WORKS", "MISSING"],
                                   [[r["draft"], r["type"], r["requester"] or "-", r["received"], r["works"],
                                     "; ".join(m.split(" (")[0] for m in r["missing"])] for r in rs], max_width=90)
            if rs else "no drafts")
    return 0


def cmd_discard(ctx) -> int:
    ctx.takedown.discard_draft(ctx.args.draft)
    ctx.out({"draft": ctx.args.draft, "discarded": True}, f"draft {ctx.args.draft} discarded")
    return 0


def cmd_import(ctx) -> int:
    res = ctx.takedown.import_requests(ctx.args.file, record_anyway=ctx.args.record_anyway)
    ctx.out(res, lambda rs: "\n".join(f"{r['id']} {r['status']}" + (f" ({r['reason']})" if r["reason"] else "") for r in rs))
    return 0


def _progress(ctx, what: str):
    def cb(done: int, total: int) -> None:
        if not ctx.json and sys.stderr.isatty():
            print(f"\r{what} {done}/{total}", end="", file=sys.stderr, flush=True)

    return cb


def _evidence(m) -> str:
    """The numbers behind a match, in a few words (the full evidence is in --json)."""
    ev = m.get("evidence") or {}
    if m["method"] == "perceptual":
        parts = [f"PDQ distance {ev['distance']}" if "distance" in ev else ""]
        parts += [f"{ev['inliers']} inliers" if "inliers" in ev else "", str(ev.get("how") or "")]
        return ", ".join(p for p in parts if p)
    if m["method"] == "text":
        passage = " ".join(str(ev.get("passage") or "").split())
        return f"containment {ev.get('containment')}" + (f": \"{passage[:60]}…\"" if passage else "")
    if m["method"] == "url":
        return str(ev.get("url") or ev.get("domain") or "")
    if m["method"] == "c2pa":
        return f"signer {ev.get('signer')}"
    if m["method"] == "exact":
        return "same SHA-256"
    return str(ev.get("account") or "")


def _matches_table(matches) -> str:
    from ledger_app.cli.table import table

    return table(["ITEM", "METHOD", "SCORE", "DECISION", "EVIDENCE"],
                 [[m["item_id"], m["method"], m["score"], m["decision"], _evidence(m)] for m in matches], max_width=100)


def cmd_locate(ctx) -> int:
    res = ctx.takedown.locate(ctx.args.id, progress=_progress(ctx, "locate"))
    if ctx.json:
        ctx.out(res)
        return 0
    matches = ctx.takedown.show(ctx.args.id)["matches"]
    print(f"request {res['id']}: {res['matches']} matches ({res['new_matches']} new)")
    if matches:
        print(_matches_table(matches))
    return 0


def cmd_review(ctx) -> int:
    a = ctx.args
    res = ctx.takedown.review(a.id, accept_all=a.accept_all, accept=a.accept, reject=a.reject, reject_all=a.reject_all)
    ctx.out(res, lambda r: f"request {r['id']}: " + ", ".join(f"{v} {k}" for k, v in r["decided"].items())
            + f"; {r['pending']} pending")
    return 0


def cmd_approve(ctx) -> int:
    res = ctx.takedown.approve(ctx.args.id)
    ctx.out(res, lambda r: f"request {r['id']} approved: {r['accepted']} items to purge")
    return 0


def cmd_purge(ctx) -> int:
    res = ctx.services.purge(ctx.args.id, progress=_progress(ctx, "shards"))
    ctx.out(res, lambda r: f"request {r['id']}: purged {r['items']} items from {len(r['shards'])} shards")
    return 0


def cmd_show(ctx) -> int:
    from ledger_app.cli.table import table

    rid = ctx.args.id
    shown = ctx.takedown.show(rid)
    case = ctx.services.cases.case(rid)
    row = case.row
    shown.update({"requester_name": row.requester.name, "requester_email": row.requester.email,
                  "assignee": row.assignee, "days_left": row.days_left,
                  "notes": [n.to_json() for n in case.notes], "documents": [d.to_json() for d in case.documents]})
    if ctx.json:
        ctx.out(shown)
        return 0
    facts = [("Request", f"{rid} ({shown['type']})"), ("Status", shown["status"] + (f" — {shown['status_reason']}"
                                                                                     if shown["status_reason"] else "")),
             ("Requester", f"{row.requester.display} ({row.requester.kind})"
              + (f", {row.requester.email}" if row.requester.email else "")),
             ("Received", shown["received"]),
             ("Due by", f"{shown['due_by']} ({row.days_left} days left)" if row.is_open and row.days_left >= 0 else
              f"{shown['due_by']} (OVERDUE by {-row.days_left} days)" if row.overdue else shown["due_by"]),
             ("Assignee", row.assignee or "-")]
    if shown.get("extension_reason"):
        facts.append(("Extended", shown["extension_reason"]))
    width = max(len(k) for k, _ in facts)
    lines = [f"{k + ':':<{width + 1}} {v}" for k, v in facts]
    lines += ["", f"Works ({len(shown['works'])})",
              table(["KIND", "VALUE"], [[w["kind"], w["value"]] for w in shown["works"]], max_width=90)]
    lines += ["", f"Matches ({len(shown['matches'])})", _matches_table(shown["matches"]) if shown["matches"] else "none yet"]
    if shown.get("purge"):
        p = shown["purge"]
        lines += ["", f"Purged {len(p['items'])} items from {len(p['shards'])} shards",
                  table(["CORPUS", "SHARD", "SHA-256 BEFORE", "SHA-256 AFTER"],
                        [[s["corpus"], s["path"], s["sha256_before"], s["sha256_after"] or "(deleted)"] for s in p["shards"]],
                        max_width=64)]
    if case.notes:
        lines += ["", f"Notes ({len(case.notes)})"] + [f"  {_when(n.created_at)} {n.author or '?'}: {n.text or '(erased)'}"
                                                       for n in case.notes]
    if case.documents:
        lines += ["", "Documents"] + [f"  {d.role}: {d.name} ({d.size} bytes, SHA-256 {d.sha256[:16]}…)" for d in case.documents]
    print("\n".join(lines))
    return 0


def cmd_close(ctx) -> int:
    ctx.takedown.close(ctx.args.id)
    ctx.out({"id": ctx.args.id, "status": "closed"}, f"request {ctx.args.id} closed")
    return 0


def cmd_reject(ctx) -> int:
    ctx.takedown.reject(ctx.args.id, ctx.args.reason)
    ctx.out({"id": ctx.args.id, "status": "rejected"}, f"request {ctx.args.id} rejected")
    return 0


def cmd_extend(ctx) -> int:
    res = ctx.services.legal.announce_extension(ctx.args.id, ctx.args.months, ctx.args.reason)
    ctx.out(res, lambda r: f"request {r['id']} now due by {r['due_by']}")
    return 0


def cmd_list(ctx) -> int:
    from ledger_app.cli.table import table

    rows = _queue_rows(ctx)
    if ctx.args.csv:
        ctx.args.csv.write_text(ctx.services.cases.to_csv(rows), encoding="utf-8")
    ctx.out([r.to_json() for r in rows], lambda _: table(
        ["ID", "TYPE", "STATUS", "REQUESTER", "KIND", "DUE", "DAYS LEFT", "ASSIGNEE", "MATCHES"],
        [[r.id, r.type, r.status, r.requester.display, r.requester.kind, r.due_by,
          (f"{r.days_left} OVERDUE" if r.overdue else (r.days_left if r.is_open else "-")), r.assignee or "-", r.matches]
         for r in rows]) if rows else "no requests")
    return 0


def cmd_export(ctx) -> int:
    rows = _queue_rows(ctx)
    try:
        ctx.args.file.write_text(ctx.services.cases.to_csv(rows), encoding="utf-8")
    except OSError as e:
        from ledger_app.core.errors import UserError

        raise UserError(f"cannot write {ctx.args.file}: {e.strerror}") from None
    ctx.out({"file": str(ctx.args.file), "requests": len(rows)}, f"{len(rows)} requests written to {ctx.args.file}")
    return 0


def cmd_note(ctx) -> int:
    a = ctx.args
    if a.text is None:
        notes = ctx.services.cases.notes(a.id)
        ctx.out([n.to_json() for n in notes], lambda _: "\n".join(
            f"#{n.id}  {_when(n.created_at)}  {n.author or '?'}: {n.text if n.text is not None else '(erased)'}"
            for n in notes) or f"request {a.id} has no notes")
        return 0
    n = ctx.services.cases.add_note(a.id, a.text)
    ctx.out(n.to_json(), f"note {n.id} added to request {a.id} (ledger entry {n.entry_index})")
    return 0


def cmd_assign(ctx) -> int:
    a = ctx.args
    who = None if a.none else (a.assignee or ctx.services.cases.current_user())
    r = ctx.services.cases.assign(a.id, who)
    ctx.out(r.to_json(), f"request {a.id} assigned to {r.assignee}" if r.assignee else f"request {a.id} unassigned")
    return 0


def cmd_timeline(ctx) -> int:
    from ledger_app.cli.table import table

    events = ctx.services.cases.timeline(ctx.args.id)
    ctx.out([e.to_json() for e in events], lambda _: table(
        ["ENTRY", "WHEN (UTC)", "BY", "WHAT"], [[e.index, e.ts.replace("T", " ").rstrip("Z"), e.actor or "-", e.text]
                                              for e in events], max_width=100))
    return 0


def cmd_attach(ctx) -> int:
    d = ctx.services.cases.attach_notice(ctx.args.id, ctx.args.file)
    ctx.out(d.to_json(), f"notice {d.name} kept with request {ctx.args.id} (SHA-256 {d.sha256}, ledger entry {d.entry_index})")
    return 0


def _when(ts: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M")


def cmd_certificate(ctx) -> int:
    from ledger_app.services.certificates import certify

    a = ctx.args
    res = certify(ctx.services, a.id, a.output, pdf=a.pdf, language=a.language)
    ctx.out(res, lambda r: f"certificate for request {r['request']} written to {r['file']}"
            + (f" and {r['pdf']}" if r.get("pdf") else "") + f" (ledger entry {r['entry']})")
    return 0


def cmd_ownership(ctx) -> int:
    a = ctx.args
    idx = ctx.services.legal.check_ownership(a.id, a.evidence, a.result)
    ctx.out({"id": a.id, "result": a.result, "entry": idx}, f"ownership of request {a.id}: {a.result} (ledger entry {idx})")
    return 0


def cmd_counter_notice(ctx) -> int:
    from ledger_app.services.legal import CounterNotice

    a = ctx.args
    cn = CounterNotice(a.signature, a.material, a.location, a.mistake_under_penalty, a.name, a.address, a.phone,
                       a.consent_to_jurisdiction, a.accepts_service, a.email)
    res = ctx.services.legal.counter_notice(a.id, cn, items=a.item, received=a.received, record_anyway=a.record_anyway)
    ctx.out(res, lambda r: f"counter-notice to request {r['request']} recorded (entry {r['entry']}) for {len(r['items'])} items"
            + ("" if r["complete"] else "; INCOMPLETE: " + "; ".join(r["missing"])))
    return 0


def _window_text(w) -> str:
    lines = [f"counter-notice: {'complete' if w.complete else 'incomplete'}" if w.counter_notice else "no counter-notice"]
    if w.forwarded_on:
        lines.append(f"forwarded on {w.forwarded_on}; {w.business_days_elapsed} business days since")
        lines.append(f"restore window {w.earliest} to {w.latest} (planned {w.planned})")
    if w.restored:
        lines.append(f"restored: {', '.join(w.restored)}")
    lines.append(("restore now: " if w.can_restore else "not now: ") + w.reason)
    return "\n".join(lines)


def cmd_forward(ctx) -> int:
    w = ctx.services.legal.forward_counter_notice(ctx.args.id, forwarded_on=ctx.args.on)
    ctx.out(w.to_json(), lambda _: _window_text(w))
    return 0


def cmd_window(ctx) -> int:
    from ledger_app.takedown.requests import parse_date

    today = parse_date(ctx.args.today, "date") if ctx.args.today else None
    w = ctx.services.legal.restore_window(ctx.args.id, today)
    ctx.out(w.to_json(), lambda _: _window_text(w))
    return 0


def cmd_court_action(ctx) -> int:
    idx = ctx.services.legal.court_action(ctx.args.id, ctx.args.note)
    ctx.out({"id": ctx.args.id, "entry": idx}, f"court action recorded for request {ctx.args.id}; nothing will be restored")
    return 0


def cmd_restore(ctx) -> int:
    from ledger_app.takedown.requests import parse_date

    a = ctx.args
    res = ctx.services.legal.restore(a.id, to=a.to, today=parse_date(a.today, "date") if a.today else None)
    ctx.out(res, lambda r: "\n".join(f"restored {x['item']} ({x['how']}: {x['where'] or 'source unknown'})"
                                     for x in r["restored"]))
    return 0


def cmd_identity(ctx) -> int:
    a = ctx.args
    idx = ctx.services.legal.record_identity(a.id, a.result, method=a.method, note=a.note)
    ctx.out({"id": a.id, "identity": a.result, "entry": idx}, f"identity of request {a.id}'s data subject: {a.result}")
    return 0


def cmd_refuse(ctx) -> int:
    a = ctx.args
    res = ctx.services.legal.refuse(a.id, a.ground, items=a.item, reason=a.reason)
    ctx.out(res, lambda r: f"request {r['request']}: {'partial' if r['partial'] else 'full'} refusal under {r['ground']}; "
            f"{len(r['retained'])} items retained")
    return 0


def cmd_recipients(ctx) -> int:
    from ledger_app.cli.table import table

    rows = ctx.services.legal.recipients(ctx.args.id)
    ctx.out([r.to_json() for r in rows], lambda _: table(
        ["RECIPIENT", "KIND", "NAME", "CORPUS", "ITEMS", "NOTIFIED"],
        [[r.key, r.kind, r.name, r.corpus, len(r.items), _when(r.notified_at) if r.notified_at else "no"] for r in rows])
        if rows else "no recipients: no training run or release contained these items")
    return 0


def cmd_notify(ctx) -> int:
    a = ctx.args
    res = ctx.services.legal.notify_recipients(a.id, out_dir=a.out, language=a.language, only=a.only)
    ctx.out(res, lambda rs: "\n".join(f"notified {r['recipient']} ({r['name']}): {r['file']}" for r in rs)
            or "every recipient was already notified")
    return 0


def cmd_reply(ctx) -> int:
    from ledger_app.services.replies import write_reply

    a = ctx.args
    if a.draft:
        from ledger_app.core.errors import UserError
        from ledger_app.services.replies import write_draft_reply

        if a.template != "missing_elements":
            raise UserError("a draft gets only the missing_elements reply; the others follow a recorded request")
        res = write_draft_reply(ctx.takedown, a.id, language=a.language, out_dir=a.out, pdf=not a.no_pdf)
        ctx.out(res, f"{res['eml']}" + (f"\n{res['pdf']}" if res["pdf"] else ""))
        return 0
    r = write_reply(ctx.services.legal, a.id, a.template, language=a.language, out_dir=a.out, certificate=a.certificate,
                    pdf=not a.no_pdf)
    ctx.out(r.to_json(), f"{r.eml}" + (f"\n{r.pdf}" if r.pdf else ""))
    return 0


def cmd_release_record(ctx) -> int:
    from ledger_app.services.lineage import record_release

    a = ctx.args
    res = record_release(ctx.corpus, a.name, a.corpus, mirror_of=a.mirror_of, contact=a.contact)
    ctx.out(res, lambda r: f"{r['kind']} {r['name']} of {r['corpus']} recorded at checkpoint size {r['checkpoint_size']}")
    return 0


def cmd_release_list(ctx) -> int:
    from ledger_app.cli.table import table
    from ledger_app.services.lineage import list_releases

    rows = list_releases(ctx.corpus)
    ctx.out(rows, lambda rs: table(["ID", "NAME", "KIND", "CORPUS", "CHECKPOINT"],
                                   [[r["id"], r["name"], r["kind"], r["corpus"], r["checkpoint_size"]] for r in rs])
            if rs else "no releases")
    return 0


def cmd_claim_add(ctx) -> int:
    from ledger_app.services.claims import add_claim

    a = ctx.args
    res = add_claim(ctx.takedown, holder=a.holder, holder_kind=a.holder_kind, works=_works(ctx), basis=a.basis,
                    terms=a.terms, action=a.action)
    ctx.out(res, lambda r: f"claim {r['id']} registered (entry {r['entry']}); {r['flagged']} items flagged")
    return 0


def cmd_claim_list(ctx) -> int:
    from ledger_app.services.claims import list_claims

    rows = list_claims(ctx.takedown)
    ctx.out(rows, lambda rs: "\n".join(f"{r['id']:>4}  {r['basis']:<14} {r['action']:<10} {r['terms']}  "
                                       f"({len(r['works'])} works)" for r in rs) or "no claims")
    return 0


def cmd_claim_takedown(ctx) -> int:
    from ledger_app.services.claims import takedown_from_claim

    res = takedown_from_claim(ctx.takedown, ctx.args.id, type=ctx.args.type)
    ctx.out(res, lambda r: f"{r['id']}")
    return 0


def cmd_license_add(ctx) -> int:
    from ledger_app.services.claims import add_license

    a = ctx.args
    res = add_license(ctx.takedown, name=a.name, licensor=a.licensor, kind=a.kind, permitted_uses=a.uses,
                      territory=a.territory, expires=a.expires, terms=a.terms)
    ctx.out(res, lambda r: f"licence {r['id']} ({r['name']}) recorded as entry {r['entry']}")
    return 0


def cmd_license_list(ctx) -> int:
    from ledger_app.services.claims import list_licenses

    rows = list_licenses(ctx.takedown)
    ctx.out(rows, lambda rs: "\n".join(f"{r['id']:>4}  {r['name']:<24} {r['licensor']:<20} expires {r['expires'] or '-'}"
                                       f"{'  EXPIRED' if r['expired_at'] else ''}  {r['items']} items" for r in rs) or "no licences")
    return 0


def cmd_license_expire(ctx) -> int:
    from ledger_app.services.claims import expire_license

    res = expire_license(ctx.takedown, ctx.args.id)
    ctx.out(res, lambda r: f"licence {r['license']} expired: request {r['request']} covers {r['items']} items")
    return 0


def cmd_license_check(ctx) -> int:
    from ledger_app.services.claims import check_expiries

    res = check_expiries(ctx.takedown)
    ctx.out(res, lambda rs: "\n".join(f"licence {r['license']} expired: request {r['request']}" for r in rs)
            or "no licence has passed its expiry date")
    return 0


def cmd_run_record(ctx) -> int:
    from ledger_app.services.lineage import record_run

    res = record_run(ctx.corpus, ctx.args.model, ctx.args.corpus)
    ctx.out(res, lambda r: f"run of {r['model']} on {r['corpus']} recorded at checkpoint size {r['checkpoint_size']}")
    return 0


def cmd_run_list(ctx) -> int:
    from ledger_app.services.lineage import list_runs

    rows = list_runs(ctx.corpus)
    ctx.out(rows, lambda rs: "\n".join(f"{r['id']:>4}  {r['model']:<20} {r['corpus']:<16} at {r['checkpoint_size']}"
                                       for r in rs) or "no runs")
    return 0


def cmd_check(ctx) -> int:
    from ledger_app.services.certificates import inclusion_report

    a = ctx.args
    res = inclusion_report(ctx.services, files=a.files, hashes=a.hash, urls=a.url, out=a.output, pdf=a.pdf,
                           language=a.language)

    def text(r) -> str:
        lines = []
        for q in r["results"]:
            name = q["query"].get("name") or q["query"]["value"]
            lines.append(f"{name}: {q['verdict']}")
            for it in q["items"] + q["near_copies"]:
                extra = f", purged {it['purged_at']} by request {it.get('request')}" if it["status"] == "purged" else ""
                lines.append(f"  {it['status']:<12} {it['item_id']}  ({it['method']} {it['score']}, since {it['since']}"
                             f"{', licence ' + it['license'] if it['license'] else ''}{extra})")
        if r.get("file"):
            lines.append(f"signed report written to {r['file']} (ledger entry {r['entry']})")
        return "\n".join(lines)

    ctx.out(res, text)
    return 0
