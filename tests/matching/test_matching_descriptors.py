"""Descriptor matching, the fast way (every Hamming distance in one kernel call, row minima by numpy)
gives exactly the pairs of the straightforward way (each row's distances sorted one row at a time),
with faiss and without, on random descriptors, on descriptors made to tie, and on real ORB
descriptors of a photo against its crops, its mirror and unrelated photos."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageOps

from ledger_app.matching import kernels, local, verify
from ledger_app.matching.image import image_fingerprint


def _distances(qd: np.ndarray, cd: np.ndarray) -> np.ndarray:
    return np.bitwise_count(qd[:, None, :] ^ cd[None, :, :]).sum(axis=2, dtype=np.int64)


def _reference_two(qd: np.ndarray, cd: np.ndarray) -> list[tuple[int, int, int]]:
    """(best distance, second distance, best index) per row: each row sorted on its own."""
    out = []
    for row in _distances(qd, cd):
        order = np.argsort(row, kind="stable")
        out.append((int(row[order[0]]), int(row[order[1]]), int(order[0])))
    return out


def _reference_local(qd: np.ndarray, cd: np.ndarray) -> list[tuple[int, int]]:
    """`local.ratio_matches` written out: search the smaller set, ratio test and distance cap,
    then per candidate descriptor the closest query descriptor (the first on a tie), by candidate."""
    if len(qd) < 2 or len(cd) < 2:
        return []
    if len(qd) < len(cd):
        return [(q, c) for c, q in _reference_local(cd, qd)]
    best: dict[int, tuple[int, int]] = {}
    for i, (d1, d2, j) in enumerate(_reference_two(qd, cd)):
        if d1 < local.RATIO * d2 and d1 <= local.MAX_DESCRIPTOR_DISTANCE and (j not in best or d1 < best[j][0]):
            best[j] = (d1, i)
    return [(best[j][1], j) for j in sorted(best)]


def _reference_verify(qd: np.ndarray, cd: np.ndarray, ratio: float = 0.85) -> list[tuple[int, int]]:
    if len(qd) == 0 or len(cd) < 2:
        return []
    return [(i, j) for i, (d1, d2, j) in enumerate(_reference_two(qd, cd)) if d1 < ratio * d2]


def _pairs(got: tuple[np.ndarray, np.ndarray]) -> list[tuple[int, int]]:
    qi, ci = got
    return list(zip(qi.tolist(), ci.tolist(), strict=True))


def _check(qd: np.ndarray, cd: np.ndarray) -> int:
    """Both matchers against their references, both ways round; the pairs found (so a caller can
    see the case was not empty)."""
    found = 0
    for a, b in ((qd, cd), (cd, qd)):
        want = _reference_local(a, b)
        assert _pairs(local.ratio_matches(a, b)) == want
        assert _pairs(verify._ratio_matches(a, b)) == _reference_verify(a, b)
        if len(b) >= 2:
            d1, d2, j = kernels.two_nearest(a, b)
            ref = _reference_two(a, b)
            assert d1.tolist() == [r[0] for r in ref] and d2.tolist() == [r[1] for r in ref]
            named = _distances(a, b)[np.arange(len(a)), j]
            assert named.tolist() == d1.tolist()  # a nearest one is named (which, on a tie, is free)
        found += len(want)
    return found


@pytest.fixture(params=["compiled", "faiss", "numpy"])
def backend(request, monkeypatch):
    """compiled: 256-bit descriptors by matching/local_compiled.py (others by faiss); faiss / numpy: every
    width by the distance matrix."""
    if request.param != "compiled":
        monkeypatch.setattr(kernels, "COMPILED", False)
    if request.param == "numpy":
        monkeypatch.setattr(kernels, "faiss", None)
    else:
        assert kernels.faiss is not None  # faiss-cpu is a declared dependency
    return request.param


def test_random_and_tied_descriptors(backend):
    rng = np.random.default_rng(7)
    base = rng.integers(0, 256, (300, 32), dtype=np.uint8)
    noisy = lambda d, p: d ^ np.packbits(rng.random((len(d), 256)) < p, axis=1)  # noqa: E731
    found = 0
    for nq, nc, p in ((2560, 205, 0.08), (600, 600, 0.12), (40, 300, 0.05), (3, 2, 0.1), (2, 9, 0.3)):
        qd = noisy(base[rng.integers(0, 300, nq)], p)
        cd = noisy(base[rng.integers(0, 300, nc)], p)
        found += _check(qd, cd)
    # Ties: candidate rows repeated (best == second: refused), query rows repeated (one candidate
    # row claimed by several query rows at the same distance: the first kept).
    qd = noisy(base[:50], 0.05)
    found += _check(np.concatenate([qd, qd, qd[:7]]), np.concatenate([base[:60], base[:10]]))
    found += _check(qd, base[:1])  # a single candidate descriptor: no second nearest, no pair
    found += _check(rng.integers(0, 256, (500, 12), dtype=np.uint8), rng.integers(0, 256, (70, 12), dtype=np.uint8))
    # Many exact ties at the minimum (a few distinct rows, each repeated) and slices (not contiguous).
    few = noisy(base[:4], 0.02)
    found += _check(noisy(base[:8], 0.03)[rng.integers(0, 8, 400)], few[rng.integers(0, 4, 90)])
    found += _check(qd[::2], base[1:120:3])
    assert found > 400


def test_compiled_search_against_the_matrix():
    """The compiled pass gives the matrix path's very arrays (dtypes too) on 256-bit descriptors,
    including which of equally near candidates it names (the first)."""
    rng = np.random.default_rng(11)
    for nq, nc in ((0, 2), (1, 2), (37, 2), (300, 211), (2560, 64)):
        qd = rng.integers(0, 256, (nq, 32), dtype=np.uint8)
        cd = rng.integers(0, 256, (nc, 32), dtype=np.uint8)
        if nq > 40:
            cd[nc // 2 :] = cd[: nc - nc // 2]  # every candidate twice: ties everywhere
            qd[: nc // 2] = cd[: nc // 2]  # and some at distance 0
        got = kernels.two_nearest(qd, cd)
        kernels.COMPILED = False
        try:
            want = tuple(a.copy() for a in kernels.two_nearest(qd, cd))
        finally:
            kernels.COMPILED = True
        for g, w in zip(got, want, strict=True):
            assert g.dtype == w.dtype and g.tolist() == w.tolist()


def test_without_numba_the_matrix_path_searches(monkeypatch):
    """Where numba cannot be imported (the desktop bundle leaves it out), 256-bit descriptors take the
    matrix path instead of failing: the same results as the straightforward search."""
    import sys

    monkeypatch.setitem(sys.modules, "ledger_app.matching.local_compiled", None)  # import raises ImportError
    monkeypatch.setattr(kernels, "_LOADED", {})
    rng = np.random.default_rng(5)
    qd = rng.integers(0, 256, (120, 32), dtype=np.uint8)
    cd = rng.integers(0, 256, (45, 32), dtype=np.uint8)
    d1, d2, j = kernels.two_nearest(qd, cd)
    assert kernels._LOADED == {("ledger_app.matching.local_compiled", "two_nearest_256"): None}
    ref = _reference_two(qd, cd)
    assert d1.tolist() == [r[0] for r in ref] and d2.tolist() == [r[1] for r in ref]
    assert _distances(qd, cd)[np.arange(len(qd)), j].tolist() == d1.tolist()


def _jpeg(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "JPEG", quality=88)
    return buf.getvalue()


def test_real_descriptors(backend, data_dir):
    with Image.open(data_dir / "fixtures" / "c2pa" / "P1000827.jpg") as im:
        photo = im.convert("RGB")
    others = sorted((data_dir / "fixtures" / "pdq" / "labelme-subset").glob("*.jpg"))[:2]
    w, h = photo.size
    work = image_fingerprint(_jpeg(photo), local="work")
    items = [photo.crop((w // 3, h // 4, w, h)), photo.resize((w // 3, h // 3)), ImageOps.mirror(photo)]
    items += [Image.open(p) for p in others]
    found = orb = 0
    for item in items:
        fp = image_fingerprint(_jpeg(item))
        found += _check(work.local.descriptors, fp.local.descriptors)
        # Whole-image verification's ORB on the two thumbnails, the query mirrored too.
        q = verify.features(work.thumbnail(), with_mirror=True)
        c = verify.features(fp.thumbnail())
        if c.descriptors is not None:  # None: ORB found no keypoint on the thumbnail
            found += _check(q.descriptors, c.descriptors) + _check(q.mirrored.descriptors, c.descriptors)
            orb += 1
    assert found > 500 and orb >= 3
