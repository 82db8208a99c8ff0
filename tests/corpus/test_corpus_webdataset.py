"""WebDataset shards: listing, metadata, keys, hostile members, damage, and the byte-exact purge."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from corpus_builders import add_member, photo, snapshot, tar_members, write_wds_shard

from ledger_app.core.errors import CorpusError
from ledger_app.corpus import Limits, open_corpus, run_purge, sniff_media_type
from ledger_app.corpus.tarscan import scan_tar


def test_listing_keys_metadata(tmp_path: Path) -> None:
    write_wds_shard(tmp_path / "shard-000.tar", 0, 3)
    write_wds_shard(tmp_path / "shard-001.tar", 3, 2, text_only=True)
    (tmp_path / "README.md").write_text("a dataset card")
    a = open_corpus(tmp_path)
    assert a.format == "webdataset"
    assert a.shards() == ["shard-000.tar", "shard-001.tar"]
    items = list(a.iter_all())
    assert [i.key for i in items] == ["shard-000.tar#s00000", "shard-000.tar#s00001", "shard-000.tar#s00002",
                                      "shard-001.tar#s00003", "shard-001.tar#s00004"]
    first = items[0]
    assert first.error is None and first.member == "s00000" and first.shard == "shard-000.tar"
    assert first.members == ("s00000.jpg", "s00000.txt", "s00000.json")
    assert first.data == photo(0) and not first.is_text
    assert sniff_media_type(first.data) == "image/jpeg"
    assert first.metadata["source_url"] == "https://photos.example/0.jpg"
    assert first.metadata["account"] == "user0"
    assert first.metadata["license"] == "CC-BY-4.0"
    assert first.metadata["caption"] == "caption for photo 0"
    assert first.location == "shard-000.tar#s00000"
    text = items[3]
    assert text.is_text and text.data == "document 3: 文本 3".encode()
    assert "caption" not in text.metadata


def test_gnu_and_ustar_formats_and_long_names(tmp_path: Path) -> None:
    expected = {}
    for fmt in (tarfile.GNU_FORMAT, tarfile.USTAR_FORMAT, tarfile.PAX_FORMAT):
        # ustar splits a long name into prefix and name; GNU and pax use their own long-name headers.
        long_key = ("p" * 60 + "/" + "k" * 60) if fmt == tarfile.USTAR_FORMAT else "d/" + "k" * 120
        path = tmp_path / f"f{fmt}.tar"
        expected[path.name] = long_key
        with tarfile.open(path, "w", format=fmt) as tf:
            add_member(tf, "dir/", type=tarfile.DIRTYPE)
            add_member(tf, f"{long_key}.jpg", photo(1))
            add_member(tf, f"{long_key}.json", b'{"url": "u"}')
    a = open_corpus(tmp_path)
    for shard in a.shards():
        (item,) = list(a.iter_items(shard))
        assert item.member == expected[shard] and item.data == photo(1) and item.metadata["source_url"] == "u"


def _hostile_shard(path: Path, outside: Path) -> None:
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tf:
        add_member(tf, "good1.jpg", photo(1))
        add_member(tf, "good1.json", b'{"url": "https://ok/1"}')
        add_member(tf, "../evil.jpg", b"EVIL-PAYLOAD")
        add_member(tf, f"{outside}/abs.jpg", b"ABSOLUTE-PAYLOAD")
        add_member(tf, "/etc/passwd", b"root:x:0:0")
        add_member(tf, "slink.jpg", type=tarfile.SYMTYPE, linkname=str(outside / "secret.jpg"))
        add_member(tf, "hlink.jpg", type=tarfile.LNKTYPE, linkname="good1.jpg")
        add_member(tf, "dev.jpg", type=tarfile.CHRTYPE, devmajor=1, devminor=3)
        add_member(tf, "pipe.jpg", type=tarfile.FIFOTYPE)
        add_member(tf, "mixed.jpg", photo(2))
        add_member(tf, "mixed.json", type=tarfile.SYMTYPE, linkname="/etc/passwd")
        add_member(tf, "badjson.jpg", photo(3))
        add_member(tf, "badjson.json", b"{not json")
        add_member(tf, "badtxt.txt", b"caption \xff\xfe")
        add_member(tf, "empty.jpg", b"")
        add_member(tf, "meta-only.json", b"{}")
        add_member(tf, "good2.jpg", photo(4))


def test_hostile_members_are_refused_and_nothing_outside_is_touched(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(b"OUTSIDE-SECRET-CONTENT")
    _hostile_shard(corpus / "h.tar", outside)
    before_outside = snapshot(outside)
    before_corpus = snapshot(corpus)
    cwd = os.getcwd()
    os.chdir(corpus)
    try:
        items = list(open_corpus(corpus).iter_all())
    finally:
        os.chdir(cwd)
    by_member = {i.member: i for i in items}
    assert by_member["good1"].error is None and by_member["good1"].metadata["source_url"] == "https://ok/1"
    assert by_member["good2"].error is None
    reasons = {m: i.error for m, i in by_member.items() if i.error}
    assert "parent-directory" in reasons["../evil"]
    assert "absolute path" in reasons[f"{outside}/abs"]
    assert "absolute path" in reasons["/etc/passwd"]
    assert "symbolic link" in reasons["slink"]
    assert "hard link" in reasons["hlink"]
    assert "character device" in reasons["dev"]
    assert "FIFO" in reasons["pipe"]
    assert "symbolic link" in reasons["mixed"]  # a sample with one unsafe member is refused whole
    assert "not valid JSON" in reasons["badjson"]
    assert "not valid UTF-8" in reasons["badtxt"]
    assert "zero bytes" in reasons["empty"]
    assert "no image, media or text member" in reasons["meta-only"]
    for item in items:
        if item.error:
            assert item.data is None
        blob = (item.data or b"") + json.dumps(item.metadata).encode()
        assert b"OUTSIDE-SECRET-CONTENT" not in blob and b"EVIL-PAYLOAD" not in blob
    # Nothing was written anywhere: no extraction, no file created beside the corpus.
    assert snapshot(outside) == before_outside
    assert snapshot(corpus) == before_corpus
    assert not (tmp_path / "evil.jpg").exists()


def test_truncated_tar_yields_good_samples_then_a_refusal(tmp_path: Path) -> None:
    write_wds_shard(tmp_path / "full.tar", 0, 6)
    data = (tmp_path / "full.tar").read_bytes()
    fd = os.open(tmp_path / "full.tar", os.O_RDONLY)
    entries = scan_tar(fd).entries
    os.close(fd)
    cut = entries[9].data_start + 1000  # inside s00003.jpg
    (tmp_path / "full.tar").unlink()
    (tmp_path / "cut.tar").write_bytes(data[:cut])
    items = list(open_corpus(tmp_path, "webdataset").iter_items("cut.tar"))
    assert [i.member for i in items if i.error is None] == ["s00000", "s00001", "s00002"]
    last = items[-1]
    assert last.member == "@shard" and "truncated" in last.error and "s00003.jpg" in last.error


def test_truncated_inside_sample_refuses_that_sample(tmp_path: Path) -> None:
    write_wds_shard(tmp_path / "x.tar", 0, 3)
    data = (tmp_path / "x.tar").read_bytes()
    fd = os.open(tmp_path / "x.tar", os.O_RDONLY)
    entries = scan_tar(fd).entries
    os.close(fd)
    (tmp_path / "x.tar").write_bytes(data[:entries[4].data_start + 3])  # s00001.txt cut after s00001.jpg
    items = list(open_corpus(tmp_path, "webdataset").iter_items("x.tar"))
    assert items[0].error is None
    assert items[1].member == "s00001" and "incomplete" in items[1].error
    assert items[-1].member == "@shard"


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "zero-byte"),
    (b"this is not a tar archive at all" * 40, "not a tar archive"),
    (b"\x00" * 100, "truncated inside a header"),
])
def test_broken_shards(tmp_path: Path, content: bytes, reason: str) -> None:
    write_wds_shard(tmp_path / "good.tar", 0, 1)
    (tmp_path / "bad.tar").write_bytes(content)
    items = list(open_corpus(tmp_path, "webdataset").iter_all())
    assert [i.member for i in items] == ["@shard", "s00000"]
    assert reason in items[0].error and items[1].error is None


def test_corrupt_header_mid_archive(tmp_path: Path) -> None:
    write_wds_shard(tmp_path / "c.tar", 0, 3)
    raw = bytearray((tmp_path / "c.tar").read_bytes())
    fd = os.open(tmp_path / "c.tar", os.O_RDONLY)
    entries = scan_tar(fd).entries
    os.close(fd)
    raw[entries[6].data_start - 512 + 10] ^= 0xFF  # flip a byte in s00002.jpg's header
    (tmp_path / "c.tar").write_bytes(bytes(raw))
    items = list(open_corpus(tmp_path, "webdataset").iter_all())
    assert [i.member for i in items if i.error is None] == ["s00000", "s00001"]
    assert "bad header checksum" in items[-1].error


def test_oversized_member_is_not_read(tmp_path: Path) -> None:
    with tarfile.open(tmp_path / "big.tar", "w") as tf:
        add_member(tf, "big.jpg", photo(0))
        add_member(tf, "small.jpg", b"\xff\xd8\xff" + b"x" * 100)
    a = open_corpus(tmp_path, limits=Limits(max_member_bytes=1000))
    items = {i.member: i for i in a.iter_all()}
    assert "over the limit" in items["big"].error and items["big"].data is None
    assert items["small"].error is None


def test_missing_end_marker_is_reported(tmp_path: Path) -> None:
    write_wds_shard(tmp_path / "m.tar", 0, 2)
    fd = os.open(tmp_path / "m.tar", os.O_RDONLY)
    end = scan_tar(fd).entries[-1].end
    os.close(fd)
    os.truncate(tmp_path / "m.tar", end)
    items = list(open_corpus(tmp_path, "webdataset").iter_all())
    assert [i.member for i in items] == ["s00000", "s00001", "@shard"]
    assert "end-of-archive" in items[-1].error


# Purge -------------------------------------------------------------------------------------------


def test_purge_removes_every_member_of_the_samples_and_keeps_the_rest_byte_identical(tmp_path: Path, journal_dir: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    outside = tmp_path / "o"
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(b"S")
    write_wds_shard(corpus / "a.tar", 0, 8)
    _hostile_shard(corpus / "h.tar", outside)
    untouched = (corpus / "a.tar").read_bytes()
    h_before = hashlib.sha256((corpus / "h.tar").read_bytes()).hexdigest()
    old = {p: tar_members(corpus / p) for p in ("a.tar", "h.tar")}
    a = open_corpus(corpus)
    old_items = {i.key: i for i in a.iter_all()}
    plan = {"h.tar": {"h.tar#good1", "h.tar#../evil", "h.tar#slink"}}
    (result,) = run_purge(a, plan, journal_dir / "purge-1.journal")

    new = tar_members(corpus / "h.tar")
    gone = {"good1.jpg", "good1.json", "../evil.jpg", "slink.jpg"}
    assert set(new) == set(old["h.tar"]) - gone
    for name, blocks in new.items():
        assert blocks == old["h.tar"][name], name  # header and data blocks copied byte for byte
    assert (corpus / "a.tar").read_bytes() == untouched
    # The output is a valid tar for Python and for GNU tar.
    with tarfile.open(corpus / "h.tar") as tf:
        assert "good1.jpg" not in tf.getnames() and tf.extractfile("good2.jpg").read() == photo(4)
    if shutil.which("tar"):
        subprocess.run(["tar", "tf", str(corpus / "h.tar")], check=True, capture_output=True)
    new_items = {i.key: i for i in a.iter_all()}
    assert set(old_items) - set(new_items) == {"h.tar#good1", "h.tar#../evil", "h.tar#slink"}
    for k, item in new_items.items():
        assert item == old_items[k]
    assert result.sha256_before == h_before
    assert result.sha256_after == hashlib.sha256((corpus / "h.tar").read_bytes()).hexdigest()
    assert result.removed_item_hashes["h.tar#good1"] == hashlib.sha256(photo(1)).hexdigest()
    # Every removed regular member's bytes are hashed (a link has no bytes of its own).
    assert set(result.removed_member_hashes) == {f"h.tar#{n}" for n in gone - {"slink.jpg"}}
    assert sorted(result.removed_keys) == sorted(plan["h.tar"])
    assert not [p for p in corpus.iterdir() if p.name.endswith(".purge-tmp")]


def test_purge_of_every_sample_leaves_an_empty_valid_tar(tmp_path: Path, journal_dir: Path) -> None:
    write_wds_shard(tmp_path / "a.tar", 0, 2)
    a = open_corpus(tmp_path)
    run_purge(a, {"a.tar": {"a.tar#s00000", "a.tar#s00001"}}, journal_dir / "j.journal")
    with tarfile.open(tmp_path / "a.tar") as tf:
        assert tf.getnames() == []
    assert list(a.iter_all()) == []


def test_purge_keeps_global_pax_headers_and_directories(tmp_path: Path, journal_dir: Path) -> None:
    with tarfile.open(tmp_path / "g.tar", "w", format=tarfile.PAX_FORMAT,
                      pax_headers={"comment": "global header"}) as tf:
        add_member(tf, "d/", type=tarfile.DIRTYPE)
        add_member(tf, "d/a.jpg", photo(0))
        add_member(tf, "d/b.jpg", photo(1), pax_headers={"comment": "ünïcode"})
    a = open_corpus(tmp_path)
    run_purge(a, {"g.tar": {"g.tar#d/a"}}, journal_dir / "j.journal")
    with tarfile.open(tmp_path / "g.tar") as tf:
        assert tf.getnames() == ["d", "d/b.jpg"]
        assert tf.pax_headers == {"comment": "global header"}
        assert tf.getmember("d/b.jpg").pax_headers["comment"] == "ünïcode"


def test_purge_refuses_a_damaged_shard_and_missing_keys(tmp_path: Path, journal_dir: Path) -> None:
    write_wds_shard(tmp_path / "a.tar", 0, 3)
    raw = (tmp_path / "a.tar").read_bytes()
    (tmp_path / "b.tar").write_bytes(raw[:5000])
    a = open_corpus(tmp_path)
    with pytest.raises(CorpusError, match="truncated"):
        run_purge(a, {"b.tar": {"b.tar#s00000"}}, journal_dir / "j1.journal")
    with pytest.raises(CorpusError, match="not in it"):
        run_purge(a, {"a.tar": {"a.tar#s00000", "a.tar#nope"}}, journal_dir / "j2.journal")
    assert (tmp_path / "a.tar").read_bytes() == raw
    assert (tmp_path / "b.tar").read_bytes() == raw[:5000]
    with pytest.raises(CorpusError, match="does not belong"):
        run_purge(a, {"a.tar": {"b.tar#s00000"}}, journal_dir / "j3.journal")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tar") == ["a.tar", "b.tar"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".purge-tmp")]


def test_purge_is_idempotent(tmp_path: Path, journal_dir: Path) -> None:
    write_wds_shard(tmp_path / "a.tar", 0, 4)
    a = open_corpus(tmp_path)
    plan = {"a.tar": {"a.tar#s00001"}}
    first = run_purge(a, plan, journal_dir / "j.journal")
    after = (tmp_path / "a.tar").read_bytes()
    assert run_purge(a, plan, journal_dir / "j.journal") == first
    assert (tmp_path / "a.tar").read_bytes() == after
    with pytest.raises(CorpusError, match="different purge"):
        run_purge(a, {"a.tar": {"a.tar#s00002"}}, journal_dir / "j.journal")


def test_rewrite_without_on_a_single_shard(tmp_path: Path) -> None:
    write_wds_shard(tmp_path / "a.tar", 0, 3)
    a = open_corpus(tmp_path / "a.tar")  # a corpus that is one shard file
    assert a.shards() == ["a.tar"]
    r = a.rewrite_without("a.tar", {"a.tar#s00002"})
    assert r.removed_keys == ("a.tar#s00002",)
    assert [i.member for i in a.iter_all()] == ["s00000", "s00001"]
    assert io.BytesIO((tmp_path / "a.tar").read_bytes()).getbuffer().nbytes % 10240 == 0


def test_journal_inside_the_corpus_is_refused(tmp_path: Path) -> None:
    write_wds_shard(tmp_path / "a.tar", 0, 2)
    with pytest.raises(CorpusError, match="inside the corpus"):
        run_purge(open_corpus(tmp_path), {"a.tar": {"a.tar#s00000"}}, tmp_path / "journal" / "p.jsonl")


def test_member_name_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    with tarfile.open(tmp_path / "n.tar", "w", format=tarfile.GNU_FORMAT, encoding="latin-1") as tf:
        add_member(tf, "caf\u00e9.jpg", photo(0))  # stored as the Latin-1 byte 0xe9
        add_member(tf, "ok.jpg", photo(1))
    items = {i.member: i for i in open_corpus(tmp_path).iter_all()}
    assert "not valid UTF-8" in items["caf\\xe9"].error
    assert items["ok"].error is None
