"""The same operation twice at once in team mode: two members run `ledger ingest A`, two run `ledger
takedown purge 1`, each from their own workspace on the shared PostgreSQL database, in child processes.
The advisory lock (storage/runlock.py) makes one do the work; the other says so in one sentence or finds
the work done; a killed holder's lock is released by the server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from teamkit import db_url

from ledger_app.services.workspace import Workspace
from ledger_app.storage.runlock import run_lock
from tests.ingest.hostile_kit import Ledger, Run, approved_request, env, text_corpus

pytestmark = pytest.mark.postgres


@pytest.fixture()
def members(fresh_db, tmp_path) -> tuple[Ledger, Ledger]:
    url = db_url(fresh_db()).replace("postgresql+psycopg://", "postgresql://")
    alice, bob = Ledger(tmp_path / "alice", url), Ledger(tmp_path / "bob", url)
    assert alice.call("init", "--origin", "example.com/team-hostile").rc == 0
    return alice, bob


def at_once(a: Ledger, b: Ledger, *args: str) -> list[Run]:
    procs = [a.spawn(*args), b.spawn(*args)]
    out = []
    for p in procs:
        o, e = p.communicate(timeout=300)
        out.append(Run(p.returncode, o, e))
    return out


def check_pair(runs: list[Run], done: str) -> None:
    assert any(r.rc == 0 for r in runs), [r.err for r in runs]
    for r in runs:
        if r.rc != 0:
            line = r.sentence()
            assert "is in progress on the team database" in line or done in line, line


def test_two_members_ingest_one_corpus_at_once(members, tmp_path):
    alice, bob = members
    text_corpus(tmp_path / "A", shards=4, lines=30)
    assert alice.call("corpus", "add", "A", str(tmp_path / "A")).rc == 0
    check_pair(at_once(alice, bob, "ingest", "A", "--workers", "2"), "no such message")
    ids = [r["id"] for r in json.loads(bob.call("items", "list", "--json").out)]
    assert len(ids) == len(set(ids)) == 4 * 30
    assert json.loads(alice.call("ingest", "A", "--json").out)["items_new"] == 0
    assert bob.call("log", "verify").rc == 0


def test_two_members_purge_one_request_at_once(members, tmp_path):
    alice, bob = members
    firsts = text_corpus(tmp_path / "A", shards=4, lines=30)
    assert alice.call("corpus", "add", "A", str(tmp_path / "A")).rc == 0
    assert alice.call("ingest", "A").rc == 0
    approved_request(alice, firsts, alice.call)
    check_pair(at_once(alice, bob, "takedown", "purge", "1"), "is already purged")
    assert json.loads(bob.call("takedown", "show", "1", "--json").out)["status"] == "purged"
    for s in range(4):
        lines = (tmp_path / "A" / f"part-{s}.jsonl").read_text().splitlines()
        assert len(lines) == 29 and not any(f'"s{s}-r0"' in ln for ln in lines)
    assert not [p for p in (tmp_path / "A").iterdir() if p.name.startswith(".")]
    assert alice.call("log", "verify").rc == 0


def test_a_held_lock_is_one_sentence_and_a_killed_holder_frees_it(members, tmp_path):
    alice, bob = members
    text_corpus(tmp_path / "A", shards=1, lines=3)
    assert alice.call("corpus", "add", "A", str(tmp_path / "A")).rc == 0
    with run_lock(Workspace(alice.ws, alice.db), "ingest", 1, "ingest of corpus 'A'"):
        line = bob.call("ingest", "A").sentence()
        assert line == ("error: Another run of the ingest of corpus 'A' is in progress on the team database; "
                        "wait for it to finish, then run the command again.")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, pathlib\n"
         "from ledger_app.storage.runlock import run_lock\n"
         "from ledger_app.services.workspace import Workspace\n"
         "with run_lock(Workspace(pathlib.Path(sys.argv[1]), sys.argv[2]), 'ingest', 1, 'x'):\n"
         "    print('held', flush=True)\n"
         "    sys.stdin.read()\n", str(alice.ws), alice.db],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env())
    try:
        assert holder.stdout.readline().strip() == "held"
        assert "is in progress" in bob.call("ingest", "A").sentence()
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    assert bob.call("ingest", "A").rc == 0  # the server ended the dead holder's session and its lock


def test_erasing_an_uploader_on_the_team_database(members, tmp_path):
    alice, bob = members
    root = tmp_path / "U"
    root.mkdir()
    (root / "u.jsonl").write_text("".join(
        json.dumps({"id": f"u{i}", "text": f"caption text number {i}", "account": "carol_uploads",
                    "url": f"https://photos.example/u/carol_uploads/{i}", "title": f"Photo by carol_uploads {i}"}) + "\n"
        for i in range(3)))
    assert alice.call("corpus", "add", "U", str(root)).rc == 0
    assert alice.call("ingest", "U").rc == 0
    refused = bob.call("log", "note", "asked carol_uploads about it")
    assert refused.rc == 1 and "an uploader's account" in refused.sentence()
    run = bob.call("erase", "--account", "carol_uploads", "--reason", "GDPR Art. 17 request", "--json")
    assert run.rc == 0, run.err
    rep = json.loads(run.out)
    assert rep["replaced"]["item.source_url"] == 3 and rep["not_erased"] == []
    listed = json.loads(alice.call("items", "list", "--json").out)
    assert all("carol" not in json.dumps(r).lower() for r in listed)
    assert alice.call("log", "verify").rc == 0
