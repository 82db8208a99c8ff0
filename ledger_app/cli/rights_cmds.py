"""`ledger claim …`, `ledger license …`, `ledger release …`, `ledger run …` and `ledger check`: standing
rights claims, licences and their expiry, dataset releases and training runs (the lineage a
certificate reports), and the inclusion check for rights holders."""

from __future__ import annotations

from pathlib import Path

from ledger_app.cli.takedown_cmds import works_args, works_from_args


def register(sub, common) -> None:
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
    works_args(p)
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


def cmd_release_record(ctx) -> int:
    from ledger_app.services.lineage import record_release

    a = ctx.args
    res = record_release(ctx.corpus, a.name, a.corpus, mirror_of=a.mirror_of, contact=a.contact)
    ctx.out(res, lambda r: f"{r.kind} {r.name} of {r.corpus} recorded at checkpoint size {r.checkpoint_size}")
    return 0


def cmd_release_list(ctx) -> int:
    from ledger_app.cli.table import table
    from ledger_app.services.lineage import list_releases

    rows = list_releases(ctx.corpus)
    ctx.out(rows, lambda rs: table(["ID", "NAME", "KIND", "CORPUS", "CHECKPOINT"],
                                   [[r.id, r.name, r.kind, r.corpus, r.checkpoint_size] for r in rs])
            if rs else "no releases")
    return 0


def cmd_claim_add(ctx) -> int:
    from ledger_app.services.claims import add_claim

    a = ctx.args
    res = add_claim(ctx.takedown, holder=a.holder, holder_kind=a.holder_kind, works=works_from_args(ctx), basis=a.basis,
                    terms=a.terms, action=a.action)
    ctx.out(res, lambda r: f"claim {r.id} registered (entry {r.entry}); {r.flagged} items flagged")
    return 0


def cmd_claim_list(ctx) -> int:
    from ledger_app.services.claims import list_claims

    rows = list_claims(ctx.takedown)
    ctx.out(rows, lambda rs: "\n".join(f"{r.id:>4}  {r.basis:<14} {r.action:<10} {r.terms}  "
                                       f"({len(r.works)} works)" for r in rs) or "no claims")
    return 0


def cmd_claim_takedown(ctx) -> int:
    from ledger_app.services.claims import takedown_from_claim

    res = takedown_from_claim(ctx.takedown, ctx.args.id, type=ctx.args.type)
    ctx.out(res, lambda r: f"{r.id}")
    return 0


def cmd_license_add(ctx) -> int:
    from ledger_app.services.claims import add_license

    a = ctx.args
    res = add_license(ctx.takedown, name=a.name, licensor=a.licensor, kind=a.kind, permitted_uses=a.uses,
                      territory=a.territory, expires=a.expires, terms=a.terms)
    ctx.out(res, lambda r: f"licence {r.id} ({r.name}) recorded as entry {r.entry}")
    return 0


def cmd_license_list(ctx) -> int:
    from ledger_app.services.claims import list_licenses

    rows = list_licenses(ctx.takedown)
    ctx.out(rows, lambda rs: "\n".join(f"{r.id:>4}  {r.name:<24} {r.licensor:<20} expires {r.expires or '-'}"
                                       f"{'  EXPIRED' if r.expired_at else ''}  {r.items} items" for r in rs) or "no licences")
    return 0


def _expiry_outcome(r) -> str:
    if r.request is None:
        return "no item was acquired under it, so no request was opened"
    return f"request {r.request} covers {r.items} items"


def cmd_license_expire(ctx) -> int:
    from ledger_app.services.claims import expire_license

    res = expire_license(ctx.takedown, ctx.args.id)
    ctx.out(res, lambda r: f"licence {r.license} expired: {_expiry_outcome(r)}")
    return 0


def cmd_license_check(ctx) -> int:
    from ledger_app.services.claims import check_expiries

    res = check_expiries(ctx.takedown)
    ctx.out(res, lambda rs: "\n".join(f"licence {r.license} expired: {_expiry_outcome(r)}" for r in rs)
            or "no licence has passed its expiry date")
    return 0


def cmd_run_record(ctx) -> int:
    from ledger_app.services.lineage import record_run

    res = record_run(ctx.corpus, ctx.args.model, ctx.args.corpus)
    ctx.out(res, lambda r: f"run of {r.model} on {r.corpus} recorded at checkpoint size {r.checkpoint_size}")
    return 0


def cmd_run_list(ctx) -> int:
    from ledger_app.services.lineage import list_runs

    rows = list_runs(ctx.corpus)
    ctx.out(rows, lambda rs: "\n".join(f"{r.id:>4}  {r.model:<20} {r.corpus:<16} at {r.checkpoint_size}"
                                       for r in rs) or "no runs")
    return 0


def cmd_check(ctx) -> int:
    from ledger_app.services.certificates import inclusion_report

    a = ctx.args
    res = inclusion_report(ctx.services, files=a.files, hashes=a.hash, urls=a.url, out=a.output, pdf=a.pdf,
                           language=a.language)

    def text(r) -> str:
        lines = []
        for q in r.results:
            name = q.query.name or q.query.value
            lines.append(f"{name}: {q.verdict}")
            for it in q.items + q.near_copies:
                extra = f", purged {it.purged_at} by request {it.request}" if it.status == "purged" else ""
                lines.append(f"  {it.status:<12} {it.item_id}  ({it.method} {it.score}, since {it.since}"
                             f"{', licence ' + it.license if it.license else ''}{extra})")
        if r.file:
            lines.append(f"signed report written to {r.file} (ledger entry {r.entry})")
        return "\n".join(lines)

    ctx.out(res, text)
    return 0
