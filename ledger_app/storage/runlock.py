"""One run at a time of an operation on one thing: an ingest of a corpus, a purge of a request.

Two `ledger ingest A` at once would both insert the same items (the second fails on the primary key
with half its work undone); two `takedown purge 1` would rewrite the same shards over each other's
temporary files. So each such run holds a lock named after the operation and the thing, and a second
run that finds it taken stops at once with one sentence saying so (waiting silently would look like a
hang). The lock lives as long as the process holding it: a crash or `kill -9` releases it.

- Solo workspace (SQLite): an OS file lock (`flock`) on `locks/<name>.lock` in the workspace; the
  kernel drops it when the holder's file descriptor closes, however the process ends. The file keeps
  the holder's process id for the message; it is never deleted (deleting a lock file races with a
  process about to lock it).
- Team mode (PostgreSQL): a session-level advisory lock held on a connection of its own, so it covers
  every client of the shared database; the server drops it when that connection ends, including when
  the client dies.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text

from ledger_app.core.errors import UserError

# The first half of a two-key advisory lock: which operation (the second half is the thing's id).
# The two-key form has its own key space, apart from the one-key locks of storage/engine.py and
# ledger/store.py.
PG_LOCK_CLASS = {"ingest": 7243101, "purge": 7243102, "shards": 7243103}
_PG_TRY_LOCK = text("SELECT pg_try_advisory_lock(:op, :ident)")
_PG_UNLOCK = text("SELECT pg_advisory_unlock(:op, :ident)")


class Busy(UserError):
    """Another run of the same operation on the same thing holds its lock."""


def _key(ident: int | str) -> int:
    if isinstance(ident, int) and -(2**31) <= ident < 2**31:
        return ident
    return int.from_bytes(hashlib.sha256(str(ident).encode()).digest()[:4], "big", signed=True)


@contextmanager
def run_lock(ws: Any, op: str, ident: int | str, what: str) -> Iterator[None]:
    """Hold the lock of operation `op` on `ident` for the block; raise Busy naming `what` if taken."""
    if ws.is_team:
        with _pg_lock(ws, op, ident, what):
            yield
    else:
        with _file_lock(ws, op, ident, what):
            yield


@contextmanager
def _file_lock(ws: Any, op: str, ident: int | str, what: str) -> Iterator[None]:
    d = ws.path / "locks"
    try:
        d.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(d / f"{op}-{_key(ident)}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as e:
        raise UserError(f"Cannot create the lock file in {d} ({e.strerror}); check that the workspace is "
                        "writable by you.") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            by = f" (process {holder})" if holder.isdigit() else ""
            raise Busy(f"Another run of the {what} is in progress{by}; wait for it to finish, then run the "
                       "command again.") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock (the kernel does the same if the process dies)


@contextmanager
def _pg_lock(ws: Any, op: str, ident: int | str, what: str) -> Iterator[None]:
    conn = ws.engine.connect()
    try:
        key = {"op": PG_LOCK_CLASS[op], "ident": _key(ident)}
        got = conn.execute(_PG_TRY_LOCK, key).scalar()
        conn.commit()
        if not got:
            raise Busy(f"Another run of the {what} is in progress on the team database; wait for it to "
                       "finish, then run the command again.")
        try:
            yield
        finally:
            try:
                conn.execute(_PG_UNLOCK, key)
                conn.commit()
            except Exception:  # a broken connection: drop it, the server frees the lock
                conn.invalidate()
    finally:
        conn.close()
