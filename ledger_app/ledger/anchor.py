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
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, failed, said_of, say
from ledger_app.ledger import merkle
from ledger_app.ledger.checkpoint import Checkpoint

ROLLBACK = "rollback"
FORK = "fork"


def check_extends(
    old: Checkpoint,
    new: Checkpoint,
    proof: Sequence[bytes],
    *,
    old_name: str | Said | None = None,
    new_name: str | Said | None = None,
) -> None:
    """Raise VerificationError unless `new` is `old` or a proven extension of it.

    `proof` is the RFC 6962 consistency proof from old.size to new.size (empty for equal sizes).
    The error's `what` is "rollback" when `new` is smaller, "fork" when it is not an extension.
    """
    old_name = old_name if old_name is not None else say(QT_TRANSLATE_NOOP("ServiceMessage", "the checkpoint held"))
    new_name = new_name if new_name is not None else say(QT_TRANSLATE_NOOP("ServiceMessage", "the new checkpoint"))
    if new.origin != old.origin:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "{new_name} is for log {new_origin}, but {old_name} is for "
                                                         "{old_origin}"),
                     what=FORK, new_name=new_name, new_origin=repr(new.origin), old_name=old_name,
                     old_origin=repr(old.origin))
    if new.size < old.size:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "{new_name} covers {new_size} entries, fewer than the "
                                                         "{old_size} of {old_name}: the ledger was rolled back (entries "
                                                         "{new_size}..{last} are gone)"),
                     what=ROLLBACK, index=new.size, new_name=new_name, new_size=new.size, old_size=old.size,
                     old_name=old_name, last=old.size - 1)
    if new.size == old.size:
        if new.root_hash != old.root_hash:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "{new_name} and {old_name} both cover {size} entries but "
                                                             "have different roots: the ledger forked"),
                         what=FORK, new_name=new_name, old_name=old_name, size=new.size)
        return
    if old.size == 0:
        return  # every tree extends the empty one
    try:
        merkle.verify_consistency(old.size, new.size, old.root_hash, new.root_hash, list(proof))
    except VerificationError as exc:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "{new_name} (size {new_size}) is not proven to extend "
                                                         "{old_name} (size {old_size}): {problem}; the ledger forked"),
                     what=FORK, new_name=new_name, new_size=new.size, old_name=old_name, old_size=old.size,
                     problem=said_of(exc)) from None
