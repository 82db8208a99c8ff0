"""Safe file access under a corpus root, for every format adapter: paths opened one component at a
time without following symbolic links, regular files only, exact reads at an offset, and hashing
readers and writers that compute a shard's SHA-256 while it is read or rewritten.

Why this exists apart from base.py: it is the whole of the adapters' contact with the file system,
so that it can be read and checked in one place; a shard path can never lead outside the root, even
if a directory is swapped for a link while we read.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, corpus_refused, say

MiB = 1024 * 1024


def check_relpath(rel: str) -> tuple[str, ...]:
    """The components of a shard path, refusing anything that could leave the corpus root."""
    if not rel or rel.startswith("/") or "\x00" in rel:
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Shard path {path} is not a relative path inside the corpus."), path=repr(rel))
    parts = tuple(rel.split("/"))
    if any(p in ("..", ".", "") for p in parts):
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Shard path {path} is not a plain relative path inside the corpus."), path=repr(rel))
    return parts


_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def open_parent_dir(root: Path, rel: str) -> tuple[int, str]:
    """Open the directory holding `rel` under `root`, component by component, never following links.

    Returns the directory's fd (the caller closes it) and the final component's name.
    """
    parts = check_relpath(rel)
    try:
        fd = os.open(root, _DIR_FLAGS)
    except OSError as e:
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Cannot open the corpus root {root}: {why}."), root=root, why=e.strerror) from None
    try:
        for part in parts[:-1]:
            nfd = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = nfd
    except OSError as e:
        os.close(fd)
        if e.errno in (errno.ELOOP, errno.ENOTDIR):
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Cannot open the directory of {path}: a symbolic link (not followed)."),
                                 path=repr(rel)) from None
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Cannot open the directory of {path}: {why}."), path=repr(rel),
                             why=e.strerror) from None
    return fd, parts[-1]


def open_regular(root: Path, rel: str) -> int:
    """Open a regular file under `root` for reading, refusing links, devices, FIFOs and sockets."""
    dfd, name = open_parent_dir(root, rel)
    try:
        # O_NONBLOCK keeps a FIFO from blocking the open; it changes nothing for a regular file.
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0),
                     dir_fd=dfd)
    except OSError as e:
        if e.errno == errno.ELOOP:  # the final component is a symbolic link
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} is a symbolic link; links are not followed."), path=rel) from None
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Cannot open {path}: {why}."), path=rel, why=e.strerror) from None
    finally:
        os.close(dfd)
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} is not a regular file ({kind})."), path=rel, kind=kind_said(st.st_mode))
    return fd


#: What a path is, as said in a refusal (file_kind's English, a word of its own for the window).
KINDS = {
    "symbolic link": QT_TRANSLATE_NOOP("ServiceMessage", "symbolic link"),
    "directory": QT_TRANSLATE_NOOP("ServiceMessage", "directory"),
    "FIFO": QT_TRANSLATE_NOOP("ServiceMessage", "FIFO"),
    "socket": QT_TRANSLATE_NOOP("ServiceMessage", "socket"),
    "character device": QT_TRANSLATE_NOOP("ServiceMessage", "character device"),
    "block device": QT_TRANSLATE_NOOP("ServiceMessage", "block device"),
    "regular file": QT_TRANSLATE_NOOP("ServiceMessage", "regular file"),
    "special file": QT_TRANSLATE_NOOP("ServiceMessage", "special file"),
}


def kind_said(mode: int) -> Said:
    return say(KINDS[file_kind(mode)])


def file_kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    return "regular file" if stat.S_ISREG(mode) else "special file"


def read_exact_at(fd: int, size: int, offset: int) -> bytes:
    """Read exactly `size` bytes at `offset` (a short read means the file shrank under us)."""
    chunks = []
    got = 0
    while got < size:
        b = os.pread(fd, min(size - got, 16 * MiB), offset + got)
        if not b:
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "The file ended {n} bytes early at offset {offset}."), n=size - got, offset=offset + got)
        chunks.append(b)
        got += len(b)
    return b"".join(chunks) if len(chunks) != 1 else chunks[0]


def sha256_fd(fd: int, chunk: int = 8 * MiB) -> str:
    h = hashlib.sha256()
    offset = 0
    while True:
        b = os.pread(fd, chunk, offset)
        if not b:
            return h.hexdigest()
        h.update(b)
        offset += len(b)


_copy_file_range = getattr(os, "copy_file_range", None)


class HashingWriter:
    """A binary sink that hashes what it writes and counts it (enough file API for pyarrow too)."""

    def __init__(self, fd: int):
        self.fd = fd
        self.hash = hashlib.sha256()
        self.pos = 0
        self.closed = False
        self.on_first_write: Any = None

    def write(self, data: bytes | bytearray | memoryview) -> int:
        if self.on_first_write is not None:
            hook, self.on_first_write = self.on_first_write, None
            n = len(data) // 2
            self._write(memoryview(data)[:n])
            hook()
            self._write(memoryview(data)[n:])
        else:
            self._write(data)
        return len(data)

    def _write(self, data: Any) -> None:
        mv = memoryview(data).cast("B")
        size = len(mv)
        self.hash.update(mv)
        while mv:
            n = os.write(self.fd, mv)
            mv = mv[n:]
        self.pos += size

    def copy_range(self, src: int, offset: int, data: memoryview, *, hashed: bool = True) -> None:
        """Append `len(data)` bytes of fd `src` from `offset`, which the caller has read as `data`.

        The bytes are hashed from `data` (unless the caller hashes them itself, see `adopt_hash`)
        and copied by the kernel (`copy_file_range`), so they do not pass through user space again.
        """
        if self.on_first_write is not None:
            hook, self.on_first_write = self.on_first_write, None
            half = len(data) // 2
            self.copy_range(src, offset, data[:half], hashed=hashed)
            hook()
            self.copy_range(src, offset + half, data[half:], hashed=hashed)
            return
        if hashed:
            self.hash.update(data)
        done, size = 0, len(data)
        while done < size:
            if _copy_file_range is None:
                n = os.write(self.fd, data[done:])
            else:
                n = _copy_file_range(src, self.fd, size - done, offset + done)
                if n == 0:
                    raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "The source ended {n} bytes early at offset {offset}."), n=size - done, offset=offset + done)
            done += n
        self.pos += size

    def adopt_hash(self, h: Any) -> None:
        """Take over a hash object that the caller fed with exactly the bytes written so far."""
        self.hash = h

    def hexdigest(self) -> str:
        return self.hash.hexdigest()

    def tell(self) -> int:
        return self.pos

    def flush(self) -> None:
        pass

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readable(self) -> bool:
        return False

    def close(self) -> None:
        self.closed = True


class HashingReader:
    """Sequential reads of a file descriptor, hashing every byte read unless `hashing` is off;
    `finish` reads and hashes the rest of the file."""

    def __init__(self, fd: int, offset: int = 0, *, hashing: bool = True):
        self.fd = fd
        self.offset = offset
        self.hash = hashlib.sha256() if hashing else None
        self._buf: bytearray | None = None

    def read(self, size: int) -> bytes:
        b = os.pread(self.fd, size, self.offset)
        self.offset += len(b)
        if self.hash is not None:
            self.hash.update(b)
        return b

    def read_view(self, size: int) -> memoryview:
        """Like `read`, into a buffer reused by the next call (no allocation per chunk)."""
        if self._buf is None or len(self._buf) != size:
            self._buf = bytearray(size)
        n = os.preadv(self.fd, [self._buf], self.offset)
        view = memoryview(self._buf)[:n]
        self.offset += n
        if self.hash is not None:
            self.hash.update(view)
        return view

    def hexdigest(self) -> str:
        assert self.hash is not None
        return self.hash.hexdigest()

    def finish(self) -> str:
        while self.read_view(8 * MiB):
            pass
        return self.hexdigest()


def _open_dir(root: Path, rel: str) -> int:
    fd = os.open(root, _DIR_FLAGS)
    try:
        for part in rel.split("/") if rel else ():
            nfd = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = nfd
    except OSError:
        os.close(fd)
        raise
    return fd


def walk_files(root: Path) -> Iterator[tuple[str, os.stat_result | None, str | None]]:
    """Every non-directory entry under `root` as (posix relpath, lstat, error), links not followed.

    A directory that cannot be listed comes out with its error instead of a stat. Names are in
    sorted order at each level so the walk is deterministic.
    """
    stack: list[str] = [""]
    out: list[tuple[str, os.stat_result | None, str | None]] = []
    while stack:
        rel = stack.pop()
        try:
            fd = _open_dir(root, rel)  # by components, without following links, like every open here
        except OSError as e:
            out.append((rel, None, f"cannot list directory: {e.strerror}"))
            continue
        listed: list[tuple[str, os.stat_result | None, str | None]] = []
        try:
            with os.scandir(fd) as it:
                for e in sorted(it, key=lambda e: e.name):
                    try:  # the stat needs the directory's fd, so it happens before the fd is closed
                        listed.append((e.name, e.stat(follow_symlinks=False), None))
                    except OSError as err:
                        listed.append((e.name, None, f"cannot stat: {err.strerror}"))
        except OSError as e:
            out.append((rel, None, f"cannot list directory: {e.strerror}"))
            continue
        finally:
            os.close(fd)
        for name, st, err in listed:
            child = f"{rel}/{name}" if rel else name
            if st is not None and stat.S_ISDIR(st.st_mode):
                stack.append(child)
            else:
                out.append((child, st, err))
    out.sort(key=lambda t: t[0])
    yield from out


def fsync_dir(path: Path) -> None:
    """Make a directory's entries durable (a created, renamed or deleted file in it)."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
