"""Many clients at once on one shared ledger: separate processes, separate workspaces, one database."""

from __future__ import annotations

import multiprocessing

import pytest
from teamkit import append_worker, db_url, init_worker, service

from ledger_app.storage import engine as engines

pytestmark = pytest.mark.postgres

# fork: the clients start without re-importing the application (spawn would cost seconds per
# client on a busy machine). Each builds its own engine and workspace after the fork, so they share
# nothing but the database, like clients on separate machines.
CTX = multiprocessing.get_context("fork")


def run_all(target, arg_lists: list[tuple], timeout: float = 120) -> list[tuple]:
    barrier = CTX.Barrier(len(arg_lists))
    results = CTX.Queue()
    procs = [CTX.Process(target=target, args=(*args, barrier, results)) for args in arg_lists]
    for p in procs:
        p.start()
    out = [results.get(timeout=timeout) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    return out


def test_four_clients_append_25_each(fresh_db, tmp_path):
    url = db_url(fresh_db())
    admin = service(tmp_path / "admin", url)
    admin.init("example.com/concurrent")
    admin.ws.dispose()  # no open connection crosses the fork
    clients, per_client = 4, 25
    out = run_all(
        append_worker, [(url, str(tmp_path / f"m{k}"), f"member{k}", per_client) for k in range(clients)]
    )
    errors = [r for r in out if r[0] != "ok"]
    assert not errors, errors

    appends = [a for _, _, got in out for a in got]
    first_indexes = sorted(a[0] for a in appends)
    assert first_indexes == list(range(1, 1 + clients * per_client))  # gap-free and unique
    for first, size, cp_size, _ in appends:
        # Each append's checkpoint signs exactly the tree that append committed, never a tree
        # another client had extended underneath it.
        assert size == first + 1 and cp_size == size
    # The clients really interleaved (otherwise this test would prove nothing about the lock).
    by_index = sorted((a[0], user) for _, user, got in out for a in got)
    switches = sum(1 for (_, u1), (_, u2) in zip(by_index, by_index[1:], strict=False) if u1 != u2)
    assert switches >= clients

    svc = service(tmp_path / "admin", url)
    rep = svc.verify(deep=True)
    assert rep.entries == 1 + clients * per_client
    assert rep.checkpoints == 1 + clients * per_client
    assert [cp.size for cp in svc.ws.store.checkpoints()] == list(range(1, 2 + clients * per_client))
    # Every client's own witness is covered by the one tree.
    for k in range(clients):
        assert service(tmp_path / f"m{k}", url).verify().entries == rep.entries


def test_concurrent_first_open_and_init_of_a_fresh_database(fresh_db, tmp_path):
    """Four clients open an empty database at once (all race to migrate it) and all try `init`."""
    url = db_url(fresh_db())
    out = run_all(init_worker, [(url, str(tmp_path / f"c{k}"), f"example.com/c{k}") for k in range(4)])
    errors = [r for r in out if r[0] == "error"]
    assert not errors, errors
    winners = [r for r in out if r[0] == "ok"]
    assert len(winners) == 1, out
    assert all("already holds a ledger" in r[2] for r in out if r[0] == "refused")

    engine = engines.make_engine(url)
    try:
        assert engines.current_revision(engine) == engines.head_revision()
    finally:
        engine.dispose()
    winner = winners[0][1]
    k = int(winner.rsplit("c", 1)[1])
    svc = service(tmp_path / f"c{k}", url)
    assert svc.origin == winner
    assert svc.verify().entries == 1
    with svc.ws.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM ledger_key").scalar() == 1
