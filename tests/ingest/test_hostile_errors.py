"""Conditions a user causes or meets are sentences naming the file and what to do, never "internal
error": a full disk during ingest and during purge (a real, tiny tmpfs), a corpus path that is a loop
of symbolic links, a passphrase that is not UTF-8, a database the user may not open. And the worker
processes of an ingest end with it, killed or not."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ingest.hostile_kit import Ledger, Run, approved_request, env, text_corpus


@pytest.fixture()
def led(tmp_path: Path) -> Ledger:
    led = Ledger(tmp_path / "ws")
    assert led.call("init", "--origin", "example.com/hostile").rc == 0
    return led


@contextlib.contextmanager
def small_disk(path: Path, size: str):
    """A tmpfs of `size` at `path`: a disk that really fills up (mounting needs root)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("simulating a full disk honestly needs root, to mount a small tmpfs")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({r.stderr.strip()})")
    try:
        yield lambda bigger: subprocess.run(["mount", "-o", f"remount,size={bigger}", str(path)], check=True)
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_a_full_disk_during_ingest_is_a_sentence_and_a_rerun_finishes(tmp_path):
    with small_disk(tmp_path / "disk", "2m") as grow:
        led = Ledger(tmp_path / "disk" / "ws")
        assert led.call("init", "--origin", "example.com/hostile").rc == 0
        text_corpus(tmp_path / "A", shards=12, lines=120)
        assert led.call("corpus", "add", "A", str(tmp_path / "A")).rc == 0
        run = led.call("ingest", "A", "--workers", "1")
        assert run.rc == 1
        line = run.sentence()
        assert "is full" in line and str(led.ws / "ledger.db") in line and "free some space" in line, line
        grow("64m")
        again = led.call("ingest", "A", "--workers", "1")
        assert again.rc == 0, again.err
        ids = [r["id"] for r in json.loads(led.call("items", "list", "--json").out)]
        assert len(ids) == len(set(ids)) == 12 * 120  # nothing lost, nothing twice
        assert led.call("log", "verify").rc == 0


def test_a_full_disk_during_purge_is_a_sentence_and_a_rerun_finishes(led, tmp_path):
    with small_disk(tmp_path / "disk", "1m") as grow:
        corpus = tmp_path / "disk" / "A"
        firsts = text_corpus(corpus, shards=2, lines=700)  # two shards of ~0.4 MB: no room for a rewrite
        assert led.call("corpus", "add", "A", str(corpus)).rc == 0
        assert led.call("ingest", "A", "--workers", "1").rc == 0
        with open(tmp_path / "disk" / "filler", "wb") as f:  # leave less free space than one shard
            with contextlib.suppress(OSError):
                f.write(b"\0" * (1 << 20))
        approved_request(led, firsts, led.call)
        run = led.call("takedown", "purge", "1")
        assert run.rc == 1
        line = run.sentence()
        assert "is full" in line and str(corpus) in line and "request 1" in line, line
        assert not [p for p in corpus.iterdir() if p.name.startswith(".")]  # no temporary file left
        grow("16m")
        again = led.call("takedown", "purge", "1")
        assert again.rc == 0, again.err
        assert json.loads(led.call("takedown", "show", "1", "--json").out)["status"] == "purged"
        for s in range(2):
            assert len((corpus / f"part-{s}.jsonl").read_text().splitlines()) == 699
        assert led.call("log", "verify").rc == 0


def test_a_corpus_path_that_is_a_symlink_loop(led, tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    run = led.call("corpus", "add", "L", str(tmp_path / "loop"))
    assert run.rc == 1
    assert run.sentence() == f"error: {tmp_path / 'loop'} is a loop of symbolic links; give the real directory of the corpus."
    # A registered corpus whose directory later becomes a loop.
    text_corpus(tmp_path / "B", shards=1, lines=2)
    assert led.call("corpus", "add", "B", str(tmp_path / "B")).rc == 0
    shutil.rmtree(tmp_path / "B")
    (tmp_path / "B").symlink_to(tmp_path / "B")
    line = led.call("ingest", "B").sentence()
    assert "loop of symbolic links" in line and str(tmp_path / "B") in line


def test_a_passphrase_that_is_not_utf8(led):
    e = {k.encode(): v.encode() for k, v in env().items()}
    e[b"LEDGER_PASSPHRASE"] = b"caf\xe9"  # Latin-1, not UTF-8
    p = subprocess.run([sys.executable, "-m", "ledger_app.cli.main", *led.argv("log", "note", "hello")],
                       env=e, capture_output=True, text=True)
    run = Run(p.returncode, p.stdout, p.stderr)
    assert run.rc == 1
    assert "not valid UTF-8" in run.sentence() and "LEDGER_PASSPHRASE" in run.sentence()


def test_a_workspace_on_a_read_only_file_system(tmp_path):
    # Root ignores permission bits; a read-only mount refuses writes to everyone.
    with small_disk(tmp_path / "disk", "8m"):
        led = Ledger(tmp_path / "disk" / "ws")
        assert led.call("init", "--origin", "example.com/hostile").rc == 0
        subprocess.run(["mount", "-o", "remount,ro", str(tmp_path / "disk")], check=True)
        run = led.call("log", "note", "hello")
        assert run.rc == 1
        line = run.sentence()
        assert "read-only" in line and str(tmp_path / "disk" / "ws" / "ledger.db") in line, line


def descendants(pid: int) -> set[int]:
    out, todo = set(), [pid]
    while todo:
        p = todo.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        for k in map(int, kids):
            out.add(k)
            todo.append(k)
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def wait_for(cond, timeout: float = 60.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


@pytest.mark.parametrize("killed", [True, False])
def test_worker_processes_end_with_the_command(led, tmp_path, killed):
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc to follow the process tree")
    text_corpus(tmp_path / "A", shards=16, lines=60)
    assert led.call("corpus", "add", "A", str(tmp_path / "A")).rc == 0
    cmd = led.spawn("ingest", "A", "--workers", "2")
    seen: set[int] = set()

    def workers_up() -> bool:
        seen.update(descendants(cmd.pid))
        return len(seen) >= 4 or cmd.poll() is not None  # fork server, tracker, two workers

    assert wait_for(workers_up, 120)
    assert len(seen) >= 3, "the ingest ended before its pool started"
    if killed:
        os.kill(cmd.pid, signal.SIGKILL)
    cmd.communicate(timeout=300)
    assert wait_for(lambda: not [p for p in seen if alive(p)], 30), [
        Path(f"/proc/{p}/cmdline").read_bytes()[:80] for p in seen if alive(p)]
