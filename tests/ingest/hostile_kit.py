"""Shared helpers of the hostile-input tests: a workspace driven through the `ledger` CLI, in process or
as a child process, and the checks every case ends with (a one-line sentence, never a traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ledger_app.cli.main import main

PASS = "hostile-test-pass"
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    rc: int
    out: str
    err: str

    def sentence(self) -> str:
        """The error line, checked to be one plain sentence: no traceback, no "internal error"."""
        assert "Traceback" not in self.err and "internal error" not in self.err, self.err
        lines = [ln for ln in self.err.splitlines() if ln.strip()]
        assert len(lines) == 1, self.err
        return lines[0]


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e["LEDGER_PASSPHRASE"] = PASS
    e["PYTHONPATH"] = str(REPO) + os.pathsep + e.get("PYTHONPATH", "")
    e.pop("LEDGER_DEBUG", None)
    e.update(extra)
    return e


class Ledger:
    """`ledger --workspace WS …`, in this process (`run`) or in a child process (`spawn`)."""

    def __init__(self, ws: Path, db: str | None = None):
        self.ws = ws
        self.db = db

    def argv(self, *args: str) -> list[str]:
        return [*args, "--workspace", str(self.ws), *(["--db", self.db] if self.db else [])]

    def run(self, *args: str, capsys) -> Run:  # pytest's capsys
        before = os.environ.get("LEDGER_PASSPHRASE")
        os.environ["LEDGER_PASSPHRASE"] = PASS
        try:
            capsys.readouterr()
            rc = main(self.argv(*args))
            cap = capsys.readouterr()
        finally:  # other tests in this process must not inherit the passphrase
            if before is None:
                del os.environ["LEDGER_PASSPHRASE"]
            else:
                os.environ["LEDGER_PASSPHRASE"] = before
        return Run(rc, cap.out, cap.err)

    def spawn(self, *args: str, **kw) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "ledger_app.cli.main", *self.argv(*args)], env=env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)

    def call(self, *args: str, timeout: float = 300) -> Run:
        p = self.spawn(*args)
        out, err = p.communicate(timeout=timeout)
        return Run(p.returncode, out, err)


def text_corpus(root: Path, shards: int = 4, lines: int = 50) -> list[str]:
    """`shards` JSONL shards of `lines` records; returns the SHA-256 of the first record of each shard."""
    import hashlib
    import json

    root.mkdir(parents=True, exist_ok=True)
    firsts = []
    for s in range(shards):
        recs = [{"id": f"s{s}-r{i}", "text": f"shard {s} record {i}: " + "words " * 40} for i in range(lines)]
        (root / f"part-{s}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
        firsts.append(hashlib.sha256(recs[0]["text"].encode()).hexdigest())
    return firsts


def approved_request(led: Ledger, hashes: list[str], call) -> None:  # Ledger.call or a run
    """Request 1: the items with these hashes, located, all accepted and approved (ready to purge)."""
    args = ["takedown", "new", "--type", "other", "--requester", "Hostile Tester"]
    for h in hashes:
        args += ["--hash", h]
    for step in (args, ["takedown", "locate", "1"], ["takedown", "review", "1", "--accept-all"],
                 ["takedown", "approve", "1"]):
        r = call(*step)
        assert r.rc == 0, (step, r.err)
