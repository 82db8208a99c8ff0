"""`ledger takedown …`: a takedown request from intake to certificate (new, amend, import, locate,
review, approve, purge, show, close, certificate).

The queue and the case file (list, export, notes, assignment, timeline, attached notices) are in
queue_cmds.py; the legal steps after a purge (counter-notices, restores, GDPR identity, refusals and Art. 19
notices, replies) are in legal_cmds.py; claims, licences, releases, runs and inclusion checks in
rights_cmds.py."""

from __future__ import annotations

import sys
from pathlib import Path

from ledger_app.cli.legal_cmds import register_legal_actions
from ledger_app.cli.queue_cmds import register_queue_actions
from ledger_app.cli.table import when
from ledger_app.services.takedown_records import KeptDraft
from ledger_app.takedown.requests import DmcaElements


def works_args(p) -> None:
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


def works_from_args(ctx):
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
    works_args(p)
    _dmca_args(p)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--record-anyway", action="store_true", help="record an incomplete request, as rejected")
    g.add_argument("--draft", action="store_true", help="keep an incomplete request as a draft to amend")
    p.set_defaults(handler=cmd_new)

    p = tsub.add_parser("amend", parents=[common], help="complete a draft; records the request once nothing is missing",
                        description="Add what a draft lacked. Given values replace the draft's, identifications and "
                                    "statements add to them (--remove-work takes one out). Exit status 0 when the "
                                    "request was recorded, 3 when the draft is still incomplete (it is kept; if a "
                                    "letter was written for it, a new one asks for what is still missing).")
    p.add_argument("draft", type=int, help="draft number (see `ledger takedown drafts`)")
    p.add_argument("--type", choices=["dmca", "gdpr", "publisher", "optout", "license", "court", "other"],
                   help="change the kind of request")
    _intake_args(p, default_kind=None)
    works_args(p)
    _dmca_args(p)
    p.add_argument("--remove-work", action="append", metavar="VALUE",
                   help="take an identification out of the draft, by its value (URL, hash, account, domain, text) "
                        "or a file's SHA-256; repeatable")
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

    p = tsub.add_parser("locate", parents=[common], help="find every copy")
    p.add_argument("id", type=int, help="the request number (see `ledger takedown list`)")
    p.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="where the fingerprint store is swept: this machine (default) or Ray tasks")
    p.add_argument("--address", metavar="HOST:PORT",
                   help="with --engine ray: the Ray cluster's GCS address (default: a local Ray instance)")
    p.set_defaults(handler=cmd_locate)

    for name, handler, helptext in [("approve", cmd_approve, "approve the purge"),
                                    ("purge", cmd_purge, "remove the accepted items physically"),
                                    ("show", cmd_show, "show a request"), ("close", cmd_close, "close a request")]:
        p = tsub.add_parser(name, parents=[common], help=helptext)
        p.add_argument("id", type=int, help="the request number (see `ledger takedown list`)")
        p.set_defaults(handler=handler)
        if name == "purge":
            p.add_argument("--engine", choices=["local", "ray"], default="local",
                           help="where shards are rewritten: this machine (default) or Ray tasks")
            p.add_argument("--address", metavar="HOST:PORT",
                           help="with --engine ray: the Ray cluster's GCS address (default: a local Ray instance)")

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

    # The queue and the case file: queue_cmds.py.
    register_queue_actions(tsub, common)

    # The rest of the legal process (services/legal.py, services/replies.py): legal_cmds.py.
    register_legal_actions(tsub, common)

    p = tsub.add_parser("certificate", parents=[common], help="issue the removal certificate")
    p.add_argument("id", type=int, help="the request number")
    p.add_argument("-o", "--output", type=Path, required=True, help="the certificate file to write (signed JSON)")
    p.add_argument("--pdf", type=Path, help="also render it as PDF for people")
    p.add_argument("--language", default="en", choices=["en", "zh_CN"], help="English or Simplified Chinese (default en)")
    p.set_defaults(handler=cmd_certificate)


def _dmca(a):
    if a.type == "dmca" or a.work or a.signature or a.good_faith or a.accurate_under_penalty:
        return DmcaElements(a.signature, a.work, True, a.email, a.good_faith, a.accurate_under_penalty)
    return None


def _report_intake(ctx, res) -> int:
    if isinstance(res, KeptDraft):
        ctx.out(res, lambda r: f"draft {r.draft} kept (not recorded); still missing: " + "; ".join(r.missing)
                + f". Complete it with `ledger takedown amend {r.draft} …`"
                + (f"\nnew letter asking for what is still missing: {r.letter}" if r.letter else ""))
        return EXIT_DRAFT
    if ctx.json:
        ctx.out(res)
    else:
        print(res.id)
        if res.status == "rejected":
            print(f"request {res.id} recorded as rejected: {res.reason}", file=sys.stderr)
    return 0


def cmd_new(ctx) -> int:
    a = ctx.args
    res = ctx.takedown.new_request(type=a.type, requester=a.requester, requester_kind=a.requester_kind, email=a.email,
                                   received=a.received, works=works_from_args(ctx), dmca=_dmca(a), record_anyway=a.record_anyway,
                                   draft=a.draft)
    return _report_intake(ctx, res)


def cmd_amend(ctx) -> int:
    a = ctx.args
    dmca = None
    if a.work or a.signature or a.good_faith or a.accurate_under_penalty or a.email:
        dmca = DmcaElements(a.signature, a.work, True, a.email, a.good_faith, a.accurate_under_penalty)
    res = ctx.takedown.amend_draft(a.draft, type=a.type, requester=a.requester, requester_kind=a.requester_kind,
                                   email=a.email, received=a.received, works=works_from_args(ctx), dmca=dmca,
                                   remove_works=a.remove_work or (), record_anyway=a.record_anyway)
    return _report_intake(ctx, res)


def cmd_drafts(ctx) -> int:
    from ledger_app.cli.table import table

    rows = ctx.takedown.drafts()
    ctx.out(rows, lambda rs: table(["DRAFT", "TYPE", "REQUESTER", "RECEIVED", "WORKS", "MISSING"],
                                   [[r.draft, r.type, r.requester or "-", r.received, r.works,
                                     "; ".join(m.split(" (")[0] for m in r.missing)] for r in rs], max_width=90)
            if rs else "no drafts")
    return 0


def cmd_discard(ctx) -> int:
    res = ctx.takedown.discard_draft(ctx.args.draft)
    ctx.out(res, lambda r: "\n".join([f"draft {r.draft} discarded; {r.letters_deleted} letter file(s) deleted",
                                       *r.letters_left]))
    return 0


def cmd_import(ctx) -> int:
    res = ctx.takedown.import_requests(ctx.args.file, record_anyway=ctx.args.record_anyway)
    ctx.out(res, lambda rs: "\n".join(f"{r.id} {r.status}" + (f" ({r.reason})" if r.reason else "") for r in rs))
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
    res = ctx.takedown.locate(ctx.args.id, progress=_progress(ctx, "locate"), engine=ctx.args.engine,
                              address=ctx.args.address)
    if ctx.json:
        ctx.out(res)
        return 0
    matches = ctx.takedown.show(ctx.args.id).matches
    print(f"request {res.id}: {res.matches} matches ({res.new_matches} new)")
    if matches:
        print(_matches_table(matches))
    return 0


def cmd_review(ctx) -> int:
    a = ctx.args
    res = ctx.takedown.review(a.id, accept_all=a.accept_all, accept=a.accept, reject=a.reject, reject_all=a.reject_all)
    ctx.out(res, lambda r: f"request {r.id}: " + ", ".join(f"{v} {k}" for k, v in r.decided.items())
            + f"; {r.pending} pending")
    return 0


def cmd_approve(ctx) -> int:
    res = ctx.takedown.approve(ctx.args.id)
    ctx.out(res, lambda r: f"request {r.id} approved: {r.accepted} items to purge")
    return 0


def cmd_purge(ctx) -> int:
    res = ctx.services.purge(ctx.args.id, progress=_progress(ctx, "shards"), engine=ctx.args.engine,
                             address=ctx.args.address)
    ctx.out(res, lambda r: f"request {r.id}: purged {r.items} items from {len(r.shards)} shards")
    return 0


def cmd_show(ctx) -> int:
    from ledger_app.cli.table import table

    rid = ctx.args.id
    shown = ctx.takedown.show(rid).to_json()
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
        lines += ["", f"Notes ({len(case.notes)})"] + [f"  {when(n.created_at)} {n.author or '?'}: {n.text or '(erased)'}"
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
    ctx.out(res, lambda r: f"request {r.id} now due by {r.due_by}")
    return 0


def cmd_certificate(ctx) -> int:
    from ledger_app.services.certificates import certify

    a = ctx.args
    res = certify(ctx.services, a.id, a.output, pdf=a.pdf, language=a.language)
    ctx.out(res, lambda r: f"certificate for request {r.request} written to {r.file}"
            + (f" and {r.pdf}" if r.pdf else "") + f" (ledger entry {r.entry})")
    return 0
