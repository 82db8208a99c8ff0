"""Parquet tables: content column detection, keys, broken files and rows, and the row-removing purge."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from corpus_builders import photo, write_parquet

from ledger_app.core.errors import CorpusError
from ledger_app.corpus import open_corpus, run_purge, sniff_media_type
from ledger_app.corpus.parquet import detect_content


def test_text_table(tmp_path: Path) -> None:
    write_parquet(tmp_path / "t.parquet", 0, 6)
    a = open_corpus(tmp_path)
    assert a.format == "parquet"
    items = list(a.iter_all())
    assert [i.key for i in items] == [f"t.parquet#id=r{n}" for n in range(6)]
    assert items[2].is_text and items[2].data == "Row 2 text 文本 2".encode()
    assert items[2].metadata["source_url"] == "https://site.example/2"
    assert items[2].metadata["account"] == "acct2" and "text" not in items[2].metadata


@pytest.mark.parametrize("kind", ["binary", "struct"])
def test_image_tables(tmp_path: Path, kind: str) -> None:
    write_parquet(tmp_path / "i.parquet", 0, 5, kind=kind, with_ids=False)
    items = list(open_corpus(tmp_path).iter_all())
    assert [i.member for i in items] == [f"row={n}" for n in range(5)]
    assert items[3].data == photo(3) and not items[3].is_text
    assert sniff_media_type(items[3].data) == "image/jpeg"
    if kind == "struct":
        assert items[3].metadata["image_path"] == "3.jpg"


def test_content_column_detection() -> None:
    s = pa.schema([("caption", pa.string()), ("pixels", pa.binary())])
    assert detect_content(s).column == "pixels"
    assert detect_content(s, "caption").kind == "text"
    with pytest.raises(CorpusError, match="Cannot tell"):
        detect_content(pa.schema([("a", pa.string()), ("b", pa.int64())]))
    with pytest.raises(CorpusError, match="not in the table"):
        detect_content(s, "nope")


def test_configured_columns(tmp_path: Path) -> None:
    pq.write_table(pa.table({"uid": ["x", "y"], "body": ["one", "two"], "note": ["n1", "n2"]}), tmp_path / "c.parquet")
    a = open_corpus(tmp_path, content_column="body", id_column="uid")
    assert [(i.member, i.data) for i in a.iter_all()] == [("id=x", b"one"), ("id=y", b"two")]
    refused = list(open_corpus(tmp_path).iter_all())
    assert len(refused) == 1 and "Cannot tell which column" in refused[0].error


def test_broken_files_and_rows(tmp_path: Path) -> None:
    (tmp_path / "empty.parquet").write_bytes(b"")
    (tmp_path / "junk.parquet").write_bytes(b"PAR1 this is not parquet PAR1")
    pq.write_table(pa.table({"id": ["a", "b", "a", "c", "d"], "text": ["t", None, "dup", "", "ok"]}),
                   tmp_path / "rows.parquet", row_group_size=2)
    good = tmp_path / "good.parquet"
    write_parquet(good, 0, 3)
    (tmp_path / "trunc.parquet").write_bytes(good.read_bytes()[:-20])
    items = {i.key: i for i in open_corpus(tmp_path, "parquet").iter_all()}
    assert "zero-byte" in items["empty.parquet#@shard"].error
    assert "not a readable Parquet file" in items["junk.parquet#@shard"].error
    assert "not a readable Parquet file" in items["trunc.parquet#@shard"].error
    assert items["rows.parquet#id=a"].error is None
    assert "null" in items["rows.parquet#id=b"].error
    assert "repeats id 'a' first seen on row 0" in items["rows.parquet#row=2"].error
    assert "empty content" in items["rows.parquet#id=c"].error
    assert items["rows.parquet#id=d"].data == b"ok"
    assert [k for k in items if k.startswith("good")] == [f"good.parquet#id=r{n}" for n in range(3)]


# Purge -------------------------------------------------------------------------------------------


def _rows(path: Path) -> list[dict]:
    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("kind", ["text", "struct"])
def test_purge_removes_rows_and_keeps_the_rest(tmp_path: Path, journal_dir: Path, kind: str) -> None:
    path = tmp_path / "p.parquet"
    write_parquet(path, 0, 10, kind=kind, row_group_size=4, with_ids=kind == "text")
    before_rows = _rows(path)
    before_meta = pq.ParquetFile(path)
    schema, codec = before_meta.schema_arrow, before_meta.metadata.row_group(0).column(1).compression
    a = open_corpus(tmp_path)
    before = {i.key: i for i in a.iter_all()}
    keys = ["p.parquet#id=r1", "p.parquet#id=r5"] if kind == "text" else ["p.parquet#row=1", "p.parquet#row=5"]
    (r,) = run_purge(a, {"p.parquet": keys}, journal_dir / "p.journal")
    assert _rows(path) == [row for n, row in enumerate(before_rows) if n not in (1, 5)]
    after = pq.ParquetFile(path)
    assert after.schema_arrow.equals(schema, check_metadata=True)
    assert after.schema_arrow.metadata[b"huggingface"] == b'{"info": {"features": {}}}'
    assert [after.metadata.row_group(i).num_rows for i in range(after.num_row_groups)] == [3, 3, 2]
    assert after.metadata.row_group(0).column(1).compression == codec == "ZSTD"
    assert r.removed_item_hashes[keys[0]] == hashlib.sha256(before[keys[0]].data).hexdigest()
    assert r.sha256_after == hashlib.sha256(path.read_bytes()).hexdigest()
    now = {i.key: i for i in a.iter_all()}
    if kind == "text":
        assert r.moved_keys == {} and set(before) - set(now) == set(keys)
    else:
        assert r.moved_keys == {"p.parquet#row=2": "p.parquet#row=1", "p.parquet#row=3": "p.parquet#row=2",
                                "p.parquet#row=4": "p.parquet#row=3", "p.parquet#row=6": "p.parquet#row=4",
                                "p.parquet#row=7": "p.parquet#row=5", "p.parquet#row=8": "p.parquet#row=6",
                                "p.parquet#row=9": "p.parquet#row=7"}
    for old, item in before.items():
        if old in keys:
            continue
        new = r.moved_keys.get(old, old)
        assert now[new].data == item.data and now[new].metadata == item.metadata


def test_purge_is_deterministic_and_handles_emptied_row_groups(tmp_path: Path, journal_dir: Path) -> None:
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        write_parquet(tmp_path / d / "p.parquet", 0, 8, row_group_size=2)
        keys = [f"p.parquet#id=r{n}" for n in (2, 3, 7)]
        run_purge(open_corpus(tmp_path / d), {"p.parquet": keys}, journal_dir / f"{d}.journal")
    data = (tmp_path / "a" / "p.parquet").read_bytes()
    assert data == (tmp_path / "b" / "p.parquet").read_bytes()
    pf = pq.ParquetFile(tmp_path / "a" / "p.parquet")
    assert [pf.metadata.row_group(i).num_rows for i in range(pf.num_row_groups)] == [2, 2, 1]


def test_purge_refuses_an_unreadable_file(tmp_path: Path, journal_dir: Path) -> None:
    (tmp_path / "junk.parquet").write_bytes(b"PAR1 junk PAR1")
    with pytest.raises(CorpusError, match="not a readable Parquet file"):
        run_purge(open_corpus(tmp_path, "parquet"), {"junk.parquet": ["junk.parquet#row=0"]}, journal_dir / "j")
    assert (tmp_path / "junk.parquet").read_bytes() == b"PAR1 junk PAR1"
    assert [p.name for p in tmp_path.iterdir()] == ["junk.parquet"]
