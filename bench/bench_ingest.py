"""Ingest benchmarks: real-size photos vs the primitives alone, and 100,000 JSONL documents.

Run: .venv/bin/python bench/bench_ingest.py [--quick] [--signals (only the opt-out signals rows)]
The photos are painted (ledger_app/services/demo/scenes.py) at 1600x1200 and saved as JPEG (~0.5 MB each).
The reference is the same run's cost of the primitives alone (SHA-256 + PDQ fingerprint + C2PA read
of the same files) spread over the same number of worker processes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CMD = "make bench  (.venv/bin/python bench/bench_ingest.py)"


def _paint(args):
    from ledger_app.services.demo.scenes import jpeg_bytes, scene

    seed, path = args
    Path(path).write_bytes(jpeg_bytes(scene(seed, (1600, 1200)), 90))


def _primitives(paths):
    """The issue's reference: SHA-256 + one PDQ (Pillow decode, RGB, pdqhash) + C2PA read per file."""
    import io

    import numpy as np
    import pdqhash
    from PIL import Image

    from ledger_app.provenance.c2pa_reader import read_c2pa

    for p in paths:
        data = Path(p).read_bytes()
        hashlib.sha256(data).hexdigest()
        with Image.open(io.BytesIO(data)) as im:
            pdqhash.compute(np.asarray(im.convert("RGB")))
        read_c2pa(data, "image/jpeg")
    return len(paths)


def _primitives_reduced(paths):
    """The same primitives computed the way ingest computes them: the JPEG decoded straight to luma
    at a reduced DCT scale and one PDQ through pdqhash's compiled entry point (no crops, no
    thumbnail, no ledger): what ingest's own overhead is measured against."""
    import numpy as np

    from ledger_app.matching import pdq
    from ledger_app.matching.image import open_image
    from ledger_app.provenance.c2pa_reader import read_c2pa

    for p in paths:
        data = Path(p).read_bytes()
        hashlib.sha256(data).hexdigest()
        with open_image(data, grey=True) as im:
            pdq.dihedral_from_luma(np.asarray(im, dtype=np.float32))
        read_c2pa(data, "image/jpeg")
    return len(paths)


def _text_primitives(shards):
    """What text ingest cannot avoid per document: parse the JSON line, hash it, fingerprint its text."""
    from ledger_app.matching.text import text_fingerprint

    n = 0
    for path in shards:
        with open(path, "rb") as f:
            for line in f:
                rec = json.loads(line)
                hashlib.sha256(rec["text"].encode()).hexdigest()
                text_fingerprint(rec["text"]).to_bytes()
                n += 1
    return n


def _per_photo_costs(paths: list[str]) -> list[str]:
    """Where one worker's time per photo goes, step by step on one core (best of two passes over
    the same photos): the steps of ingest's worker (`process_item` and `image_fingerprint`), each
    timed on its own inputs, and `process_item` whole."""
    import io

    import cv2
    import numpy as np
    from PIL import Image

    from ledger_app.corpus.base import RawItem
    from ledger_app.ingest.worker import process_item
    from ledger_app.matching import image as mi
    from ledger_app.matching import local, pdq
    from ledger_app.matching.coarse import coarse_code
    from ledger_app.provenance.c2pa_reader import read_c2pa

    datas = [Path(p).read_bytes() for p in paths]
    decoded = [mi.open_image(d, grey=True) for d in datas]
    lumas = [np.asarray(im, dtype=np.float32) for im in decoded]
    thumbs = [mi.make_thumbnail(im) for im in decoded]

    def thumbnail(im: Image.Image) -> None:
        mi.make_thumbnail(im).save(io.BytesIO(), "JPEG", quality=mi.THUMB_QUALITY)

    steps = [
        ("SHA-256 of the file", datas, lambda d: hashlib.sha256(d).digest()),
        ("JPEG decode to luma at 1/8 scale (`open_image(grey=True)`)", datas, lambda d: mi.open_image(d, grey=True)),
        ("PDQ of the whole image, 8 dihedral hashes (prefilter included)", lumas,
         lambda a: pdq.dihedral_from_luma(cv2.blur(a, (mi.DRAFT_PREFILTER, mi.DRAFT_PREFILTER)))),
        (f"PDQ of the {len(mi.CROP_FRACTIONS)} central crops", lumas,
         lambda a: [pdq.dihedral_from_luma(mi.central_crop(a, f)) for f in mi.CROP_FRACTIONS]),
        ("thumbnail (Lanczos) + its JPEG", decoded, thumbnail),
        ("coarse code of the thumbnail", thumbs, lambda t: coarse_code(np.asarray(t))),
        (f"local features: ORB on the decoded luma, {local.MAX_KEYPOINTS} kept of "
         f"{local.OVERSAMPLE * local.MAX_KEYPOINTS} detected, spread over the grid (`local.extract`)",
         [np.asarray(im) for im in decoded], local.extract),
        ("C2PA read (one Reader, no manifest)", datas, lambda d: read_c2pa(d, "image/jpeg")),
        ("`process_item` whole (all of the above, sniffing, result)", datas,
         lambda d: process_item(RawItem("k", "k", None, "k", d), None)),
        ("`process_item` whole without local features", datas,
         lambda d: process_item(RawItem("k", "k", None, "k", d), None, local_features=False)),
    ]
    rows = []
    for name, inputs, fn in steps:
        best = float("inf")
        for _ in range(2):
            t = time.perf_counter()
            for x in inputs:
                fn(x)
            best = min(best, time.perf_counter() - t)
        rows.append(f"| {name} | {best / len(inputs) * 1000:.2f} ms |")
    return rows


def _crawl_corpus(root: Path, n_docs: int, n_sites: int) -> tuple[Path, Path]:
    """A crawled JSONL corpus (URL, fetch time, response headers per record) over `n_sites` sites, and
    a snapshot of their policy files (robots.txt with Content-Usage/Content-Signal, tdmrep.json, ai.txt)."""
    crawl, snap = root / "crawl", root / "snapshot"
    crawl.mkdir()
    words = "harbour council ferry vote plan city port report budget library river rail market".split()
    per_shard = 1_000  # several shards, so the work is spread over the worker processes as in real use
    for s in range(max(1, n_docs // per_shard)):
        with open(crawl / f"crawl-{s:05d}.jsonl", "w") as f:
            for i in range(min(per_shard, n_docs)):
                k = s * per_shard + i
                site = f"site{k % n_sites}.example"
                headers = {"Content-Type": "text/html", "Content-Usage": "train-ai=y" if k % 3 else "train-ai=n"}
                if k % 7 == 0:
                    headers["X-Robots-Tag"] = "noai"
                text = " ".join(words[(k * 7 + j * 13) % len(words)] for j in range(120)) + f" page {k}."
                f.write(json.dumps({"id": f"d{k}", "text": text, "url": f"https://{site}/{'news' if k % 2 else 'blog'}/{k}",
                                    "fetched_at": 1_767_225_600 + k, "headers": headers}) + "\n")
    for j in range(n_sites):
        site = snap / f"site{j}.example"
        (site / ".well-known").mkdir(parents=True)
        (site / "robots.txt").write_text(
            "User-Agent: BenchBot\nDisallow: /private/\n\nUser-Agent: *\nAllow: /\n"
            f"Content-Usage: train-ai={'n' if j % 4 == 0 else 'y'}\nContent-Usage: /blog/ train-ai=y\n"
            "Content-Signal: search=yes, ai-train=yes\n")
        (site / ".well-known" / "tdmrep.json").write_text(
            json.dumps([{"location": "/news/*", "tdm-reservation": int(j % 5 == 0)}, {"location": "/", "tdm-reservation": 0}]))
        (site / "ai.txt").write_text("User-Agent: *\nDisallow: *.jpg\nAllow: /\n")
    return crawl, snap


class _StepEngine:
    """An engine (ledger_app.engine.Engine) that runs each work unit in this process and sends its results
    through pickle as a worker's would reach the parent, timing each step in CPU seconds of this process
    (not wall time: the machine is shared): the worker's `process_unit`, the bytes and the pickling both
    ways; the rest of the ingest call is the parent's (policy, rows, ledger entries, commit)."""

    name = "steps"

    def __init__(self) -> None:
        self.workers = 1
        self.worker = self.move = 0.0
        self.bytes = 0

    def map(self, fn, units):
        import pickle

        for unit in units:
            t = time.process_time()
            res = fn(unit)
            t1 = time.process_time()
            blob = pickle.dumps(res)
            res = pickle.loads(blob)
            self.worker += t1 - t
            self.move += time.process_time() - t1
            self.bytes += len(blob)
            yield res

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


def _step_rows(svc, crawl: Path, snap: Path, n_docs: int, rounds: int = 2) -> list[str]:  # Services
    """Per item, with and without signals, the same corpus through `CorpusService.ingest` with `_StepEngine`:
    the worker's CPU time, the bytes its results take to the parent and their pickling, and the parent's
    CPU time for the rest (its commit); rounds alternate the order, medians shown."""
    import statistics

    got: dict[bool, list[tuple[float, float, float, float]]] = {False: [], True: []}
    for r in range(rounds):
        for with_signals in ((False, True) if r % 2 == 0 else (True, False)):
            name = f"steps-{r}-{int(with_signals)}"
            if with_signals:
                svc.corpus.add_corpus(name, crawl, crawler="BenchBot", source_kind="crawled", policy_snapshot=snap)
            else:
                svc.corpus.add_corpus(name, crawl)
            eng = _StepEngine()
            t = time.process_time()
            rep = svc.corpus.ingest(name, signals=with_signals, engine=eng)
            total = time.process_time() - t
            assert rep.items_new == n_docs, rep.to_json()
            got[with_signals].append((eng.worker / n_docs * 1e6, eng.bytes / n_docs, eng.move / n_docs * 1e6,
                                      (total - eng.worker - eng.move) / n_docs * 1e6))
    med = {k: [statistics.median(x[i] for x in v) for i in range(4)] for k, v in got.items()}
    (w0, b0, m0, p0), (w1, b1, m1, p1) = med[False], med[True]
    return [
        f"| per page, one process, CPU time ({n_docs:,} pages, {rounds} rounds of each, order alternating; medians): "
        f"the worker (`process_unit`) / bytes of its results sent to the parent / pickling them both ways / the "
        f"parent's commit (policy, rows, ledger entries) — with signals | {w1:,.0f} µs / {b1:,.0f} B / {m1:,.0f} µs / "
        f"{p1:,.0f} µs | without signals: {w0:,.0f} µs / {b0:,.0f} B / {m0:,.0f} µs / {p0:,.0f} µs | signals add "
        f"{w1 - w0:+,.0f} µs in the worker, {b1 - b0:+,.0f} B and {m1 - m0:+,.0f} µs in transit, {p1 - p0:+,.0f} µs "
        f"in the parent |",
    ]


def _signals_rows(d: Path, svc, workers: int, quick: bool) -> list[str]:  # Services
    """Ingest of the same crawled corpus without and with opt-out signals, through
    `CorpusService.ingest` (the path `ledger ingest` runs), in interleaved rounds: each round ingests
    the corpus once without and once with signals (as new corpora of the same workspace), the order
    alternating from round to round, so that neither side is always measured on the larger workspace
    or in the same part of a load swing. What is timed is the wall time of the whole `ingest` call
    (pool start, reading, fingerprints, signals, policy, commit with one checkpoint per unit). The
    ratio is the median of the rounds' ratios (each round's two runs are close in time), with their
    range; the rates are each side's median. Both sides read, fingerprint, judge and commit the same
    items the same way (language included); only the signals differ: the reference corpus names no
    crawler and no policy snapshot, and `ingest(signals=False)` skips reading the items' signals."""
    import statistics

    n_docs, n_sites = (5_000, 200) if quick else (20_000, 1_000)
    rounds = 3 if quick else 4
    crawl, snap = _crawl_corpus(d, n_docs, n_sites)
    times: dict[bool, list[float]] = {False: [], True: []}
    ratios: list[float] = []
    quarantined = 0
    for r in range(rounds):
        took: dict[bool, float] = {}
        for with_signals in ((False, True) if r % 2 == 0 else (True, False)):
            name = f"crawl-{r}-{int(with_signals)}"
            if with_signals:
                svc.corpus.add_corpus(name, crawl, crawler="BenchBot", source_kind="crawled", policy_snapshot=snap)
            else:
                svc.corpus.add_corpus(name, crawl)
            t = time.perf_counter()
            rep = svc.corpus.ingest(name, workers=workers, signals=with_signals)
            took[with_signals] = time.perf_counter() - t
            times[with_signals].append(took[with_signals])
            assert rep.items_new == n_docs, rep.to_json()
            if with_signals:
                quarantined = rep.by_status.get("quarantined", 0)
        ratios.append(took[False] / took[True])
    plain, sig = statistics.median(times[False]), statistics.median(times[True])
    ratio = statistics.median(ratios)
    load = os.getloadavg()[0]
    from ledger_app.corpus.base import RawItem
    from ledger_app.ingest.worker import add_signals, process_item
    from ledger_app.provenance.signals import SignalContext, evaluate_item
    from ledger_app.provenance.snapshot import load_snapshot

    s = load_snapshot(snap)
    ctx = SignalContext("BenchBot", tuple(s.files), s.sha256)
    meta = {"fetched_at": 1_767_225_600, "headers": {"Content-Usage": "train-ai=y", "X-Robots-Tag": "noai"}}
    m = 20_000 if not quick else 5_000
    urls = [f"https://site{k % n_sites}.example/news/{k}" for k in range(m)]
    for u in urls[:n_sites]:  # every site's files parsed once, as a worker does on its first items
        evaluate_item(ctx, url=u, metadata=meta, media_type="text/plain")
    t = time.perf_counter()
    for u in urls:
        evaluate_item(ctx, url=u, metadata=meta, media_type="text/plain")
    per_item_us = (time.perf_counter() - t) / m * 1e6
    # What a worker adds per item with signals (`add_signals`: the evaluation, the evidence text,
    # the combined state and the reason), on items already read and fingerprinted.
    raws = [RawItem(f"k{k}", "s", None, f"k{k}", b"harbour council page", is_text=True,
                    metadata={**meta, "url": u}) for k, u in enumerate(urls)]
    done = [process_item(r, None, with_signals=False) for r in raws]
    t = time.perf_counter()
    for r, res in zip(raws, done, strict=True):
        add_signals(res, r, ctx)
    add_us = (time.perf_counter() - t) / m * 1e6
    goal = "goal ≥ 0.9×" + ("" if ratio >= 0.9 else ", **not met**")
    steps = _step_rows(svc, crawl, snap, n_docs)

    def spread(xs: list[float]) -> str:
        return f"{n_docs / max(xs):,.0f}–{n_docs / min(xs):,.0f}"

    return [
        f"| `ledger ingest` (`CorpusService.ingest`, wall time of the whole call) of {n_docs:,} crawled JSONL pages "
        f"(URL, fetch time, response headers; {n_docs // 1000} shards) with opt-out signals: Content-Usage/X-Robots-Tag "
        f"headers, a {n_sites:,}-site policy snapshot (robots.txt for BenchBot with Content-Usage and Content-Signal, "
        f"tdmrep.json, ai.txt), {workers} workers; {quarantined:,} quarantined | {n_docs / sig:,.0f} pages/s "
        f"(median of {rounds}; {spread(times[True])}) | the same corpus ingested without signals "
        f"(`ingest(signals=False)`, no crawler or snapshot; otherwise the same path), in the same {rounds} rounds, "
        f"each round one run of each, order alternating: {n_docs / plain:,.0f} pages/s (median; "
        f"{spread(times[False])}) | **{ratio:.2f}×** (median of the rounds' ratios, range {min(ratios):.2f}–"
        f"{max(ratios):.2f}; load average {load:.1f} at the end; {goal}) |",
        f"| opt-out signals of one item (`evaluate_item`: headers parsed, site's parsed policy files looked up, "
        f"robots/Content-Usage/TDMRep/ai.txt matched), one core | {per_item_us:,.0f} µs/item | — | — |",
        f"| what a worker adds per item with signals (`add_signals`: `evaluate_item`, the evidence text kept, "
        f"the combined state and the quarantine reason), one core | {add_us:,.0f} µs/item | — | — |",
        *steps,
    ]


def _signals_only(quick: bool) -> None:
    """`bench_ingest.py --signals`: the signals rows alone, in a workspace of their own."""
    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace

    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        svc = Services(Workspace(Path(tmp) / "ws"), passphrase=lambda c: "bench")
        svc.ledger.init("bench.example/signals")
        rows = _signals_rows(Path(tmp), svc, os.cpu_count() or 1, quick)
    print("\n".join(["## Ingest with opt-out signals", "", "Command: `.venv/bin/python bench/bench_ingest.py --signals` (also part of `make bench`)", "",
                     "| what | measured | same-run reference | ratio / goal |", "|---|---|---|---|", *rows]) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--signals", action="store_true", help="only the opt-out signals rows")
    args = ap.parse_args()
    if args.signals:
        _signals_only(args.quick)
        return
    n_photos = 300 if args.quick else 2000
    n_docs = 10_000 if args.quick else 100_000
    workers = os.cpu_count() or 1
    from ledger_app.provenance.c2pa_loader import worker_process_context
    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace

    out = ["## Ingest", "", f"Command: `{CMD}`", "", "| what | measured | same-run reference | ratio / goal |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        d = Path(tmp)
        photos = d / "photos"
        photos.mkdir()
        paths = [str(photos / f"p{i:05d}.jpg") for i in range(n_photos)]
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_paint, [(i, p) for i, p in enumerate(paths)], chunksize=16))
        size_mb = sum(os.path.getsize(p) for p in paths) / n_photos / 1e6
        chunks = [paths[i::workers] for i in range(workers)]
        t = time.perf_counter()
        with ProcessPoolExecutor(workers, mp_context=worker_process_context()) as pool:
            assert sum(pool.map(_primitives, chunks)) == n_photos
        prim = time.perf_counter() - t
        t = time.perf_counter()
        with ProcessPoolExecutor(workers, mp_context=worker_process_context()) as pool:
            assert sum(pool.map(_primitives_reduced, chunks)) == n_photos
        prim_reduced = time.perf_counter() - t
        svc = Services(Workspace(d / "ws"), passphrase=lambda c: "bench")
        svc.ledger.init("bench.example/ingest")
        svc.corpus.add_corpus("photos", photos)
        t = time.perf_counter()
        rep = svc.corpus.ingest("photos", workers=workers)
        ing = time.perf_counter() - t
        assert rep.items_new == n_photos, rep.to_json()
        rate, like = n_photos / ing, prim_reduced / ing
        ratio_goal = "goal ≥ 0.8×" + ("" if like >= 0.8 else ", **not met**")
        rate_goal = "goal 300 photos/s" + ("" if rate >= 300 else ", **not met**")
        out.append(
            f"| `ledger ingest` of {n_photos:,} photos (1600×1200 JPEG, {size_mb:.2f} MB avg; folder corpus, {workers} "
            f"workers; hash, sniff, PDQ + crops + dihedral, thumbnail, coarse code, C2PA, policy, ledger entries) | "
            f"**{rate:,.0f} photos/s** ({rate_goal}) | like for like: the primitives computed as ingest computes them "
            f"(SHA-256 + one PDQ of the reduced luma decode + C2PA read, {workers} workers, incl. pool start): "
            f"{n_photos / prim_reduced:,.0f} photos/s | **{like:.2f}×** ({ratio_goal}; ingest also hashes two crops, "
            f"makes the thumbnail and coarse code, and writes the ledger) |"
        )
        out.append(
            f"| the same ingest | {rate:,.0f} photos/s | not like for like, for comparison with earlier reports: the "
            f"primitives with a full-size RGB decode, which ingest does not do (SHA-256 + one PDQ via Pillow RGB + "
            f"C2PA read, {workers} workers, incl. pool start): {n_photos / prim:,.0f} photos/s | {prim / ing:.2f}× |"
        )
        # The same photos into a second workspace without the local-feature stage: what it costs.
        svc2 = Services(Workspace(d / "ws-nolocal"), passphrase=lambda c: "bench")
        svc2.ledger.init("bench.example/ingest-nolocal")
        svc2.corpus.add_corpus("photos", photos)
        t = time.perf_counter()
        rep = svc2.corpus.ingest("photos", workers=workers, local_features=False)
        ing_nolocal = time.perf_counter() - t
        assert rep.items_new == n_photos, rep.to_json()
        ratio = ing_nolocal / ing
        out.append(
            f"| the same ingest (with local features) | {n_photos / ing:,.0f} photos/s | the same photos ingested "
            f"without the local-feature stage (`ingest(local_features=False)`, a second workspace, same run): "
            f"{n_photos / ing_nolocal:,.0f} photos/s | {ratio:.2f}× (goal ≥ 0.7×{'' if ratio >= 0.7 else ': not met'}) |"
        )
        from sqlalchemy import text as sql

        with svc.ws.engine.connect() as conn:
            avg, mx, n = conn.execute(sql("SELECT AVG(LENGTH(local)), MAX(LENGTH(local)), COUNT(local) "
                                          "FROM fingerprint WHERE kind = 'image'")).one()
        out.append(
            f"| bytes of local features per photo item (`fingerprint.local`: 10-byte header + 36 bytes per "
            f"keypoint) | {float(avg):,.0f} B mean, {int(mx):,} B max over {int(n):,} items | the bound: "
            f"{10 + 36 * 256:,} B (256 keypoints) | — |"
        )
        costs = ["", f"Per photo, one worker on one core ({min(200, n_photos)} of the same photos, best of 2 "
                 "passes): what the workers divide between them.", "", "| step | ms / photo |", "|---|---:|",
                 *_per_photo_costs(paths[:200])]
        news = d / "news"
        news.mkdir()
        words = ("harbour council ferry vote plan city port report budget library river rail market "
                 "school storm museum bridge festival election").split()
        per_shard = 10_000
        for s in range(n_docs // per_shard):
            with open(news / f"news-{s:05d}.jsonl", "w") as f:
                for i in range(per_shard):
                    k = s * per_shard + i
                    text = " ".join(words[(k * 7 + j * 13) % len(words)] for j in range(120)) + f" story {k}."
                    f.write(json.dumps({"id": f"d{k}", "text": text, "url": f"https://news.example/{k}"}) + "\n")
        svc.corpus.add_corpus("news", news)
        shards = sorted(str(p) for p in news.iterdir())
        t = time.perf_counter()
        with ProcessPoolExecutor(workers, mp_context=worker_process_context()) as pool:
            assert sum(pool.map(_text_primitives, [shards[i::workers] for i in range(workers)])) == n_docs
        text_prim = time.perf_counter() - t
        t = time.perf_counter()
        rep = svc.corpus.ingest("news", workers=workers)
        took = time.perf_counter() - t
        assert rep.items_new == n_docs, rep.to_json()
        out.append(
            f"| `ledger ingest` of {n_docs:,} JSONL documents (~800 chars, {n_docs // per_shard} shards; text "
            f"fingerprints, policy, ledger entries; {took:.1f} s) | {n_docs / took:,.0f} documents/s | like for like: "
            f"the primitives alone (JSON parse + SHA-256 + text fingerprint of each line, {workers} workers, incl. "
            f"pool start): {n_docs / text_prim:,.0f} documents/s | **{text_prim / took:.2f}×** |"
        )
        out += _signals_rows(d, svc, workers, args.quick)
    print("\n".join(out + costs) + "\n")


if __name__ == "__main__":
    main()
