"""Matching benchmarks: perceptual queries at a million items, and the image evaluation sets.

Prints Markdown. Run with `python bench/bench_matching.py [--quick]` (part of `make bench`).

1. Hash search over 1 M uniform random PDQ hashes (plus the evaluation photos planted among them):
   this index's exact-match search (within 31 bits) and nearest-neighbour search per hash, against
   faiss `IndexBinaryFlat`, `IndexBinaryMultiHash` and a numpy scan measured in the same run. Random
   codes time the search only; the whole matcher at 1 M items of real content is
   `bench/bench_images_1m.py`.
2. Recall per alteration (the usual ones and those past the usual range) and false matches of the
   image tuning set and held-out set side by side, both directions.

Text matching at a million documents of real text, and the text evaluation set's tuning and
held-out splits: bench/bench_text.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ledger_app.matching import evalset  # noqa: E402
from ledger_app.matching.binary_index import faiss  # noqa: E402
from ledger_app.matching.image import image_fingerprint  # noqa: E402
from ledger_app.matching.image_index import ImageIndex  # noqa: E402
from ledger_app.matching.image_match import ImageMatcher  # noqa: E402

SHARED = ROOT / "tests"  # holds fixtures/ (copied into the repository)
# Draws of the altered copies: the held-out set has few photos, so three independent draws (each
# evaluated on its own, counts added) make its per-alteration recall mean more than 6 copies would.
# The tuning set is drawn once here; a study of its failures draws it more often (--tuning-seeds:
# the candidate ranking and a claimed work's scales were studied on seeds 7, 11, 12 and 2024).
TUNING_SEEDS = (2024,)
HELDOUT_SEEDS = (2024, 2025, 2026)


def best_ms(cases: dict[str, tuple], rounds: int = 5) -> dict[str, float]:
    """Per-query milliseconds of each (function, queries) case: rounds interleaved across the
    cases, the best round kept, so that other load on the machine distorts the ratios least."""
    best = dict.fromkeys(cases, float("inf"))
    for fn, queries in cases.values():
        fn(queries[0])  # warm up (lazy index builds)
    for _ in range(rounds):
        for name, (fn, queries) in cases.items():
            t = time.perf_counter()
            for q in queries:
                fn(q)
            best[name] = min(best[name], (time.perf_counter() - t) / len(queries) * 1000)
    return best


def bench_images(n: int, photos, altered) -> list[str]:
    rng = np.random.default_rng(1)
    out = [f"## Perceptual query over {n:,} images", ""]
    t0 = time.perf_counter()
    hashes = rng.integers(0, 256, (n, 32), dtype=np.uint8)
    coarse = rng.integers(0, 256, (n, 8), dtype=np.uint8)
    index = ImageIndex()
    index.add_arrays([f"r{i}" for i in range(n)], hashes, coarse)
    originals = {p.name: image_fingerprint(evalset.encode(p.image, 95)) for p in photos}
    index.add(list(originals), list(originals.values()))
    build_s = time.perf_counter() - t0

    queries = [image_fingerprint(a.data) for a in altered]
    single = [q.pdq_hash for q in queries[:50]]
    single_arr = [np.frombuffer(h, np.uint8).reshape(1, 32) for h in single]

    all_codes, _ = index.pdq_arrays()
    words = all_codes.view(np.uint64)
    cases = {
        "this index, exact match (≤ 31 bits)": (lambda h: index.search_pdq([(0, 0, h)], 31), single[:50]),
        "this index, 10 nearest": (
            lambda h: index.nearest_pdq(np.frombuffer(h, np.uint8).reshape(1, 32), 10),
            single[:50],
        ),
    }
    if faiss is not None:
        flat = faiss.IndexBinaryFlat(256)
        flat.add(all_codes)
        mh = faiss.IndexBinaryMultiHash(256, 16, 16)
        mh.nflip = 1
        mh.add(all_codes)
        cases["faiss IndexBinaryFlat, 10 nearest"] = (lambda q: flat.search(q, 10), single_arr[:50])
        cases["faiss IndexBinaryFlat, range 31"] = (lambda q: flat.range_search(q, 32), single_arr[:50])
        cases["faiss IndexBinaryMultiHash, range 31"] = (lambda q: mh.range_search(q, 32), single_arr[:50])
        # The exact-match path must agree with the exhaustive scan.
        for q in single_arr[:20]:
            lims, _, ids = flat.range_search(q, 32)
            got = index.search_pdq([(0, 0, q.tobytes())], 31)
            assert len(got) == len({int(i) // 4 for i in ids}), "multi-index hashing missed a code"
    cases["numpy scan (bitwise_count), 10 nearest"] = (
        lambda q: np.argpartition(np.bitwise_count(words ^ q.view(np.uint64)).sum(1), 10)[:10],
        single_arr[:10],
    )
    rows = list(best_ms(cases).items())
    ref = dict(rows).get("faiss IndexBinaryFlat, 10 nearest")
    out += [f"{len(index):,} items, {len(all_codes):,} PDQ codes; built in {build_s:.1f} s.", ""]
    out += ["| search (one 256-bit hash) | ms / query | vs faiss flat |", "|---|---:|---:|"]
    for name, ms in rows:
        out.append(f"| {name} | {ms:.2f} | {ref / ms:.2f}× |" if ref else f"| {name} | {ms:.2f} | |")

    out += [
        "",
        "These codes are uniform random: the rows above time the hash search only. The whole matcher "
        "over 1 M items whose fingerprints come from real pictures (candidates verified, false matches "
        "possible) is `bench/bench_images_1m.py`.",
        "",
    ]
    return out


def side_by_side(quick: bool, tuning_seeds: tuple[int, ...] = TUNING_SEEDS) -> str:
    """Recall per alteration and false matches on the tuning set and on the held-out set, side by
    side, both directions. Every threshold was set on the tuning set (docs/image-evaluation.md)."""
    work = lambda d: image_fingerprint(d, local="work")  # noqa: E731 - claimed works keep more keypoints
    results, info = {}, {}
    for name, recipe, seeds in (("tuning", evalset.RECIPE, tuning_seeds), ("held-out", evalset.HELDOUT_RECIPE, HELDOUT_SEEDS)):
        photos, looks = evalset.load_photos(SHARED, recipe=recipe)
        if quick and name == "tuning":
            keep = {"bridge", "walkers", "ribbons", "astronaut", "coffee", "motorcycle", "brick-left", "brick-right"}
            photos = [p for p in photos if p.name in keep]
        # Each seed is an independent draw of the altered copies, evaluated on its own (a corpus of
        # one draw, as with one seed) and the counts added.
        draws = {seed: evalset.build(photos, seed=seed, kinds="all") for seed in seeds}
        info[name] = (len(photos), sum(len(a) for a in draws.values()), len(looks), seeds)
        for direction in ("locate", "claim"):
            results[name, direction] = evalset.combine(
                evalset.evaluate(
                    photos, looks, altered, ImageMatcher, image_fingerprint, direction=direction,
                    work_fingerprint=work,
                )
                for altered in draws.values()
            )
    out = [
        "## Image evaluation: tuning set and held-out set side by side\n",
        "Thresholds (PDQ's 31, the verifier's agreement 0.86, the local stage's inliers and their fraction of the matches, stretch, spread and "
        "region agreement 0.88, the index's word length and votes) were all set on the tuning recipe "
        "(`resources/evalsets/images.json`, seeds 7 and 11); the held-out recipe "
        "(`resources/evalsets/images-heldout.json`) shares no photo with it and was only measured. "
        + "; ".join(
            f"{k}: {n} photos, {a} altered copies (seed{'s' if len(sd) > 1 else ''} {', '.join(map(str, sd))}), "
            f"{h} hard negatives"
            for k, (n, a, h, sd) in info.items()
        )
        + ". Hard negatives of the held-out set: bursts (the same scene 1 s and 2 s later), a region of the same "
        "frame sharing no pixel, two halves of the water, the other half of a leaflet. Locate: each original "
        "(a claimed work) against a corpus of all altered copies and hard negatives; claims: each altered copy "
        "and hard negative against the originals.\n",
        "| alteration | tuning, locate | held-out, locate | tuning, claims | held-out, claims | goal (held-out) |",
        "|---|---:|---:|---:|---:|---|",
    ]

    def cell(res, kind):
        f, t = res.recall.get(kind, (0, 0))
        return f"{f}/{t}" if t else "—"

    for kind in evalset.ALL_KINDS:
        goal = 1.0 if kind in evalset.KINDS else 0.9
        held = [results["held-out", d].recall.get(kind, (0, 0)) for d in ("locate", "claim")]
        met = all(t == 0 or f / t >= goal for f, t in held)
        label = kind if kind in evalset.KINDS else f"{kind} (past the usual range)"
        out.append(
            f"| {label} | {cell(results['tuning', 'locate'], kind)} | {cell(results['held-out', 'locate'], kind)} | "
            f"{cell(results['tuning', 'claim'], kind)} | {cell(results['held-out', 'claim'], kind)} | "
            f"{'100 %' if goal == 1 else '≥ 90 %'}{'' if met else ': not met'} |"
        )
    fm = {k: len(r.false_matches) for k, r in results.items()}
    out.append(
        f"| **false matches** | {fm['tuning', 'locate']} | {fm['held-out', 'locate']} | {fm['tuning', 'claim']} | "
        f"{fm['held-out', 'claim']} | 0{'' if not fm['held-out', 'locate'] + fm['held-out', 'claim'] else ': not met'} |"
    )
    for k, r in results.items():
        if r.false_matches:
            out.append(f"\nFalse matches ({k[0]}, {k[1]}): " + "; ".join(r.false_matches[:10]))
    for k, r in results.items():
        if r.misses:
            out.append(f"\nMissed ({k[0]}, {k[1]}): " + "; ".join(r.misses[:25]) + (" …" if len(r.misses) > 25 else ""))
    return "\n".join(out) + "\n"


def large_photos_section(photos) -> str:
    """The evaluation at real photo sizes, where ingest decodes JPEGs at a reduced DCT scale: the
    set's photos above one megapixel and 24 painted 1600x1200 scenes (as in the ingest benchmark)."""
    from ledger_app.matching.image import DRAFT_ABOVE_PIXELS, MIN_QUALITY
    from ledger_app.services.demo.scenes import scene

    big = [p for p in photos if p.image.size[0] * p.image.size[1] > DRAFT_ABOVE_PIXELS]
    scenes = [evalset.Photo(f"scene{i}", scene(1000 + i, (1600, 1200)), f"scene{i}") for i in range(24)]
    flat = [p.name for p in scenes if image_fingerprint(evalset.encode(p.image, 95)).quality < MIN_QUALITY]
    ph = big + scenes
    altered = evalset.build(ph, seed=2024)
    out = [
        "## Image evaluation at photo size (reduced-scale JPEG decoding)\n",
        f"{len(big)} photos of the set above one megapixel ({', '.join(p.name for p in big)}) and "
        f"{len(scenes)} painted 1600×1200 scenes, {len(altered)} altered copies (seed 2024). "
        f"PDQ quality below {MIN_QUALITY} (flat, Meta advises not to trust the hash; only the coarse code "
        f"and geometric verification can find these): {', '.join(flat) or 'none'}.\n",
    ]
    for direction, title in (("locate", "Locate, photo size"), ("claim", "Claims, photo size")):
        res = evalset.evaluate(ph, [], altered, ImageMatcher, image_fingerprint, direction=direction)
        out.append(evalset.markdown(res, title) + "\n")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="100,000 items instead of 1,000,000")
    ap.add_argument(
        "--tuning-seeds", default=",".join(map(str, TUNING_SEEDS)),
        help="draws of the tuning set, comma-separated (more draws show more of its failures to study)",
    )
    args = ap.parse_args()
    tuning_seeds = tuple(int(s) for s in args.tuning_seeds.split(",") if s.strip())
    n = 100_000 if args.quick else 1_000_000
    t0 = time.perf_counter()
    print("## Matching\n\nCommand: `make bench  (.venv/bin/python bench/bench_matching.py)`\n")
    photos, lookalikes = evalset.load_photos(SHARED)
    if not photos:
        sys.exit("no evaluation photos found: are tests/fixtures there, and scikit-image installed?")
    altered = evalset.build(photos, seed=2024)
    print("\n".join(bench_images(n, photos, altered)))

    print(side_by_side(args.quick, tuning_seeds))
    print(large_photos_section(photos))
    print(f"_Total benchmark time {time.perf_counter() - t0:.0f} s._")


if __name__ == "__main__":
    main()
