"""A fingerprint store of many items written directly, for bench/bench_store.py --direct (issue #20).

The items are those of the bench's own writer (bench_store.shard_records), built as columns instead
of a dict per item and written by the product's writer (`FingerprintStore.write_columns`: the store's
schema, compression, row groups, file names, leaf hashes, shard tree and footer), so the product's
reader, sweep and proofs read them as they read an ingested corpus:

- each item is one of the bench's base images (real photos of the fixtures, cropped and re-encoded:
  `bench_store.bases`) with 0-8 random bits of each stored PDQ hash flipped, its content SHA-256
  taken over the base's JPEG and the item number, the base's fingerprint bytes (`fp_data`: quality,
  coarse code, PDQ family) without the thumbnail unless `thumbnails` (see below), no local features;
- its source URL on one of 5,000 hosts drawn from a Zipf law (a few hosts hold most items, as on the
  web), an account commitment from 50,000 accounts drawn likewise, a random URL salt;
- one item in TEXT_SHARE (a pure function of its number) is a text document instead: one of
  TEXT_BASES documents of two paragraphs of real documentation on this machine (bench_text.paragraphs:
  Python's docstrings, /usr/share/doc), its text fingerprint as ingest stores it (`text_fingerprint`),
  its SHA-256 over the text and the item number, so the article of the bench's request is compared
  with every text row as locate compares it;
- its `item.ingested` leaf: the bench's payload encoded by `encode_entry` once with markers, the
  markers then replaced column-wise (checked byte for byte against `encode_entry` by the tests), a
  time stamp per item rising through the shard.

Thumbnails: the sweep (schema version 2) reads an image's quality and coarse code from their own
columns and its `fp_data` only when the image is a candidate (the read-back), so the thumbnail at the
end of `fp_data` (about 2.9 kB of the 3.5 kB an image item takes in the store) costs disk here and
nothing else. 100 million items with thumbnails do not fit this machine's disk, so the large store
leaves them out (`thumbnails=False`: the fingerprint's version-1 form with an empty thumbnail) and the
build measures the bytes per item both ways on its first shard. `fp_data` also repeats among the
copies of one base (its PDQ family unflipped, as bench_store's own writer stores it), so it compresses
to about 350 B per item where a real corpus's, each item's own 24 PDQ hashes, would take some 800 B.

Every shard is a pure function of (seed, shard number), so shards are written by worker processes in
any order and the ledger's manifest entries are appended in shard order by the parent, through the
product's `LedgerService.append`, 100 shards per transaction while building (the bench's own
per-shard commit rate is measured at 1M by bench_store.py without --direct).

The built store is kept under ~/.cache/ledger-bench (or $LEDGER_BENCH_CACHE) in a folder named by
this writer's version, the store's schema version and the item count, and reused when its record
`build.json` matches (the same base images, the same code: this file, ledger_app/fpstore and the shard
tree's) and every file it names is present with its size; otherwise it is built again in its place.

It stays one module (some 500 lines) on purpose: the item's columns, its leaf template, the request's
URLs and the cached build all follow one description of an item, which a split would spread over files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ledger_app.core.language import script_language  # noqa: E402
from ledger_app.fpstore import schema  # noqa: E402
from ledger_app.fpstore.store import FingerprintStore, ShardFile  # noqa: E402
from ledger_app.ledger.entries import encode_entry  # noqa: E402
from ledger_app.ledger.manifest import MANIFEST_TYPE, manifest_payload  # noqa: E402
from ledger_app.matching.image import ImageFingerprint  # noqa: E402

SYNTH_VERSION = 2  # raise when the items written change: the cached stores are named by it
SHARD = 10_000
HOSTS = 5_000
ACCOUNTS = 50_000
TEXT_SHARE = 0.05  # of the items, text documents
TEXT_BASES = 2_000
CORPUS = "bench"
SEED = 20
T0 = 1_796_601_600  # 2026-12-07 00:00 UTC: the first shard's leaves' time; one second more per shard
ACTOR = hashlib.sha256(b"bench actor").hexdigest()
APPEND_BATCH = 100  # manifest entries per ledger transaction while building
SPARE = 10 * 10**9  # bytes of disk left free after a build

# The columns this writer fills; the schema's other columns are written as nulls, as ingest leaves them
# for an image without C2PA, licence or text, or derived by the product's writer (`write_columns`: the
# leaf index and hash, and the quality, coarse code and text keys it takes from fp_data whatever is given). A
# schema column in none of these stops the writer (a new column must be filled, or be said to be null).
FILLED = ("item_id", "key", "shard", "sha256", "size", "media_type", "status", "status_reason", "location", "member",
          "source_url", "url_norm", "url_salt", "domain", "account", "c2pa_state", "ingested_at", "fp_kind",
          "fp_data", "pdq", "leaf", "language")
NULLS = ("members", "license_id", "batch", "metadata_json", "c2pa_json", "manifest_json", "ai_generated",
         "signals_json", "train_ai", "fetched_at", "local_data")
BY_WRITER = ("quality", "coarse", "text_keys")  # given as nulls, replaced by the writer's


def _zipf_cdf(n: int, s: float = 1.0) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return np.cumsum(w) / w.sum()


_HOST_CDF = _zipf_cdf(HOSTS)
_ACCOUNT_CDF = _zipf_cdf(ACCOUNTS)


def _draw(i: np.ndarray, cdf: np.ndarray, mult: int) -> np.ndarray:
    """A Zipf-distributed index for each item number, a pure function of the number (so a request
    can name the URL of any item without reading the store)."""
    u = ((i.astype(np.uint64) * np.uint64(mult)) >> np.uint64(11)).astype(np.float64) / float(1 << 53)
    return np.minimum(np.searchsorted(cdf, u, "right"), len(cdf) - 1)


def is_text(i: np.ndarray) -> np.ndarray:
    """Whether each item number is a text document (a pure function of the number)."""
    u = ((i.astype(np.uint64) * np.uint64(0xBF58476D1CE4E5B9)) >> np.uint64(11)).astype(np.float64) / float(1 << 53)
    return u < TEXT_SHARE


def host_name(k: int) -> str:
    return f"img{k % 7}.site{k}.example" if k % 5 == 0 else f"site{k}.example"


_HOST_NAMES = np.array([host_name(k) for k in range(HOSTS)], dtype=object)


def url_norm(i: int) -> str:
    """The URL key (`core.urls.url_key` of its source URL) of item number i."""
    host = _HOST_NAMES[int(_draw(np.array([i]), _HOST_CDF, 0x9E3779B97F4A7C15)[0])]
    return f"{host}/a/{i}.html" if is_text(np.array([i]))[0] else f"{host}/p/{i}.jpg"


def request_urls(n: int, count: int = 100, seed: int = SEED) -> list[str]:
    """The URL keys of a request's `count` URLs: one item on each of `count` hosts drawn uniformly
    among the hosts (a claimant's site is any site, not one drawn in proportion to its items, which
    would name the largest hosts), the first item of the store on it; hosts with no item are passed."""
    rng = np.random.default_rng((seed, 1))
    out: list[str] = []
    wanted = list(rng.permutation(HOSTS))
    firsts: dict[int, int] = {}
    for start in range(0, n, 1 << 22):
        idx = np.arange(start, min(n, start + (1 << 22)), dtype=np.int64)
        hosts = _draw(idx, _HOST_CDF, 0x9E3779B97F4A7C15)
        uniq, first = np.unique(hosts, return_index=True)
        for h, f in zip(uniq.tolist(), first.tolist(), strict=True):
            firsts.setdefault(h, start + f)
        if all(h in firsts for h in wanted[: count * 2]):
            break
    for h in wanted:
        if h in firsts and len(out) < count:
            out.append(url_norm(firsts[h]))
    return out


def _fixed_strings(fixed: np.ndarray, kind: pa.DataType | None = None) -> pa.Array:
    """Rows of a (n, w) uint8 array as n strings (or binaries) of w bytes each, without a copy per row."""
    kind = kind or pa.string()
    n, w = fixed.shape
    offsets = pa.py_buffer((np.arange(n + 1, dtype=np.int32) * w).tobytes())
    return pa.Array.from_buffers(kind, n, [None, offsets, pa.py_buffer(np.ascontiguousarray(fixed).tobytes())])


def _hex(raw: bytes, width: int = 32) -> pa.Array:
    """Runs of `width` bytes as strings of 2 x width hex digits."""
    return _fixed_strings(np.frombuffer(raw.hex().encode(), np.uint8).reshape(-1, 2 * width))


def flip_bits(codes: np.ndarray, rng: np.random.Generator, max_bits: int = 8) -> np.ndarray:
    """Flip 0..max_bits random bits of each row of a (n, w) uint8 array (bench_store.flip_bits, for
    any width)."""
    out = codes.copy()
    counts = rng.integers(0, max_bits + 1, len(out))
    for k in range(max_bits):
        rows = np.nonzero(counts > k)[0]
        bits = rng.integers(0, out.shape[1] * 8, len(rows))
        out[rows, bits // 8] ^= (1 << (bits % 8)).astype(np.uint8)
    return out


def text_bases(count: int = TEXT_BASES, seed: int = SEED, paras: Sequence[str] | None = None) -> list[tuple[bytes, bytes]]:
    """(UTF-8 text, text fingerprint bytes) of `count` documents of two paragraphs of real documentation
    (`paras`, by default bench_text's: this machine's, cached)."""
    from ledger_app.matching.text import text_fingerprint

    if paras is None:
        import bench_text

        paras, _ = bench_text.paragraphs()
    rng = np.random.default_rng((seed, 2))
    out = []
    for pick in rng.integers(0, len(paras), (count, 2)):
        text = "\n\n".join(paras[j] for j in pick)
        out.append((text.encode(), text_fingerprint(text).to_bytes()))
    return out


@dataclass
class Bases:
    """What the writer needs of the base images and texts, as arrays (built in each worker from the raw lists)."""

    prefix: list[Any]  # SHA-256 state after each base's JPEG bytes
    size: np.ndarray  # bytes of each item's content (JPEG + 8)
    stored: np.ndarray  # (bases, regions, 32) stored PDQ hashes
    fp_data: pa.Array  # each base's fingerprint bytes as written
    text_prefix: list[Any]
    text_size: np.ndarray
    text_fp: pa.Array
    text_language: pa.Array  # as ingest guesses it (`script_language`)

    @classmethod
    def of(cls, base: Sequence[tuple[bytes, list[bytes], list[bytes], bytes]], thumbnails: bool,
           texts: Sequence[tuple[bytes, bytes]]) -> Bases:
        fps = [b[3] if thumbnails else replace(ImageFingerprint.from_bytes(b[3]), thumb=b"").to_bytes() for b in base]
        return cls([hashlib.sha256(b[0]) for b in base], np.array([len(b[0]) + 8 for b in base], np.int64),
                   np.frombuffer(b"".join(b"".join(b[1]) for b in base), np.uint8).reshape(len(base), -1, 32),
                   pa.array(fps, pa.binary()), [hashlib.sha256(t[0]) for t in texts],
                   np.array([len(t[0]) + 8 for t in texts], np.int64), pa.array([t[1] for t in texts], pa.binary()),
                   pa.array([script_language(t[0][:3000].decode("utf-8", "ignore")) for t in texts], pa.string()))


_MARK = {name: f"\u00a7{name}\u00a7" for name in ("account", "item", "sha256", "url", "ts", "media_type")}


def _leaf_template() -> list[str]:
    """The item leaf as `encode_entry` writes it, cut at the variable values: literal, value, literal, ..."""
    payload = {"item": _MARK["item"], "corpus": CORPUS, "sha256": _MARK["sha256"], "media_type": _MARK["media_type"],
               "status": "admitted", "reason": "no C2PA manifest", "c2pa": "none", "training_mining": None,
               "ai_generated": False, "license": "CC-BY-4.0", "account": _MARK["account"], "url": _MARK["url"]}
    text = encode_entry("item.ingested", payload, actor=ACTOR, ts=_MARK["ts"]).decode()
    parts = []
    while "\u00a7" in text:  # a marker JSON writes as it is
        head, name, text = text.split("\u00a7", 2)
        parts += [head, name]
    return parts + [text]


def leaf_payload(item_id: str, sha256_hex: str, account: str, url: str, media_type: str) -> dict[str, Any]:
    """The payload the template encodes (for checking it against `encode_entry`)."""
    return {"item": item_id, "corpus": CORPUS, "sha256": sha256_hex, "media_type": media_type, "status": "admitted",
            "reason": "no C2PA manifest", "c2pa": "none", "training_mining": None, "ai_generated": False,
            "license": "CC-BY-4.0", "account": account, "url": url}


_ACCOUNT_HEX: pa.Array | None = None


def shard_name(shard_no: int) -> str:
    return f"shard-{shard_no:06d}.tar"


def shard_table(shard_no: int, count: int, bases: Bases, seed: int = SEED) -> pa.Table:
    """Shard `shard_no`'s items (numbers SHARD x shard_no onwards) as the store's columns, less the
    leaf index and hash the writer derives."""
    global _ACCOUNT_HEX
    unknown = [f.name for f in schema.SCHEMA if f.name not in FILLED + NULLS + BY_WRITER + ("leaf_index", "leaf_hash")]
    if unknown:
        raise RuntimeError(f"store_synth does not fill the store's columns {unknown} (schema {schema.SCHEMA_VERSION})")
    if _ACCOUNT_HEX is None:
        _ACCOUNT_HEX = pa.array([hashlib.sha256(f"acct{k}".encode()).hexdigest() for k in range(ACCOUNTS)])
    rng = np.random.default_rng((seed, shard_no))
    first = shard_no * SHARD
    idx = np.arange(first, first + count, dtype=np.int64)
    text = is_text(idx)
    which = np.where(text, rng.integers(0, len(bases.text_size), count), rng.integers(0, len(bases.size), count))
    shard = shard_name(shard_no)

    sha = bytearray()
    for w, i, t in zip(which.tolist(), idx.tolist(), text.tolist(), strict=True):
        h = (bases.text_prefix if t else bases.prefix)[w].copy()
        h.update(i.to_bytes(8, "big"))
        sha += h.digest()
    sha_np = np.frombuffer(bytes(sha), np.uint8).reshape(count, 32)
    num = pc.utf8_lpad(pc.cast(pa.array(idx), pa.string()), width=9, padding="0")
    key = pc.binary_join_element_wise(shard, "#", num, "")
    item_id = pc.binary_join_element_wise(CORPUS, ":", key, "")
    host_k = _draw(idx, _HOST_CDF, 0x9E3779B97F4A7C15)
    host = pa.array(_HOST_NAMES[host_k], pa.string())
    kind = pa.array(np.where(text, "text", "image"), pa.string())
    media = pa.array(np.where(text, "text/plain", "image/jpeg"), pa.string())
    path = pc.binary_join_element_wise(pa.array(np.where(text, "/a/", "/p/")), pc.cast(pa.array(idx), pa.string()),
                                       pa.array(np.where(text, ".html", ".jpg")), "")
    norm = pc.binary_join_element_wise(host, path, "")
    account = _ACCOUNT_HEX.take(pa.array(_draw(idx, _ACCOUNT_CDF, 0xD1B54A32D192ED03)))
    micro = pc.utf8_lpad(pc.cast(pa.array(np.arange(count, dtype=np.int64) * (900_000 // SHARD)), pa.string()),
                         width=6, padding="0")
    second = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(T0 + shard_no))
    ts = pc.binary_join_element_wise(second + ".", micro, "Z", "")
    # The leaf's URL commitment (a salted hash of the URL in ingest): 32 random bytes, drawn, not hashed.
    values = {"account": account, "item": item_id, "sha256": _hex(bytes(sha)), "ts": ts, "url": _hex(rng.bytes(32 * count)),
              "media_type": media}
    tmpl = _leaf_template()
    leaf = pc.binary_join_element_wise(*[values[p] if k % 2 else p for k, p in enumerate(tmpl)], "")

    images = np.flatnonzero(~text)
    stored = bases.stored[which[images]]  # (images, regions, 32)
    pdq_bytes = flip_bits(stored.reshape(-1, 32), rng).tobytes()
    span = stored.shape[1] * 32
    pdq_offs = np.zeros(count + 1, np.int32)
    pdq_offs[1:] = np.cumsum(np.where(text, 0, span))
    pdq = pa.Array.from_buffers(pa.binary(), count, [pa.array(~text).buffers()[1], pa.py_buffer(pdq_offs.tobytes()),
                                                      pa.py_buffer(pdq_bytes)])
    fp_data = pc.if_else(pa.array(text), bases.text_fp.take(pa.array(np.where(text, which, 0))),
                         bases.fp_data.take(pa.array(np.where(text, 0, which))))
    size = np.where(text, bases.text_size[np.where(text, which, 0)], bases.size[np.where(text, 0, which)])

    zeros = pa.array(np.zeros(count, np.int32))

    def const(value: Any, kind: pa.DataType) -> pa.Array:
        return pa.array([value], kind).take(zeros)

    cols: dict[str, Any] = {
        "item_id": item_id, "key": key, "shard": const(shard, pa.string()),
        "sha256": _fixed_strings(sha_np, pa.binary()).cast(pa.binary(32)), "size": pa.array(size),
        "media_type": media, "status": const("admitted", pa.string()),
        "status_reason": const("no C2PA manifest", pa.string()), "location": key, "member": num,
        "source_url": pc.binary_join_element_wise("https://", norm, ""), "url_norm": norm,
        "url_salt": _fixed_strings(rng.integers(0, 256, (count, 16), dtype=np.uint8), pa.binary()),
        "domain": host, "account": account, "c2pa_state": const("none", pa.string()),
        "ingested_at": const(float(T0 + shard_no), pa.float64()), "fp_kind": kind,
        "fp_data": fp_data, "pdq": pdq,
        "language": pc.if_else(pa.array(text), bases.text_language.take(pa.array(np.where(text, which, 0))),
                               pa.nulls(count, pa.string())),
        "leaf": leaf.cast(pa.binary()),
    }
    fields = [f for f in schema.SCHEMA if f.name not in ("leaf_index", "leaf_hash")]
    arrays = [cols[f.name].cast(f.type) if f.name in cols else pa.nulls(count, f.type) for f in fields]
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def write_shard(store: FingerprintStore, shard_no: int, count: int, bases: Bases, seed: int = SEED) -> ShardFile:
    return store.write_columns(CORPUS, shard_name(shard_no), shard_table(shard_no, count, bases, seed))


# --- building a cached store in worker processes ---------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init(base: list, texts: list, location: str, thumbnails: bool) -> None:
    _WORKER.update(bases=Bases.of(base, thumbnails, texts), store=FingerprintStore(location))


def _write_range(task: tuple[int, int, int]) -> tuple[list[ShardFile], float]:
    start, stop, n = task
    c = time.process_time()
    out = [write_shard(_WORKER["store"], s, min(SHARD, n - s * SHARD), _WORKER["bases"]) for s in range(start, stop)]
    return out, time.process_time() - c


def cache_root() -> Path:
    return Path(os.environ.get("LEDGER_BENCH_CACHE") or Path.home() / ".cache" / "ledger-bench")


def cache_key(n: int) -> str:
    return f"store-synth-v{SYNTH_VERSION}-schema{schema.SCHEMA_VERSION}-n{n}"


@dataclass
class Built:
    """A built store: its folder (`store/`, `ws/`), its manifests (ledger index, shard file) and the
    build's figures (`build.json`)."""

    work: Path
    manifests: list[tuple[int, ShardFile]]
    stats: dict[str, Any]
    reused: bool


def bases_digest(base: Sequence[tuple[bytes, list[bytes], list[bytes], bytes]], texts: Sequence[tuple[bytes, bytes]]) -> str:
    """What a cached store was built from: the base images and texts and their fingerprints."""
    h = hashlib.sha256()
    for b in base:
        h.update(hashlib.sha256(b[0]).digest() + hashlib.sha256(b[3]).digest())
    for t in texts:
        h.update(hashlib.sha256(t[0]).digest() + hashlib.sha256(t[1]).digest())
    return h.hexdigest()


def code_digest() -> str:
    """What a cached store was written by: this writer and the product's store and tree code, so a
    change in either (a new file layout, a new column) builds the store again."""
    h = hashlib.sha256()
    for p in sorted([Path(__file__), *(ROOT / "ledger_app" / "fpstore").glob("*.py"),
                     ROOT / "ledger_app" / "ledger" / "manifest.py", ROOT / "ledger_app" / "ledger" / "merkle.py"]):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _load(work: Path, n: int, base: list, texts: list) -> Built | None:
    try:
        doc = json.loads((work / "build.json").read_text())
    except (OSError, ValueError):
        return None
    if doc.get("key") != cache_key(n) or doc.get("bases") != bases_digest(base, texts) or doc.get("code") != code_digest():
        return None
    manifests = [(int(m[0]), ShardFile(CORPUS, m[1], m[2], int(m[3]), bytes.fromhex(m[4]), m[5], int(m[6])))
                 for m in doc["manifests"]]
    for _, f in manifests:
        p = work / "store" / f.path
        if not p.is_file() or p.stat().st_size != f.size:
            return None
    if sum(f.count for _, f in manifests) != n or not (work / "ws" / "ledger.db").is_file():
        return None
    return Built(work, manifests, doc["stats"], True)


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(n: int, base: list, texts: list, *, workers: int = 2, thumbnails: bool = False, rebuild: bool = False,
          log=print) -> Built:
    """The store of n items in the cache (built unless a valid one is there), with its ledger."""
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace

    work = cache_root() / (cache_key(n) + ("-thumbs" if thumbnails else ""))
    code = code_digest()  # of the code as this build starts
    if not rebuild:
        got = _load(work, n, base, texts)
        if got is not None:
            return got
    shutil.rmtree(work, ignore_errors=True)
    (work / "store").mkdir(parents=True)
    shards = (n + SHARD - 1) // SHARD
    store = FingerprintStore(work / "store")

    # The first shard, written here both ways: its bytes decide whether the store fits, and give the
    # bytes per item with thumbnails beside those without.
    t, c = time.perf_counter(), time.process_time()
    bases = Bases.of(base, thumbnails, texts)
    first = write_shard(store, 0, min(SHARD, n), bases)
    first_s, first_cpu = time.perf_counter() - t, time.process_time() - c
    other = FingerprintStore(work / "other")
    other_f = write_shard(other, 0, min(SHARD, n), Bases.of(base, not thumbnails, texts))
    shutil.rmtree(work / "other")
    # The first shard's files (Parquet and proof index) times the shards, and the ledger: some 3 kB per entry.
    need = dir_bytes(work / "store") * n // first.count + 3_000 * shards
    free = shutil.disk_usage(work).free
    if free < need + SPARE:
        shutil.rmtree(work, ignore_errors=True)
        raise SystemExit(f"not building {n:,} items: they need about {need / 1e9:,.1f} GB and {SPARE / 1e9:.0f} GB "
                         f"must stay free, but {free / 1e9:,.1f} GB are free at {work.parent}")
    log(f"building {n:,} items in {shards:,} shards at {work} (about {need / 1e9:,.1f} GB; "
        f"first shard {first_s:.2f} s)")

    svc = LedgerService(Workspace(work / "ws"), passphrase=lambda confirm: "bench passphrase")
    svc.init("bench.example/store")
    ledger_before = dir_bytes(work / "ws")
    manifests: list[tuple[int, ShardFile]] = []
    pending: list[ShardFile] = []
    t_commit = 0.0
    cpu = first_cpu

    def commit() -> None:
        nonlocal t_commit
        if not pending:
            return
        t0 = time.perf_counter()
        res = svc.append([(MANIFEST_TYPE, manifest_payload(CORPUS, f.shard, f.count, f.root, file=f.path,
                                                           file_sha256=f.sha256, file_size=f.size,
                                                           schema=schema.SCHEMA_VERSION)) for f in pending])
        t_commit += time.perf_counter() - t0
        manifests.extend((res.first_index + k, f) for k, f in enumerate(pending))
        pending.clear()

    pending.append(first)
    per_task = 5
    tasks = [(s, min(s + per_task, shards), n) for s in range(1, shards, per_task)]
    t = time.perf_counter()
    done, next_log = 1, 1000
    if tasks and workers < 1:  # in this process (tests)
        _init(base, texts, str(work / "store"), thumbnails)
        for task in tasks:
            files, task_cpu = _write_range(task)
            cpu += task_cpu
            pending.extend(files)
            if len(pending) >= APPEND_BATCH:
                commit()
    elif tasks:
        import multiprocessing as mp

        with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"), initializer=_init,
                                 initargs=(base, texts, str(work / "store"), thumbnails)) as pool:
            for files, task_cpu in pool.map(_write_range, tasks):
                cpu += task_cpu
                pending.extend(files)
                done += len(files)
                if len(pending) >= APPEND_BATCH:
                    commit()
                if done >= next_log:
                    next_log += 1000
                    rate = (done - 1) * SHARD / (time.perf_counter() - t)
                    log(f"  {done:,}/{shards:,} shards, {rate:,.0f} items/s")
    commit()
    write_s = first_s + time.perf_counter() - t  # the manifest commits overlap the workers' writing
    stats = {"items": n, "shards": shards, "workers": workers, "thumbnails": thumbnails,
             "write_s": write_s, "write_cpu_s": cpu, "commit_s": t_commit,
             "store_bytes": dir_bytes(work / "store"), "ledger_bytes": dir_bytes(work / "ws") - ledger_before,
             "first_shard_bytes": first.size, "first_shard_other_bytes": other_f.size, "first_shard_items": first.count,
             "built_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load": os.getloadavg()[0]}
    doc = {"key": cache_key(n), "bases": bases_digest(base, texts), "code": code, "stats": stats,
           "manifests": [[i, f.shard, f.path, f.count, f.root.hex(), f.sha256, f.size] for i, f in manifests]}
    (work / "build.json").write_text(json.dumps(doc))
    return Built(work, manifests, stats, False)
