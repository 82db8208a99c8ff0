"""Small real corpora for the corpus tests, in every format, plus helpers to compare their bytes."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / "tests"  # holds fixtures/ and vectors/, copied into the repository
PHOTOS = sorted((SHARED / "fixtures" / "pdq" / "labelme-subset").glob("*.jpg"))


def photo(i: int) -> bytes:
    """A distinct real JPEG per index: a fixture photo with a few trailing bytes (ignored by decoders)."""
    return PHOTOS[i % len(PHOTOS)].read_bytes() + i.to_bytes(4, "big")


def add_member(tf: tarfile.TarFile, name: str, data: bytes = b"", **attrs) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 1_700_000_000
    for k, v in attrs.items():
        setattr(info, k, v)
    tf.addfile(info, io.BytesIO(data) if data else None)


def write_wds_shard(path: Path, first: int, count: int, *, fmt: int = tarfile.PAX_FORMAT,
                    text_only: bool = False, extra_bytes: int = 0) -> list[str]:
    """A WebDataset shard of `count` samples: key.jpg (or key.txt alone), key.json, key.txt, and
    with `extra_bytes` a key.npy member of that many pseudo-random bytes (to make shards bigger)."""
    keys = []
    with tarfile.open(path, "w", format=fmt) as tf:
        for i in range(first, first + count):
            key = f"s{i:05d}"
            keys.append(key)
            meta = {"url": f"https://photos.example/{i}.jpg", "account": f"user{i % 3}", "license": "CC-BY-4.0"}
            if text_only:
                add_member(tf, f"{key}.txt", f"document {i}: 文本 {i}".encode())
            else:
                add_member(tf, f"{key}.jpg", photo(i))
                add_member(tf, f"{key}.txt", f"caption for photo {i}".encode())
            add_member(tf, f"{key}.json", json.dumps(meta).encode())
            if extra_bytes:
                add_member(tf, f"{key}.npy", random.Random(i).randbytes(extra_bytes))
    return keys


def jsonl_lines(first: int, count: int, *, with_ids: bool = True) -> list[bytes]:
    out = []
    for i in range(first, first + count):
        rec = {"text": f"Article {i}. 这是第{i}篇文章。 Some words here.", "url": f"https://news.example/a/{i}",
               "account": f"writer{i % 4}", "lang": "en"}
        if with_ids:
            rec = {"id": f"doc-{i}", **rec}
        out.append(json.dumps(rec, ensure_ascii=False).encode() + b"\n")
    return out


def write_jsonl(path: Path, lines: list[bytes], *, gz: bool = False) -> None:
    raw = b"".join(lines)
    path.write_bytes(gzip.compress(raw, mtime=0) if gz else raw)


def write_parquet(path: Path, first: int, count: int, *, kind: str = "text", row_group_size: int = 4,
                  with_ids: bool = True, compression: str = "zstd") -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols: dict = {}
    if with_ids:
        cols["id"] = [f"r{i}" for i in range(first, first + count)]
    if kind == "text":
        cols["text"] = [f"Row {i} text 文本 {i}" for i in range(first, first + count)]
    elif kind == "binary":
        cols["jpg"] = pa.array([photo(i) for i in range(first, first + count)], pa.binary())
    else:  # a HuggingFace datasets Image column
        t = pa.struct([("bytes", pa.binary()), ("path", pa.string())])
        cols["image"] = pa.array([{"bytes": photo(i), "path": f"{i}.jpg"} for i in range(first, first + count)], t)
    cols["url"] = [f"https://site.example/{i}" for i in range(first, first + count)]
    cols["account"] = [f"acct{i % 5}" for i in range(first, first + count)]
    table = pa.table(cols).replace_schema_metadata({b"huggingface": b'{"info": {"features": {}}}'})
    pq.write_table(table, path, row_group_size=row_group_size, compression=compression)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every entry under `root` with its bytes (a link as its target text), links not followed."""
    out: dict[str, bytes] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                out[rel] = b"LINK:" + os.readlink(p).encode()
            elif p.is_file():
                out[rel] = p.read_bytes()
    return out


def tar_members(path: Path) -> dict[str, bytes]:
    """Each tar member's raw header and data blocks (as copied by a purge), by name."""
    from ledger_app.corpus.tarscan import scan_tar

    fd = os.open(path, os.O_RDONLY)
    try:
        scan = scan_tar(fd)
        assert scan.damage is None, scan.damage
        return {e.name: os.pread(fd, e.end - e.start, e.start) for e in scan.entries if not e.is_global}
    finally:
        os.close(fd)
