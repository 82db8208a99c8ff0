"""Erasure that finishes the job, and a workspace other local users cannot read.

After `ledger erase` of a requester and of an uploader, a byte search over the database, its WAL and
the whole workspace (what `strings` would show, and more) finds none of their personal data, and `log
verify` still passes. Free text bound for a permanent ledger entry is refused when it names a person the
workspace knows."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.ingest.hostile_kit import Ledger

REQUESTER, EMAIL, ACCOUNT, UPLOADER = "Alice Example", "alice.example@mail.example", "alice_photos", "bob_uploads"


@pytest.fixture()
def led(tmp_path: Path, capsys) -> Ledger:
    led = Ledger(tmp_path / "ws")
    assert led.run("init", "--origin", "example.com/hostile", capsys=capsys).rc == 0
    return led


def corpus(root: Path) -> None:
    root.mkdir()
    recs = []
    for i in range(8):
        recs.append({"id": f"a{i}", "text": f"a holiday picture description number {i}",
                     "url": f"https://photos.example/u/{ACCOUNT}/{i}", "account": ACCOUNT,
                     "title": f"Sunset {i} by {ACCOUNT.upper()}"})
    for i in range(4):
        recs.append({"id": f"b{i}", "text": f"a city photograph caption number {i}",
                     "url": f"https://photos.example/u/{UPLOADER}/{i}", "account": UPLOADER,
                     "title": f"Street {i} ({UPLOADER})"})
    recs.append({"id": "c0", "text": "an unrelated record", "url": "https://other.example/1",
                 "title": "Malice and palace"})  # "alice" inside a word is not the account
    (root / "part.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))


def workspace_bytes(ws: Path) -> dict[str, bytes]:
    return {str(p.relative_to(ws)): p.read_bytes() for p in ws.rglob("*") if p.is_file()}


def test_erasing_a_requester_and_an_uploader_leaves_none_of_their_data(led, tmp_path, capsys):
    corpus(tmp_path / "A")
    assert led.run("corpus", "add", "A", str(tmp_path / "A"), capsys=capsys).rc == 0
    assert led.run("ingest", "A", "--workers", "1", capsys=capsys).rc == 0
    new = led.run("takedown", "new", "--type", "gdpr", "--requester", REQUESTER, "--email", EMAIL,
                  "--account", ACCOUNT, "--url", f"https://photos.example/u/{ACCOUNT}/3", "--json", capsys=capsys)
    assert new.rc == 0, new.err
    assert led.run("takedown", "locate", "1", capsys=capsys).rc == 0
    before = b"".join(workspace_bytes(led.ws).values()).lower()
    assert ACCOUNT.encode() in before and UPLOADER.encode() in before  # the test sees what it hunts for

    # Free text bound for the signed ledger is screened for the people the workspace knows.
    for args, phrase in [(("takedown", "reject", "1", "--reason", f"{REQUESTER} withdrew"), "a requester's name"),
                         (("log", "note", f"spoke to {ACCOUNT} today"), "an uploader's account"),
                         (("takedown", "extend", "1", "--reason", f"waiting for {EMAIL}"), "a requester's name")]:
        run = led.run(*args, capsys=capsys)
        assert run.rc == 1
        line = run.sentence()
        assert phrase in line and "permanent ledger entry that can never be erased" in line, line
    run = led.run("erase", "--request", "1", "--reason", f"asked by {REQUESTER}", capsys=capsys)
    assert run.rc == 1 and "names the person being erased" in run.sentence()

    run = led.run("erase", "--request", "1", "--reason", "GDPR Art. 17 request", "--json", capsys=capsys)
    assert run.rc == 0, run.err
    rep = json.loads(run.out)
    assert len(rep["erased_records"]) == 2  # the requester and the account they named
    for where in ("item.source_url", "item.url_norm", "item.metadata_json", "match.evidence"):
        assert rep["replaced"].get(where), (where, rep)
    assert rep["not_erased"] == []
    run = led.run("erase", "--account", UPLOADER, "--reason", "GDPR Art. 17 request", "--json", capsys=capsys)
    assert run.rc == 0, run.err
    assert json.loads(run.out)["replaced"]["item.source_url"] == 4

    assert led.run("log", "verify", capsys=capsys).rc == 0
    files = workspace_bytes(led.ws)
    assert "ledger.db" in files
    for name, data in files.items():
        low = data.lower()
        for secret in (REQUESTER, EMAIL, ACCOUNT, UPLOADER, "alice.example"):
            assert secret.lower().encode() not in low, (secret, name)
    items = {r["id"]: r for r in json.loads(led.run("items", "list", "--json", capsys=capsys).out)}
    assert items["A:part.jsonl#id=a0"]["source_url"].startswith("https://photos.example/u/erased:")
    assert items["A:part.jsonl#id=c0"]["source_url"] == "https://other.example/1"  # others untouched
    assert items["A:part.jsonl#id=c0"]["metadata"]["title"] == "Malice and palace"
    again = led.run("erase", "--account", UPLOADER, "--reason", "again", capsys=capsys)
    assert again.rc == 1 and "already erased" in again.sentence()


def modes(ws: Path) -> dict[str, int]:
    out = {".": stat.S_IMODE(ws.stat().st_mode)}
    out.update({str(p.relative_to(ws)): stat.S_IMODE(p.lstat().st_mode) for p in ws.rglob("*")})
    return out


def test_workspace_files_are_owner_only_and_old_workspaces_are_tightened(led, tmp_path, capsys):
    old = os.umask(0o022)
    try:
        text = tmp_path / "A"
        text.mkdir()
        (text / "a.jsonl").write_text('{"text": "hello there, world"}\n')
        led.run("corpus", "add", "A", str(text), capsys=capsys)
        led.run("ingest", "A", "--workers", "1", capsys=capsys)
        led.run("settings", "set", "takedown.default_due_days", "20", capsys=capsys)
        got = modes(led.ws)
        assert {"config.json", "ledger.db", "keys", "checkpoint.latest"} <= set(got)
        bad = {n: oct(m) for n, m in got.items()
               if m != (0o700 if (led.ws / n).is_dir() or n == "." else 0o600)}
        assert bad == {}
        # A workspace from before: 0644 files in a 0755 folder. Opening it tightens them.
        for name in got:
            p = led.ws / name if name != "." else led.ws
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        assert led.run("log", "verify", capsys=capsys).rc == 0
        bad = {n: oct(m) for n, m in modes(led.ws).items()
               if m != (0o700 if (led.ws / n).is_dir() or n == "." else 0o600)}
        assert bad == {}
    finally:
        os.umask(old)
