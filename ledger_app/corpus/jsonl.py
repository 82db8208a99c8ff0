"""JSONL text shards, plain or gzip: one JSON object per line with `id`, `text`, `url` and metadata.

Gzip is recognised by its magic bytes, not the name, and decompressed as a stream with a bound on
memory: a line longer than the member limit is refused without ever being held whole, and a stream that
expands past `Limits.bomb_bytes` at more than `Limits.bomb_ratio` to one is refused as a bomb. A
truncated or corrupt stream yields the complete records before the damage and one refusal naming
it. A purge copies every kept line's exact bytes (a gzip shard is recompressed, deterministically).
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from ledger_app.core.item_reasons import item_said
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, corpus_refused
from ledger_app.corpus.base import (
    SHARD_MEMBER,
    FilterResult,
    Limits,
    MiB,
    RawItem,
    RecordKeyer,
    ShardAdapter,
    item_key,
    normalize_metadata,
    record_id,
    refused,
)
from ledger_app.corpus.files import HashingReader
from ledger_app.corpus.reasons import json_why, utf8_problem

READ_CHUNK = 1 * MiB
TEXT_FIELDS = ("text", "content", "body")
GZIP_LEVEL = 6
_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".jsonl.gzip")


class _Damage:
    def __init__(self, message: Said):
        self.message = message


def _plain_chunks(reader: HashingReader, first: bytes) -> Iterator[bytes]:
    chunk = first
    while chunk:
        yield chunk
        chunk = reader.read(READ_CHUNK)


def _gzip_chunks(reader: HashingReader, first: bytes, limits: Limits) -> Iterator[bytes | _Damage]:
    """Decompressed chunks of a (possibly multi-member) gzip stream, then a `_Damage` if it is bad."""
    data = first
    d = zlib.decompressobj(31)
    consumed = 0
    produced = 0
    member_offset = 0
    while True:
        if not data:
            data = reader.read(READ_CHUNK)
            if not data:
                if not d.eof:
                    yield _Damage(item_said(QT_TRANSLATE_NOOP("ItemReason", "the gzip stream is truncated (it ends before its "
                                                                                "trailer)")))
                return
        if d.eof:
            # Between members: what follows must be another gzip member or zero padding.
            if data.count(0) == len(data):
                consumed += len(data)
                data = b""
                continue
            while len(data) < 2:
                more = reader.read(READ_CHUNK)
                if not more:
                    break
                data += more
            if not data.startswith(b"\x1f\x8b"):
                yield _Damage(item_said(QT_TRANSLATE_NOOP("ItemReason", "unexpected bytes follow the gzip stream at offset "
                                                                        "{offset}"), offset=consumed))
                return
            d = zlib.decompressobj(31)
            member_offset = consumed
        try:
            out = d.decompress(data, READ_CHUNK)
        except zlib.error as e:
            yield _Damage(item_said(QT_TRANSLATE_NOOP("ItemReason", "the gzip data is corrupt ({why}) in the member at "
                                                                    "offset {offset}"), why=str(e), offset=member_offset))
            return
        rest = d.unconsumed_tail if not d.eof else d.unused_data
        consumed += len(data) - len(rest)
        data = rest
        if out:
            produced += len(out)
            if produced > limits.bomb_bytes and produced > limits.bomb_ratio * max(consumed, 1):
                yield _Damage(item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "the gzip stream expands to more than {produced} bytes from {consumed} (over "
                                  "{ratio} to 1 and past {limit} bytes): refused as a decompression bomb"),
                    produced=produced, consumed=consumed, ratio=f"{limits.bomb_ratio:g}", limit=limits.bomb_bytes))
                return
            yield out


# Events of the line splitter: a whole line, a piece of an over-long line, or damage.
_LINE, _LONG, _DAMAGE = 0, 1, 2


def _lines(chunks: Iterable[bytes | _Damage], max_line: int) -> Iterator[tuple[int, int, Any, bool]]:
    """(kind, line number, bytes or message, last piece) for every line, terminators kept.

    A line longer than `max_line` comes out in pieces (`_LONG`) so it is never held whole. A final
    line without a newline is a line when the stream ends cleanly, part of the damage otherwise.
    """
    buf = bytearray()
    lineno = 0
    long_mode = False
    for chunk in chunks:
        if isinstance(chunk, _Damage):
            yield _DAMAGE, lineno - (1 if long_mode else 0), chunk.message, True
            return
        start = 0
        n = len(chunk)
        while start < n:
            nl = chunk.find(b"\n", start)
            if nl < 0:
                piece = chunk[start:]
                if long_mode:
                    yield _LONG, lineno, piece, False
                else:
                    buf += piece
                    if len(buf) > max_line:
                        lineno += 1
                        long_mode = True
                        yield _LONG, lineno, bytes(buf), False
                        buf.clear()
                break
            piece = chunk[start:nl + 1]
            start = nl + 1
            if long_mode:
                long_mode = False
                yield _LONG, lineno, piece, True
                continue
            if buf:
                buf += piece
                piece = bytes(buf)
                buf.clear()
            lineno += 1
            if len(piece) > max_line:
                yield _LONG, lineno, piece, True
            else:
                yield _LINE, lineno, piece, True
    if long_mode:
        yield _LONG, lineno, b"", True
    elif buf:
        lineno += 1
        if len(buf) > max_line:
            yield _LONG, lineno, bytes(buf), True
        else:
            yield _LINE, lineno, bytes(buf), True


@dataclass
class _Parsed:
    """A line's meaning, independent of its position: its own id, or why it is refused."""

    rid: str | None = None
    error: Said | None = None  # completes "Line N ..."
    record: dict | None = None
    text_field: str | None = None
    text: bytes | None = None
    blank: bool = False


class JsonlAdapter(ShardAdapter):
    format = "jsonl"

    def __init__(self, root, *, text_field: str | None = None, id_field: str = "id", **kw: Any):
        super().__init__(root, **kw)
        self.text_field = text_field
        self.id_field = id_field

    def _is_shard_name(self, rel: str) -> bool:
        return rel.endswith(_SUFFIXES)

    # Reading ------------------------------------------------------------------------------------

    def _parse(self, line: bytes) -> _Parsed:
        body = line.strip()
        if body.startswith(b"\xef\xbb\xbf"):
            body = body[3:].strip()
        if not body:
            return _Parsed(blank=True)
        bad = utf8_problem(body)
        if bad:
            return _Parsed(error=bad)
        try:
            obj = json.loads(body.decode("utf-8"))
        except json.JSONDecodeError as e:
            return _Parsed(error=item_said(QT_TRANSLATE_NOOP("ItemReason", "is not valid JSON ({why} at column {col})"),
                                           why=json_why(e.msg), col=e.colno))
        except RecursionError:
            return _Parsed(error=item_said(QT_TRANSLATE_NOOP("ItemReason", "is not valid JSON (nested too deeply)")))
        if not isinstance(obj, dict):
            return _Parsed(error=item_said(QT_TRANSLATE_NOOP("ItemReason", "is not a JSON object")))
        rid = record_id(obj.get(self.id_field))
        field = self.text_field or next((f for f in TEXT_FIELDS if f in obj), None)
        if field is None or field not in obj:
            want = self.text_field or "text"
            return _Parsed(rid=rid, error=item_said(QT_TRANSLATE_NOOP("ItemReason", "has no {field} field"),
                                                    field=repr(want)), record=obj)
        value = obj[field]
        if not isinstance(value, str):
            return _Parsed(rid=rid, error=item_said(QT_TRANSLATE_NOOP("ItemReason", "has a {field} field that is not a "
                                                                                  "string"), field=repr(field)), record=obj)
        if not value:
            return _Parsed(rid=rid, error=item_said(QT_TRANSLATE_NOOP("ItemReason", "has an empty {field} field (zero "
                                                                                  "bytes of content)"), field=repr(field)),
                           record=obj)
        try:
            text = value.encode("utf-8")
        except UnicodeEncodeError:
            return _Parsed(rid=rid, error=item_said(QT_TRANSLATE_NOOP("ItemReason", "has a {field} field with an "
                                                                                  "unpaired surrogate escape"),
                                                    field=repr(field)), record=obj)
        return _Parsed(rid=rid, record=obj, text_field=field, text=text)

    @staticmethod
    def _member(p: _Parsed, lineno: int, keyer: RecordKeyer) -> tuple[str, Said | None]:
        """The member key of a parsed line and, if it is refused, the reason."""
        line = QT_TRANSLATE_NOOP("ItemReason", "Line {line} {problem}.")
        if p.error is not None and p.rid is None:
            return f"line={lineno}", item_said(line, line=lineno, problem=p.error)
        member, first = keyer.key(lineno, p.rid)
        if first is not None:
            return member, item_said(QT_TRANSLATE_NOOP("ItemReason", "Line {line} repeats id {id} first seen on line "
                                                                     "{first}; ids must be unique within a shard."),
                                     line=lineno, id=repr(p.rid), first=first)
        if p.error is not None:
            return member, item_said(line, line=lineno, problem=p.error)
        return member, None

    def _events(self, reader: HashingReader) -> tuple[bool, Iterator[tuple[int, int, Any, bool]]]:
        first = reader.read(READ_CHUNK)
        gz = first.startswith(b"\x1f\x8b")
        chunks = _gzip_chunks(reader, first, self.limits) if gz else _plain_chunks(reader, first)
        return gz, _lines(chunks, self.limits.max_member_bytes)

    def iter_items(self, shard: str) -> Iterator[RawItem]:
        fd, refusal = self._open_or_refuse(shard)
        if refusal is not None:
            yield refusal
            return
        try:
            keyer = RecordKeyer("line")
            long_reported = 0
            file_bytes = os.fstat(fd).st_size
            allowed = self.limits.records_allowed(file_bytes)
            records = 0
            _, events = self._events(HashingReader(fd, hashing=False))
            too_many = False
            for kind, lineno, payload, _last in events:
                if kind == _DAMAGE:
                    yield refused(shard, SHARD_MEMBER, item_said(QT_TRANSLATE_NOOP(
                        "ItemReason", "{shard}: {damage} after line {line}; the records before it are listed."),
                        shard=shard, damage=payload, line=lineno))
                    return
                if kind == _LONG:
                    if lineno != long_reported:  # one refusal per over-long line, on its first piece
                        long_reported = lineno
                        records += 1
                        if records > allowed:
                            too_many = True
                            break
                        yield refused(shard, f"line={lineno}", item_said(QT_TRANSLATE_NOOP(
                            "ItemReason", "Line {line} is longer than the limit of {limit} bytes; it was not read."),
                            line=lineno, limit=self.limits.max_member_bytes))
                    continue
                p = self._parse(payload)
                if p.blank:
                    continue
                records += 1
                if records > allowed:
                    too_many = True
                    break
                member, error = self._member(p, lineno, keyer)
                if error is not None:
                    yield refused(shard, member, error)
                    continue
                meta = {k: v for k, v in p.record.items() if k != p.text_field}  # type: ignore[union-attr]
                k = item_key(shard, member)
                yield RawItem(key=k, shard=shard, member=member, location=k, data=p.text, is_text=True,
                              metadata=normalize_metadata(meta))
            if too_many:
                # A record bomb (a tiny gzip of countless short lines): the rest is not read.
                yield refused(shard, SHARD_MEMBER,
                              self.limits.too_many_records(shard, file_bytes, item_said(QT_TRANSLATE_NOOP(
                                  "ItemReason", "line {n}"), n=lineno - 1)), partial=True)
        finally:
            os.close(fd)

    # Purge --------------------------------------------------------------------------------------

    def filter_shard(self, shard: str, src: int, members: set[str], out: BinaryIO) -> FilterResult:
        if SHARD_MEMBER in members:
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "The refusal {shard}#{member} is not an item that can be purged."), shard=shard, member=SHARD_MEMBER)
        reader = HashingReader(src)
        gz, events = self._events(reader)
        sink = _Sink(out, gz)
        result = FilterResult()
        old_keys, new_keys = RecordKeyer("line"), RecordKeyer("line")
        new_lineno = 0
        dropping = False  # inside an over-long line that is being removed
        long_hash: Any = None
        for kind, lineno, payload, last in events:
            if kind == _DAMAGE:
                raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Cannot rewrite {shard}: {damage} after line {line}. Restore or repair the shard first; nothing was changed."),
                                     shard=shard, damage=payload, line=lineno)
            if kind == _LONG:
                member = f"line={lineno}"
                if long_hash is None:  # the first piece of this line
                    long_hash = hashlib.sha256()
                    dropping = member in members
                    if not dropping:
                        new_lineno += 1
                        if new_lineno != lineno:
                            result.moved_keys[item_key(shard, member)] = item_key(shard, f"line={new_lineno}")
                long_hash.update(payload)
                if not dropping:
                    sink.write(payload)
                if last:
                    if dropping:
                        k = item_key(shard, member)
                        result.removed_keys.append(k)
                        result.removed_item_hashes[k] = result.removed_member_hashes[k] = long_hash.hexdigest()
                    long_hash = None
                continue
            p = self._parse(payload)
            if p.blank:
                sink.write(payload)
                new_lineno += 1
                continue
            member, _ = self._member(p, lineno, old_keys)
            if member in members:
                k = item_key(shard, member)
                result.removed_keys.append(k)
                line_sha = hashlib.sha256(payload).hexdigest()
                result.removed_member_hashes[k] = line_sha
                result.removed_item_hashes[k] = (hashlib.sha256(p.text).hexdigest()
                                                 if p.text is not None else line_sha)
                continue
            sink.write(payload)
            new_lineno += 1
            new_member, _ = self._member(p, new_lineno, new_keys)
            if new_member != member:
                result.moved_keys[item_key(shard, member)] = item_key(shard, new_member)
        sink.close()
        result.sha256_before = reader.finish()
        return result


class _Sink:
    """Buffers small line writes into large ones; gzip-compresses deterministically when asked.

    zlib's gzip wrapper writes a fixed header (no name, mtime 0), so the same kept lines always give
    the same bytes: a resumed purge ends byte-identical to an uninterrupted one.
    """

    def __init__(self, out: BinaryIO, gz: bool):
        self.out = out
        self.buf = bytearray()
        self.z = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31) if gz else None

    def write(self, data: bytes) -> None:
        self.buf += data
        if len(self.buf) >= READ_CHUNK:
            self._drain()

    def _drain(self) -> None:
        data = bytes(self.buf)
        self.buf.clear()
        if self.z is not None:
            data = self.z.compress(data)
        if data:
            self.out.write(data)

    def close(self) -> None:
        self._drain()
        if self.z is not None:
            self.out.write(self.z.flush())
