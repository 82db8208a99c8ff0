"""Offline verification of removal certificates and inclusion reports.

Why this exists: the person who receives a certificate trusts nothing but the ledger's verifier key.
This module checks a certificate (or an inclusion report) with only `cryptography` and the standard
library, plus the few ledger modules that need nothing more (`ledger/note.py`, `checkpoint.py`, `manifest.py`,
`tlogproof.py`, `merkle.py`, `core/errors.py`, and `core/messages.py`, whose sentences are kept as message
IDs with arguments so that the window says them in its language); a test runs it with every other
package blocked.

    python -m ledger_app.verify certificate.json --vkey 'origin+1a2b3c4d+AbC…' [--json]
        [--consistency NEWER_CHECKPOINT --proof CONSISTENCY_JSON]
        [--witness WITNESS_VKEY … [--quorum K]]

With `--witness` (repeatable; a vkey of type 0x04, or a file holding one per line), the
checkpoint the document is proven against must also carry c2sp.org/tlog-cosignature
`cosignature/v1` lines from at least K of those witnesses (default: all of them), each verified
(`ledger/cosignature.py`).

A document is a JSON object: the signed *body* (every key except the ones in `UNSIGNED_KEYS`), a
`signature` (Ed25519 over the RFC 8785 canonical bytes of the body), `document_sha256` (SHA-256 of
the canonical bytes of body + signature), `entry` (the ledger leaf that commits to that hash) and
`tlog_proof` (a c2sp.org/tlog-proof@v1 text placing the leaf under a signed checkpoint). An
inclusion report also carries `item_proofs`: one tlog-proof per matched item's ledger entry against
the same checkpoint. An *item proof* (`ledger log prove --item ID`, kind `item-proof`) is checked at
both of its levels: the item's leaf in its shard's RFC 6962 tree, whose root the shard's
`shard.manifest` entry carries, and that entry in the ledger under a signed checkpoint
(`ledger/manifest.py`). `verify_document` checks all of it and raises `VerificationError` with one
sentence naming the first thing that fails. The checks themselves live in `ledger/docverify.py`
(shared with the services, which verify documents the same way); this module is the command line
around them and re-exports their public names.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from ledger_app.core import strictjson
from ledger_app.core.errors import VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, errno_text, said_of, strerror_said, unicode_error_said
from ledger_app.ledger.documents import canonical_bytes, document_digest
from ledger_app.ledger.docverify import (
    VerifiedDocument,
    split_document,
    verification_failure,
    verify_consistency_to,
    verify_document,
)
from ledger_app.ledger.manifest import ITEM_PROOF_KIND, item_proof_from_json, verify_item_proof
from ledger_app.ledger.note import parse_vkey

__all__ = [
    "VerifiedDocument",
    "canonical_bytes",
    "document_digest",
    "load_json_file",
    "main",
    "read_vkey",
    "read_witness_vkeys",
    "split_document",
    "verify_consistency_to",
    "verify_document",
    "verify_item_proof_file",
]


def verify_item_proof_file(doc: Any, vkey: str) -> tuple[dict[str, Any], str]:
    """Both levels of an item proof; (summary, sentence), or VerificationError."""
    try:
        verifier = parse_vkey(vkey.strip())
    except VerificationError as exc:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the verifier key given is unusable: {problem}"),
                                   what="vkey", problem=said_of(exc)) from None
    verified = verify_item_proof(item_proof_from_json(doc), [verifier])
    return verified.summary(), verified.sentence()


# --- command line ----------------------------------------------------------------------------------


def load_json_file(path: str | os.PathLike[str]) -> Any:
    """A certificate, report or proof file, parsed strictly (core/strictjson.py): a duplicate key,
    an integer beyond ±(2**53 - 1) or nesting too deep is refused with a sentence naming the file,
    because another reader of the same file could see something else than this verifier."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{path} cannot be read ({problem})"), what="file",
                                   path=str(path), problem=strerror_said(exc)) from None
    try:
        return strictjson.loads(data, str(path))
    except strictjson.StrictJSONError as exc:
        error = VerificationError(str(exc), what="file")  # strictjson's sentence, naming the file
        error.said = exc.said  # type: ignore[attr-defined]
        raise error from None


def read_vkey(value: str) -> str:
    """The verifier key itself, or the path of a file holding it."""
    if os.path.isfile(value):
        with open(value, encoding="utf-8") as f:
            return f.read().strip()
    return value.strip()


def read_witness_vkeys(values: Sequence[str] | None) -> list[str]:
    """Witness keys from `--witness` values: each a vkey, or a file holding one vkey per line."""
    out: list[str] = []
    for value in values or ():
        if os.path.isfile(value):
            with open(value, encoding="utf-8") as f:
                out.extend(line.strip() for line in f if line.strip() and not line.startswith("#"))
        else:
            out.append(value.strip())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ledger_app.verify",
        description="Verify a Provenance Ledger removal certificate, inclusion report, AI Act summary or item proof offline.",
    )
    parser.add_argument("file", help="the certificate or report (JSON)")
    parser.add_argument("--vkey", required=True, help="the ledger's verifier key (name+keyid+base64), or a file holding it")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--consistency", metavar="NEWER_CHECKPOINT", help="a newer signed checkpoint of the same ledger")
    parser.add_argument("--proof", metavar="CONSISTENCY_JSON", help="the consistency proof to that checkpoint (JSON)")
    parser.add_argument("--witness", action="append", metavar="WITNESS_VKEY",
                        help="a witness's cosignature/v1 verifier key, or a file of them (repeatable)")
    parser.add_argument("--quorum", type=int, metavar="K", help="how many of the witnesses must have cosigned (default: all)")
    args = parser.parse_args(argv)
    if args.quorum is not None and not args.witness:
        parser.error("--quorum needs --witness")
    if bool(args.consistency) != bool(args.proof):
        parser.error("--consistency and --proof go together")
    try:
        doc = load_json_file(args.file)
        vkey = read_vkey(args.vkey)
        if isinstance(doc, dict) and doc.get("kind") == ITEM_PROOF_KIND:
            if args.consistency or args.witness:
                raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "an item proof is checked with --vkey alone"),
                                           what="arguments")
            result, text = verify_item_proof_file(doc, vkey)
            print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else text)
            return 0
        verified = verify_document(doc, vkey, witnesses=read_witness_vkeys(args.witness), quorum=args.quorum)
        result = verified.summary()
        text = verified.sentence()
        if args.consistency:
            try:
                with open(args.consistency, encoding="utf-8") as f:
                    newer_text = f.read()
            except (OSError, UnicodeDecodeError) as exc:
                raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the consistency inputs cannot be read "
                                                                               "({problem})"),
                                           what="consistency",
                                           problem=errno_text(exc) if isinstance(exc, OSError)
                                           else unicode_error_said(exc)) from None
            cons = load_json_file(args.proof)
            newer = verify_consistency_to(verified, newer_text, cons, vkey)
            result["consistent_with"] = {"size": newer.size, "root_hash": newer.root_hash.hex()}
            text += f" The newer checkpoint of size {newer.size} extends it."
    except VerificationError as exc:
        if args.json:
            print(json.dumps({"ok": False, "error": str(exc), "what": exc.what, "index": exc.index}))
        else:
            print(f"verification failed: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
