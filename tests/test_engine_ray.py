"""The Ray engine (issue #20) against the local process pool: the same corpus gives the same items,
fingerprints, statuses and ledger entries; a worker killed mid-ingest loses and duplicates nothing;
an unreachable cluster address is a one-line error within 10 s; the same on a simulated two-node
cluster (`ray.cluster_utils.Cluster`).

One Ray session serves the whole module (a fixture), so Ray starts once; the cluster test starts its
own two simulated nodes after it, one CPU each.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import ray  # a dependency (pyproject): missing, these tests fail rather than skip
from PIL import Image
from sqlalchemy import select

from ledger_app.core.errors import UserError
from ledger_app.engine import open_engine
from ledger_app.engine.ray import RayEngine
from ledger_app.services import LedgerService
from ledger_app.services.corpora import CorpusService
from ledger_app.services.workspace import Workspace
from ledger_app.storage.tables import Fingerprint, Item, ItemDetail
from tests.ray_nodes import NodeRecording, ingest_unit_name, two_node_cluster

PASS = "engine-test-pass"
REPO = Path(__file__).resolve().parents[1]


def photo(seed: int, size=(320, 240)) -> bytes:
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 255, (6, 8, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(base).resize(size, Image.Resampling.BICUBIC).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def make_corpus(root: Path, data_dir: Path, photos: int = 40) -> Path:
    """Photos (some copies), real C2PA assets (admitted and quarantined), text, and refused items."""
    root.mkdir(parents=True)
    for i in range(photos):
        (root / f"p{i:03d}.jpg").write_bytes(photo(i % (photos - 3)))
    for f in ["A.jpg", "C_with_CAWG_data.jpg", "XCA.jpg", "cloud.jpg"]:
        shutil.copy(data_dir / "fixtures" / "c2pa" / f, root / f)
    (root / "article.txt").write_text("The harbour at dawn, " * 60, encoding="utf-8")
    (root / "empty.jpg").write_bytes(b"")
    (root / "latin1.txt").write_bytes("caf\xe9 " .encode("latin-1") * 10)
    (root / "truncated.jpg").write_bytes(photo(999)[:300])
    return root


def workspace(path: Path) -> CorpusService:
    ledger = LedgerService(Workspace(path), passphrase=lambda c: PASS)
    ledger.init("example.com/engine-test")
    return CorpusService(ledger)


def snapshot(svc: CorpusService) -> dict:
    """What an ingest stored, without what differs between any two runs (times, salts, entry indexes)."""
    skip = {"ingested_at", "url_salt", "entry_idx"}
    with svc.ws.engine.connect() as conn:
        items = {r._mapping["id"]: {k: v for k, v in r._mapping.items() if k not in skip}
                 for r in conn.execute(select(Item))}
        fps = {r.item_id: (r.kind, r.data, r.local) for r in conn.execute(select(Fingerprint))}
        details = {r.item_id: (r.manifest_json, r.thumbnail) for r in conn.execute(select(ItemDetail))}
    entries = []
    n = svc.ledger.verify().entries
    for e in svc.ledger.entries(0, n):
        if e.type == "item.ingested":
            p = dict(e.payload)
            p.pop("url", None)
            entries.append(p)
    return {"items": items, "fingerprints": fps, "details": details, "entries": entries}


@pytest.fixture(scope="module")
def ray_session():
    """One local Ray instance for the module: two CPUs, no dashboard, a token of its own (so Ray writes
    none under ~/.ray)."""
    if ray.is_initialized():
        ray.shutdown()
    if not any(k in os.environ for k in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")):
        os.environ["RAY_AUTH_TOKEN"] = os.urandom(32).hex()
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             object_store_memory=128 * 1024 * 1024)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, data_dir) -> Path:
    return make_corpus(tmp_path_factory.mktemp("engine") / "photos", data_dir)


@pytest.fixture(scope="module")
def local_snapshot(tmp_path_factory, corpus) -> dict:
    svc = workspace(tmp_path_factory.mktemp("local") / "ws")
    svc.add_corpus("photos", corpus)
    rep = svc.ingest("photos", workers=2)
    assert rep.items_new == 48 and rep.workers == 2  # three folder units, on two pool processes
    return snapshot(svc)


def check_same(a: dict, b: dict) -> None:
    assert a["items"].keys() == b["items"].keys()
    for k in a["items"]:
        assert a["items"][k] == b["items"][k], k
    assert a["fingerprints"] == b["fingerprints"]
    assert a["details"] == b["details"]
    assert a["entries"] == b["entries"]


def test_same_corpus_same_results_on_ray(ray_session, corpus, local_snapshot, tmp_path):
    svc = workspace(tmp_path / "ws")
    svc.add_corpus("photos", corpus)
    rep = svc.ingest("photos", engine="ray")
    assert rep.items_new == 48 and rep.workers >= 1
    snap = snapshot(svc)
    check_same(snap, local_snapshot)
    statuses = {v["status"] for v in snap["items"].values()}
    assert statuses == {"admitted", "quarantined", "refused"}  # the corpus exercises every outcome
    assert len(snap["fingerprints"]) >= 41
    # A re-run finds every shard done and stores nothing twice.
    again = svc.ingest("photos", engine="ray")
    assert again.items_new == 0 and again.shards_skipped == again.shards_total


def test_ray_units_run_in_parallel_and_commit_in_order(ray_session, data_dir, tmp_path):
    """A corpus of several units (JSONL shards): each shard a Ray task, committed in the local order."""
    root = tmp_path / "texts"
    root.mkdir()
    for s in range(4):
        with open(root / f"part-{s}.jsonl", "w", encoding="utf-8") as f:
            for i in range(15):
                f.write(json.dumps({"id": f"{s}-{i}", "text": f"shard {s} record {i} " * 30,
                                    "url": f"https://news{s}.example/a/{i}"}) + "\n")
    snaps = []
    for engine in ("local", "ray"):
        svc = workspace(tmp_path / f"ws-{engine}")
        svc.add_corpus("texts", root)
        rep = svc.ingest("texts", engine=engine, workers=2)
        assert rep.items_new == 60 and rep.shards_done == 4 and rep.workers == 2
        snaps.append(snapshot(svc))
        with svc.ws.engine.connect() as conn:
            order = [r.id for r in conn.execute(select(Item).order_by(Item.c.entry_idx))]
        snaps[-1]["order"] = order
    check_same(snaps[0], snaps[1])
    assert snaps[0]["order"] == snaps[1]["order"]


def always_crash(fn, unit):
    if any(s.endswith("p005.jpg") for s in unit.shards):
        os._exit(9)
    return fn(unit)


def test_store_ingest_same_on_both_engines(ray_session, tmp_path):
    """`--store`: the Parquet rows and the shard manifests are the same whichever engine read the items."""
    from ledger_app.services.wiring import Services
    from tests.corpus.corpus_builders import write_wds_shard

    (tmp_path / "c").mkdir()
    write_wds_shard(tmp_path / "c" / "shard-000.tar", 0, 20)
    write_wds_shard(tmp_path / "c" / "shard-001.tar", 20, 3, text_only=True)
    random_per_run = {"url_salt", "account", "ingested_at", "leaf", "leaf_hash"}  # salts, times, and leaves holding them
    seen = []
    for engine in ("local", "ray"):
        s = Services(Workspace(tmp_path / f"ws-{engine}"), passphrase=lambda c: PASS)
        s.ledger.init("example.com/engine-store")
        s.corpus.add_corpus("wds", tmp_path / "c")
        rep = s.corpus.ingest("wds", workers=2, store=True, engine=engine)
        assert rep.items_new == 23 and rep.shards_done == 2
        rows = {r.id: {k: v for k, v in s.corpus.stored.item(r.id).items() if k not in random_per_run}
                for r in s.corpus.items(corpus="wds")}
        counts = sorted((k, m.count) for k, m in s.corpus.stored.manifests("wds").items())
        seen.append((rows, counts))
    assert len(seen[0][0]) == 23 and seen[0] == seen[1]


def crash_once(marker: str, fn, unit):
    """The first attempt at the unit holding `p005.jpg` kills its worker outright (no exception, no cleanup)."""
    if any(s.endswith("p005.jpg") for s in unit.shards) and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        os._exit(9)
    return fn(unit)


class CrashingOnce(RayEngine):
    def __init__(self, marker: Path):
        super().__init__(window=2)
        self.marker = str(marker)

    def map(self, fn, units):
        from functools import partial

        return super().map(partial(crash_once, self.marker, fn), units)


def test_a_killed_worker_loses_and_duplicates_nothing(ray_session, corpus, local_snapshot, tmp_path):
    svc = workspace(tmp_path / "ws")
    svc.add_corpus("photos", corpus)
    marker = tmp_path / "crashed"
    engine = CrashingOnce(marker)
    rep = svc.ingest("photos", engine=engine)
    engine.close()
    assert marker.exists()  # a worker did die, in the middle of the unit
    assert int(marker.read_text()) != os.getpid()
    assert rep.items_new == 48
    snap = snapshot(svc)
    check_same(snap, local_snapshot)
    # Each item once, each with one ledger entry, and the ledger verifies.
    assert len(snap["entries"]) == len({e["item"] for e in snap["entries"]}) == 48


def test_a_worker_that_always_dies_stops_the_run_with_a_sentence(ray_session, corpus, tmp_path):
    svc = workspace(tmp_path / "ws")
    svc.add_corpus("photos", corpus)

    class AlwaysCrashing(RayEngine):
        def map(self, fn, units):
            from functools import partial

            return super().map(partial(always_crash, fn), units)

    engine = AlwaysCrashing(max_retries=1)
    with pytest.raises(UserError, match="died 2 times"):
        svc.ingest("photos", engine=engine)
    engine.close()
    assert "photos:p005.jpg" not in {r.id for r in svc.items(corpus="photos")}  # nothing of its unit


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_unreachable_address_is_one_line_within_10s(tmp_path):
    port = closed_port()
    t0 = time.monotonic()
    with pytest.raises(UserError, match=f"127.0.0.1:{port} cannot be reached"):
        open_engine("ray", address=f"127.0.0.1:{port}")
    assert time.monotonic() - t0 < 10
    with pytest.raises(UserError, match="not HOST:PORT"):
        open_engine("ray", address="nowhere")
    with pytest.raises(UserError, match="only|for --engine ray"):
        open_engine("local", address="127.0.0.1:6379")


def test_cli_unreachable_address(tmp_path, corpus):
    port = closed_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "LEDGER_PASSPHRASE": PASS}
    ws = tmp_path / "ws"
    run = lambda *a: subprocess.run([sys.executable, "-m", "ledger_app.cli.main", "--workspace", str(ws), *a],  # noqa: E731
                                    capture_output=True, text=True, env=env, timeout=60)
    assert run("init", "--origin", "example.com/engine-cli").returncode == 0
    assert run("corpus", "add", "photos", str(corpus)).returncode == 0
    t0 = time.monotonic()
    r = run("ingest", "photos", "--engine", "ray", "--address", f"127.0.0.1:{port}")
    assert time.monotonic() - t0 < 10
    assert r.returncode != 0
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and f"127.0.0.1:{port} cannot be reached" in lines[0], r.stderr


def test_cli_ingest_on_a_local_ray_instance(tmp_path, corpus, local_snapshot):
    """`ledger ingest --engine ray` in a fresh process: starts its own Ray instance (token auth with its
    own token), ingests, stops it; the counts are the local ones."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env.update(PYTHONPATH=str(REPO), LEDGER_PASSPHRASE=PASS)
    ws = tmp_path / "ws"
    run = lambda *a: subprocess.run([sys.executable, "-m", "ledger_app.cli.main", "--workspace", str(ws), *a],  # noqa: E731
                                    capture_output=True, text=True, env=env, timeout=300)
    assert run("init", "--origin", "example.com/engine-cli").returncode == 0
    assert run("corpus", "add", "photos", str(corpus)).returncode == 0
    r = run("ingest", "photos", "--engine", "ray", "--json")
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)
    expected: dict[str, int] = {}
    for v in local_snapshot["items"].values():
        expected[v["status"]] = expected.get(v["status"], 0) + 1
    assert rep["items_new"] == 48 and rep["by_status"] == expected


@pytest.mark.slow
def test_two_node_cluster_gives_the_same_results(corpus, local_snapshot, tmp_path, monkeypatch):
    """Two simulated nodes of one CPU each; the units spread over both; the results are the local ones."""
    with two_node_cluster(monkeypatch) as cluster:
        svc = workspace(tmp_path / "ws")
        svc.add_corpus("photos", corpus)
        engine = NodeRecording(tmp_path / "nodes", ingest_unit_name, address=cluster.address)
        try:
            rep = svc.ingest("photos", engine=engine)
            assert len(ray.nodes()) == 2 and ray.cluster_resources()["CPU"] == 2
        finally:
            engine.close()
        assert rep.items_new == 48 and rep.workers == 2
        assert len({p.read_text() for p in (tmp_path / "nodes").iterdir()}) == 2  # both nodes computed units
        check_same(snapshot(svc), local_snapshot)


def test_without_the_ray_package_the_engine_says_what_is_missing(monkeypatch):
    """The desktop bundle leaves Ray out (packaging/ledger.spec): asking it for the Ray engine is a
    sentence naming the package, not an ImportError traceback."""
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError
    with pytest.raises(UserError, match="needs the `ray` package"):
        RayEngine().connect()
