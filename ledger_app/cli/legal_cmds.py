"""`ledger takedown …` after a purge: evidence of ownership, DMCA counter-notices and restores, GDPR
identity checks, refusals and Art. 19 notices to recipients, and reply letters (services/legal.py,
services/replies.py). takedown_cmds.py registers these beside the request's other subcommands."""

from __future__ import annotations

from pathlib import Path

from ledger_app.cli.table import when


def register_legal_actions(tsub, common) -> None:
    """Add the legal subcommands to `ledger takedown`'s subparsers."""
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
    ctx.out(res, lambda r: f"counter-notice to request {r.request} recorded (entry {r.entry}) for {len(r.items)} items"
            + ("" if r.complete else "; INCOMPLETE: " + "; ".join(r.missing)))
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
    ctx.out(res, lambda r: "\n".join(f"restored {x.item} ({x.how}: {x.where or 'source unknown'})"
                                     for x in r.restored))
    return 0


def cmd_identity(ctx) -> int:
    a = ctx.args
    idx = ctx.services.legal.record_identity(a.id, a.result, method=a.method, note=a.note)
    ctx.out({"id": a.id, "identity": a.result, "entry": idx}, f"identity of request {a.id}'s data subject: {a.result}")
    return 0


def cmd_refuse(ctx) -> int:
    a = ctx.args
    res = ctx.services.legal.refuse(a.id, a.ground, items=a.item, reason=a.reason)
    ctx.out(res, lambda r: f"request {r.request}: {'partial' if r.partial else 'full'} refusal under {r.ground}; "
            f"{len(r.retained)} items retained")
    return 0


def cmd_recipients(ctx) -> int:
    from ledger_app.cli.table import table

    rows = ctx.services.legal.recipients(ctx.args.id)
    ctx.out([r.to_json() for r in rows], lambda _: table(
        ["RECIPIENT", "KIND", "NAME", "CORPUS", "ITEMS", "NOTIFIED"],
        [[r.key, r.kind, r.name, r.corpus, len(r.items), when(r.notified_at) if r.notified_at else "no"] for r in rows])
        if rows else "no recipients: no training run or release contained these items")
    return 0


def cmd_notify(ctx) -> int:
    a = ctx.args
    res = ctx.services.legal.notify_recipients(a.id, out_dir=a.out, language=a.language, only=a.only)
    ctx.out(res, lambda rs: "\n".join(f"notified {r.recipient} ({r.name}): {r.file}" for r in rs)
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
        ctx.out(res, f"{res.eml}" + (f"\n{res.pdf}" if res.pdf else ""))
        return 0
    r = write_reply(ctx.services.legal, a.id, a.template, language=a.language, out_dir=a.out, certificate=a.certificate,
                    pdf=not a.no_pdf)
    ctx.out(r.to_json(), f"{r.eml}" + (f"\n{r.pdf}" if r.pdf else ""))
    return 0
