"""Which local descriptor: ORB against SIFT, on the tuning set only (AKAZE is not in OpenCV 5's
main modules, so `opencv-python-headless` 5.x cannot offer it; it was not measured).

For each descriptor, the same pipeline as `ledger_app/matching/local.py` (keypoints spread over the
grid, 256 per item at FEATURE_SIDE; claimed works at three scales; ratio test; RANSAC affine with
the same constraints; dense check of the shared region): extraction time per image, stored bytes
per item, pairs found among the alterations past the usual range (each claimed work against each
of its altered copies), and pairs wrongly accepted among the hard negatives (the stereo pair both
ways, each texture's two halves both ways).

Run: .venv/bin/python bench/bench_descriptors.py [--quick]   (part of `make bench`)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ledger_app.matching import evalset, local  # noqa: E402
from ledger_app.matching.image import image_fingerprint, open_image, to_grey_image  # noqa: E402

_SIFT = {}


def _sift(n: int):
    if n not in _SIFT:
        _SIFT[n] = cv2.SIFT_create(nfeatures=n)
    return _SIFT[n]


def sift_extract(grey: np.ndarray, *, max_keypoints: int = local.MAX_KEYPOINTS, side: int = local.FEATURE_SIDE):
    """SIFT on the same frame, descriptors quantised to uint8 (128 bytes, the usual storage)."""
    frame = local.feature_frame(grey, side)
    h, w = frame.shape
    kps = _sift(local.OVERSAMPLE * max_keypoints).detect(frame, None)
    kps = local.spread(kps, w, h, max_keypoints)
    kps, desc = _sift(local.OVERSAMPLE * max_keypoints).compute(frame, kps)
    if desc is None:
        return local.LocalFeatures(w, h, np.zeros((0, 2), np.float32), np.zeros((0, 128), np.uint8))
    pts = np.float32([k.pt for k in kps]).reshape(-1, 2)
    return local.LocalFeatures(w, h, pts, np.clip(np.rint(desc), 0, 255).astype(np.uint8))


def sift_work(grey: np.ndarray):
    base = sift_extract(grey, max_keypoints=local.WORK_KEYPOINTS)
    pts, desc = [base.points], [base.descriptors]
    for side, n in local.WORK_SCALES:
        frame = local.feature_frame(grey, side)
        if not local.adds_work_scale(side, frame.shape[1], base.width):
            continue
        extra = sift_extract(frame, max_keypoints=n, side=side)
        pts.append(extra.points * np.float32(base.width / max(1, extra.width)))
        desc.append(extra.descriptors)
    return local.LocalFeatures(base.width, base.height, np.concatenate(pts), np.concatenate(desc))


def l2_ratio(qd: np.ndarray, cd: np.ndarray):
    if len(qd) < 2 or len(cd) < 2:
        return np.empty(0, int), np.empty(0, int)
    if len(qd) < len(cd):
        ci, qi = l2_ratio(cd, qd)
        return qi, ci
    m = cv2.BFMatcher(cv2.NORM_L2)
    pairs = m.knnMatch(qd.astype(np.float32), cd.astype(np.float32), k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < local.RATIO * p[1].distance]
    qi = np.array([g.queryIdx for g in good], int)
    ci = np.array([g.trainIdx for g in good], int)
    order = np.argsort([g.distance for g in good]) if good else np.empty(0, int)
    qi, ci = qi[order], ci[order]
    _, first = np.unique(ci, return_index=True)
    return qi[first], ci[first]


def grey_of(data: bytes) -> np.ndarray:
    with open_image(data, grey=True) as im:
        return np.asarray(to_grey_image(im))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="8 photos instead of all of the tuning set")
    args = ap.parse_args()
    photos, lookalikes = evalset.load_photos(ROOT / "tests", recipe=evalset.RECIPE)
    if args.quick:
        keep = {"bridge", "walkers", "ribbons", "astronaut", "coffee", "motorcycle", "brick-left", "brick-right"}
        photos = [p for p in photos if p.name in keep]
    altered = evalset.build(photos, seed=7, kinds="beyond")
    works = {p.name: evalset.encode(p.image, 95) for p in photos}
    negatives = [(evalset.encode(p.image, 90), works[r]) for p, r in lookalikes if r in works]
    for a, b in (("brick-left", "brick-right"), ("grass-left", "grass-right"), ("gravel-left", "gravel-right")):
        if a in works and b in works:
            negatives.append((works[a], works[b]))
    rows = []
    for name, item_fn, work_fn, matcher, per_kp in (
        ("ORB (256-bit binary, Hamming)", local.extract, local.extract_work, None, 32 + 4),
        ("SIFT (128 x uint8, L2)", sift_extract, sift_work, l2_ratio, 128 + 4),
    ):
        greys = [grey_of(a.data) for a in altered[:60]]
        t = time.perf_counter()
        for g in greys:
            item_fn(g)
        ms = (time.perf_counter() - t) / len(greys) * 1000
        wf = {k: (work_fn(grey_of(d)), image_fingerprint(d, local=None).thumbnail()) for k, d in works.items()}
        found = total = 0
        kp = []
        for a in altered:
            it = item_fn(grey_of(a.data))
            kp.append(len(it))
            w, wt = wf[a.source]
            r = local.match_region(w, it, wt, image_fingerprint(a.data, local=None).thumbnail(), matcher=matcher)
            found += bool(r.ok)
            total += 1
        false = 0
        for x, y in negatives:
            for q, i in ((x, y), (y, x)):
                qf, itf = work_fn(grey_of(q)), item_fn(grey_of(i))
                r = local.match_region(qf, itf, image_fingerprint(q, local=None).thumbnail(),
                                       image_fingerprint(i, local=None).thumbnail(), matcher=matcher)
                false += bool(r.ok)
        rows.append(f"| {name} | {ms:.2f} | {np.mean(kp) * per_kp + 10:,.0f} | {found}/{total} | "
                    f"{false}/{2 * len(negatives)} |")
    print("## Local descriptors: ORB vs SIFT (tuning set)\n")
    print(f"Command: `make bench  (.venv/bin/python bench/bench_descriptors.py{' --quick' if args.quick else ''})`. "
          f"{len(photos)} tuning photos, {len(altered)} copies altered past the usual range (seed 7), "
          f"{2 * len(negatives)} hard-negative pairs. Same pipeline, same thresholds, one core. "
          "AKAZE: not in OpenCV 5's main modules (`opencv-python-headless` 5.x), not measured.\n")
    print("| descriptor | extraction ms / item (≤ 320 px frame) | stored bytes / item (mean) | altered copies found | "
          "hard negatives accepted |")
    print("|---|---:|---:|---:|---:|")
    print("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
