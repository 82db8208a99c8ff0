"""File names at the file system's limits, LIKE wildcards in a search, truncated gzip shards: each is
handled per item with a sentence, and nothing is lost or stored twice."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import pytest

from ledger_app.corpus import open_corpus, run_purge
from ledger_app.corpus.purge import tmp_name
from tests.ingest.hostile_kit import Ledger


@pytest.fixture()
def led(tmp_path: Path, capsys) -> Ledger:
    led = Ledger(tmp_path / "ws")
    assert led.run("init", "--origin", "example.com/hostile", capsys=capsys).rc == 0
    return led


def test_a_name_at_the_limit_and_a_path_too_long_to_keep_are_handled_per_item(led, tmp_path, capsys):
    root = tmp_path / "names"
    root.mkdir()
    long_name = "n" * 250 + ".txt"  # 254 bytes: legal, but `name + ".json"` (its sidecar) is not
    assert len(long_name.encode()) == 254
    (root / long_name).write_text("a text file whose name is at the limit\n")
    (root / "plain.txt").write_text("an ordinary file beside it\n")
    deep = root / ("d" * 200) / ("e" * 200) / ("f" * 200)  # a path longer than the item key column
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text("deep file\n")
    assert led.run("corpus", "add", "names", str(root), "--format", "folder", capsys=capsys).rc == 0

    run = led.run("ingest", "names", "--workers", "1", "--json", capsys=capsys)
    assert run.rc == 0, run.err
    assert json.loads(run.out)["items_new"] == 3
    items = {r["location"]: r for r in json.loads(led.run("items", "list", "--json", capsys=capsys).out)}
    assert items[long_name]["status"] == "admitted"  # a legal name is ingested, with no sidecar to find
    assert items["plain.txt"]["status"] == "admitted"
    (deep_item,) = [r for r in items.values() if r["location"].endswith("deep.txt")]
    assert deep_item["status"] == "refused"
    assert "Shorten the file or directory names" in deep_item["status_reason"]
    assert len(deep_item["id"]) <= 600

    again = led.run("ingest", "names", "--json", capsys=capsys)  # re-read: nothing stored twice
    assert again.rc == 0 and json.loads(again.out)["items_new"] == 0
    assert len(json.loads(led.run("items", "list", "--json", capsys=capsys).out)) == 3
    assert led.run("log", "verify", capsys=capsys).rc == 0


def test_a_shard_with_a_name_at_the_limit_can_be_purged(tmp_path):
    journal_dir = tmp_path / "journals"
    root = tmp_path / "c"
    root.mkdir()
    name = "s" * 248 + ".jsonl"  # 254 bytes; `.name.purge-tmp` would be 265
    (root / name).write_text("".join(json.dumps({"id": i, "text": f"line {i}"}) + "\n" for i in range(3)))
    assert len(tmp_name(name).encode()) <= 255
    adapter = open_corpus(root, "jsonl")
    (rw,) = run_purge(adapter, {name: [f"{name}#id=1"]}, journal_dir / "j.json")
    assert rw.removed_keys == (f"{name}#id=1",)
    assert [i.member for i in adapter.iter_items(name)] == ["id=0", "id=2"]
    assert sorted(p.name for p in root.iterdir()) == [name]  # no temporary file left behind


def test_search_takes_wildcards_literally(led, tmp_path, capsys):
    root = tmp_path / "w"
    root.mkdir()
    for name in ("100%_sure.txt", "plain.txt", "back\\slash.txt", "under_score.txt", "underXscore.txt"):
        (root / name).write_text(f"content of {name}\n")
    led.run("corpus", "add", "w", str(root), "--format", "folder", capsys=capsys)
    assert led.run("ingest", "w", "--workers", "1", capsys=capsys).rc == 0

    def search(text: str) -> list[str]:
        run = led.run("items", "list", "--search", text, "--json", capsys=capsys)
        assert run.rc == 0, run.err
        return sorted(r["location"] for r in json.loads(run.out))

    assert search("%") == ["100%_sure.txt"]
    assert search("_") == ["100%_sure.txt", "under_score.txt"]
    assert search("under_score") == ["under_score.txt"]  # `_` does not match the X of underXscore
    assert search("\\") == ["back\\slash.txt"]
    assert search("txt") == sorted(["100%_sure.txt", "plain.txt", "back\\slash.txt", "under_score.txt",
                                    "underXscore.txt"])


def test_a_truncated_small_gzip_shard_keeps_every_complete_record_before_the_cut(tmp_path):
    lines = [json.dumps({"id": i, "text": f"record {i}"}).encode() + b"\n" for i in range(12)]
    gz = gzip.compress(b"".join(lines))
    assert len(gz) < 200  # small: the whole file is one read
    root = tmp_path / "gz"
    root.mkdir()
    for cut in range(2, len(gz)):  # from 2: one byte is not yet recognisably gzip
        (root / "a.jsonl.gz").write_bytes(gz[:cut])
        # What the cut leaves: the decompressed prefix, and the records wholly inside it.
        d = zlib.decompressobj(31)
        try:
            prefix = d.decompress(gz[:cut])
        except zlib.error:
            prefix = b""
        complete = prefix.count(b"\n")
        items = list(open_corpus(root, "jsonl").iter_items("a.jsonl.gz"))
        assert [i.member for i in items[:-1]] == [f"id={i}" for i in range(complete)], cut
        assert items[-1].member == "@shard" and "truncated" in items[-1].error, cut
        assert [i.data for i in items[:-1]] == [f"record {i}".encode() for i in range(complete)]
