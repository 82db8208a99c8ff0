"""`ledger witness …`: independent witnesses (c2sp.org/tlog-witness) for this ledger, and a witness for others."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from ledger_app.core.errors import UserError


def register(sub, common) -> None:  # argparse objects
    w = sub.add_parser("witness", parents=[common], help="independent witnesses that cosign the ledger's checkpoints")
    wsub = w.add_subparsers(dest="witness_command", metavar="WITNESS_COMMAND")
    wsub.required = True

    p = wsub.add_parser("add", parents=[common], help="submit every new checkpoint to this witness")
    p.add_argument("name", help="a short local name for the witness")
    p.add_argument("url", help="its submission prefix, e.g. https://witness.example/ (add-checkpoint is appended)")
    p.add_argument("vkey", help="its cosignature/v1 verifier key, name+keyid+base64 (type 0x04)")
    p.set_defaults(handler=cmd_add)
    wsub.add_parser("list", parents=[common], help="the configured witnesses").set_defaults(handler=cmd_list)
    p = wsub.add_parser("remove", parents=[common], help="stop submitting to a witness (recorded in the ledger)")
    p.add_argument("name", help="the witness's name (see `ledger witness list`)")
    p.set_defaults(handler=cmd_remove)
    p = wsub.add_parser("policy", parents=[common], help="how many witnesses must cosign a checkpoint (k of n)")
    p.add_argument("k", type=int, nargs="?", help="the number of cosignatures required; omit to show the policy")
    p.set_defaults(handler=cmd_policy)
    wsub.add_parser("status", parents=[common], help="which checkpoints are cosigned and which are not yet").set_defaults(
        handler=cmd_status
    )
    p = wsub.add_parser("submit", parents=[common], help="submit the latest checkpoint to every witness now")
    p.add_argument("--timeout", type=float, default=5.0, metavar="SECONDS", help="per request (default 5)")
    p.set_defaults(handler=cmd_submit)
    p = wsub.add_parser(
        "cosign-document", parents=[common],
        help="re-prove a certificate or report against the newest cosigned checkpoint",
    )
    p.add_argument("file", type=Path, help="the certificate or report file")
    p.add_argument("-o", "--output", type=Path, help="where to write it (default: replace FILE)")
    p.set_defaults(handler=cmd_cosign_document)

    p = wsub.add_parser("keygen", parents=[common], help="create a witness signing key (to run `witness serve`)")
    p.add_argument("name", help="the witness's key name, e.g. witness.example/w1")
    p.add_argument("-o", "--output", type=Path, required=True, help="the encrypted key file to create")
    p.set_defaults(handler=cmd_keygen)
    p = wsub.add_parser("serve", parents=[common], help="run a witness that cosigns OTHER ledgers' checkpoints")
    p.add_argument("--listen", required=True, metavar="HOST:PORT", help="e.g. 127.0.0.1:8470")
    p.add_argument("--key", required=True, type=Path, help="the key file from `ledger witness keygen`")
    p.add_argument("--log", nargs=2, action="append", required=True, metavar=("ORIGIN", "VKEY"),
                   help="a log to witness: its origin and its verifier key (repeatable)")
    p.add_argument("--state", type=Path, help="the witness's state file (default: KEY.state.json)")
    p.add_argument("--prefix", default="", help="URL path prefix (default: none)")
    p.add_argument("--stop-after", type=float, metavar="SECONDS", help="stop after this long")
    p.add_argument("--max-requests", type=int, metavar="N", help="stop after answering N requests")
    p.set_defaults(handler=cmd_serve)


def _when(ts: float | None) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if ts else "never"


def cmd_add(ctx) -> int:  # cli.main.Context
    a = ctx.args
    res = ctx.services.witness.add(a.name, a.url, a.vkey)
    ctx.out(res, lambda r: f"witness {r.name} added (entry {r.index}); policy: {r.quorum} of {r.witnesses}")
    return 0


def cmd_list(ctx) -> int:
    svc = ctx.services.witness
    rows = [w.to_json() for w in svc.list()]
    if ctx.json:
        ctx.out({"quorum": svc.quorum(), "witnesses": rows})
        return 0
    if not rows:
        print("no witnesses configured (add one: ledger witness add NAME URL VKEY)")
        return 0
    print(f"policy: {svc.quorum()} of {len(rows)} witnesses must cosign")
    for r in rows:
        err = f"  last error: {r['last_error']}" if r["last_error"] else ""
        print(f"{r['name']:<16} {r['url']}\n{'':<16} {r['vkey']}\n{'':<16} cosigned up to size {r['cosigned_size']}, "
              f"last tried {_when(r['last_attempt'])}{err}")
    return 0


def cmd_remove(ctx) -> int:
    res = ctx.services.witness.remove(ctx.args.name)
    ctx.out(res, lambda r: f"witness {r.name} removed (entry {r.index}); policy: {r.quorum} of {r.witnesses}")
    return 0


def cmd_policy(ctx) -> int:
    svc = ctx.services.witness
    if ctx.args.k is None:
        res = svc.policy()
    else:
        res = svc.set_policy(ctx.args.k)
    ctx.out(res, lambda r: f"policy: {r.quorum} of {r.witnesses} witnesses must cosign each checkpoint")
    return 0


def _status_text(st) -> str:  # services.witness.WitnessStatus
    lines = [f"policy: {st.quorum} of {len(st.witnesses)} witnesses"]
    latest = st.latest
    if latest.size is not None:
        by = ", ".join(latest.cosigned_by) or "no witness"
        met = "meets the policy" if latest.quorum_met else "does NOT meet the policy"
        lines.append(f"latest checkpoint (size {latest.size}): cosigned by {by}; {met}")
    pending = st.not_cosigned
    if pending:
        shown = ", ".join(map(str, pending[:10])) + (" …" if len(pending) > 10 or st.not_cosigned_truncated else "")
        lines.append(f"{len(pending)}{'+' if st.not_cosigned_truncated else ''} checkpoint(s) not yet cosigned "
                     f"(sizes {shown}); run `ledger witness submit`")
    if st.last_cosigned_size is not None:
        lines.append(f"newest checkpoint meeting the policy: size {st.last_cosigned_size}")
    for w in st.witnesses:
        if w.last_error:
            lines.append(f"{w.name}: {w.last_error}")
    return "\n".join(lines)


def cmd_status(ctx) -> int:
    ctx.out(ctx.services.witness.status(), _status_text)
    return 0


def cmd_submit(ctx) -> int:
    if not 0 < ctx.args.timeout <= 300:
        raise UserError("--timeout is between 0 and 300 seconds")
    res = ctx.services.witness.submit(timeout=ctx.args.timeout)

    def text(r) -> str:  # services.witness.Submitted
        out = [f"{x.witness}: {x.status} — {x.message}" for x in r.results]
        met = "meets" if r.quorum_met else "does NOT meet"
        out.append(f"checkpoint of size {r.size} cosigned by {len(r.cosigned_by)}; {met} the policy ({r.quorum})")
        return "\n".join(out)

    ctx.out(res, text)
    return 0 if res.quorum_met else 1


def cmd_cosign_document(ctx) -> int:
    a = ctx.args
    try:
        doc = json.loads(a.file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{a.file} cannot be read as JSON ({exc})") from None
    out = ctx.services.witness.cosign_document(doc).document
    target = a.output or a.file
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(target)
    ctx.out({"file": str(target)}, f"wrote {target}: its tlog_proof is now against a cosigned checkpoint")
    return 0


def cmd_keygen(ctx) -> int:
    from ledger_app.ledger.keys import passphrase_from_env_or_prompt
    from ledger_app.services.witness import generate_witness_key

    vkey = generate_witness_key(str(ctx.args.output), ctx.args.name, passphrase_from_env_or_prompt(True))
    ctx.out({"vkey": vkey, "key_file": str(ctx.args.output)},
            f"witness key written to {ctx.args.output}\nverifier key (give it to the logs you witness): {vkey}")
    return 0


def cmd_serve(ctx) -> int:
    from ledger_app.ledger.keys import passphrase_from_env_or_prompt
    from ledger_app.ledger.witness_server import (
        Witness,
        WitnessHTTPServer,
        WitnessState,
        parse_listen,
        parse_logs,
    )
    from ledger_app.services.witness import load_witness_key

    a = ctx.args
    host, port = parse_listen(a.listen)
    logs = parse_logs(a.log)
    name, private = load_witness_key(str(a.key), passphrase_from_env_or_prompt(False))
    state = WitnessState(a.state or a.key.with_name(a.key.name + ".state.json"))
    witness = Witness(name, private, logs, state)
    try:
        server = WitnessHTTPServer((host, port), witness, prefix=a.prefix, max_requests=a.max_requests,
                                   log=lambda m: print(m, file=sys.stderr, flush=True))
    except OSError as exc:
        raise UserError(f"cannot listen on {a.listen}: {exc.strerror or exc}") from None
    print(json.dumps({"url": server.url, "vkey": witness.vkey, "logs": sorted(logs)}) if ctx.json
          else f"witness {name} listening on {server.url}\nverifier key: {witness.vkey}\nlogs: {', '.join(sorted(logs))}",
          flush=True)
    try:
        server.serve(stop_after=a.stop_after)
    except KeyboardInterrupt:
        pass
    return 0
