"""A folder of files: every regular file under the root is one item (its own shard).

The walk never follows a symbolic link; a link, FIFO, socket or device is listed as a refused item
with the reason, and is never opened. Metadata can sit beside a file as a sidecar: `photo.jpg.json`,
or img2dataset's `photo.json` and `photo.txt` (caption) sharing the stem. Sidecars are not items; a
purge deletes the file with its own sidecars.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from ledger_app.core.errors import CorpusError
from ledger_app.core.item_reasons import item_said
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, corpus_refused, said_of
from ledger_app.core.os_errors import os_error_said
from ledger_app.corpus.base import (
    FilterResult,
    RawItem,
    ShardAdapter,
    is_purge_tmp,
    normalize_metadata,
    printable_name,
    refused,
)
from ledger_app.corpus.files import (
    check_relpath,
    kind_said,
    open_parent_dir,
    open_regular,
    read_exact_at,
    sha256_fd,
    walk_files,
)
from ledger_app.corpus.reasons import bad_name, json_why, zero_bytes
from ledger_app.corpus.sniff import sniff_media_type


def _split(name: str) -> tuple[str, str]:
    """(stem, last extension in lower case); no extension gives (name, "")."""
    if "." not in name.lstrip("."):
        return name, ""
    stem, ext = name.rsplit(".", 1)
    return stem, ext.lower()


def sidecar_names(name: str) -> tuple[list[str], str | None]:
    """The metadata sidecars a file may have, in merge order, and its caption sidecar."""
    stem, ext = _split(name)
    if ext == "json":
        return [], None
    metas = ([f"{stem}.json"] if ext else []) + [f"{name}.json"]
    caption = f"{stem}.txt" if ext and ext != "txt" else None
    return metas, caption


def is_sidecar(name: str, siblings: set[str]) -> bool:
    """Whether `name` is a sidecar of another file among `siblings` (the same directory's names)."""
    stem, ext = _split(name)
    if ext == "json":
        if stem in siblings:
            return True
        return any(_split(s)[0] == stem and _split(s)[1] not in ("", "json") for s in siblings if s != name)
    if ext == "txt":
        return any(_split(s)[0] == stem and _split(s)[1] not in ("", "json", "txt") for s in siblings)
    return False


class FolderAdapter(ShardAdapter):
    format = "folder"
    deletes_shards = True

    def shards(self) -> list[str]:
        if self.only is not None:
            return list(self.only)
        listing = [(rel, err) for rel, _st, err in walk_files(self.root) if not is_purge_tmp(rel)]
        by_dir: dict[str, set[str]] = {}
        for rel, err in listing:
            if err is None:
                d, _, n = rel.rpartition("/")
                by_dir.setdefault(d, set()).add(n)
        out = []
        for rel, err in listing:
            d, _, n = rel.rpartition("/")
            if err is None and is_sidecar(n, by_dir[d]):
                continue
            out.append(self._note_name(rel))
        return out

    # Reading ------------------------------------------------------------------------------------

    def _lstat(self, dfd: int, name: str) -> os.stat_result | None:
        try:
            return os.stat(name, dir_fd=dfd, follow_symlinks=False)
        except FileNotFoundError:
            return None
        except OSError as e:
            if e.errno == errno.ENAMETOOLONG:
                # A sidecar name (`name.json`) longer than the file system allows cannot exist: a file
                # whose own name is at the limit simply has no such sidecar.
                return None
            raise

    def iter_items(self, shard: str) -> Iterator[RawItem]:
        try:
            yield self._item(shard)
        except OSError as e:  # one file the system will not let us read never stops the others
            yield refused(shard, None, item_said(QT_TRANSLATE_NOOP(
                "ItemReason", "{shard} cannot be read ({why}); check its name and permissions, then run the ingest "
                              "again."), shard=shard, why=os_error_said(e)))

    def _item(self, shard: str) -> RawItem:
        if shard in self._bad_names:
            return refused(shard, None, bad_name(shard))
        try:
            dfd, name = open_parent_dir(self.root, shard)
        except CorpusError as e:
            return refused(shard, None, said_of(e))
        try:
            st = self._lstat(dfd, name)
            if st is None:
                if "\\x" in shard:  # listed by another adapter instance, with its bytes escaped
                    return refused(shard, None, bad_name(shard))
                return refused(shard, None, item_said(QT_TRANSLATE_NOOP("ItemReason", "{shard} no longer exists."),
                                                      shard=shard))
            if stat.S_ISLNK(st.st_mode):
                target = printable_name(os.readlink(name, dir_fd=dfd))
                return refused(shard, None, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "{shard} is a symbolic link to {target}; links are not followed."),
                    shard=shard, target=repr(target)))
            if stat.S_ISDIR(st.st_mode):
                try:
                    sub = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dfd)
                    try:
                        os.listdir(sub)
                    finally:
                        os.close(sub)
                except OSError as e:
                    return refused(shard, None, item_said(QT_TRANSLATE_NOOP(
                        "ItemReason", "The directory {shard} cannot be listed ({why})."), shard=shard,
                        why=os_error_said(e)))
                return refused(shard, None, item_said(QT_TRANSLATE_NOOP("ItemReason", "{shard} is a directory."),
                                                      shard=shard))
            if not stat.S_ISREG(st.st_mode):
                return refused(shard, None, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "{shard} is not a regular file ({kind})."), shard=shard, kind=kind_said(st.st_mode)))
            if st.st_size == 0:
                return refused(shard, None, zero_bytes(shard))
            if st.st_size > self.limits.max_member_bytes:
                return refused(shard, None, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "{shard} is {size} bytes, over the limit of {limit} bytes; it was not read."),
                    shard=shard, size=st.st_size, limit=self.limits.max_member_bytes))
            metadata, problem, sidecars = self._sidecar_metadata(dfd, name, shard)
            if problem is not None:
                return refused(shard, None, problem)
        finally:
            os.close(dfd)
        try:
            fd = open_regular(self.root, shard)
        except CorpusError as e:
            return refused(shard, None, said_of(e))
        try:
            size = os.fstat(fd).st_size
            if size == 0 or size > self.limits.max_member_bytes:
                return refused(shard, None, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "{shard} changed size while being read."), shard=shard))
            data = read_exact_at(fd, size, 0)
        except CorpusError as e:
            return refused(shard, None, item_said(QT_TRANSLATE_NOOP("ItemReason", "{shard}: {problem}"), shard=shard,
                                                  problem=said_of(e)))
        finally:
            os.close(fd)
        if sidecars:
            metadata["sidecars"] = sidecars
        return RawItem(key=shard, shard=shard, member=None, location=shard, data=data,
                       is_text=sniff_media_type(data) == "text/plain", metadata=normalize_metadata(metadata))

    def _sidecar_metadata(self, dfd: int, name: str, shard: str) -> tuple[dict[str, Any], Said | None, list[str]]:
        """Merged sidecar metadata, or the reason a sidecar makes the item unusable."""
        d = shard.rpartition("/")[0]
        metas, caption_name = sidecar_names(name)
        merged: dict[str, Any] = {}
        found: list[str] = []
        for side in metas + ([caption_name] if caption_name else []):
            st = self._lstat(dfd, side)
            if st is None:
                continue
            rel = f"{d}/{side}" if d else side
            if not stat.S_ISREG(st.st_mode):
                return {}, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "Its metadata sidecar {rel} is not a regular file ({kind})."), rel=rel,
                    kind=kind_said(st.st_mode)), []
            if st.st_size > self.limits.max_metadata_bytes:
                return {}, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "Its metadata sidecar {rel} is over the limit of {limit} bytes."), rel=rel,
                    limit=self.limits.max_metadata_bytes), []
            try:
                fd = open_regular(self.root, rel)
            except CorpusError as e:
                return {}, item_said(QT_TRANSLATE_NOOP("ItemReason", "Its metadata sidecar cannot be read: {problem}"),
                                     problem=said_of(e)), []
            try:
                raw = read_exact_at(fd, os.fstat(fd).st_size, 0)
            finally:
                os.close(fd)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                return {}, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "Its metadata sidecar {rel} is not valid UTF-8 (byte at position {at})."), rel=rel,
                    at=e.start), []
            found.append(rel)
            if side == caption_name:
                merged["caption"] = text
                continue
            try:
                parsed = json.loads(text) if text.strip() else {}
            except json.JSONDecodeError as e:
                return {}, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "Its metadata sidecar {rel} is not valid JSON ({why} at line {line})."), rel=rel,
                    why=json_why(e.msg), line=e.lineno), []
            if not isinstance(parsed, dict):
                return {}, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "Its metadata sidecar {rel} is not a JSON object."), rel=rel), []
            merged.update(parsed)
        return merged, None, found

    # Purge --------------------------------------------------------------------------------------

    def members_of(self, shard: str, keys: Iterable[str]) -> set[str]:
        for k in keys:
            if k != shard:
                raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Item key {key} does not belong to the folder file {shard}."), key=repr(k), shard=repr(shard))
        return {shard}

    def plan_delete(self, shard: str) -> tuple[list[str], FilterResult]:
        """The paths a purge of `shard` deletes (its own sidecars, then the file) and their hashes."""
        check_relpath(shard)
        fd = open_regular(self.root, shard)  # refuses links and special files: only files are purged
        try:
            sha = sha256_fd(fd)
        finally:
            os.close(fd)
        d, _, name = shard.rpartition("/")
        dfd, _ = open_parent_dir(self.root, shard)
        try:
            siblings = set(os.listdir(dfd))
        finally:
            os.close(dfd)
        metas, caption = sidecar_names(name)
        stem = _split(name)[0]
        others = [s for s in siblings if s != name and _split(s)[0] == stem
                  and _split(s)[1] not in ("json", "txt") and not is_sidecar(s, siblings)]
        targets: list[str] = []
        result = FilterResult(removed_keys=[shard], removed_item_hashes={shard: sha}, sha256_before=sha)
        for side in metas + ([caption] if caption else []):
            shared = side != f"{name}.json" and bool(others)
            if side in siblings and not shared:
                rel = f"{d}/{side}" if d else side
                try:
                    sfd = open_regular(self.root, rel)
                except CorpusError:
                    continue  # a linked or special sidecar is left alone: only regular files are purged
                try:
                    result.removed_member_hashes[rel] = sha256_fd(sfd)
                finally:
                    os.close(sfd)
                targets.append(rel)
        result.removed_member_hashes[shard] = sha
        targets.append(shard)
        return targets, result

    def filter_shard(self, shard: str, src: int, members: set[str], out: BinaryIO) -> FilterResult:
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "A folder corpus is purged by deleting files, not by rewriting them."))
