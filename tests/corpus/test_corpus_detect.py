"""`--format auto`: each format recognised, ambiguity and emptiness refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_builders import jsonl_lines, photo, write_jsonl, write_parquet, write_wds_shard

from ledger_app.core.errors import CorpusError
from ledger_app.corpus import detect_format, open_corpus


def test_each_format(tmp_path: Path) -> None:
    for d in ("f", "w", "j", "p"):
        (tmp_path / d / "sub").mkdir(parents=True)
    (tmp_path / "f" / "a.jpg").write_bytes(photo(0))
    (tmp_path / "f" / "sub" / "b.tar.txt").write_text("not a shard")
    write_wds_shard(tmp_path / "w" / "sub" / "00.tar", 0, 1)
    (tmp_path / "w" / "README.md").write_text("card")
    write_jsonl(tmp_path / "j" / "a.jsonl.gz", jsonl_lines(0, 2), gz=True)
    write_jsonl(tmp_path / "j" / "b.jsonl", jsonl_lines(2, 2))
    write_parquet(tmp_path / "p" / "x.parquet", 0, 2)
    assert [detect_format(tmp_path / d) for d in "fwjp"] == ["folder", "webdataset", "jsonl", "parquet"]
    assert open_corpus(tmp_path / "w").shards() == ["sub/00.tar"]
    assert detect_format(tmp_path / "p" / "x.parquet") == "parquet"


@pytest.mark.parametrize(("setup", "message"), [
    (lambda p: None, "empty"),
    (lambda p: (write_wds_shard(p / "a.tar", 0, 1), write_parquet(p / "b.parquet", 0, 1)), "mixes shard formats"),
    (lambda p: (write_wds_shard(p / "a.tar", 0, 1), (p / "x.jpg").write_bytes(photo(0))), "give the format"),
    (lambda p: (p / "a.tar").write_bytes(b"plain text, not a tar" * 50), "none of them has webdataset content"),
])
def test_ambiguous_or_empty(tmp_path: Path, setup, message: str) -> None:
    setup(tmp_path)
    with pytest.raises(CorpusError, match=message):
        detect_format(tmp_path)


def test_missing_path_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="cannot be read"):
        detect_format(tmp_path / "nope")
    with pytest.raises(CorpusError, match="Unknown corpus format"):
        open_corpus(tmp_path, "zip")
    (tmp_path / "x.bin").write_bytes(b"x")
    with pytest.raises(CorpusError, match="not a shard"):
        detect_format(tmp_path / "x.bin")


def test_explicit_format_overrides_detection(tmp_path: Path) -> None:
    write_wds_shard(tmp_path / "a.tar", 0, 1)
    (tmp_path / "x.jpg").write_bytes(photo(0))
    assert [i.key for i in open_corpus(tmp_path, "folder").iter_all()] == ["a.tar", "x.jpg"]
    assert [i.key for i in open_corpus(tmp_path, "webdataset").iter_all()] == ["a.tar#s00000"]
