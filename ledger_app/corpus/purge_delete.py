"""Purging a folder corpus, where each item is a file: the files (and their sidecars) are deleted
instead of rewritten, in batches, with the same journal and the same resume guarantees as a rewrite
(corpus/purge.py): the `written` record names the files before any is unlinked, and `done` follows
the fsync of their directories.
"""

from __future__ import annotations

import os
from typing import Any

from ledger_app.core.errors import CorpusError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, corpus_refused, said_of
from ledger_app.corpus.base import ShardRewrite
from ledger_app.corpus.files import fsync_dir, open_parent_dir
from ledger_app.corpus.journal import PurgeJournal
from ledger_app.corpus.purge import crashpoint, exists_in_dir, sha256_in_dir, unlink_in_dir


def delete_shards(adapter: Any, items: list[tuple[str, set[str]]], journal: PurgeJournal | None,
                   *, strict: bool) -> list[ShardRewrite]:
    """Delete whole files (and their sidecars) in one batch: record, unlink, fsync dirs, record."""
    written: list[tuple[str, str, ShardRewrite, list[str] | None]] = []
    for shard, keys in items:
        adapter.members_of(shard, keys)
        state = journal.state(shard) if journal is not None else None
        if state is not None:
            continue
        try:
            targets, fr = adapter.plan_delete(shard)
        except (CorpusError, OSError) as e:
            if strict:
                raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Cannot purge {shard}: {problem}"), shard=shard,
                                     problem=said_of(e)) from None
            continue
        result = ShardRewrite(shard, fr.sha256_before, None, tuple(fr.removed_keys), fr.removed_item_hashes,
                              fr.removed_member_hashes)
        written.append((shard, "written", result, targets))
    if journal is not None and written:
        journal.mark(written)
    crashpoint("written-recorded")
    fresh = {w[0]: w for w in written}
    dirs: set[str] = set()
    finish: list[tuple[str, str, ShardRewrite, list[str] | None]] = []
    for shard, _keys in items:
        if shard in fresh:
            result, targets = fresh[shard][2], fresh[shard][3] or []
        elif journal is not None and journal.state(shard) == "written":
            result, targets = journal.result(shard), journal.targets(shard)
        else:
            continue
        for rel in targets:
            dfd, name = open_parent_dir(adapter.root, rel)
            try:
                if rel == shard and exists_in_dir(dfd, name):
                    current = sha256_in_dir(dfd, name)
                    if current != result.sha256_before:
                        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{shard} changed since its purge began "
                                                                               "(SHA-256 {current}, expected {expected})."),
                                             shard=shard, current=current, expected=result.sha256_before)
                unlink_in_dir(dfd, name)
            finally:
                os.close(dfd)
            dirs.add(rel.rpartition("/")[0])
            crashpoint("unlinked")
        finish.append((shard, "done", result, targets))
    for d in sorted(dirs):
        fsync_dir(adapter.root / d if d else adapter.root)
    crashpoint("dirs-synced")
    if journal is not None and finish:
        journal.mark(finish)
    crashpoint("done-recorded")
    out = []
    for shard, _keys in items:
        if journal is not None and journal.state(shard) == "done":
            out.append(journal.result(shard))
        elif shard in fresh:
            out.append(fresh[shard][2])
    return out
