"""A folder of files: recursive listing, sidecars, links and special files refused, the deleting purge."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_builders import photo, snapshot

from ledger_app.core.errors import CorpusError
from ledger_app.corpus import open_corpus, run_purge, sniff_media_type


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a.jpg").write_bytes(photo(0))
    (root / "a.jpg.json").write_text(json.dumps({"url": "https://a", "uploader": "ann", "batch": "2024-06"}))
    (root / "b" / "000001.jpg").write_bytes(photo(1))
    (root / "b" / "000001.json").write_text(json.dumps({"url": "https://b1"}))
    (root / "b" / "000001.txt").write_text("the caption")
    (root / "b" / "deep" / "really-a-jpeg.png").write_bytes(photo(2))
    (root / "b" / "notes.txt").write_text("Plain notes, 中文.")
    (root / "b" / "notes.json").write_text('{"title": "Notes"}')
    return root


def test_listing_keys_metadata_and_sniffing(corpus: Path) -> None:
    a = open_corpus(corpus)
    assert a.format == "folder"
    assert a.shards() == ["a.jpg", "b/000001.jpg", "b/deep/really-a-jpeg.png", "b/notes.txt"]
    items = {i.key: i for i in a.iter_all()}
    a_jpg = items["a.jpg"]
    assert a_jpg.member is None and a_jpg.shard == "a.jpg" and a_jpg.location == "a.jpg" and a_jpg.members == ()
    assert a_jpg.data == photo(0) and not a_jpg.is_text
    assert a_jpg.metadata["source_url"] == "https://a" and a_jpg.metadata["account"] == "ann"
    assert a_jpg.metadata["batch"] == "2024-06"
    b1 = items["b/000001.jpg"].metadata
    assert b1["source_url"] == "https://b1" and b1["caption"] == "the caption"
    assert b1["sidecars"] == ["b/000001.json", "b/000001.txt"]
    assert sniff_media_type(items["b/deep/really-a-jpeg.png"].data) == "image/jpeg"  # the name lies
    notes = items["b/notes.txt"]
    assert notes.is_text and notes.metadata["title"] == "Notes"


def test_hostile_entries_are_refused_and_nothing_outside_is_read(tmp_path: Path, corpus: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(b"OUTSIDE-SECRET-CONTENT")
    (outside / "inner.jpg").write_bytes(b"OUTSIDE-DIR-CONTENT")
    os.symlink(outside / "secret.jpg", corpus / "link.jpg")
    os.symlink(outside, corpus / "b" / "linked-dir")
    os.symlink(outside / "secret.jpg", corpus / "b" / "deep" / "really-a-jpeg.png.json")  # a linked sidecar
    os.mkfifo(corpus / "pipe.jpg")
    (corpus / "zero.jpg").write_bytes(b"")
    (corpus / "bad.jpg").write_bytes(photo(3))
    (corpus / "bad.jpg.json").write_text("{not json")
    os.symlink("/nonexistent/target", corpus / "dangling.jpg")
    undecodable = os.fsencode(corpus) + b"/name-\xff.jpg"
    with open(undecodable, "wb") as f:
        f.write(photo(4))
    before_outside = snapshot(outside)
    before = snapshot(corpus)
    a = open_corpus(corpus)
    items = {i.key: i for i in a.iter_all()}
    assert "b/linked-dir/inner.jpg" not in items
    assert "symbolic link" in items["link.jpg"].error and "not followed" in items["link.jpg"].error
    assert "symbolic link" in items["b/linked-dir"].error
    assert "symbolic link" in items["dangling.jpg"].error
    assert "FIFO" in items["pipe.jpg"].error
    assert "zero-byte" in items["zero.jpg"].error
    assert "not valid JSON" in items["bad.jpg"].error
    assert "sidecar" in items["b/deep/really-a-jpeg.png"].error
    assert "not valid UTF-8" in items["name-\\xff.jpg"].error
    assert items["a.jpg"].error is None and items["b/notes.txt"].error is None
    for item in items.values():
        blob = (item.data or b"") + json.dumps(item.metadata).encode()
        assert b"OUTSIDE" not in blob
        assert item.error is None or item.data is None
    assert snapshot(outside) == before_outside
    assert snapshot(corpus) == before


LIST_ERRORS = """
import json, sys
from pathlib import Path
from ledger_app.corpus import open_corpus
print(json.dumps({i.key: i.error for i in open_corpus(Path(sys.argv[1])).iter_all()}))
"""


def list_errors(corpus: Path) -> dict[str, str | None]:
    """Each item's error when the corpus is listed by a process that file permissions bind. As root
    (CI runs as root), the listing runs in a child without the capabilities that let root ignore
    permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): setpriv drops them from its bounding set."""
    if os.geteuid() != 0:
        return {i.key: i.error for i in open_corpus(corpus).iter_all()}
    setpriv = shutil.which("setpriv")
    assert setpriv, "running as root needs setpriv (util-linux) to take away root's permission override"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    out = subprocess.run(
        [setpriv, "--bounding-set", "-dac_override,-dac_read_search", sys.executable, "-c", LIST_ERRORS, str(corpus)],
        capture_output=True, text=True, env=env, check=True,
    )
    return json.loads(out.stdout)


def test_unreadable_directory_is_reported(corpus: Path) -> None:
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "x.jpg").write_bytes(photo(0))
    locked.chmod(0)
    try:
        errors = list_errors(corpus)
        assert "cannot be listed" in errors["locked"]
        assert errors["a.jpg"] is None  # the rest of the corpus is read as usual
    finally:
        locked.chmod(0o755)
    assert "locked/x.jpg" in list_errors(corpus)  # readable again: listed, so the child did list it


# Purge -------------------------------------------------------------------------------------------


def test_purge_deletes_files_with_their_own_sidecars(corpus: Path, journal_dir: Path) -> None:
    (corpus / "b" / "000001.png").write_bytes(photo(5))  # shares the 000001 stem sidecars
    before = snapshot(corpus)
    a = open_corpus(corpus)
    results = run_purge(a, {"a.jpg": {"a.jpg"}, "b/000001.jpg": {"b/000001.jpg"}}, journal_dir / "f.journal")
    after = snapshot(corpus)
    # a.jpg goes with its own sidecar; 000001.jpg goes, but its stem sidecars stay for 000001.png.
    assert set(before) - set(after) == {"a.jpg", "a.jpg.json", "b/000001.jpg"}
    assert all(after[k] == before[k] for k in after)
    by = {r.shard: r for r in results}
    assert by["a.jpg"].sha256_before == hashlib.sha256(photo(0)).hexdigest() and by["a.jpg"].sha256_after is None
    assert set(by["a.jpg"].removed_member_hashes) == {"a.jpg", "a.jpg.json"}
    assert by["a.jpg"].removed_item_hashes == {"a.jpg": hashlib.sha256(photo(0)).hexdigest()}
    assert run_purge(a, {"a.jpg": {"a.jpg"}, "b/000001.jpg": {"b/000001.jpg"}}, journal_dir / "f.journal") == results
    (corpus / "b" / "000001.png").unlink()
    run_purge(a, {"b/notes.txt": {"b/notes.txt"}}, journal_dir / "g.journal")
    assert not (corpus / "b" / "notes.json").exists()


def test_purge_refuses_links_and_foreign_keys(tmp_path: Path, corpus: Path, journal_dir: Path) -> None:
    os.symlink(corpus / "a.jpg", corpus / "link.jpg")
    a = open_corpus(corpus)
    with pytest.raises(CorpusError, match="symbolic link"):
        run_purge(a, {"link.jpg": {"link.jpg"}}, journal_dir / "l.journal")
    with pytest.raises(CorpusError, match="does not belong"):
        run_purge(a, {"a.jpg": {"b/000001.jpg"}}, journal_dir / "m.journal")
    assert (corpus / "link.jpg").is_symlink() and (corpus / "a.jpg").exists()
