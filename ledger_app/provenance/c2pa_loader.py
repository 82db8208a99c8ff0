"""The one place that imports c2pa-python, safely, and builds its no-network reading contexts.

Why this module exists:

* **Library hijack through the working directory.** c2pa-python 0.38.1 looks for its native library
  ``libc2pa_c.so`` first in the *current working directory* (``./``, ``./artifacts``, ``./libs`` and
  their platform subfolders) and only then beside its own package. A ``libc2pa_c.so`` planted in the
  directory the ledger happens to run from (a corpus folder, a download folder) would be loaded, and
  its constructors run, on ``import c2pa``. We therefore load ``c2pa.lib`` ourselves first and pin its
  search path to the package's own folder before the package is imported, and check afterwards that
  the library really came from there.
* **Network.** A ``Reader`` without a ``Context`` uses c2pa-rs' defaults, which fetch remote manifests
  and OCSP responses. Every context built here switches all of that off
  (``verify.remote_manifest_fetch``, ``verify.ocsp_fetch``, ``core.allowed_network_hosts: []``).
  Unknown settings keys are silently accepted by c2pa-rs, so a typo here would not fail: the tests
  check the behaviour (``cloud.jpg`` reports a remote manifest that was *not* fetched, no socket is
  opened).
* **Processes and threads.** Contexts are cached per process and shared by threads (each read
  creates its own ``Reader``; concurrent reads from many threads give the same results as serial
  ones). ``fork`` is the trap: reading some formats (PDF) starts c2pa-rs worker threads, which do not
  survive ``fork()``, and a forked child that then reads a PDF waits for them forever. `native_call`
  notices when c2pa starts threads; a child forked after that refuses to use c2pa (ConfigError)
  instead of hanging. Forking before that (importing c2pa, JPEG reads, trust-anchor checks) is fine;
  `worker_process_context()` (forkserver, else spawn) avoids the question altogether.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import multiprocessing
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from ledger_app.core.errors import ConfigError

__all__ = [
    "c2pa",
    "no_network_settings",
    "reading_context",
    "native_call",
    "worker_process_context",
    "C2PA_PACKAGE_DIR",
]


def _import_c2pa_pinned() -> tuple[ModuleType, Path]:
    spec = importlib.util.find_spec("c2pa")  # locates the package without executing it
    if spec is None or spec.origin is None:
        raise ConfigError("The c2pa-python package is not installed; install c2pa-python==0.38.1.")
    pkg_dir = Path(spec.origin).resolve().parent
    if "c2pa" not in sys.modules:
        lib_spec = importlib.util.spec_from_file_location("c2pa.lib", pkg_dir / "lib.py")
        if lib_spec is None or lib_spec.loader is None:
            raise ConfigError(f"c2pa-python at {pkg_dir} has no lib.py; reinstall c2pa-python==0.38.1.")
        lib_mod = importlib.util.module_from_spec(lib_spec)
        lib_spec.loader.exec_module(lib_mod)
        # Only the package's own folders: never the working directory, never LD_LIBRARY_PATH.
        # `_get_possible_search_paths` is c2pa-python's own private function (0.38.1 has no public
        # way to choose where the library is searched); replacing it is the point of this loader.
        lib_mod._get_possible_search_paths = lambda: [pkg_dir / "libs", pkg_dir]
        sys.modules["c2pa.lib"] = lib_mod
        try:
            import c2pa as module
        except BaseException:
            sys.modules.pop("c2pa.lib", None)
            raise
    else:
        module = sys.modules["c2pa"]
    native = getattr(getattr(module, "c2pa", None), "_lib", None)
    loaded_from = Path(getattr(native, "_name", "") or "").resolve()
    if not loaded_from.is_relative_to(pkg_dir):
        raise ConfigError(
            f"c2pa loaded its native library from {loaded_from}, not from its package at {pkg_dir}; "
            "remove that file and restart (c2pa was imported before the ledger could pin its search path)."
        )
    return module, pkg_dir


c2pa, C2PA_PACKAGE_DIR = _import_c2pa_pinned()


# The signer EKUs c2pa-rs ships as its sample trust configuration (store.cfg): emailProtection,
# documentSigning, timeStamping, OCSPSigning, Microsoft's and C2PA's own. 0.91.3 does not apply it by
# default: without it a signer with only documentSigning (which the C2PA certificate profile allows)
# reads as Invalid (signingCredential.invalid, "certificate missing required EKU").
SIGNER_EKUS = (
    "1.3.6.1.5.5.7.3.4",
    "1.3.6.1.5.5.7.3.36",
    "1.3.6.1.5.5.7.3.8",
    "1.3.6.1.5.5.7.3.9",
    "1.3.6.1.4.1.311.76.59.1.9",
    "1.3.6.1.4.1.62558.2.1",
)


def no_network_settings(trust_anchors_pem: str | None = None) -> dict[str, Any]:
    """c2pa-rs settings for reading: nothing fetched, the spec's signer EKUs, optional trust anchors.

    ``trust.user_anchors`` takes a PEM bundle (``trust.trust_anchors`` behaves the same in 0.38.1; the
    ``trust.anchors`` list wants objects ``{"trust_anchors": PEM, "trust_kind": "manifest"|"tsa"|"cawg"}``,
    not PEM strings).
    """
    trust: dict[str, Any] = {"trust_config": "\n".join(SIGNER_EKUS) + "\n"}
    if trust_anchors_pem:
        trust["user_anchors"] = trust_anchors_pem
    return {
        "verify": {"remote_manifest_fetch": False, "ocsp_fetch": False},
        "core": {"allowed_network_hosts": []},
        "trust": trust,
    }


_MAX_CONTEXTS = 8
_lock = threading.Lock()
_contexts: OrderedDict[tuple[int, str], Any] = OrderedDict()


def _forget_contexts_in_child() -> None:
    # The parent's contexts hold native handles (and possibly native locks held by parent threads
    # that do not exist here); the child builds its own. Dropping the references is safe: c2pa skips
    # native frees for objects created by another PID.
    global _lock
    _lock = threading.Lock()
    _contexts.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_contexts_in_child)


# The PID of the process in which c2pa started native threads. A forked child inherits the value,
# which then differs from its own PID: its copy of c2pa's thread pool has no threads behind it.
_threads_started_by_pid: int | None = None


def worker_process_context(preload: Sequence[str] = ()) -> multiprocessing.context.BaseContext:
    """The safest multiprocessing context for C2PA-reading worker processes (forkserver, else spawn).

    `preload` names modules the fork server imports once, before it forks any worker, so that each
    worker starts with them loaded instead of importing them itself (it only takes effect before the
    fork server first starts; importing them must not start threads or read assets)."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    if preload:
        ctx.set_forkserver_preload(["__main__", *preload])
    return ctx


def _native_threads() -> int | None:
    """Threads of this process that Python does not know about (None where /proc is missing)."""
    try:
        return len(os.listdir("/proc/self/task")) - threading.active_count()
    except OSError:
        return None


def _refuse_if_forked_after_threads() -> None:
    if _threads_started_by_pid is not None and _threads_started_by_pid != os.getpid():
        raise ConfigError(
            "This process was forked from one in which c2pa had started native worker threads, which do "
            "not survive fork() (reading a PDF here would hang); start worker processes with "
            "ledger_app.provenance.c2pa_loader.worker_process_context() (forkserver or spawn), or fork "
            "them before reading any asset in the parent."
        )


@contextmanager
def native_call() -> Iterator[None]:
    """Wrap a Reader or Builder call: refuse in a bad fork child, note whether c2pa started threads."""
    global _threads_started_by_pid
    _refuse_if_forked_after_threads()
    before = _native_threads() if _threads_started_by_pid is None else 0
    try:
        yield
    finally:
        if _threads_started_by_pid is None:
            after = _native_threads()
            # Without /proc, assume the worst. A Python thread started meanwhile is not counted.
            if before is None or after is None or after > before:
                _threads_started_by_pid = os.getpid()


def reading_context(trust_anchors_pem: str | None = None) -> Any:
    """A shared, cached no-network ``c2pa.Context`` for this process and these anchors.

    Raises ConfigError when c2pa-rs rejects the anchors (bad PEM): that is a configuration problem,
    not a property of any one asset; and in a child forked after c2pa started threads (see above).
    """
    _refuse_if_forked_after_threads()
    anchors = trust_anchors_pem or ""
    key = (os.getpid(), hashlib.sha256(anchors.encode("utf-8")).hexdigest())
    with _lock:  # guards the cache dict only; contexts themselves are shared by threads
        ctx = _contexts.get(key)
        if ctx is not None:
            _contexts.move_to_end(key)
            return ctx
        try:
            ctx = c2pa.Context.from_json(json.dumps(no_network_settings(trust_anchors_pem)))
        except c2pa.C2paError as exc:
            raise ConfigError(
                f"The C2PA trust anchors could not be loaded ({exc}); check the PEM bundle."
            ) from exc
        _contexts[key] = ctx
        while len(_contexts) > _MAX_CONTEXTS:
            # Not closed explicitly: a Reader on another thread may still hold it; GC frees it.
            _contexts.popitem(last=False)
        return ctx
