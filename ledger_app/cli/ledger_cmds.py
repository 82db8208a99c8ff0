"""`ledger init`, `ledger log …`, `ledger settings …`: the ledger itself."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from ledger_app.core.errors import UserError


def register(sub, common) -> None:
    p = sub.add_parser("init", parents=[common], help="create a workspace with a fresh signing key")
    p.add_argument("--origin", help="checkpoint origin / key name, e.g. example.com/training-ledger")
    p.set_defaults(handler=cmd_init)

    log = sub.add_parser("log", parents=[common], help="the signed ledger: checkpoints, proofs, verification")
    lsub = log.add_subparsers(dest="log_command", metavar="LOG_COMMAND")
    lsub.required = True
    lsub.add_parser("checkpoint", parents=[common], help="print the latest signed checkpoint").set_defaults(
        handler=cmd_checkpoint
    )
    lsub.add_parser("pubkey", parents=[common], help="print the verifier key (note format)").set_defaults(
        handler=cmd_pubkey
    )
    p = lsub.add_parser("show", parents=[common], help="show one entry")
    p.add_argument("index", type=int, help="the entry's index (0 is ledger.init)")
    p.set_defaults(handler=cmd_show)
    p = lsub.add_parser("list", parents=[common], help="list entries")
    p.add_argument("--start", type=int, default=0, help="first entry index (default 0)")
    p.add_argument("--limit", type=int, default=50, help="at most this many entries (default 50)")
    p.add_argument("--type", action="append", dest="types", help="only entries of this type, e.g. takedown.status (repeatable)")
    p.set_defaults(handler=cmd_list)
    p = lsub.add_parser("prove", parents=[common], help="inclusion proof of an entry, or of a stored item (--item)")
    p.add_argument("index", type=int, nargs="?", help="the entry to prove")
    p.add_argument("--item", metavar="ITEM_ID",
                   help="a fingerprint-store item: its two-level proof (item in its shard, shard manifest in the ledger), "
                        "checked, as JSON that `python -m ledger_app.verify` checks offline")
    p.add_argument("--size", type=int, help="prove against the tree of this size (default: the latest checkpoint)")
    p.set_defaults(handler=cmd_prove)
    p = lsub.add_parser("consistency", parents=[common], help="consistency proof between two tree sizes")
    p.add_argument("--old", type=int, required=True, help="the older tree size (one you hold a checkpoint of)")
    p.add_argument("--new", type=int, help="the newer tree size (default: the latest checkpoint)")
    p.set_defaults(handler=cmd_consistency)
    p = lsub.add_parser("verify", parents=[common], help="recompute and check everything")
    p.add_argument("--deep", action="store_true", help="also decode every leaf and check its canonical form")
    p.add_argument("--vkey", metavar="FILE", help="a verifier key you hold (file or the key itself): it must be in the key chain")
    p.add_argument("--checkpoint", metavar="FILE", help="a signed checkpoint you hold: the ledger must contain it")
    p.add_argument("--store", action="store_true",
                   help="also re-read every fingerprint-store file a shard manifest names: its SHA-256, each leaf's "
                        "hash and the shard tree's root must be what the manifest says")
    p.set_defaults(handler=cmd_verify)
    p = lsub.add_parser(
        "acknowledge-rollback", parents=[common],
        help="accept, as a signed entry, that the database is behind this workspace's witness (a restored backup)",
    )
    p.add_argument("--reason", required=True, help="which backup was restored and why")
    p.set_defaults(handler=cmd_acknowledge_rollback)
    p = lsub.add_parser("note", parents=[common], help="record a memo (permanent: it can never be erased)")
    p.add_argument("text", help="the memo, e.g. \"court order received by post\"; it is signed into the ledger "
                                "for good, so it must not hold personal data")
    p.set_defaults(handler=cmd_note)
    lsub.add_parser("rotate-key", parents=[common], help="replace the signing key (signed by both)").set_defaults(
        handler=cmd_rotate
    )

    s = sub.add_parser("settings", parents=[common], help="show or change workspace settings")
    ssub = s.add_subparsers(dest="settings_command", metavar="SETTINGS_COMMAND")
    ssub.required = True
    ssub.add_parser("show", parents=[common], help="every setting with its value").set_defaults(handler=cmd_settings_show)
    p = ssub.add_parser("set", parents=[common], help="change one setting")
    p.add_argument("key", help="the setting, e.g. legal.holidays (see `ledger settings show`)")
    p.add_argument("value", help="its new value")
    p.set_defaults(handler=cmd_settings_set)

    p = sub.add_parser("erase", parents=[common],
                       help="erase a person's data wherever it was copied (by commitment, account or request)")
    p.add_argument("commitment", nargs="?", help="the commitment of the person's data")
    p.add_argument("--account", help="an uploader account ID")
    p.add_argument("--request", type=int, help="erase the requester of this takedown request")
    p.add_argument("--reason", required=True,
                   help="why, e.g. GDPR Art. 17 request 12 (permanent: written into the signed ledger; must not name the person)")
    p.set_defaults(handler=cmd_erase)


def cmd_init(ctx) -> int:
    res = ctx.ledger.init(ctx.args.origin)
    ctx.out(res, lambda r: f"created workspace {r.workspace}\norigin {r.origin}\nverifier key {r.vkey}")
    return 0


def cmd_checkpoint(ctx) -> int:
    # The note as signed, plus the verified cosignature lines of independent witnesses (if any).
    res = ctx.services.witness.checkpoint()
    if ctx.json:
        ctx.out(res)
    else:
        print(res.checkpoint, end="")
    return 0


def cmd_pubkey(ctx) -> int:
    vkey = ctx.ledger.vkey()
    ctx.out({"vkey": vkey} if ctx.json else vkey)
    return 0


def cmd_show(ctx) -> int:
    e = ctx.ledger.show(ctx.args.index)
    ctx.out(e.to_json())
    return 0


def cmd_list(ctx) -> int:
    svc = ctx.ledger
    rows = []
    for e in svc.ws.store.entries(ctx.args.start, ctx.args.limit, types=ctx.args.types):
        v = svc.show(e.index)
        rows.append(v.to_json() if ctx.json else f"{v.index:>8}  {v.ts}  {v.type}")
    ctx.out(rows, "\n".join(rows) if not ctx.json else None)
    return 0


def cmd_prove(ctx) -> int:
    if ctx.args.item is not None:
        if ctx.args.index is not None or ctx.args.size is not None:
            ctx.err("ledger log prove: give an entry index or --item, not both (--size is for entries)")
            return 2
        proof, verified = ctx.corpus.stored.prove_item(ctx.args.item)
        print(json.dumps(proof.to_json(), indent=2))
        ctx.err(verified.sentence())
        return 0
    if ctx.args.index is None:
        ctx.err("ledger log prove: give an entry index or --item ITEM_ID")
        return 2
    ctx.out(ctx.ledger.prove(ctx.args.index, ctx.args.size))
    return 0


def cmd_consistency(ctx) -> int:
    ctx.out(ctx.ledger.consistency(ctx.args.old, ctx.args.new))
    return 0


def cmd_verify(ctx) -> int:
    import sys

    def progress(done: int, total: int) -> None:
        if not ctx.json and sys.stderr.isatty():
            print(f"\rverified {done}/{total} entries", end="", file=sys.stderr)

    vkey = _read_arg_file(ctx.args.vkey, "--vkey") if ctx.args.vkey else None
    if vkey is not None:
        vkey = vkey.strip()
    pinned = _read_arg_file(ctx.args.checkpoint, "--checkpoint", must_be_file=True) if ctx.args.checkpoint else None
    rep = ctx.ledger.verify(progress=progress, deep=ctx.args.deep, vkey=vkey, checkpoint=pinned)
    if not ctx.json and sys.stderr.isatty():
        print(file=sys.stderr)
    res = {
        "ok": True,
        "entries": rep.entries,
        "checkpoints": rep.checkpoints,
        "root_hash": rep.root_hash.hex(),
        "verified_at": datetime.now(UTC).isoformat(),
        "warnings": list(rep.warnings),
    }
    if ctx.args.store:
        res["store"] = ctx.corpus.stored.verify_files().to_json()
    for w in rep.warnings if not ctx.json else ():
        ctx.err(f"warning: {w}")
    ctx.out(res, lambda r: f"ledger OK: {r['entries']} entries, {r['checkpoints']} checkpoints, root {r['root_hash']}"
            + (f"; store OK: {r['store']['shards']} shard files, {r['store']['items']} items" if "store" in r else ""))
    return 0


def _read_arg_file(value: str, flag: str, *, must_be_file: bool = False) -> str:
    """The contents of the file named by a flag (or, for --vkey, the key itself)."""
    from pathlib import Path

    path = Path(value)
    if path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"{flag} {value} cannot be read ({exc}); give a text file") from None
    if must_be_file:
        raise UserError(f"{flag} {value}: no such file; give the file holding the signed checkpoint")
    return value


def cmd_acknowledge_rollback(ctx) -> int:
    res = ctx.ledger.acknowledge_rollback(ctx.args.reason)
    ctx.out(res, lambda r: (
        f"rollback acknowledged as entry {r.index}: the database holds {r.stored_size} entries, this workspace had "
        f"seen {r.witness_size}; the old witness is kept at {r.old_witness_kept_at}"
    ))
    return 0


def cmd_note(ctx) -> int:
    res = ctx.ledger.note(ctx.args.text)
    ctx.out({"index": res.first_index, "tree_size": res.size}, f"recorded as entry {res.first_index}")
    return 0


def cmd_rotate(ctx) -> int:
    res = ctx.ledger.rotate_key()
    ctx.out(res, lambda r: f"rotated: new verifier key {r.new_vkey} (entry {r.index})")
    return 0


def cmd_settings_show(ctx) -> int:
    ctx.out(ctx.workspace.settings.as_dict())
    return 0


def cmd_settings_set(ctx) -> int:
    ctx.workspace.settings.set(ctx.args.key, ctx.args.value)
    ctx.out({ctx.args.key: ctx.workspace.settings.get(ctx.args.key)})
    return 0


def cmd_erase(ctx) -> int:
    if not ctx.args.reason.strip():
        raise UserError("say why the data is erased (--reason)")
    a = ctx.args
    res = ctx.ledger.erase(commitment=a.commitment, account=a.account, request=a.request, reason=a.reason)

    def text(r) -> str:  # services.ledger.Erased
        lines = [f"erased {len(r.erased_records)} personal-data record(s); recorded as entry {r.entry}"]
        lines += [f"  replaced in {where}: {n} row(s)" for where, n in sorted(r.replaced.items())]
        lines += [f"  cleared in {where}: {n} value(s)" for where, n in sorted(r.cleared.items())]
        lines += [f"  not erased: {why}" for why in r.not_erased]
        return "\n".join(lines)

    ctx.out(res, text)
    return 0



