"""The direct call into pdqhash's compiled PDQ gives pdqhash's own hashes, and draft decoding keeps
rotated and mirrored copies of a real-size photo close."""

from __future__ import annotations

import io

import numpy as np
import pdqhash
import pytest
from PIL import Image

from ledger_app.matching import image as image_mod
from ledger_app.matching import pdq
from ledger_app.matching.image import DIHEDRAL_NAMES, hamming, image_fingerprint

from .helpers import jpeg_bytes


def _reference(rgb: np.ndarray) -> tuple[tuple[bytes, ...], int]:
    vectors, quality = pdqhash.compute_dihedral(np.ascontiguousarray(rgb))
    return tuple(np.packbits(np.asarray(v, dtype=np.uint8)).tobytes() for v in vectors), int(quality)


def _inputs(pdq_dir) -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    arrays = [np.asarray(Image.open(p).convert("RGB")) for p in sorted((pdq_dir / "bridge-mods").glob("*"))[:10]]
    # Odd shapes, tiny and flat images, noise and a gradient: the edge cases of the C++ code.
    for h, w in ((1, 1), (3, 5), (17, 300), (64, 64), (127, 129), (301, 199)):
        arrays.append(rng.integers(0, 256, (h, w, 3), dtype=np.uint8))
    arrays.append(np.full((50, 80, 3), 128, np.uint8))
    ramp = np.linspace(0, 255, 240, dtype=np.float64)
    arrays.append(np.stack([np.add.outer(ramp[:160], ramp) / 2] * 3, axis=2).astype(np.uint8))
    return arrays


def test_native_path_is_in_use():
    # The pinned pdqhash exports the C++ entry point; if a rebuild stops exporting it, ingest
    # silently slows down by a third: make that visible here.
    assert pdq.native_available()


def test_native_hashes_equal_pdqhash_bit_for_bit(pdq_dir):
    for rgb in _inputs(pdq_dir):
        assert pdq.dihedral_from_rgb(rgb) == _reference(rgb), rgb.shape


def test_grey_luma_hashes_equal_pdqhash_of_the_grey_image(pdq_dir):
    for rgb in _inputs(pdq_dir):
        grey = np.asarray(Image.fromarray(rgb).convert("L"))
        ref = _reference(np.repeat(grey[:, :, None], 3, axis=2))
        luma = grey.astype(np.float32)
        before = luma.copy()
        assert pdq.dihedral_from_luma(luma) == ref, rgb.shape
        assert np.array_equal(luma, before)  # the caller's array is left alone


def test_fallback_without_the_native_symbol_gives_the_same_hashes(pdq_dir, monkeypatch):
    arrays = _inputs(pdq_dir)[:4]
    native = [pdq.dihedral_from_rgb(a) for a in arrays]
    grey = [np.asarray(Image.fromarray(a).convert("L")).astype(np.float32) for a in arrays]
    native_grey = [pdq.dihedral_from_luma(g) for g in grey]
    monkeypatch.setattr(pdq, "_NATIVE", None)
    assert not pdq.native_available()
    assert [pdq.dihedral_from_rgb(a) for a in arrays] == native
    assert [pdq.dihedral_from_luma(g) for g in grey] == native_grey


def test_hash_order_is_pdqhash_dihedral_order(pdq_dir):
    """Variant k of an image is (within PDQ's rounding) the hash of the image turned that way."""
    rgb = np.asarray(Image.open(pdq_dir / "bridge-mods" / "aaa-orig.jpg").convert("RGB"))
    hashes, _ = pdq.dihedral_from_rgb(rgb)
    assert len(hashes) == len(DIHEDRAL_NAMES) == 8
    turned = {
        "rotate90": np.rot90(rgb, k=1),
        "rotate180": np.rot90(rgb, k=2),
        "rotate270": np.rot90(rgb, k=-1),
        "flipx": rgb[::-1],
        "flipy": rgb[:, ::-1],
    }
    for name, array in turned.items():
        (h, *_), _ = pdq.dihedral_from_rgb(np.ascontiguousarray(array))
        distances = [hamming(h, v) for v in hashes]
        assert distances.index(min(distances)) == DIHEDRAL_NAMES.index(name), (name, distances)
        assert min(distances) <= 10 and sorted(distances)[1] > 90, (name, distances)


@pytest.mark.parametrize("size", [(1600, 1200), (1600, 1004), (2400, 1506)])
def test_draft_decoded_copies_turned_or_mirrored_stay_close(pdq_dir, size):
    """Large JPEGs are decoded at 1/4 or 1/8 scale; rotated and mirrored copies (re-encoded, so
    their 8x8 block grid sits differently on the picture) stay within a few bits."""
    base = Image.open(pdq_dir / "bridge-mods" / "aaa-orig.jpg").convert("RGB").resize(size, Image.Resampling.LANCZOS)
    original = image_fingerprint(jpeg_bytes(base, 90))
    im = Image.open(io.BytesIO(jpeg_bytes(base, 90)))
    im.draft("L", (size[0] // 9, size[1] // 9))
    assert im.size[0] < size[0] // 2  # this really is a reduced decode
    for op in (Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180, Image.Transpose.FLIP_LEFT_RIGHT,
               Image.Transpose.TRANSPOSE):
        copy = image_fingerprint(jpeg_bytes(base.transpose(op), 90))
        assert min(hamming(original.pdq_hash, h) for h in copy.pdq[0]) <= 20, (size, op)


def test_reduced_decode_stays_close_to_the_full_decode(pdq_dir):
    base = Image.open(pdq_dir / "bridge-mods" / "aaa-orig.jpg").convert("RGB").resize((1600, 1200))
    data = jpeg_bytes(base, 90)
    assert hamming(image_fingerprint(data).pdq_hash, image_fingerprint(data, exact=True).pdq_hash) <= 16
    assert image_mod.DRAFT_MIN_SIDE * 8 <= 1200 * 2  # 1600x1200 takes the 1/8 path the benchmark uses
