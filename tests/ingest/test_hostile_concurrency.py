"""The same operation twice at once, on a solo (SQLite) workspace: two `ledger ingest A`, two `ledger
takedown purge 1`, in child processes. One run does the work; the other waits for nothing and says in
one sentence that a run holds the lock, or finds the work done. Never a traceback, never a half-done
state, and the lock dies with its holder. (tests/team/test_team_hostile.py: the same on PostgreSQL.)"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ledger_app.services.workspace import Workspace
from ledger_app.storage.runlock import Busy, run_lock
from tests.ingest.hostile_kit import Ledger, Run, approved_request, env, text_corpus

BUSY = "is in progress"


@pytest.fixture()
def led(tmp_path: Path) -> Ledger:
    led = Ledger(tmp_path / "ws")
    assert led.call("init", "--origin", "example.com/hostile").rc == 0
    return led


def both(led: Ledger, *args: str) -> list[Run]:
    """Start the same command twice at once and wait for both."""
    procs = [led.spawn(*args), led.spawn(*args)]
    runs = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        runs.append(Run(p.returncode, out, err))
    return runs


def check_pair(runs: list[Run], done_message: str) -> None:
    """Each run succeeded or said in one sentence that the other holds the lock / did the work."""
    assert any(r.rc == 0 for r in runs), [r.err for r in runs]
    for r in runs:
        if r.rc != 0:
            line = r.sentence()
            assert BUSY in line or done_message in line, line


def test_a_held_ingest_lock_makes_a_second_ingest_say_so_in_one_line(led, tmp_path):
    text_corpus(tmp_path / "A", shards=2, lines=5)
    assert led.call("corpus", "add", "A", str(tmp_path / "A")).rc == 0
    ws = Workspace(led.ws)
    with run_lock(ws, "ingest", 1, "ingest of corpus 'A'"):
        run = led.call("ingest", "A")
        assert run.rc == 1
        line = run.sentence()
        assert line == (f"error: Another run of the ingest of corpus 'A' is in progress (process {os.getpid()}); "
                        "wait for it to finish, then run the command again.")
        with pytest.raises(Busy):  # in one process too: a second open of the lock file conflicts
            with run_lock(ws, "ingest", 1, "ingest of corpus 'A'"):
                pass
    assert led.call("ingest", "A").rc == 0


def test_two_ingests_of_one_corpus_at_once(led, tmp_path):
    text_corpus(tmp_path / "A", shards=4, lines=30)
    assert led.call("corpus", "add", "A", str(tmp_path / "A")).rc == 0
    check_pair(both(led, "ingest", "A", "--workers", "2"), "no such message")
    listed = json.loads(led.call("items", "list", "--json").out)
    ids = [r["id"] for r in listed]
    assert len(ids) == len(set(ids)) == 4 * 30  # every item once
    again = led.call("ingest", "A", "--json")
    assert again.rc == 0 and json.loads(again.out)["items_new"] == 0
    assert led.call("log", "verify").rc == 0


def test_two_purges_of_one_request_at_once(led, tmp_path):
    firsts = text_corpus(tmp_path / "A", shards=4, lines=40)
    assert led.call("corpus", "add", "A", str(tmp_path / "A")).rc == 0
    assert led.call("ingest", "A").rc == 0
    approved_request(led, firsts, led.call)
    check_pair(both(led, "takedown", "purge", "1"), "is already purged")
    shown = json.loads(led.call("takedown", "show", "1", "--json").out)
    assert shown["status"] == "purged"
    for s in range(4):  # every shard rewritten once, without its first record, and nothing else lost
        lines = (tmp_path / "A" / f"part-{s}.jsonl").read_text().splitlines()
        assert len(lines) == 39 and not any(f'"s{s}-r0"' in ln for ln in lines)
    assert not [p for p in (tmp_path / "A").iterdir() if p.name.startswith(".")]  # no temp files left
    assert not list((led.ws / "journal").iterdir())
    assert led.call("log", "verify").rc == 0


def test_a_lock_dies_with_its_holder(led, tmp_path):
    text_corpus(tmp_path / "A", shards=1, lines=3)
    assert led.call("corpus", "add", "A", str(tmp_path / "A")).rc == 0
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, pathlib\n"
         "from ledger_app.storage.runlock import run_lock\n"
         "from ledger_app.services.workspace import Workspace\n"
         "with run_lock(Workspace(pathlib.Path(sys.argv[1])), 'ingest', 1, 'x'):\n"
         "    print('held', flush=True)\n"
         "    sys.stdin.read()\n", str(led.ws)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env())
    try:
        assert holder.stdout.readline().strip() == "held"
        assert BUSY in led.call("ingest", "A").sentence()
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    assert led.call("ingest", "A").rc == 0  # the kernel released the killed holder's lock
