"""`ledger verify-certificate FILE --vkey VKEY`: offline verification of a certificate or report.

Needs no workspace: it runs the same checks as `python -m ledger_app.verify` and exits 0 only when
all of them hold, else 1 with one sentence naming what failed.
"""

from __future__ import annotations

from pathlib import Path

from ledger_app.core.errors import UserError, VerificationError


def register(sub, common) -> None:  # argparse objects
    p = sub.add_parser(
        "verify-certificate",
        parents=[common],
        help="verify a removal certificate or inclusion report offline with the ledger's public key",
    )
    p.add_argument("file", type=Path, help="the certificate or report (JSON)")
    p.add_argument("--vkey", required=True, help="the ledger's verifier key (name+keyid+base64), or a file holding it")
    p.add_argument("--consistency", type=Path, metavar="NEWER_CHECKPOINT", help="a newer signed checkpoint")
    p.add_argument("--proof", type=Path, metavar="CONSISTENCY_JSON", help="consistency proof to it (`ledger log consistency --json`)")
    p.add_argument("--witness", action="append", metavar="WITNESS_VKEY",
                   help="a witness's cosignature/v1 verifier key, or a file of them (repeatable)")
    p.add_argument("--quorum", type=int, metavar="K", help="how many of the witnesses must have cosigned (default: all)")
    p.set_defaults(handler=cmd_verify_certificate)


def cmd_verify_certificate(ctx) -> int:  # cli.main.Context
    from ledger_app.verify import (
        load_json_file,
        read_vkey,
        read_witness_vkeys,
        verify_consistency_to,
        verify_document,
    )

    a = ctx.args
    if bool(a.consistency) != bool(a.proof):
        raise UserError("--consistency and --proof go together")
    if a.quorum is not None and not a.witness:
        raise UserError("--quorum needs --witness")
    doc = load_json_file(a.file)
    vkey = read_vkey(a.vkey)
    verified = verify_document(doc, vkey, witnesses=read_witness_vkeys(a.witness), quorum=a.quorum)
    result = verified.summary()
    text = verified.sentence()
    if a.consistency:
        try:
            newer_text = a.consistency.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise VerificationError(f"the consistency inputs cannot be read ({exc})", what="consistency") from None
        proof = load_json_file(a.proof)
        newer = verify_consistency_to(verified, newer_text, proof, vkey)
        result["consistent_with"] = {"size": newer.size, "root_hash": newer.root_hash.hex()}
        text += f" The newer checkpoint of size {newer.size} extends it."
    ctx.out(result, text)
    return 0
