"""`ledger takedown list|export|note|assign|timeline|attach`: the queue of requests (search, filter,
sort, CSV) and each request's case file. takedown_cmds.py registers these beside the request's other
subcommands."""

from __future__ import annotations

from pathlib import Path

from ledger_app.cli.table import when


def register_queue_actions(tsub, common) -> None:
    """Add the queue and case-file subcommands to `ledger takedown`'s subparsers."""
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
            f"#{n.id}  {when(n.created_at)}  {n.author or '?'}: {n.text if n.text is not None else '(erased)'}"
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
