"""JSONL shards, plain and gzip: keys, metadata, broken lines, damaged streams, bombs, and the purge."""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from pathlib import Path

import pytest
from corpus_builders import jsonl_lines, write_jsonl

from ledger_app.core.errors import CorpusError
from ledger_app.corpus import Limits, open_corpus, run_purge


def test_listing_keys_metadata(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "news-00.jsonl", jsonl_lines(0, 3))
    write_jsonl(tmp_path / "news-01.jsonl.gz", jsonl_lines(3, 2, with_ids=False), gz=True)
    a = open_corpus(tmp_path)
    assert a.format == "jsonl" and a.shards() == ["news-00.jsonl", "news-01.jsonl.gz"]
    items = list(a.iter_all())
    assert [i.key for i in items] == ["news-00.jsonl#id=doc-0", "news-00.jsonl#id=doc-1", "news-00.jsonl#id=doc-2",
                                      "news-01.jsonl.gz#line=1", "news-01.jsonl.gz#line=2"]
    first = items[0]
    assert first.is_text and first.data == "Article 0. 这是第0篇文章。 Some words here.".encode()
    assert first.metadata["source_url"] == "https://news.example/a/0"
    assert first.metadata["account"] == "writer0" and first.metadata["id"] == "doc-0"
    assert "text" not in first.metadata
    assert first.location == "news-00.jsonl#id=doc-0" and first.member == "id=doc-0"


def test_numeric_ids_text_field_option_and_crlf(tmp_path: Path) -> None:
    lines = [b'{"id": 7, "body": "seven"}\r\n', b'{"id": 8.0, "body": "eight"}\n', b'\xef\xbb\xbf{"id": true, "body": "b"}']
    write_jsonl(tmp_path / "x.jsonl", [lines[0], lines[1]])
    write_jsonl(tmp_path / "y.jsonl", [lines[2]])
    items = list(open_corpus(tmp_path).iter_all())
    assert [(i.member, i.data) for i in items] == [("id=7", b"seven"), ("id=8", b"eight"), ("line=1", b"b")]
    a = open_corpus(tmp_path, text_field="body")
    assert [i.error for i in a.iter_all()] == [None, None, None]


def test_broken_lines_are_refused_with_their_line_number(tmp_path: Path) -> None:
    good = jsonl_lines(0, 4)
    lines = [good[0], b"{not json\n", b'{"id": "x", "title": "no text"}\n', b'{"text": "bad \xff\xfe utf8"}\n',
             b"\n", b"[1, 2]\n", good[1], b'{"id": "doc-1", "text": "duplicate id"}\n',
             b'{"text": ""}\n', b'{"text": 42}\n', b'{"text": "lone \\ud800 surrogate"}\n', good[2], good[3]]
    write_jsonl(tmp_path / "b.jsonl", lines)
    items = list(open_corpus(tmp_path).iter_all())
    ok = [i.member for i in items if i.error is None]
    assert ok == ["id=doc-0", "id=doc-1", "id=doc-2", "id=doc-3"]
    errors = {i.member: i.error for i in items if i.error}
    assert errors == {
        "line=2": "Line 2 is not valid JSON (Expecting property name enclosed in double quotes at column 2).",
        "id=x": "Line 3 has no 'text' field.",
        "line=4": "Line 4 is not valid UTF-8 (byte 0xff at position 14).",
        "line=6": "Line 6 is not a JSON object.",
        "line=8": "Line 8 repeats id 'doc-1' first seen on line 7; ids must be unique within a shard.",
        "line=9": "Line 9 has an empty 'text' field (zero bytes of content).",
        "line=10": "Line 10 has a 'text' field that is not a string.",
        "line=11": "Line 11 has a 'text' field with an unpaired surrogate escape.",
    }
    assert all(i.data is None for i in items if i.error)


def test_truncated_gzip_yields_the_good_records_and_one_refusal(tmp_path: Path) -> None:
    raw = b"".join(jsonl_lines(0, 2000))
    blob = gzip.compress(raw, mtime=0)
    (tmp_path / "t.jsonl.gz").write_bytes(blob[: len(blob) // 2])
    items = list(open_corpus(tmp_path).iter_all())
    assert all(i.error is None for i in items[:-1]) and len(items) > 100
    assert [i.member for i in items[:-1]] == [f"id=doc-{n}" for n in range(len(items) - 1)]
    assert items[-1].member == "@shard" and "truncated" in items[-1].error


def test_corrupt_gzip_and_trailing_garbage(tmp_path: Path) -> None:
    raw = b"".join(jsonl_lines(0, 50))
    blob = bytearray(gzip.compress(raw, mtime=0))
    blob[-6] ^= 0xFF  # the CRC no longer matches
    (tmp_path / "crc.jsonl.gz").write_bytes(bytes(blob))
    (tmp_path / "junk.jsonl.gz").write_bytes(gzip.compress(raw, mtime=0) + b"JUNK")
    (tmp_path / "pad.jsonl.gz").write_bytes(gzip.compress(raw, mtime=0) + bytes(100))
    a = open_corpus(tmp_path)
    crc = list(a.iter_items("crc.jsonl.gz"))
    assert "corrupt" in crc[-1].error and crc[-1].member == "@shard"
    junk = list(a.iter_items("junk.jsonl.gz"))
    assert len(junk) == 51 and "unexpected bytes" in junk[-1].error
    assert [i.error for i in a.iter_items("pad.jsonl.gz")] == [None] * 50


def test_multi_member_gzip(tmp_path: Path) -> None:
    lines = jsonl_lines(0, 10)
    (tmp_path / "m.jsonl.gz").write_bytes(gzip.compress(b"".join(lines[:4]), mtime=0) +
                                          gzip.compress(b"".join(lines[4:]), mtime=0))
    assert [i.member for i in open_corpus(tmp_path).iter_all()] == [f"id=doc-{n}" for n in range(10)]


def test_gzip_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    good = jsonl_lines(0, 2)
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [z.compress(good[0]), z.compress(b'{"text": "')]
    zeros = b"0" * (1 << 20)
    for _ in range(64):  # 64 MiB of one line, about 64 KiB compressed
        parts.append(z.compress(zeros))
    parts.append(z.compress(b'"}\n' + good[1]))
    parts.append(z.flush())
    (tmp_path / "bomb.jsonl.gz").write_bytes(b"".join(parts))
    a = open_corpus(tmp_path, limits=Limits(bomb_bytes=8 << 20, max_member_bytes=1 << 20))
    items = list(a.iter_all())
    assert items[0].member == "id=doc-0" and items[0].error is None
    assert items[1].member == "line=2" and "longer than the limit" in items[1].error
    assert items[-1].member == "@shard" and "decompression bomb" in items[-1].error
    assert len(items) == 3


def test_default_limits_refuse_a_one_gigabyte_bomb(tmp_path: Path) -> None:
    # 1.1 GiB in one line from about 1 MiB: a full flush makes every 16 MiB block compress to the
    # same bytes, so the block is repeated rather than recompressed (the trailer is never reached).
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = z.compress(b'{"text": "') + z.flush(zlib.Z_FULL_FLUSH)
    block = z.compress(b"0" * (16 << 20)) + z.flush(zlib.Z_FULL_FLUSH)
    again = z.compress(b"0" * (16 << 20)) + z.flush(zlib.Z_FULL_FLUSH)
    assert block == again
    (tmp_path / "bomb.jsonl.gz").write_bytes(head + block * 70 + z.flush())
    items = list(open_corpus(tmp_path).iter_all())
    assert [i.member for i in items] == ["line=1", "@shard"]
    assert "longer than the limit" in items[0].error and "decompression bomb" in items[1].error


def test_zero_byte_and_over_long_lines(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    write_jsonl(tmp_path / "long.jsonl", [b'{"text": "' + b"a" * 5000 + b'"}\n'] + jsonl_lines(0, 1))
    a = open_corpus(tmp_path, limits=Limits(max_member_bytes=1000))
    items = list(a.iter_all())
    assert items[0].key == "empty.jsonl#@shard" and "zero-byte" in items[0].error
    assert items[1].member == "line=1" and "longer than the limit" in items[1].error
    assert items[2].member == "id=doc-0" and items[2].error is None


# Purge -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("gz", [False, True])
def test_purge_removes_records_and_keeps_every_other_line_byte_identical(tmp_path: Path, journal_dir: Path, gz: bool) -> None:
    lines = jsonl_lines(0, 6)
    lines[2:2] = [b"{broken line\n", b"   \n", b'{"text": "no id"}\r\n']
    lines.append(b'{"id": "last", "text": "no newline at the end"}')
    name = "s.jsonl.gz" if gz else "s.jsonl"
    write_jsonl(tmp_path / name, lines, gz=gz)
    a = open_corpus(tmp_path)
    before = {i.key: i for i in a.iter_all()}
    remove = {f"{name}#id=doc-1", f"{name}#line=3", f"{name}#id=last"}
    (r,) = run_purge(a, {name: remove}, journal_dir / "purge.journal")
    raw = (tmp_path / name).read_bytes()
    kept = gzip.decompress(raw) if gz else raw
    expected = [ln for i, ln in enumerate(lines) if i not in (1, 2, len(lines) - 1)]
    assert kept == b"".join(expected)
    assert set(r.removed_keys) == remove
    assert r.removed_item_hashes[f"{name}#id=doc-1"] == hashlib.sha256(before[f"{name}#id=doc-1"].data).hexdigest()
    assert r.removed_member_hashes[f"{name}#line=3"] == hashlib.sha256(b"{broken line\n").hexdigest()
    assert r.sha256_after == hashlib.sha256(raw).hexdigest()
    # Position-keyed items after the removed lines were renumbered, and the result says how.
    assert r.moved_keys == {f"{name}#line=5": f"{name}#line=3"}
    after = {i.key: i for i in a.iter_all()}
    renamed = {r.moved_keys.get(k, k): v for k, v in before.items() if k not in remove}
    assert set(after) == set(renamed)
    for k, item in after.items():
        assert item.data == renamed[k].data and item.metadata == renamed[k].metadata


def test_gzip_rewrite_is_deterministic(tmp_path: Path, journal_dir: Path) -> None:
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        write_jsonl(tmp_path / d / "s.jsonl.gz", jsonl_lines(0, 200), gz=True)
        run_purge(open_corpus(tmp_path / d), {"s.jsonl.gz": {"s.jsonl.gz#id=doc-5"}},
                  journal_dir / f"{d}.journal")
    assert (tmp_path / "a" / "s.jsonl.gz").read_bytes() == (tmp_path / "b" / "s.jsonl.gz").read_bytes()


def test_purge_removes_an_over_long_line(tmp_path: Path, journal_dir: Path) -> None:
    lines = [b'{"text": "' + b"a" * 5000 + b'"}\n'] + jsonl_lines(0, 2)
    write_jsonl(tmp_path / "l.jsonl", lines)
    a = open_corpus(tmp_path, limits=Limits(max_member_bytes=1000))
    (r,) = run_purge(a, {"l.jsonl": {"l.jsonl#line=1"}}, journal_dir / "purge.journal")
    assert (tmp_path / "l.jsonl").read_bytes() == b"".join(lines[1:])
    assert r.removed_member_hashes["l.jsonl#line=1"] == hashlib.sha256(lines[0]).hexdigest()
    write_jsonl(tmp_path / "k.jsonl", lines)
    run_purge(a, {"k.jsonl": {"k.jsonl#id=doc-0"}}, journal_dir / "k.journal")
    assert (tmp_path / "k.jsonl").read_bytes() == lines[0] + lines[2]  # the long line copied whole


def test_purge_refuses_a_truncated_gzip(tmp_path: Path, journal_dir: Path) -> None:
    blob = gzip.compress(b"".join(jsonl_lines(0, 500)), mtime=0)
    (tmp_path / "t.jsonl.gz").write_bytes(blob[:-100])
    with pytest.raises(CorpusError, match="truncated"):
        run_purge(open_corpus(tmp_path), {"t.jsonl.gz": {"t.jsonl.gz#id=doc-1"}},
                  journal_dir / "purge.journal")
    assert (tmp_path / "t.jsonl.gz").read_bytes() == blob[:-100]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.jsonl.gz"]


def test_duplicate_id_takes_the_id_key_once_the_first_is_purged(tmp_path: Path, journal_dir: Path) -> None:
    lines = [b'{"id": 1, "text": "first"}\n', b'{"id": 1, "text": "second"}\n']
    write_jsonl(tmp_path / "d.jsonl", lines)
    a = open_corpus(tmp_path)
    (r,) = run_purge(a, {"d.jsonl": {"d.jsonl#id=1"}}, journal_dir / "purge.journal")
    assert r.moved_keys == {"d.jsonl#line=2": "d.jsonl#id=1"}
    assert [(i.key, i.data) for i in a.iter_all()] == [("d.jsonl#id=1", b"second")]
    assert json.loads((tmp_path / "d.jsonl").read_bytes())["text"] == "second"
