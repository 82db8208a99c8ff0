"""The Ray engine: the same work units, run as Ray tasks on a local Ray instance or an existing cluster.

Each unit is one task (`max_retries`): a worker that dies (killed, out of memory, its node lost) has
its unit computed again from the start by Ray, and since a task only reads the corpus and returns
results, nothing is lost and nothing is stored twice; the driver commits each unit's results once,
in the units' order. At most `window` units are in flight, so a corpus of any size streams through
the driver's memory a few units at a time.

Without an address a local Ray instance starts for the command and stops with it: at most one CPU
per core (or `workers`), no dashboard, worker output not copied to the terminal, and token
authentication with a random token that only this process and its children know (set in this
process's environment unless RAY_AUTH_MODE, RAY_AUTH_TOKEN or RAY_AUTH_TOKEN_PATH is already there;
nothing is written under ~/.ray), and every server of the instance listening on 127.0.0.1 only. With
an address, the cluster must run the same version of this package on its nodes (docs/scale.md); an
address that does not answer within CONNECT_SECONDS is a one-line error.

A local instance is started lean and early (`start`, which `open_engine` calls): only the processes a
command's tasks need (GCS, raylet and the agents it starts, the workers), not the API server that a
dashboard-less instance still runs for usage statistics, the autoscaler's monitor of a cluster that
never grows, or the log monitor that would copy worker output the driver does not show; and in a
thread of its own, so that it comes up while the caller lists the corpus and plans its units, its
workers importing `preload` meanwhile, as the local pool's fork server does. That thread holds the
instance until `close` (Linux ends a child whose parent-death signal is set when the thread that
started it ends, so the thread that starts the servers is the one that stops them).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ledger_app.core.errors import UserError

CONNECT_SECONDS = 5.0  # the TCP check of an address; with Ray's own start-up, well inside 10 s
MAX_RETRIES = 3  # a unit whose worker died is computed again this many times before the run stops
LOCAL_OBJECT_STORE = 256 * 1024 * 1024  # bytes of shared memory for a local instance's results in flight
LOOPBACK = "127.0.0.1"  # the one address a local instance's servers listen on


def check_address(address: str, timeout: float = CONNECT_SECONDS) -> None:
    """Refuse an address that is malformed or where nothing accepts a connection (one line, quickly)."""
    if address.startswith("ray://"):
        raise UserError(f"--address {address}: Ray Client addresses (ray://) are not supported; give the "
                        "cluster's GCS address HOST:PORT (the head node's port 6379 by default)")
    if address == "auto":
        return
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UserError(f"--address {address!r} is not HOST:PORT (the Ray head node's GCS address)")
    host = host.strip("[]")
    try:
        with socket.create_connection((host, int(port)), timeout=timeout):
            pass
    except OSError as e:
        reason = "timed out" if isinstance(e, TimeoutError) else (e.strerror or type(e).__name__)
        raise UserError(f"The Ray cluster at {address} cannot be reached: {reason}") from None


@contextlib.contextmanager
def _loopback_node(ray: Any) -> Iterator[None]:
    """Keep a new local instance's node address at 127.0.0.1. Ray replaces a loopback node address
    with the machine's outward one (for other nodes to reach; a local instance has none), and its
    servers then listen on every interface; at 127.0.0.1 each of them (GCS, raylet, object manager,
    workers, agents) listens on 127.0.0.1 only (tests/test_engine_ray.py checks every port)."""
    services: Any = getattr(getattr(ray, "_private", None), "services", None)
    resolve = getattr(services, "resolve_ip_for_localhost", None)
    if resolve is None:
        yield
        return
    services.resolve_ip_for_localhost = lambda host: host if host == LOOPBACK else resolve(host)
    try:
        yield
    finally:
        services.resolve_ip_for_localhost = resolve


@contextlib.contextmanager
def _lean_node(ray: Any) -> Iterator[None]:
    """Start a new local instance without the processes a command does not use (see the module doc):
    Ray's `ray.init` has no option for them, its node takes them from its parameters."""
    node_cls: Any = getattr(getattr(getattr(ray, "_private", None), "node", None), "Node", None)
    if node_cls is None:
        yield
        return
    init, api_server = node_cls.__init__, node_cls.start_api_server

    def lean_init(node: Any, ray_params: Any, *args: Any, **kwargs: Any) -> None:
        ray_params.no_monitor = True
        ray_params.include_log_monitor = False
        init(node, ray_params, *args, **kwargs)

    node_cls.__init__ = lean_init
    node_cls.start_api_server = lambda node, **kwargs: None
    try:
        yield
    finally:
        node_cls.__init__, node_cls.start_api_server = init, api_server


class _OffMainThread(logging.Filter):
    """Drops Ray's notice that a driver started outside the main thread has no SIGTERM handler of its
    own (a SIGTERM ends the command, and the instance with it, either way)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "SIGTERM handler is not set" not in record.getMessage()


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise UserError("the Ray engine needs the `ray` package, which this installation does not have "
                        "(the desktop bundle leaves it out): install it with `pip install 'ray>=2.60,<3'` "
                        "beside ledger-app, or use the default local engine") from None
    return ray


def preload_modules(modules: tuple[str, ...]) -> None:
    """A task that imports `modules` in the worker that runs it (what the local pool's fork server
    imports once for its workers), so that the first units do not pay for it."""
    import importlib

    for name in modules:
        importlib.import_module(name)


def run_unit(fn: Callable[[Any], Any], unit: Any) -> Any:
    """The Ray task: `fn` (any picklable callable, sent once per map) over one unit."""
    return fn(unit)


class RayEngine:
    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None, *,
                 max_retries: int = MAX_RETRIES, window: int | None = None, preload: tuple[str, ...] = ()):
        self.address = address
        self.max_workers = workers
        self.max_retries = max_retries
        self.window = window
        self.preload = preload
        self.workers = 0
        self._owned = False  # this engine joined a cluster (and leaves it on close)
        self._pending: deque[Any] = deque()
        # A local instance: the thread holding it, set when it is up (or failed), and told to stop it.
        self._keeper: threading.Thread | None = None
        self._ready = threading.Event()
        self._release = threading.Event()
        self._failure: BaseException | None = None
        self._warming: list[Any] = []  # the preload tasks (kept so that nothing cancels them)

    # --- the session --------------------------------------------------------------------------------------

    def start(self) -> None:
        """Begin starting a local instance in the background (`connect`, and so `map`, waits for it).
        Nothing for a cluster address, a session the caller opened, or without the ray package (the
        first `map` says so)."""
        if self.address is not None or self._keeper is not None:
            return
        try:
            import ray
        except ImportError:
            return
        if ray.is_initialized():
            return
        self._ready.clear()
        self._release.clear()
        self._failure = None
        self._keeper = threading.Thread(target=self._hold_local_instance, args=(ray,), name="ray-local-instance",
                                        daemon=True)
        self._keeper.start()

    def connect(self) -> None:
        ray = _import_ray()
        if self._keeper is None and ray.is_initialized():  # a session the caller opened: used, left running
            return
        if self.address is None:
            self.start()
            if self._keeper is not None:
                self._ready.wait()
                if self._failure is not None:
                    failure, self._failure = self._failure, None
                    self._keeper.join()
                    self._keeper = None
                    raise failure
            return
        if self._owned:
            return
        check_address(self.address)
        try:
            ray.init(address=self.address, log_to_driver=False, logging_level=logging.WARNING)
        except Exception as e:  # Ray raises ConnectionError, RuntimeError and its own types
            raise UserError(f"The Ray cluster at {self.address} could not be joined: "
                            f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
        self._owned = True

    def _hold_local_instance(self, ray: Any) -> None:
        """The keeper thread: start the instance, warm its workers, hold it until `close`, stop it."""
        try:
            self._init_local(ray)
        except BaseException as e:
            self._failure = e
            self._ready.set()
            return
        try:
            if self.preload:
                warm = ray.remote(preload_modules).options(num_cpus=1, max_retries=0)
                cpus = int(ray.cluster_resources().get("CPU", 1)) or 1
                self._warming = [warm.remote(self.preload) for _ in range(cpus)]
        finally:
            self._ready.set()
            self._release.wait()
            self._warming = []
            ray.shutdown()

    def _init_local(self, ray: Any) -> None:
        if not any(k in os.environ for k in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")):
            # Ray turns token authentication on for a new local instance and takes its token from here
            # (rather than creating ~/.ray/auth_token). Set for the rest of this process: Ray keeps the
            # first token it read, so a second local instance in the same process uses the same one.
            os.environ["RAY_AUTH_TOKEN"] = secrets.token_hex(32)
        cpus = self.max_workers or os.cpu_count() or 1
        # Ray's notice that it turned token authentication on is for Ray users, not ours.
        notice = logging.getLogger("ray._private.authentication.authentication_token_setup")
        level = notice.level
        notice.setLevel(logging.ERROR)
        off_main = _OffMainThread()
        driver_log = logging.getLogger("ray._private.worker")
        driver_log.addFilter(off_main)
        try:
            # address="local": always a new instance, never one that RAY_ADDRESS or /tmp/ray names.
            with _loopback_node(ray), _lean_node(ray):
                ray.init(address="local", num_cpus=cpus, include_dashboard=False, log_to_driver=False,
                         logging_level=logging.WARNING, object_store_memory=LOCAL_OBJECT_STORE,
                         _node_ip_address=LOOPBACK)
        finally:
            notice.setLevel(level)
            driver_log.removeFilter(off_main)

    def stop(self) -> None:
        if not self._pending:
            return
        import ray

        if ray.is_initialized():
            for ref in self._pending:
                ray.cancel(ref, force=True)
        self._pending.clear()

    def close(self) -> None:
        self.stop()
        if self._keeper is not None:  # a local instance: its thread stops it
            self._release.set()
            self._keeper.join()
            self._keeper = None
        if self._owned:
            import ray

            ray.shutdown()
            self._owned = False

    # --- the work -----------------------------------------------------------------------------------------

    def map(self, fn: Callable[[Any], Any], units: Sequence[Any]) -> Iterator[Any]:
        self.connect()  # first: without the ray package, its sentence rather than an ImportError
        import ray

        cpus = int(ray.cluster_resources().get("CPU", 1)) or 1
        if self.max_workers:
            cpus = min(cpus, self.max_workers)
        self.workers = max(1, min(cpus, len(units)))
        task = ray.remote(run_unit).options(num_cpus=1, max_retries=self.max_retries, retry_exceptions=False)
        return self._ordered(task, ray.put(fn), units, self.window or 2 * self.workers + 1)

    def _ordered(self, task: Any, fn: Any, units: Sequence[Any], window: int) -> Iterator[Any]:
        import ray
        from ray.exceptions import RayTaskError, WorkerCrashedError

        todo = iter(units)
        for unit in todo:
            self._pending.append(task.remote(fn, unit))
            if len(self._pending) >= window:
                break
        while self._pending:
            ref = self._pending[0]
            try:
                result = ray.get(ref)
            except RayTaskError as e:  # the unit's own exception, as the local engine raises it
                cause = getattr(e, "cause", None)
                if isinstance(cause, Exception):
                    raise cause from None
                raise
            except WorkerCrashedError:
                raise UserError(f"a Ray worker died {self.max_retries + 1} times computing one unit of work; "
                                "nothing of that unit was stored, run the command again") from None
            self._pending.popleft()
            nxt = next(todo, None)
            if nxt is not None:
                self._pending.append(task.remote(fn, nxt))
            yield result
