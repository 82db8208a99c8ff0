"""A fresh clone must pass its tests with nothing beside it: no code, test or build step names ../shared."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_nothing_reads_outside_the_repository():
    files = subprocess.run(
        ["git", "ls-files", "ledger_app", "tests", "bench", "Makefile", ".ci", "packaging", "pyproject.toml"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert files, "git listed no files"
    needles = ("../shared", "LEDGER_SHARED", 'parent / "shared"', "parents[1] / \"shared\"")
    offenders = []
    for name in files:
        p = REPO / name
        # .ci/run names ../shared only to check that nothing is beside the clone it tests in.
        if name in {"tests/test_self_contained.py", ".ci/run"}:
            continue
        if p.suffix not in {".py", ".sh", ".toml", ".cfg", ""} or not p.is_file():
            continue
        text = p.read_text(encoding="utf-8", errors="replace")
        offenders += [f"{name}: {n}" for n in needles if n in text]
    assert offenders == []


def test_fixtures_and_vectors_are_in_the_repository():
    for rel in ("fixtures/README.md", "fixtures/c2pa/expected.json", "fixtures/pdq/bridge-mods/aaa-orig.jpg",
                "vectors/merkle_vectors.json", "vectors/note_vectors.json"):
        assert (REPO / "tests" / rel).is_file(), rel
