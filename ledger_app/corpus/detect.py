"""`--format auto`: tell a corpus's format from its files, and open the right adapter.

Shard files are recognised by name (`.tar`, `.jsonl[.gz]`, `.parquet`) and confirmed by their
magic bytes; anything else makes a folder of files. Ambiguity is an error that says what was found,
never a guess.
"""

from __future__ import annotations

import os
import stat
from itertools import islice
from pathlib import Path
from typing import Any

from ledger_app.core.errors import CorpusError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, corpus_refused
from ledger_app.corpus.base import ShardAdapter, is_purge_tmp
from ledger_app.corpus.files import open_regular, walk_files

FORMATS = ("folder", "webdataset", "jsonl", "parquet")
_SCAN_LIMIT = 20_000
# Files that commonly sit beside shards without being data: dataset cards, indexes, checksums.
_SIDECAR_EXTS = (".md", ".txt", ".json", ".yaml", ".yml", ".idx", ".index", ".sha256", ".md5", ".csv",
                 ".gitattributes", ".lock")


def _shard_format(name: str) -> str | None:
    if name.endswith(".tar"):
        return "webdataset"
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".jsonl.gzip")):
        return "jsonl"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    return None


def _magic_ok(root: Path, rel: str, fmt: str) -> bool:
    try:
        fd = open_regular(root, rel)
    except CorpusError:
        return False
    try:
        head = os.pread(fd, 512, 0)
    finally:
        os.close(fd)
    if fmt == "webdataset":
        return len(head) == 512 and head[257:262] == b"ustar"
    if fmt == "parquet":
        return head[:4] == b"PAR1"
    if fmt == "jsonl":
        return head[:2] == b"\x1f\x8b" or head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
    return True


def detect_format(path: Path | str) -> str:
    """`folder`, `webdataset`, `jsonl` or `parquet`; raises CorpusError saying why it cannot tell."""
    path = Path(path)
    try:
        st = os.lstat(path)
    except OSError as e:
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} cannot be read: {why}."), path=path, why=e.strerror) from None
    if stat.S_ISLNK(st.st_mode):
        path = path.resolve()  # the corpus root itself may be a link; nothing inside it is followed
        st = os.stat(path)
    if stat.S_ISREG(st.st_mode):
        fmt = _shard_format(path.name)
        if fmt is None:
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} is a single file that is not a shard (.tar, .jsonl[.gz], .parquet); to ingest loose files, give their folder."),
                                 path=path)
        return fmt
    if not stat.S_ISDIR(st.st_mode):
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} is neither a directory nor a shard file."), path=path)
    counts: dict[str, int] = {}
    confirmed: dict[str, int] = {}
    others: list[str] = []
    empty = True
    for rel, lst, err in islice(walk_files(path), _SCAN_LIMIT):
        if err is not None or lst is None or is_purge_tmp(rel):
            continue
        empty = False
        fmt = _shard_format(rel)
        if fmt is None:
            if not rel.rsplit("/", 1)[-1].lower().endswith(_SIDECAR_EXTS):
                others.append(rel)
            continue
        counts[fmt] = counts.get(fmt, 0) + 1
        if stat.S_ISREG(lst.st_mode) and lst.st_size and _magic_ok(path, rel, fmt):
            confirmed[fmt] = confirmed.get(fmt, 0) + 1
    if empty:
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} is empty: there is nothing to ingest."), path=path)
    if not counts:
        return "folder"
    if len(counts) > 1:
        found = ", ".join(f"{n} {f}" for f, n in sorted(counts.items()))
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} mixes shard formats ({found} shards); give the format explicitly."), path=path, found=found)
    (fmt,) = counts
    if others:
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} holds {shards} {fmt} shard(s) and {others} other file(s) such as {example}; give the format explicitly (folder or {fmt})."),
                             path=path, shards=counts[fmt], fmt=fmt, others=len(others), example=repr(others[0]))
    if not confirmed:
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} has files named like {fmt} shards but none of them has {fmt} content."), path=path, fmt=fmt)
    return fmt


def adapter_class(fmt: str) -> type[ShardAdapter]:
    if fmt == "folder":
        from ledger_app.corpus.folder import FolderAdapter

        return FolderAdapter
    if fmt == "webdataset":
        from ledger_app.corpus.webdataset import WebDatasetAdapter

        return WebDatasetAdapter
    if fmt == "jsonl":
        from ledger_app.corpus.jsonl import JsonlAdapter

        return JsonlAdapter
    if fmt == "parquet":
        from ledger_app.corpus.parquet import ParquetAdapter

        return ParquetAdapter
    raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Unknown corpus format {fmt}; use one of auto, {formats}."), fmt=repr(fmt), formats=", ".join(FORMATS))


def open_corpus(path: Path | str, fmt: str = "auto", **options: Any) -> ShardAdapter:
    """The adapter for the corpus at `path` (a directory, or a single shard file).

    `options` go to the adapter: `limits=Limits(...)` for all; `text_field`, `id_field` for JSONL;
    `content_column`, `id_column` for Parquet.
    """
    path = Path(path)
    try:
        path.resolve()
    except (RuntimeError, OSError):  # RuntimeError: pathlib's "Symlink loop" before Python 3.13
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} is a loop of symbolic links; give the real directory of the corpus."), path=path) from None
    if fmt == "auto":
        fmt = detect_format(path)
    cls = adapter_class(fmt)
    if path.is_file():
        if fmt == "folder":
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} is a file; a folder corpus is a directory."), path=path)
        resolved = path.resolve()
        return cls(resolved.parent, only=[resolved.name], **options)
    if not path.is_dir():
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} does not exist or is not a directory."), path=path)
    return cls(path, **options)
