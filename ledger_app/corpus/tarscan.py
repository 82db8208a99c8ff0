"""A read-only tar header scanner that reports where every entry's bytes lie and what is unsafe.

Python's `tarfile` is built to extract: it treats a corrupt header in mid-archive as a silent end of
the archive, folds global pax headers into nothing, and hides where an entry's extended headers
begin. A purge must copy every kept entry byte for byte (its 512-byte header blocks, extended
headers included, and its data blocks), and a listing must say exactly where damage starts; so we
read the headers ourselves. Nothing is ever extracted, and no link is ever followed: link and device
entries are merely classified.

Supported: POSIX ustar (with the name prefix), pax extended headers (`x`, and `g` kept as its own
entry), GNU long names and long link names (`L`, `K`), base-256 size fields.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ledger_app.core.item_reasons import item_said
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said

BLOCK = 512
RECORD = 20 * BLOCK
ZERO_BLOCK = bytes(BLOCK)
MAX_EXTENDED_HEADER = 1024 * 1024

REGULAR_TYPES = {b"0", b"\x00", b"7"}
_NO_DATA_TYPES = {b"1", b"2", b"3", b"4", b"5", b"6"}
_KNOWN_TYPES = REGULAR_TYPES | _NO_DATA_TYPES
_TYPE_PROBLEMS = {
    b"3": QT_TRANSLATE_NOOP("ItemReason", "is a character device"),
    b"4": QT_TRANSLATE_NOOP("ItemReason", "is a block device"),
    b"6": QT_TRANSLATE_NOOP("ItemReason", "is a FIFO"),
    b"S": QT_TRANSLATE_NOOP("ItemReason", "is a GNU sparse file (not supported)"),
    b"V": QT_TRANSLATE_NOOP("ItemReason", "is a GNU volume header (not supported)"),
    b"M": QT_TRANSLATE_NOOP("ItemReason", "is a GNU multi-volume continuation (not supported)"),
}


@dataclass(frozen=True)
class TarEntry:
    """One archive entry: its extent [start, end) in the file, its data, its name and kind."""

    start: int  # first header block, extended headers included
    data_start: int
    size: int  # data bytes (0 for links, devices, directories)
    end: int  # where the next entry begins: data_start + size rounded up to a block
    name: str  # decoded UTF-8; undecodable bytes kept as surrogate escapes
    typeflag: bytes
    linkname: str
    problem: Said | None  # why the entry is unsafe ("is a symbolic link to ...", "has ..."), or None
    is_global: bool = False  # a pax global header: belongs to no sample, always kept

    @property
    def is_regular(self) -> bool:
        return self.typeflag in REGULAR_TYPES

    @property
    def is_dir(self) -> bool:
        return self.typeflag == b"5"


@dataclass(frozen=True)
class TarScan:
    entries: list[TarEntry]
    file_size: int
    damage: Said | None  # why reading stopped early, or None for a clean end-of-archive marker
    damage_offset: int | None
    damaged_name: str | None  # the entry the damage cut off, when its header could be read
    missing_end_marker: bool = False  # the file ended cleanly between entries, without the marker


class _Damage(Exception):
    def __init__(self, message: Said, offset: int, name: str | None = None):
        super().__init__(str(message))
        self.said = message
        self.offset = offset
        self.name = name


def _number(field: bytes) -> int:
    """A tar numeric field: octal text, or base-256 when the high bit of the first byte is set."""
    if field and field[0] & 0x80:
        if field[0] == 0xFF:
            raise ValueError("negative base-256 number")
        return int.from_bytes(bytes([field[0] & 0x7F]) + field[1:], "big")
    text = field.split(b"\x00", 1)[0].strip(b" ")
    return int(text, 8) if text else 0


def _checksum_ok(hdr: bytes) -> bool:
    try:
        stored = _number(hdr[148:156])
    except ValueError:
        return False
    unsigned = sum(hdr) - sum(hdr[148:156]) + 8 * 32
    if stored == unsigned:
        return True
    signed = sum(b - 256 if b > 127 else b for b in hdr[:148] + hdr[156:]) + 8 * 32
    return stored == signed


def _cstr(field: bytes) -> bytes:
    return field.split(b"\x00", 1)[0]


def _decode(raw: bytes) -> tuple[str, bool]:
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        return raw.decode("utf-8", "surrogateescape"), False


_PAX_RECORD = re.compile(rb"(\d+) ([^=]+)=")


def _malformed_pax(offset: int) -> Said:
    return item_said(QT_TRANSLATE_NOOP("ItemReason", "malformed pax extended header at offset {offset}"), offset=offset)


def _pax_records(buf: bytes, offset: int) -> dict[bytes, bytes]:
    out: dict[bytes, bytes] = {}
    pos = 0
    while pos < len(buf) and buf[pos:pos + 1] != b"\x00":
        m = _PAX_RECORD.match(buf, pos)
        if not m:
            raise _Damage(_malformed_pax(offset), offset)
        length = int(m.group(1))
        if length <= 0 or pos + length > len(buf):
            raise _Damage(_malformed_pax(offset), offset)
        out[m.group(2)] = buf[m.end():pos + length - 1]
        pos += length
    return out


def name_problem(name: str) -> Said | None:
    """Why a member name is unsafe to use as a path, or None."""
    if not name:
        return item_said(QT_TRANSLATE_NOOP("ItemReason", "has an empty name"))
    if name[0] in "/\\" or (len(name) > 1 and name[1] == ":" and name[0].isascii() and name[0].isalpha()):
        return item_said(QT_TRANSLATE_NOOP("ItemReason", "has an absolute path"))
    if ".." in name and ".." in name.replace("\\", "/").split("/"):
        return item_said(QT_TRANSLATE_NOOP("ItemReason", "has a parent-directory component ('..')"))
    return None


def _padded(n: int) -> int:
    return (n + BLOCK - 1) // BLOCK * BLOCK


def scan_tar(fd: int, file_size: int | None = None) -> TarScan:
    """Read every header of the tar file open at `fd`; never raises for a broken archive."""
    if file_size is None:
        file_size = os.fstat(fd).st_size
    entries: list[TarEntry] = []
    pos = 0
    entry_start: int | None = None
    pending: dict[str, object] = {}
    try:
        while True:
            if pos + BLOCK > file_size:
                if entry_start is not None:
                    raise _Damage(item_said(QT_TRANSLATE_NOOP(
                        "ItemReason", "the archive ends inside the extended headers at offset {offset}"),
                        offset=entry_start),
                                  entry_start)
                if pos == file_size and pos > 0:
                    return TarScan(entries, file_size, None, None, None, missing_end_marker=True)
                raise _Damage(item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "the archive is truncated inside a header at offset {offset}"), offset=pos), pos)
            hdr = os.pread(fd, BLOCK, pos)
            if len(hdr) < BLOCK:
                raise _Damage(item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "the archive is truncated inside a header at offset {offset}"), offset=pos), pos)
            if hdr == ZERO_BLOCK:
                if entry_start is not None:
                    raise _Damage(item_said(QT_TRANSLATE_NOOP(
                        "ItemReason", "extended headers at offset {offset} are not followed by a member"),
                        offset=entry_start),
                                  entry_start)
                return TarScan(entries, file_size, None, None, None)
            if not _checksum_ok(hdr):
                what = (QT_TRANSLATE_NOOP("ItemReason", "not a tar archive: bad header checksum at offset {offset}")
                        if pos == 0 else QT_TRANSLATE_NOOP("ItemReason", "corrupt: bad header checksum at offset {offset}"))
                raise _Damage(item_said(what, offset=pos), pos)
            typeflag = hdr[156:157]
            try:
                size = _number(hdr[124:136])
            except ValueError:
                raise _Damage(item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "invalid size field in the header at offset {offset}"), offset=pos), pos) from None
            hdr_pos = pos
            if entry_start is None:
                entry_start = pos
            data_start = pos + BLOCK

            if typeflag in (b"x", b"X", b"g", b"L", b"K"):
                if size > MAX_EXTENDED_HEADER:
                    raise _Damage(item_said(QT_TRANSLATE_NOOP(
                        "ItemReason", "an extended header of {size} bytes at offset {offset} is over the limit"),
                        size=size, offset=pos), pos)
                if data_start + size > file_size:
                    raise _Damage(item_said(QT_TRANSLATE_NOOP(
                        "ItemReason", "the archive is truncated inside an extended header at offset {offset}"),
                        offset=pos), pos)
                buf = os.pread(fd, size, data_start)
                pos = data_start + _padded(size)
                if typeflag == b"g":
                    if entry_start != hdr_pos:
                        raise _Damage(item_said(QT_TRANSLATE_NOOP(
                            "ItemReason", "a global header at offset {offset} interrupts an entry"), offset=hdr_pos),
                            hdr_pos)
                    entries.append(TarEntry(entry_start, data_start, size, pos, "", typeflag, "", None,
                                            is_global=True))
                    entry_start = None
                elif typeflag in (b"x", b"X"):
                    recs = _pax_records(buf, hdr_pos)
                    if b"path" in recs:
                        pending["path"] = recs[b"path"]
                    if b"linkpath" in recs:
                        pending["linkpath"] = recs[b"linkpath"]
                    if b"size" in recs:
                        try:
                            pending["size"] = int(recs[b"size"])
                        except ValueError:
                            raise _Damage(item_said(QT_TRANSLATE_NOOP(
                                "ItemReason", "invalid pax size at offset {offset}"), offset=hdr_pos), hdr_pos) from None
                elif typeflag == b"L":
                    pending["path"] = _cstr(buf)
                else:
                    pending["linkpath"] = _cstr(buf)
                continue

            # A real member header, possibly after extended headers.
            raw_name = pending.get("path")
            if raw_name is None:
                raw_name = _cstr(hdr[0:100])
                if hdr[257:263] == b"ustar\x00":
                    prefix = _cstr(hdr[345:500])
                    if prefix:
                        raw_name = prefix + b"/" + raw_name
            raw_link = pending.get("linkpath", _cstr(hdr[157:257]))
            if "size" in pending:
                size = int(pending["size"])  # type: ignore[arg-type]
            name, name_ok = _decode(raw_name)  # type: ignore[arg-type]
            link, _ = _decode(raw_link)  # type: ignore[arg-type]
            has_data = typeflag not in _NO_DATA_TYPES
            data_len = size if has_data else 0
            if data_start + data_len > file_size:
                remain = max(0, file_size - data_start)
                raise _Damage(item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "member {name} at offset {offset} is truncated: its header declares {size} bytes "
                                  "but only {remain} remain"), name=repr(name), offset=entry_start, size=data_len,
                    remain=remain), entry_start, name)
            problem: Said | None = None
            if typeflag == b"2":
                problem = item_said(QT_TRANSLATE_NOOP("ItemReason", "is a symbolic link to {target}"), target=repr(link))
            elif typeflag == b"1":
                problem = item_said(QT_TRANSLATE_NOOP("ItemReason", "is a hard link to {target}"), target=repr(link))
            elif typeflag in _TYPE_PROBLEMS:
                problem = item_said(_TYPE_PROBLEMS[typeflag])
            elif typeflag not in _KNOWN_TYPES:
                problem = item_said(QT_TRANSLATE_NOOP("ItemReason", "has an unsupported member type {type}"),
                                    type=repr(typeflag.decode("latin-1")))
            if problem is None:
                problem = name_problem(name)
            if problem is None and not name_ok:
                problem = item_said(QT_TRANSLATE_NOOP("ItemReason", "has a name that is not valid UTF-8"))
            end = data_start + _padded(data_len)
            entries.append(TarEntry(entry_start, data_start, data_len, end, name, typeflag, link, problem))
            entry_start = None
            pending = {}
            pos = end
    except _Damage as d:
        return TarScan(entries, file_size, d.said, d.offset, d.name)


def end_of_archive(length: int) -> bytes:
    """The end-of-archive marker for an archive of `length` bytes: two zero blocks, then zeros to a
    whole record, as tar and Python's tarfile write it."""
    total = length + 2 * BLOCK
    return bytes(2 * BLOCK + (-total) % RECORD)
