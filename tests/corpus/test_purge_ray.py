"""The purge's shard rewrites as Ray tasks (issue #20) against the local purge: the same plan gives the
same results and the same bytes; a worker killed mid-write loses and duplicates nothing; a worker that
keeps dying stops the purge with a sentence and the next run finishes it; a driver killed at any of
its crash points resumes, from the same journal, to the same bytes.

One local Ray instance (two CPUs, a token of its own) serves the module.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
import ray  # a dependency (pyproject): missing, these tests fail rather than skip
from corpus_builders import REPO, jsonl_lines, snapshot, write_jsonl, write_parquet, write_wds_shard

from ledger_app.core.errors import UserError
from ledger_app.corpus import open_corpus, purge, run_purge
from ledger_app.corpus.journal import PurgeJournal
from ledger_app.engine.ray import RayEngine
from ledger_app.engine.ray_purge import ShardUnit, run_purge_on_engine

CHILD = Path(__file__).with_name("purge_ray_child.py")


@pytest.fixture(scope="module")
def ray_session():
    if ray.is_initialized():
        ray.shutdown()
    if not any(k in os.environ for k in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")):
        os.environ["RAY_AUTH_TOKEN"] = os.urandom(32).hex()
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             object_store_memory=128 * 1024 * 1024)
    # The wrappers below go to the workers by value: this folder is not on their import path.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


def _wds(root: Path) -> dict[str, list[str]]:
    write_wds_shard(root / "a.tar", 0, 30, extra_bytes=20_000)
    (root / "sub").mkdir()
    write_wds_shard(root / "sub" / "b.tar", 30, 30, extra_bytes=20_000)
    write_wds_shard(root / "c.tar", 60, 5)
    return {"a.tar": ["a.tar#s00001", "a.tar#s00017"], "sub/b.tar": ["sub/b.tar#s00030", "sub/b.tar#s00059"],
            "c.tar": ["c.tar#s00062"]}


def _jsonl(root: Path) -> dict[str, list[str]]:
    write_jsonl(root / "a.jsonl.gz", jsonl_lines(0, 40), gz=True)
    write_jsonl(root / "b.jsonl", jsonl_lines(40, 20, with_ids=False))
    return {"a.jsonl.gz": ["a.jsonl.gz#id=doc-2"], "b.jsonl": ["b.jsonl#line=3", "b.jsonl#line=9"]}


def _parquet(root: Path) -> dict[str, list[str]]:
    write_parquet(root / "a.parquet", 0, 12, kind="struct", with_ids=False)
    write_parquet(root / "b.parquet", 12, 4)
    return {"a.parquet": ["a.parquet#row=0", "a.parquet#row=7"], "b.parquet": ["b.parquet#id=r13"]}


BUILDERS = {"webdataset": _wds, "jsonl": _jsonl, "parquet": _parquet}


def _reference(tmp_path: Path, fmt: str) -> tuple[Path, dict, dict[str, bytes], list]:
    """The corpus, the plan, and the bytes and results of the local purge of it."""
    base = tmp_path / "base"
    base.mkdir()
    plan = BUILDERS[fmt](base)
    ref = tmp_path / "ref"
    shutil.copytree(base, ref)
    results = run_purge(open_corpus(ref, fmt), plan, tmp_path / "ref.journal")
    return base, plan, snapshot(ref), [r.to_json() for r in results]


def _journal_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def record_pid(folder: str, fn, unit: ShardUnit):
    Path(folder, unit.shard.replace("/", "_")).write_text(str(os.getpid()))
    return fn(unit)


class Recording(RayEngine):
    def __init__(self, folder: Path, **kw):
        super().__init__(**kw)
        folder.mkdir()
        self.folder = str(folder)

    def map(self, fn, units):
        return super().map(partial(record_pid, self.folder, fn), units)


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_same_plan_same_bytes_and_results_as_the_local_purge(ray_session, tmp_path, fmt):
    base, plan, expected, results = _reference(tmp_path, fmt)
    work = tmp_path / "work"
    shutil.copytree(base, work)
    engine = Recording(tmp_path / "pids")
    got = run_purge_on_engine(engine, open_corpus(work, fmt), plan, tmp_path / "ray.journal")
    engine.close()
    assert [r.to_json() for r in got] == results
    assert snapshot(work) == expected  # same bytes, no temporary file left
    pids = {p.name: int(p.read_text()) for p in (tmp_path / "pids").iterdir()}
    assert len(pids) == len(plan) and os.getpid() not in pids.values()  # every rewrite ran in a Ray worker
    recs = _journal_records(tmp_path / "ray.journal")
    assert [r["type"] for r in recs][0] == "plan" and recs[-1] == {"type": "finished"}
    # The journal's records are the local purge's: one written and one done per shard.
    for shard in plan:
        assert [r["state"] for r in recs if r.get("shard") == shard] == ["written", "done"]


def crash_mid_write(marker: str, shard: str, fn, unit: ShardUnit):
    """The first attempt at `shard` kills its worker outright half-way through the temporary file."""
    if unit.shard == shard and not os.path.exists(marker):
        def hook(label: str) -> None:
            if label == "tmp-partial":
                Path(marker).write_text(str(os.getpid()))
                os._exit(9)
        purge.crash_hook = hook
    try:
        return fn(unit)
    finally:
        purge.crash_hook = None


class CrashingOnce(RayEngine):
    def __init__(self, marker: Path, shard: str, **kw):
        super().__init__(**kw)
        self.marker, self.shard = str(marker), shard

    def map(self, fn, units):
        return super().map(partial(crash_mid_write, self.marker, self.shard, fn), units)


def test_a_worker_killed_mid_write_loses_and_duplicates_nothing(ray_session, tmp_path):
    base, plan, expected, results = _reference(tmp_path, "webdataset")
    work = tmp_path / "work"
    shutil.copytree(base, work)
    marker = tmp_path / "crashed"
    engine = CrashingOnce(marker, "sub/b.tar", window=2)
    got = run_purge_on_engine(engine, open_corpus(work, "webdataset"), plan, tmp_path / "j")
    engine.close()
    assert marker.exists() and int(marker.read_text()) != os.getpid()  # a worker died mid-write
    assert [r.to_json() for r in got] == results
    assert snapshot(work) == expected  # the half-written file was replaced, nothing left behind
    recs = _journal_records(tmp_path / "j")
    assert [r["state"] for r in recs if r.get("shard") == "sub/b.tar"] == ["written", "done"]


def test_a_worker_that_keeps_dying_stops_the_purge_and_the_next_run_finishes_it(ray_session, tmp_path):
    base, plan, expected, results = _reference(tmp_path, "webdataset")
    work = tmp_path / "work"
    shutil.copytree(base, work)

    class AlwaysCrashing(RayEngine):
        def map(self, fn, units):
            return super().map(partial(crash_mid_write, str(tmp_path / "never"), "sub/b.tar", _die_after(fn)),
                               units)

    engine = AlwaysCrashing(max_retries=1, window=1)
    with pytest.raises(UserError, match="died 2 times"):
        run_purge_on_engine(engine, open_corpus(work, "webdataset"), plan, tmp_path / "j")
    engine.close()
    journal = PurgeJournal(tmp_path / "j")
    assert journal.state("a.tar") == "done" and journal.state("sub/b.tar") is None and not journal.finished
    assert not (work / "sub" / ".b.tar.purge-tmp").exists()  # the half-written file was dropped
    got = run_purge(open_corpus(work, "webdataset"), plan, tmp_path / "j")  # the next run, here locally
    assert [r.to_json() for r in got] == results
    assert snapshot(work) == expected


def _die_after(fn):
    return partial(_write_then_die, fn)


def _write_then_die(fn, unit: ShardUnit):
    if unit.shard == "sub/b.tar":
        purge.crash_hook = lambda label: os._exit(9) if label == "tmp-partial" else None
    return fn(unit)


def _child(args: dict) -> tuple[int, dict]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    p = subprocess.run([sys.executable, str(CHILD), json.dumps(args)], capture_output=True, text=True,
                       env=env, cwd=REPO, timeout=120)
    return p.returncode, (json.loads(p.stdout) if p.returncode == 0 else {"stderr": p.stderr[-2000:]})


@pytest.mark.slow
def test_a_driver_killed_at_every_crash_point_resumes_to_the_same_bytes(ray_session, tmp_path):
    """The `ledger takedown purge --engine ray` process killed (SIGKILL) at each point where the local
    purge's crash test kills it; the next run, on Ray again, ends with the local purge's bytes."""
    base, plan, expected, results = _reference(tmp_path, "webdataset")
    ref_run = tmp_path / "probe"
    shutil.copytree(base, ref_run)
    code, out = _child({"root": str(ref_run), "format": "webdataset", "plan": plan,
                        "journal": str(tmp_path / "probe.journal"), "address": ray_session})
    assert code == 0, out
    assert out["results"] == results
    points = len(out["labels"])
    assert points >= 10
    for k in range(1, points + 1):
        work = tmp_path / f"k{k}"
        shutil.copytree(base, work)
        args = {"root": str(work), "format": "webdataset", "plan": plan, "journal": str(tmp_path / f"k{k}.journal"),
                "address": ray_session}
        code, out = _child({**args, "crash_at": k})
        assert code == -signal.SIGKILL, (k, out)
        code, out = _child(args)
        assert code == 0, (k, out)
        assert out["results"] == results, k
        assert snapshot(work) == expected, k
        shutil.rmtree(work)
