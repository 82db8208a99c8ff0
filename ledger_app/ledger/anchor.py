"""Anchors kept outside the database: a checkpoint someone holds is replaced only by one proven to extend it.

Why this exists: the database can be rewritten, restored from an old backup or forked by anyone who
can write to it. What cannot be rewritten unseen is a signed checkpoint held elsewhere (the
workspace's `checkpoint.latest`, an auditor's pinned checkpoint, an independent witness's state). The
rule for every such anchor is the same: it moves only forward, and only to a checkpoint proven by an
RFC 6962 consistency proof to contain the tree it held. A smaller checkpoint is a rollback, the same
size with another root (or a proof that fails) is a fork; both are refused with a sentence.

Pure: `cryptography` and the standard library only (through merkle/checkpoint), so a witness server
or an offline verifier can use the same check.
"""

from __future__ import annotations

from collections.abc import Sequence

from ledger_app.core.errors import VerificationError
from ledger_app.ledger import merkle
from ledger_app.ledger.checkpoint import Checkpoint

ROLLBACK = "rollback"
FORK = "fork"


def check_extends(
    old: Checkpoint,
    new: Checkpoint,
    proof: Sequence[bytes],
    *,
    old_name: str = "the checkpoint held",
    new_name: str = "the new checkpoint",
) -> None:
    """Raise VerificationError unless `new` is `old` or a proven extension of it.

    `proof` is the RFC 6962 consistency proof from old.size to new.size (empty for equal sizes).
    The error's `what` is "rollback" when `new` is smaller, "fork" when it is not an extension.
    """
    if new.origin != old.origin:
        raise VerificationError(
            f"{new_name} is for log {new.origin!r}, but {old_name} is for {old.origin!r}", what=FORK
        )
    if new.size < old.size:
        raise VerificationError(
            f"{new_name} covers {new.size} entries, fewer than the {old.size} of {old_name}: the ledger was "
            f"rolled back (entries {new.size}..{old.size - 1} are gone)",
            what=ROLLBACK,
            index=new.size,
        )
    if new.size == old.size:
        if new.root_hash != old.root_hash:
            raise VerificationError(
                f"{new_name} and {old_name} both cover {new.size} entries but have different roots: "
                "the ledger forked",
                what=FORK,
            )
        return
    if old.size == 0:
        return  # every tree extends the empty one
    try:
        merkle.verify_consistency(old.size, new.size, old.root_hash, new.root_hash, list(proof))
    except VerificationError as exc:
        raise VerificationError(
            f"{new_name} (size {new.size}) is not proven to extend {old_name} (size {old.size}): {exc}; "
            "the ledger forked",
            what=FORK,
        ) from None
