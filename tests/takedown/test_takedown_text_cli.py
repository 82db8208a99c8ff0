"""`ledger takedown locate` at the shipped defaults, through the CLI, on JSONL shards: 40 % excerpts of
an English and a Chinese article are found, texts on the same subjects are not; and the one text
threshold, `match.text_min_score`, is what decides."""

from __future__ import annotations

import gzip
import json
import random

import pytest

from ledger_app.cli.main import main
from ledger_app.matching import text_evalset

PASS = "text-cli-pass"
ARTICLES = ("en-central-bank", "zh-ev-exports")  # held out: no threshold was chosen on them


def run(capsys, ws, *argv: str) -> dict | list:
    capsys.readouterr()
    rc = main(["--workspace", str(ws), *argv, "--json"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    return json.loads(out)


@pytest.fixture()
def news(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LEDGER_PASSPHRASE", PASS)
    articles, others, about, hosts = text_evalset.load("held-out")
    by_id = {a.id: a for a in articles}
    rng = random.Random(7)
    rows, expected = [], {}
    for aid in ARTICLES:
        a = by_id[aid]
        host = next(h for h in hosts if h.lang == a.lang)
        rows.append({"id": f"{aid}-excerpt", "text": text_evalset.excerpt(a, host, rng, fraction=0.4)})
        expected[aid] = f"{aid}-excerpt"
    for oid, text in others.items():  # same-subject texts, including those about ARTICLES
        rows.append({"id": oid, "text": text})
    for h in hosts:
        rows.append({"id": h.id, "text": "\n\n".join(h.paragraphs)})
    assert {about[o] for o in others} >= set(ARTICLES)
    root = tmp_path / "news"
    root.mkdir()
    half = len(rows) // 2
    (root / "news-000.jsonl").write_text("\n".join(json.dumps(r) for r in rows[:half]) + "\n", encoding="utf-8")
    with gzip.open(root / "news-001.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(json.dumps(r, ensure_ascii=False) for r in rows[half:]) + "\n")
    ws = tmp_path / "ws"
    run(capsys, ws, "init", "--origin", "example.com/text-cli")
    run(capsys, ws, "corpus", "add", "news", str(root))
    run(capsys, ws, "ingest", "news", "--workers", "1")
    texts = {}
    for aid in ARTICLES:
        path = tmp_path / f"{aid}.txt"
        path.write_text(by_id[aid].text, encoding="utf-8")
        texts[aid] = path
    return ws, texts, expected


def _locate(capsys, ws, article_file) -> dict[str, float]:
    rid = run(capsys, ws, "takedown", "new", "--type", "publisher", "--requester", "Daily",
              "--requester-kind", "news_publisher", "--text-file", str(article_file))["id"]
    run(capsys, ws, "takedown", "locate", str(rid))
    shown = run(capsys, ws, "takedown", "show", str(rid))["matches"]
    return {m["item_id"].split("=")[-1]: float(m["score"]) for m in shown}


def test_locate_finds_forty_percent_excerpts_and_not_same_subject_texts_at_the_defaults(news, capsys):
    ws, texts, expected = news
    settings = run(capsys, ws, "settings", "show")
    assert settings["match.text_min_score"] == text_evalset.TextIndex().min_containment
    for aid in ARTICLES:
        assert set(_locate(capsys, ws, texts[aid])) == {expected[aid]}, aid


def test_the_text_threshold_setting_decides(news, capsys):
    ws, texts, expected = news
    score = {aid: _locate(capsys, ws, texts[aid])[expected[aid]] for aid in ARTICLES}
    for aid in ARTICLES:
        run(capsys, ws, "settings", "set", "match.text_min_score", f"{score[aid] + 0.01:.4f}")
        assert _locate(capsys, ws, texts[aid]) == {}, aid
        run(capsys, ws, "settings", "set", "match.text_min_score", f"{score[aid] - 0.01:.4f}")
        assert set(_locate(capsys, ws, texts[aid])) == {expected[aid]}, aid
