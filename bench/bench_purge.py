"""Purge throughput on WebDataset shards against a plain copy of the same bytes, in the same run.

A purge reads every byte of a shard, hashes it (before), copies every kept tar entry, hashes the
output (after), fsyncs the new file, renames it and fsyncs the directory, with two journal records.
The reference is `shutil.copyfile` + `fsync` of the same shards. Goal: purge throughput at least half
the copy's. Both run on warm page caches (the shards were just written); dirty pages are flushed
with `sync` before each timed step so neither pays for the other's writeback.

Rounds are interleaved (copy then purge, purge then copy, ...), and the figure is the median of the
rounds' own ratios, so a burst of load from other processes moves one round, not the result. The CPU
seconds (user + system) of this process are reported beside the wall times: on a shared machine they
show what each step costs when the wall times are stretched by waiting for a core.

    python bench/bench_purge.py [--shards 8] [--shard-mb 100] [--remove 0.01] [--rounds 5] [--dir DIR]

Prints Markdown.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import statistics
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ledger_app.corpus import open_corpus, run_purge

MB = 1_000_000


def _add(tf: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 1_700_000_000
    tf.addfile(info, io.BytesIO(data))


def make_shards(root: Path, shards: int, shard_mb: int, rng: random.Random) -> dict[str, list[str]]:
    """Shards of samples like real image-text pairs: a 50-400 kB image, its JSON and caption."""
    keys: dict[str, list[str]] = {}
    pool = rng.randbytes(16 * 1024 * 1024)  # incompressible bytes; each image is a slice of them
    n = 0
    for s in range(shards):
        name = f"shard-{s:05d}.tar"
        keys[name] = []
        size = 0
        with tarfile.open(root / name, "w", format=tarfile.PAX_FORMAT) as tf:
            while size < shard_mb * MB:
                key = f"{n:09d}"
                size_i = rng.randint(50_000, 400_000)
                at = rng.randrange(len(pool) - size_i)
                img = b"\xff\xd8\xff\xe0" + n.to_bytes(8, "big") + pool[at:at + size_i]
                meta = json.dumps({"url": f"https://images.example/{n}.jpg", "account": f"user{n % 97}",
                                   "license": "CC-BY-4.0", "width": 1024, "height": 768}).encode()
                _add(tf, f"{key}.jpg", img)
                _add(tf, f"{key}.json", meta)
                _add(tf, f"{key}.txt", f"A photo number {n} of something in a place.".encode())
                size += len(img) + len(meta) + 1536
                keys[name].append(key)
                n += 1
    return keys


def _sync() -> None:
    os.sync()


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def time_copy(src: Path, dst: Path) -> tuple[float, float]:
    """Wall and CPU seconds of copying every shard and fsyncing each copy."""
    dst.mkdir()
    _sync()
    start, cpu = time.perf_counter(), _cpu()
    for p in sorted(src.glob("*.tar")):
        shutil.copyfile(p, dst / p.name)
        fd = os.open(dst / p.name, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
    return time.perf_counter() - start, _cpu() - cpu


def time_purge(src: Path, work: Path, journal: Path, plan: dict[str, list[str]]) -> tuple[float, float, list]:
    """Wall and CPU seconds of `run_purge` on a fresh copy of the corpus, and its results."""
    shutil.copytree(src, work)
    _sync()
    adapter = open_corpus(work, "webdataset")
    start, cpu = time.perf_counter(), _cpu()
    results = run_purge(adapter, plan, journal)
    return time.perf_counter() - start, _cpu() - cpu, results


def time_check(src: Path) -> float:
    """What `takedown/purge.py:check_shards_unchanged` does before a purge through `ledger takedown purge`:
    read every record of each shard through the adapter and hash it as ingest does (the comparison
    with the item rows, one indexed query per shard, is not included)."""
    import hashlib

    _sync()
    adapter = open_corpus(src, "webdataset")
    start = time.perf_counter()
    n = 0
    for shard in adapter.shards():
        for raw in adapter.iter_items(shard):
            if raw.data is not None:
                hashlib.sha256(raw.data).hexdigest()
                n += 1
    took = time.perf_counter() - start
    assert n > 0
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--shard-mb", type=int, default=100)
    ap.add_argument("--remove", type=float, default=0.01, help="fraction of samples removed per shard")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--dir", type=Path, default=None, help="scratch directory (default: a temporary one)")
    args = ap.parse_args()

    rng = random.Random(4)
    scratch = Path(tempfile.mkdtemp(prefix="bench-purge-", dir=args.dir))
    try:
        corpus = scratch / "corpus"
        corpus.mkdir()
        t0 = time.perf_counter()
        keys = make_shards(corpus, args.shards, args.shard_mb, rng)
        gen = time.perf_counter() - t0
        total = sum(p.stat().st_size for p in corpus.glob("*.tar"))
        samples = sum(len(v) for v in keys.values())
        plan = {shard: [f"{shard}#{k}" for k in rng.sample(ks, max(1, round(len(ks) * args.remove)))]
                for shard, ks in keys.items()}
        removed = sum(len(v) for v in plan.values())

        load_start = os.getloadavg()[0]
        copies: list[tuple[float, float]] = []
        purges: list[tuple[float, float]] = []
        checks: list[float] = []
        for r in range(args.rounds):
            checks.append(time_check(corpus))
            steps = ["copy", "purge"] if r % 2 == 0 else ["purge", "copy"]
            for step in steps:
                if step == "copy":
                    copies.append(time_copy(corpus, scratch / f"copy-{r}"))
                    shutil.rmtree(scratch / f"copy-{r}")
                else:
                    took, cpu, results = time_purge(corpus, scratch / f"purge-{r}", scratch / f"journal-{r}", plan)
                    assert sum(len(x.removed_keys) for x in results) == removed
                    assert len(open_corpus(scratch / f"purge-{r}", "webdataset").shards()) == args.shards
                    purges.append((took, cpu))
                    shutil.rmtree(scratch / f"purge-{r}")
        ratios = [c[0] / p[0] for c, p in zip(copies, purges, strict=True)]
        ratio = statistics.median(ratios)
        copy_t, purge_t = statistics.median(c[0] for c in copies), statistics.median(p[0] for p in purges)
        copy_cpu, purge_cpu = statistics.median(c[1] for c in copies), statistics.median(p[1] for p in purges)
        check_t = statistics.median(checks)
        print("## Purge throughput: WebDataset shards vs a plain copy\n")
        print("Command: `make bench  (.venv/bin/python bench/bench_purge.py)`\n")
        print(f"{args.shards} shards, {total / MB:.0f} MB, {samples} samples (image + json + txt); "
              f"{removed} samples removed ({args.remove:.0%} per shard); {args.rounds} interleaved rounds, "
              f"medians; warm page cache; {os.cpu_count()} CPUs, load average {load_start:.1f} at the start "
              f"and {os.getloadavg()[0]:.1f} at the end. Corpus generated in {gen:.1f} s.\n")
        print("| operation | wall (s) | CPU (s) | throughput (MB/s) |")
        print("|---|---:|---:|---:|")
        print(f"| copy, the reference (`shutil.copyfile`, an in-kernel copy, + `fsync`, shard after shard) "
              f"| {copy_t:.2f} | {copy_cpu:.2f} | {total / MB / copy_t:.0f} |")
        print(f"| purge (`run_purge`, two shards at a time: read and hash every byte, copy the kept entries "
              f"in the kernel and hash them, fsync, journal record, rename; directory fsync and `done` "
              f"records once at the end) | {purge_t:.2f} | {purge_cpu:.2f} | {total / MB / purge_t:.0f} |")
        print(f"| shard check before a purge (`check_shards_unchanged`: read and hash every record; "
              f"`ledger takedown purge` runs it, then the purge above) | {check_t:.2f} | | {total / MB / check_t:.0f} |")
        verdict = "met" if ratio >= 0.5 else "NOT met"
        print(f"\nPurge / copy throughput: **{ratio:.2f} ×** (median of the rounds' ratios; goal ≥ 0.5 ×: {verdict}). "
              f"Rounds' ratios {', '.join(f'{x:.2f}' for x in ratios)}; copy {', '.join(f'{t[0]:.2f}' for t in copies)} s; "
              f"purge {', '.join(f'{t[0]:.2f}' for t in purges)} s; shard check {', '.join(f'{t:.2f}' for t in checks)} s. "
              f"Purge through the service (check, then purge): {(purge_t + check_t):.2f} s, "
              f"{copy_t / (purge_t + check_t):.2f} × the copy's throughput.")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
