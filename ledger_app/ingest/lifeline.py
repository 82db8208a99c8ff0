"""Worker processes end with the command that started them, killed (`kill -9`) or not.

A process pool's workers wait on a queue whose write end they hold themselves, and the fork server
that forks them waits on workers: when the command dies without shutting the pool down, neither ever
sees an end, and they stay (about 50 to 90 MB each) until someone kills them. So the command writes its
process id to LEDGER_LIFELINE_PID before it starts a pool, and every process of the pool watches that
process and exits the moment it is gone: the fork server (this module is in its preload list, and
arms itself on import there) and each worker (`watch` is the pool's initializer).

The watch is a pidfd (Linux 5.3+) that becomes readable when the process exits, waited on by a daemon
thread: no polling, no signal handler. Elsewhere it falls back to checking the parent process id
every half second.
"""

from __future__ import annotations

import os
import select
import threading
import time

ENV = "LEDGER_LIFELINE_PID"


def _exit_when_gone(pid: int) -> None:
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    if fd is None:
        parent = os.getppid()
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    while not poller.poll():
        pass
    os._exit(1)  # the command is gone: end now, without running cleanups that wait on it


def watch(pid: int) -> None:
    """Exit this process as soon as process `pid` has ended (at once if it already has)."""
    if pid == os.getpid():
        return
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        os._exit(1)
    except PermissionError:
        pass
    threading.Thread(target=_exit_when_gone, args=(pid,), name="lifeline", daemon=True).start()


def mark_command() -> int:
    """Record this process as the command whose pool processes must end with it; returns its pid."""
    os.environ[ENV] = str(os.getpid())
    return os.getpid()


def _arm_from_env() -> None:
    value = os.environ.get(ENV, "")
    if value.isdigit() and int(value) != os.getpid():
        watch(int(value))


# Imported in the fork server (see ingest/service.py WORKER_PRELOAD): watch the command from there too.
_arm_from_env()
