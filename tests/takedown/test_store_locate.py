"""Locate as a sweep of the fingerprint store (issue #20): the same corpus ingested into the database
and into the store gives the same matches, scores and evidence (exact hashes, URLs, domains,
accounts, images with crops, dihedral variants and partial copies, texts), whether the store is swept
in this process or as Ray tasks; a Ray worker killed mid-sweep loses and duplicates nothing; an
unreachable cluster address is a one-line error within 10 s and records nothing."""

from __future__ import annotations

import hashlib
import json
import os
import random
import socket
import subprocess
import sys
import tarfile
import time
from functools import partial
from pathlib import Path

import pytest
import ray
from PIL import Image, ImageOps
from td_builders import PASS, jpeg, make_services, tar_add

from ledger_app.core.errors import UserError
from ledger_app.engine import open_engine
from ledger_app.engine.ray import RayEngine
from ledger_app.matching import evalset

REPO = Path(__file__).resolve().parents[2]
ARTICLE = ("The harbour master counted the boats at dawn while gulls argued over the nets and the tide "
           "turned slowly against the stone wall of the old quay. ") * 3 + (
           "Every morning the ferry left at seven, carrying bread, letters and the doctor to the island, "
           "and every evening it came back with fish, wool and the stories of the week.")


def _sample(tf: tarfile.TarFile, key: str, *, jpg: bytes | None = None, text: str | None = None,
            url: str, account: str) -> None:
    if jpg is not None:
        tar_add(tf, f"{key}.jpg", jpg)
    if text is not None:
        tar_add(tf, f"{key}.txt", text.encode())
    tar_add(tf, f"{key}.json", json.dumps({"url": url, "account": account}).encode())


def write_corpus(root: Path, photos: list[Path], grate: Image.Image) -> None:
    """Two shards: the photos and their altered copies (resized, mirrored, rotated, cropped evenly and
    unevenly, a 30 % crop and a collage tile of another photo), and texts (the article, an excerpt of it
    inside other text, unrelated text)."""
    root.mkdir(parents=True)
    im = Image.open(photos[0]).convert("RGB")
    w, h = im.size
    gw, gh = grate.size
    with tarfile.open(root / "shard-000.tar", "w", format=tarfile.USTAR_FORMAT) as tf:
        for i, p in enumerate(photos):
            _sample(tf, f"{i:04d}", jpg=jpeg(Image.open(p)), url=f"https://photos.example/u/{i}",
                    account="alice" if i == 1 else "bob")
        copies = {
            "0100": im.resize((w // 2, h // 2)),
            "0101": ImageOps.mirror(im),
            "0102": im.rotate(90, expand=True),
            "0103": im.crop((int(w * 0.08), int(h * 0.08), int(w * 0.92), int(h * 0.92))),
            "0104": im.crop((int(w * 0.30), 0, w, int(h * 0.85))),
            "0105": grate.crop((int(gw * 0.45), int(gh * 0.4), gw, gh)),
            "0106": next(c for kind, _, c in evalset.beyond_alterations(grate, random.Random(8))
                         if kind == "collage tile 1/4"),
        }
        for key, v in copies.items():
            _sample(tf, key, jpg=jpeg(v, 80), url=f"https://cdn.mirror.example/{key}.jpg", account="carol")
    with tarfile.open(root / "shard-001.tar", "w", format=tarfile.USTAR_FORMAT) as tf:
        _sample(tf, "t000", text=ARTICLE, url="https://news.example/harbour", account="dave")
        _sample(tf, "t001", text="Notes from a trip. " + ARTICLE[:260] + " Then we went home by train and slept.",
                url="https://blog.example/trip", account="erin")
        _sample(tf, "t002", text="Minutes of the allotment committee: compost, water rates and the new shed. " * 4,
                url="https://allot.example/m", account="dave")
        _sample(tf, "0200", jpg=jpeg(im.rotate(180), 85), url="https://photos.example/r/180", account="bob")


@pytest.fixture(scope="module")
def grate_path(data_dir) -> Path:
    return data_dir / "fixtures" / "c2pa" / "P1000827.jpg"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, photos, grate_path) -> Path:
    root = tmp_path_factory.mktemp("sweep") / "c"
    with Image.open(grate_path) as g:
        write_corpus(root, photos, g.convert("RGB"))
    return root


def open_request(s, photos, grate_path, corpus) -> int:
    probe = hashlib.sha256(jpeg(Image.open(photos[3]))).hexdigest()
    works = s.takedown.work_specs(files=[photos[0], grate_path], hashes=[probe],
                                  urls=["https://photos.example/u/2"], domains=["mirror.example"],
                                  accounts=["alice"], texts=[ARTICLE])
    return s.takedown.new_request(type="gdpr", requester="Ann Example", requester_kind="individual",
                                  email="ann@example.net", works=works).id


def workspace(path: Path, corpus: Path, *, store: bool):
    s = make_services(path)
    s.ledger.init("example.com/sweep-test")
    s.corpus.add_corpus("c", corpus)
    s.corpus.ingest("c", workers=1, store=store)
    return s


def located(s, rid: int) -> tuple[list, list]:
    """The request's matches as recorded (item, method, score, evidence) and their ledger entries."""
    matches = sorted((m["item_id"], m["method"], m["score"], json.dumps(m["evidence"], sort_keys=True))
                     for m in s.takedown.show(rid).matches)
    n = s.ledger.verify().entries
    entries = sorted(json.dumps(e.payload, sort_keys=True) for e in s.ledger.entries(0, n) if e.type == "takedown.match")
    return matches, entries


@pytest.fixture(scope="module")
def database_result(tmp_path_factory, corpus, photos, grate_path):
    s = workspace(tmp_path_factory.mktemp("db") / "ws", corpus, store=False)
    rid = open_request(s, photos, grate_path, corpus)
    s.takedown.locate(rid)
    return located(s, rid)


@pytest.fixture()
def stored(tmp_path, corpus, photos, grate_path):
    s = workspace(tmp_path / "ws", corpus, store=True)
    assert len(s.corpus.stored.files("c")) == 2 and s.corpus.catalogue.items(corpus="c") == []
    return s, open_request(s, photos, grate_path, corpus)


def test_the_database_locate_finds_every_kind_of_copy(database_result):
    matches, entries = database_result
    found = {(i.split("#")[1], m) for i, m, _, _ in matches}
    assert {("0003", "exact"), ("0002", "url"), ("0100", "url"), ("0106", "url"), ("0001", "account")} <= found
    assert {(k, "perceptual") for k in ("0000", "0100", "0101", "0102", "0103", "0104", "0105", "0106", "0200")} <= found
    assert {("t000", "text"), ("t001", "text")} <= found and ("t002", "text") not in found
    assert len(entries) == len(matches)


def test_the_store_sweep_gives_the_same_matches_scores_and_evidence(stored, database_result):
    s, rid = stored
    s.takedown.locate(rid)
    assert located(s, rid) == database_result


def test_the_local_pool_sweeps_as_this_process_does(stored):
    """Units on two pool processes (what a store of more than a few files gets) find what one process finds."""
    s, rid = stored
    works = s.takedown.works(rid)
    here = s.takedown.find(works)
    pool = open_engine("local", workers=2, preload=("ledger_app.engine.sweep",))
    try:
        assert s.takedown.find(works, engine=pool) == here and pool.workers == 2
    finally:
        pool.close()
    assert {f.method for f in here} == {"exact", "url", "account", "perceptual", "text"}


@pytest.fixture(scope="module")
def ray_session():
    if ray.is_initialized():
        ray.shutdown()
    if not any(k in os.environ for k in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")):
        os.environ["RAY_AUTH_TOKEN"] = os.urandom(32).hex()
    # Ray's workers inherit this environment: they import this module (the crash below) from here.
    path = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), str(Path(__file__).parent), path) if p)
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             object_store_memory=128 * 1024 * 1024)
    yield
    ray.shutdown()
    if path is None:
        del os.environ["PYTHONPATH"]
    else:
        os.environ["PYTHONPATH"] = path


def crash_once(marker: str, fn, task):
    """The first attempt at the text shard's unit kills its worker outright (no exception, no cleanup)."""
    if task.file == marker.split("|")[1] and not os.path.exists(marker.split("|")[0]):
        Path(marker.split("|")[0]).write_text(str(os.getpid()))
        os._exit(9)
    return fn(task)


class CrashingOnce(RayEngine):
    def __init__(self, marker: str):
        super().__init__(window=1)
        self.marker = marker

    def map(self, fn, units):
        return super().map(partial(crash_once, self.marker, fn), units)


@pytest.mark.slow
def test_ray_sweep_same_and_a_killed_worker_loses_and_duplicates_nothing(ray_session, stored, database_result,
                                                                           tmp_path):
    s, rid = stored
    files = s.corpus.stored.files("c")
    marker = tmp_path / "crashed"
    engine = CrashingOnce(f"{marker}|{files[-1]}")
    try:
        s.takedown.locate(rid, engine=engine)
    finally:
        engine.close()
    assert marker.exists() and int(marker.read_text()) != os.getpid()  # a worker died mid-sweep
    assert located(s, rid) == database_result  # nothing lost, nothing twice
    # A second run on Ray (no crash) records nothing new.
    again = s.takedown.locate(rid, engine=RayEngine())
    assert again.new_matches == 0 and located(s, rid) == database_result


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def test_an_unreachable_address_is_one_line_within_10s_and_records_nothing(stored):
    s, rid = stored
    port = closed_port()
    t0 = time.monotonic()
    with pytest.raises(UserError, match=f"127.0.0.1:{port} cannot be reached"):
        s.takedown.locate(rid, engine="ray", address=f"127.0.0.1:{port}")
    assert time.monotonic() - t0 < 10
    assert s.takedown.show(rid).matches == [] and s.takedown.show(rid).status != "located"
    with pytest.raises(UserError, match="for --engine ray"):
        s.takedown.locate(rid, engine="local", address=f"127.0.0.1:{port}")


def test_cli_locate_unreachable_address(stored):
    s, rid = stored
    port = closed_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "LEDGER_PASSPHRASE": PASS}
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "ledger_app.cli.main", "--workspace", str(s.ws.path), "takedown",
                        "locate", str(rid), "--engine", "ray", "--address", f"127.0.0.1:{port}"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert time.monotonic() - t0 < 10
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert r.returncode != 0 and len(lines) == 1 and f"127.0.0.1:{port} cannot be reached" in lines[0], r.stderr
