"""Helpers for the legal-process tests: a small JSONL corpus and the CLI run in-process."""

from __future__ import annotations

import json
from pathlib import Path

from td_builders import PASS

ARTICLES = [
    "Harbour lights flicker over the old fishing fleet as the tide turns and gulls settle on the pier.",
    "The city council voted late on Tuesday to extend the tram line through the northern districts.",
    "A rare orchid bloomed in the botanical garden for the first time in forty years, staff said today.",
    "Engineers tested the new bridge with forty loaded lorries before opening it to the public traffic.",
]


def write_jsonl_corpus(root: Path, urls: list[str] | None = None, name: str = "news-000.jsonl") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    urls = urls or [f"https://news.example/a/{i}" for i in range(len(ARTICLES))]
    with open(root / name, "w", encoding="utf-8") as f:
        for i, (text, url) in enumerate(zip(ARTICLES, urls, strict=False)):
            f.write(json.dumps({"id": f"a{i}", "text": text, "url": url}) + "\n")
    return root / name


def cli(ws: Path, *args: str, capsys=None, monkeypatch=None) -> tuple[int, str, str]:
    """Run `ledger --workspace ws ARGS…` in-process; returns (exit code, stdout, stderr)."""
    from ledger_app.cli.main import main

    if monkeypatch is not None:
        monkeypatch.setenv("LEDGER_PASSPHRASE", PASS)
    rc = main([*args, "--workspace", str(ws)])
    out, err = capsys.readouterr() if capsys is not None else ("", "")
    return rc, out, err


def verify_offline(run, cert, proof: dict, vkey: str, tmp_path) -> None:
    """A certificate checked with `ledger verify-certificate`, and one item's two-level proof checked on
    its own by the offline verifier (`python -m ledger_app.verify`); both must pass."""
    import subprocess
    import sys

    rc, out, err = run("verify-certificate", str(cert), "--vkey", vkey)
    assert rc == 0, err
    (tmp_path / "proof.json").write_text(json.dumps(proof))
    p = subprocess.run([sys.executable, "-m", "ledger_app.verify", str(tmp_path / "proof.json"), "--vkey", vkey],
                       capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2], timeout=60)
    assert p.returncode == 0, p.stdout + p.stderr
