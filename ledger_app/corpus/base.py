"""The common shape of every corpus format: items, limits, the adapter interface, safe file access.

An adapter lists a corpus's shards, reads their items, and rewrites a shard without some items (the
purge). Everything here is shared by the four formats so that each format module only knows its own
layout. Files are always opened relative to the corpus root, one path component at a time, without
following symbolic links (corpus/files.py): a shard path can never lead outside the root, even if a
directory is swapped for a link while we read.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, Protocol, runtime_checkable

from ledger_app.core.errors import CorpusError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, corpus_refused, said_of
from ledger_app.corpus import reasons
from ledger_app.corpus.files import MiB, open_regular, sha256_fd, walk_files

GiB = 1024 * MiB

#: The member name of a refusal that concerns a whole shard or the damaged rest of it (a truncated
#: tar, a truncated or bomb gzip stream, a file that is not what its format needs).
SHARD_MEMBER = "@shard"

#: Suffix of the temporary file a purge writes next to the shard it rewrites.
TMP_SUFFIX = ".purge-tmp"


@dataclass(frozen=True)
class Limits:
    """Resource limits that keep a hostile corpus from exhausting memory or disk.

    A gzip stream is refused as a decompression bomb once it has produced more than `bomb_bytes` AND
    more than `bomb_ratio` times the compressed bytes consumed (real text compresses 3 to 10 times).
    """

    max_member_bytes: int = 256 * MiB  # largest single item (file, tar member, line, cell) read
    max_metadata_bytes: int = 16 * MiB  # largest metadata member (key.json, sidecar, caption)
    bomb_bytes: int = 1 * GiB
    bomb_ratio: float = 100.0
    max_row_group_bytes: int = 4 * GiB  # a Parquet row group declaring more is refused unread
    # A Parquet column chunk declaring more than this many uncompressed bytes at more than
    # `bomb_ratio` times its compressed size is refused unread (a page or dictionary bomb).
    chunk_bomb_bytes: int = 64 * MiB
    # Decoded bytes one Parquet batch may hold: batches shrink (down to one row) so that the worst
    # case a row group's metadata allows stays under it.
    batch_bytes: int = 64 * MiB
    # Records one shard may yield: at most `max_records_per_shard`, and at most `records_free` plus
    # `max_records_per_kib` for each KiB of the shard file, so a tiny file cannot become a flood of
    # items and permanent ledger entries (a record bomb). The records past the limit are refused once.
    max_records_per_shard: int = 10_000_000
    records_free: int = 1_000
    max_records_per_kib: int = 256

    def records_allowed(self, file_bytes: int) -> int:
        return min(self.max_records_per_shard, self.records_free + self.max_records_per_kib * file_bytes // 1024)

    def too_many_records(self, shard: str, file_bytes: int, after: Said) -> Said:
        """The refusal of a shard's records past `records_allowed`, saying which setting raises it."""
        return reasons.too_many_records(shard, self.records_allowed(file_bytes), file_bytes, self.records_free,
                                        self.max_records_per_kib, self.max_records_per_shard, after)


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class RawItem:
    """One item as a format adapter sees it: where it is, its content bytes, its metadata.

    `key` is unique within the corpus and stable across runs: `shard` for a folder file,
    `shard#member` otherwise. `member` is the WebDataset sample key, `id=<id>` for a JSONL/Parquet
    record with its own id, `line=<n>` (1-based) or `row=<n>` (0-based) for one without, and
    `@shard` for a refusal that concerns a whole shard. `data` is None exactly when `error` says why
    the item is refused (in English; `error_said` is the same reason as a message, core/item_reasons.py,
    which the items table keeps so that the window says it in its language).
    """

    key: str
    shard: str
    member: str | None
    location: str
    data: bytes | None
    is_text: bool = False
    metadata: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    members: tuple[str, ...] = ()
    partial: bool = False  # a refusal of records left unread by a limit: the shard is read again next run
    error_said: Said | None = None

    @property
    def refused(self) -> bool:
        return self.error is not None


@dataclass(frozen=True)
class ShardRewrite:
    """The outcome of purging one shard, as the journal and the certificate record it.

    `removed_item_hashes` maps each removed item key to the SHA-256 of its content (what ingest
    recorded as the item's `sha256`; for a refused item, of its raw bytes). `removed_member_hashes`
    maps each physically removed unit (tar member, JSONL line, file) to the SHA-256 of its exact
    bytes. `moved_keys` maps old to new keys of position-keyed items (`line=`/`row=`) that the removal
    renumbered. `sha256_after` is None when the shard itself was deleted (a folder file).
    """

    shard: str
    sha256_before: str
    sha256_after: str | None
    removed_keys: tuple[str, ...] = ()
    removed_item_hashes: dict[str, str] = field(default_factory=dict)
    removed_member_hashes: dict[str, str] = field(default_factory=dict)
    moved_keys: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "shard": self.shard,
            "sha256_before": self.sha256_before,
            "sha256_after": self.sha256_after,
            "removed_keys": list(self.removed_keys),
            "removed_item_hashes": dict(self.removed_item_hashes),
            "removed_member_hashes": dict(self.removed_member_hashes),
            "moved_keys": dict(self.moved_keys),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ShardRewrite:
        return cls(
            shard=d["shard"],
            sha256_before=d["sha256_before"],
            sha256_after=d["sha256_after"],
            removed_keys=tuple(d.get("removed_keys", ())),
            removed_item_hashes=dict(d.get("removed_item_hashes", {})),
            removed_member_hashes=dict(d.get("removed_member_hashes", {})),
            moved_keys=dict(d.get("moved_keys", {})),
        )


@dataclass
class FilterResult:
    """What a format's shard filter reports back to the purge machinery."""

    removed_keys: list[str] = field(default_factory=list)
    removed_item_hashes: dict[str, str] = field(default_factory=dict)
    removed_member_hashes: dict[str, str] = field(default_factory=dict)
    moved_keys: dict[str, str] = field(default_factory=dict)
    sha256_before: str | None = None  # set when the filter hashed the whole source while reading it


@runtime_checkable
class CorpusAdapter(Protocol):
    """What ingest and purge need from a corpus format."""

    format: str
    root: Path

    def shards(self) -> list[str]: ...

    def iter_items(self, shard: str) -> Iterator[RawItem]: ...

    def shard_sha256(self, shard: str) -> str: ...

    def rewrite_without(self, shard: str, keys: Iterable[str], journal: Any = None) -> ShardRewrite: ...


# --------------------------------------------------------------------------------------------------
# Keys, locations and metadata


def item_key(shard: str, member: str | None) -> str:
    return shard if member is None else f"{shard}#{member}"


def refused(shard: str, member: str | None, reason: Said | str, *, members: tuple[str, ...] = (),
            metadata: dict[str, Any] | None = None, partial: bool = False) -> RawItem:
    """An item refused for `reason`: a message (its English is the error), or a plain sentence."""
    key = item_key(shard, member)
    said = reason if isinstance(reason, Said) else None
    return RawItem(key=key, shard=shard, member=member, location=key, data=None, is_text=False,
                   metadata=metadata or {}, error=str(reason), members=members, partial=partial, error_said=said)



def printable_name(name: str) -> str:
    """A name safe to put in a key or a message: undecodable bytes become backslash escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def record_id(value: Any) -> str | None:
    """The string form of a record's own `id`, or None when it has no usable one."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return value if value.strip() else None
    return None


class RecordKeyer:
    """Assigns each record of a shard its member key: `id=<id>`, else `<unit>=<position>`.

    A record whose id repeats an earlier one is keyed by position, and `duplicate_of` tells the
    caller so that it can refuse it: keys must be unique within the corpus.
    """

    def __init__(self, unit: str):
        self.unit = unit
        self.first_seen: dict[str, int] = {}

    def key(self, position: int, rid: str | None) -> tuple[str, int | None]:
        if rid is not None:
            first = self.first_seen.get(rid)
            if first is None:
                self.first_seen[rid] = position
                return f"id={rid}", None
            return f"{self.unit}={position}", first
        return f"{self.unit}={position}", None


_ALIASES: dict[str, tuple[str, ...]] = {
    "source_url": ("source_url", "url", "URL", "source", "page_url", "link", "original_url"),
    "account": ("account", "uploader", "uploader_id", "account_id", "user", "username", "author_id"),
    "title": ("title", "headline"),
    "license": ("license", "licence", "LICENSE", "license_url"),
    "batch": ("batch", "acquisition_batch", "acquisition"),
    "caption": ("caption",),
}


def jsonable(value: Any, depth: int = 0) -> Any:
    """A JSON-compatible copy of a metadata value (dates as ISO text, bytes summarised)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(value)} bytes>"
    if depth > 20:
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v, depth + 1) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def normalize_metadata(raw: dict[str, Any]) -> dict[str, Any]:
    """Keep every field, and add the canonical provenance keys from their usual aliases.

    The canonical keys are `source_url`, `account` (uploader), `title`, `license`, `batch` and
    `caption`; a canonical key already present wins over its aliases.
    """
    out = {str(k): jsonable(v) for k, v in raw.items()}
    for canonical, aliases in _ALIASES.items():
        if out.get(canonical) not in (None, ""):
            continue
        for alias in aliases:
            value = out.get(alias)
            if value not in (None, ""):
                out[canonical] = value if isinstance(value, str) else json.dumps(value)
                break
    return out


# --------------------------------------------------------------------------------------------------
# The shared part of every adapter


def is_purge_tmp(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return name.startswith(".") and name.endswith(TMP_SUFFIX)


class ShardAdapter:
    """Base class of the format adapters: root, limits, shard discovery, hashing, purge plumbing.

    A subclass sets `format`, implements `_is_shard_name`, `iter_items` and `filter_shard` (write the
    shard's bytes without some items to a sink). `root` is the corpus directory; `only` restricts the
    corpus to some files under it (a corpus registered as a single shard file).
    """

    format: ClassVar[str] = ""

    def __init__(self, root: Path | str, *, limits: Limits = DEFAULT_LIMITS, only: Iterable[str] | None = None):
        try:
            self.root = Path(root).resolve()
        except (RuntimeError, OSError):  # RuntimeError: pathlib's "Symlink loop" before Python 3.13
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Corpus root {root} is a loop of symbolic links; give its real directory."), root=root) from None
        if not self.root.is_dir():
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Corpus root {root} is not a directory."), root=self.root)
        self.limits = limits
        self.only = sorted(only) if only is not None else None
        self._bad_names: set[str] = set()  # listed names that were not valid UTF-8, with escapes

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.root)!r})"

    # Listing -----------------------------------------------------------------------------------

    def _is_shard_name(self, rel: str) -> bool:
        raise NotImplementedError

    def shards(self) -> list[str]:
        """Every shard path under the root, sorted; symbolic links that look like shards included
        (reading them yields a refusal)."""
        if self.only is not None:
            return list(self.only)
        return [self._note_name(rel) for rel, _st, err in walk_files(self.root)
                if not is_purge_tmp(rel) and (err is None and self._is_shard_name(rel))]

    def _note_name(self, rel: str) -> str:
        """`rel`, or its printable form (remembered as unreadable) when it is not valid UTF-8."""
        try:
            rel.encode("utf-8")
        except UnicodeEncodeError:
            rel = printable_name(rel)
            self._bad_names.add(rel)
        return rel

    def iter_items(self, shard: str) -> Iterator[RawItem]:
        raise NotImplementedError

    def iter_all(self) -> Iterator[RawItem]:
        for shard in self.shards():
            yield from self.iter_items(shard)

    def open_shard(self, shard: str) -> int:
        return open_regular(self.root, shard)

    def _open_or_refuse(self, shard: str) -> tuple[int | None, RawItem | None]:
        """Open a shard for reading, or the refusal that says why it cannot be."""
        if shard in self._bad_names:
            return None, refused(shard, SHARD_MEMBER, reasons.bad_name(shard))
        try:
            fd = self.open_shard(shard)
        except CorpusError as e:
            return None, refused(shard, SHARD_MEMBER, said_of(e))
        if os.fstat(fd).st_size == 0:
            os.close(fd)
            return None, refused(shard, SHARD_MEMBER, reasons.zero_bytes(shard))
        return fd, None

    def shard_sha256(self, shard: str) -> str:
        fd = self.open_shard(shard)
        try:
            return sha256_fd(fd)
        finally:
            os.close(fd)

    # Purge ------------------------------------------------------------------------------------

    #: True when purging a shard deletes it (a folder file) rather than rewriting it.
    deletes_shards: ClassVar[bool] = False

    def members_of(self, shard: str, keys: Iterable[str]) -> set[str]:
        """The member names that the item keys denote in `shard` (keys of other shards refused)."""
        members = set()
        prefix = shard + "#"
        for k in keys:
            if not k.startswith(prefix):
                raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Item key {key} does not belong to shard {shard}."), key=repr(k), shard=repr(shard))
            members.add(k[len(prefix):])
        return members

    def filter_shard(self, shard: str, src: int, members: set[str], out: BinaryIO) -> FilterResult:
        """Write the shard read from fd `src` to `out` without the given members."""
        raise NotImplementedError

    def rewrite_without(self, shard: str, keys: Iterable[str], journal: Any = None) -> ShardRewrite:
        """Crash-safely purge items (by item key) from one shard; see `corpus.purge`."""
        from ledger_app.corpus.purge import purge_shard

        return purge_shard(self, shard, set(keys), journal)


def stat_sig(root: Path, shard: str) -> str:
    """size:mtime_ns of a shard: the cheap "unchanged since it was ingested" check."""
    p = root / shard if root.is_dir() else root
    try:
        st = os.lstat(p)
    except OSError:
        return "missing"
    return f"{st.st_size}:{st.st_mtime_ns}"
