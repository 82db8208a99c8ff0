"""Image fingerprints: Meta's published PDQ bit for bit, quality, dihedral queries, refusals."""

from __future__ import annotations

import io
import itertools
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from ledger_app.core.errors import InputRefused
from ledger_app.matching.image import (
    DRAFT_ABOVE_PIXELS,
    PIXEL_LIMIT,
    ImageFingerprint,
    hamming,
    image_fingerprint,
)
from ledger_app.matching.image_match import ImageMatcher

from .helpers import jpeg_bytes


def test_pdq_reproduces_published_hashes_bit_for_bit(pdq_dir, published_pdq):
    for name, expected in published_pdq.items():
        data = (pdq_dir / "bridge-mods" / name).resolve().read_bytes()
        assert image_fingerprint(data, exact=True).pdq_hex == expected, name


def test_draft_decoding_stays_within_a_few_bits_of_the_exact_hash(pdq_dir, published_pdq):
    """The fast default (draft mode for large JPEGs) moves the whole-image PDQ only slightly."""
    from ledger_app.matching.image import hamming

    for name in published_pdq:
        data = (pdq_dir / "bridge-mods" / name).resolve().read_bytes()
        fast, exact = image_fingerprint(data), image_fingerprint(data, exact=True)
        assert hamming(fast.pdq_hash, exact.pdq_hash) <= 16, name


def test_quality_of_flat_image_is_zero_and_unreliable(pdq_dir):
    fp = image_fingerprint((pdq_dir / "misc-images" / "small.jpg").read_bytes())
    assert fp.quality == 0
    assert not fp.reliable
    bridge = image_fingerprint((pdq_dir / "bridge-mods" / "aaa-orig.jpg").read_bytes())
    assert bridge.quality == 100 and bridge.reliable


def test_fingerprint_round_trips_through_bytes(pdq_dir):
    fp = image_fingerprint((pdq_dir / "misc-images" / "c.png").read_bytes())
    data = fp.without_local().to_bytes()  # what items store (their local features sit apart)
    assert data[:4] == b"LPF\x01"
    back = ImageFingerprint.from_bytes(data)
    assert back == fp and back.local is None
    assert back.thumbnail().shape[0] <= 160 and back.thumbnail().shape[1] <= 160
    assert len(data) < 12_000
    v2 = fp.to_bytes()  # a claimed work's or a query's: with its local features
    assert v2[:4] == b"LPF\x02" and len(v2) < 12_000 + 10 + 36 * 256
    back = ImageFingerprint.from_bytes(v2)
    assert back == fp and back.local is not None and len(back.local) == len(fp.local)
    with pytest.raises(ValueError, match="truncated"):
        ImageFingerprint.from_bytes(v2[: len(v2) - len(fp.local.to_bytes()) - 10])
    with pytest.raises(ValueError, match="version"):
        ImageFingerprint.from_bytes(b"LPF\x63" + data[4:])
    with pytest.raises(ValueError):
        ImageFingerprint.from_bytes(b"XXXX" + data[4:])


def test_dihedral_variants_are_far_apart_but_found_by_dihedral_query(pdq_dir):
    files = sorted((pdq_dir / "dih").glob("*.jpg"))
    assert len(files) == 8
    fps = {f.name: image_fingerprint(f.read_bytes()) for f in files}
    original = fps["bridge-1-original.jpg"]
    rotated = fps["bridge-2-rotate-90.jpg"]
    assert hamming(original.pdq_hash, rotated.pdq_hash) > 100  # plain PDQ misses it
    # Against all eight dihedral variants, every orientation is within a few bits.
    for fp in fps.values():
        assert min(hamming(original.pdq_hash, h) for h in fp.pdq[0]) <= 12
    matcher = ImageMatcher()
    matcher.add(["bridge"], [original])
    for name, fp in fps.items():
        matches = matcher.query(fp)
        assert [m.item_id for m in matches] == ["bridge"], name
        assert matches[0].distance <= 31


def test_labelme_unrelated_photos_do_not_match(pdq_dir):
    fps = {
        f.name: image_fingerprint(f.read_bytes()) for f in sorted((pdq_dir / "labelme-subset").glob("*.jpg"))
    }
    for a, b in itertools.combinations(fps.values(), 2):
        assert hamming(a.pdq_hash, b.pdq_hash) >= 100
    matcher = ImageMatcher()
    matcher.add(list(fps), list(fps.values()))
    for name, fp in fps.items():
        assert {m.item_id for m in matcher.query(fp)} <= {name}, name
        others = ImageMatcher()
        others.add([n for n in fps if n != name], [f for n, f in fps.items() if n != name])
        assert others.query(fp) == [], name


def test_large_jpeg_uses_draft_and_stays_close(pdq_dir):
    big = Image.open(pdq_dir / "bridge-mods" / "aaa-orig.jpg").convert("RGB").resize((2400, 1506))
    data = jpeg_bytes(big, 92)
    assert 2400 * 1506 > DRAFT_ABOVE_PIXELS
    fp = image_fingerprint(data)
    full = np.asarray(big)
    import pdqhash

    vec, _ = pdqhash.compute(full)
    exact = np.packbits(np.asarray(vec, np.uint8)).tobytes()
    assert hamming(fp.pdq_hash, exact) <= 12
    assert fp.width == 2400 and fp.height == 1506  # the image's own size is recorded


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"this is not an image at all, just some text", "not a decodable image"),
        (_png_header_only(20_000, 20_000), "decompression bomb"),
        (_png_header_only(9_000, 8_000), "decompression bomb"),
    ],
)
@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")  # as ledger_app sets it
def test_bad_images_are_refused_with_a_reason(data, reason):
    with pytest.raises(InputRefused, match=reason):
        image_fingerprint(data)


def test_truncated_image_is_refused(pdq_dir):
    data = (pdq_dir / "bridge-mods" / "aaa-orig.jpg").read_bytes()
    with pytest.raises(InputRefused, match="truncated"):
        image_fingerprint(data[: len(data) // 2])
    png = io.BytesIO()
    Image.open(pdq_dir / "misc-images" / "c.png").save(png, "PNG")
    with pytest.raises(InputRefused, match="truncated|undecodable"):
        image_fingerprint(png.getvalue()[: len(png.getvalue()) // 3])


def test_pixel_limit_is_explicit():
    assert Image.MAX_IMAGE_PIXELS == PIXEL_LIMIT
    assert PIXEL_LIMIT <= 100_000_000


def test_modes_other_than_rgb_are_fingerprinted(pdq_dir):
    base = Image.open(pdq_dir / "bridge-mods" / "aaa-orig.jpg").convert("RGB").resize((400, 250))
    ref = image_fingerprint(jpeg_bytes(base, 95))
    for mode in ("L", "P", "RGBA", "I;16", "CMYK"):
        im = (
            base.convert(mode)
            if mode != "I;16"
            else Image.fromarray(np.asarray(base.convert("L")).astype(np.uint16) * 257)
        )
        buf = io.BytesIO()
        im.save(buf, "TIFF")
        fp = image_fingerprint(buf.getvalue())
        assert hamming(fp.pdq_hash, ref.pdq_hash) <= 40, mode


def test_a_close_hash_proposes_its_own_alignment_frame_to_frame(pdq_dir):
    """`verify_frames` aligns the frames as the PDQ variant says: each of the eight rotations and
    reflections of a photo (and a 10 % central crop of it) agrees under the variant PDQ reports,
    and under no other variant; another photo does not agree under any."""
    from PIL import ImageOps

    from ledger_app.matching.image import image_fingerprint
    from ledger_app.matching.image_index import ImageIndex
    from ledger_app.matching.verify import verify_frames

    with Image.open(pdq_dir / "bridge-mods" / "aaa-orig.jpg") as im:
        photo = im.convert("RGB")
    T = Image.Transpose
    ops = [lambda x: x, lambda x: x.transpose(T.ROTATE_90), lambda x: x.transpose(T.ROTATE_180),
           lambda x: x.transpose(T.ROTATE_270), ImageOps.flip, ImageOps.mirror,
           lambda x: x.transpose(T.TRANSPOSE), lambda x: x.transpose(T.TRANSVERSE)]
    work = image_fingerprint(jpeg_bytes(photo))
    index = ImageIndex()
    index.add(["work"], [work])
    cuts = (0.0, 0.05, 0.10)
    w, h = photo.size
    for op in ops:
        for copy in (op(photo), op(photo.crop((w // 10, h // 10, w - w // 10, h - h // 10)))):
            fp = image_fingerprint(jpeg_bytes(copy))
            hit = index.search_pdq(fp.query_hashes(), 31)["work"]
            for variant in range(8):
                v = verify_frames(fp.thumbnail(), work.thumbnail(), variant, cuts[hit.query_region], cuts[hit.stored_region])
                assert bool(v.ok) == (variant == hit.query_variant), (variant, hit, v.reason)
    other = next((pdq_dir / "labelme-subset").glob("*.jpg"))
    other_thumb = image_fingerprint(other.read_bytes()).thumbnail()
    assert not any(verify_frames(other_thumb, work.thumbnail(), t, 0.0, 0.0).ok for t in range(8))


def test_a_darkened_copy_is_verified_on_stretched_thumbnails(pdq_dir):
    """A photo darkened past the usual range (x0.3) keeps few corners and barely a textured block at
    its own contrast, and its PDQ is unreliable; its thumbnail stretched to MIN_RANGE grey levels
    aligns and agrees with the original's. A photo spanning the range is left as it is."""
    from PIL import ImageEnhance

    from ledger_app.matching.kernels import thumbnail
    from ledger_app.matching.verify import MIN_RANGE, features, stretched, verify

    with Image.open(pdq_dir / "labelme-subset" / "q0122.jpg") as im:
        sea = im.convert("RGB")
    dark = image_fingerprint(jpeg_bytes(ImageEnhance.Brightness(sea).enhance(0.3), 75))
    original = image_fingerprint(jpeg_bytes(sea, 95), local="work")
    assert not dark.reliable
    grey = thumbnail(dark)
    lo, hi = np.percentile(stretched(grey), (1, 99))
    assert hi - lo >= MIN_RANGE - 4 and np.percentile(grey, 99) - np.percentile(grey, 1) < MIN_RANGE / 2
    full = np.tile(np.arange(256, dtype=np.uint8), (16, 1))
    assert stretched(full) is full
    v = verify(features(thumbnail(original), with_mirror=True), features(grey))
    assert v.ok and v.rotation == 0 and not v.mirrored, v.reason
    m = ImageMatcher()
    m.add(["dark"], [dark])
    assert [x.item_id for x in m.query(original)] == ["dark"]


def test_a_brightened_copy_with_clipped_highlights_is_compared_on_its_unclipped_pixels(data_dir, monkeypatch):
    """Brightened x2.4, the ribbons photo clips to white where the original keeps texture: aligned,
    only 80 % of its blocks agree; leaving out the pixels bright in either image, they all do. The
    comparison without the fallback (CLIPPED_SHARE above 1) still fails, so the fallback decides."""
    from PIL import ImageEnhance

    from ledger_app.matching import clipping
    from ledger_app.matching import verify as verify_module
    from ledger_app.matching.kernels import thumbnail

    with Image.open(data_dir / "fixtures" / "c2pa" / "A.jpg") as im:
        ribbons = im.convert("RGB")
    bright = image_fingerprint(jpeg_bytes(ImageEnhance.Brightness(ribbons).enhance(2.4), 75))
    original = image_fingerprint(jpeg_bytes(ribbons, 95), local="work")
    q, c = verify_module.features(thumbnail(original), with_mirror=True), verify_module.features(thumbnail(bright))
    v = verify_module.verify(q, c)
    assert v.ok and v.rotation == 0 and not v.mirrored and "clipped" in v.reason, v.reason
    monkeypatch.setattr(clipping, "CLIPPED_SHARE", 1.1)
    assert not verify_module.verify(q, c).ok


def test_blocks_left_out_for_clipping_say_nothing_and_the_rest_compare_as_plain_zncc():
    """Weighted block ZNCC: a block with too few unclipped pixels (a white area) is NaN, never
    agreement; a block whose unclipped pixels are kept gives the ZNCC of exactly those pixels."""
    from ledger_app.matching.clipping import MIN_UNCLIPPED
    from ledger_app.matching.verify import BLOCKS, _block_zncc

    rng = np.random.default_rng(3)
    a = rng.uniform(0, 200, (8 * BLOCKS, 8 * BLOCKS)).astype(np.float32)
    b = (a * 1.5 + rng.normal(0, 20, a.shape)).astype(np.float32)
    mask = np.ones(a.shape, np.uint8)
    keep = np.ones(a.shape, np.uint8)
    keep[:8, :8] = 0  # block (0, 0): all clipped
    keep[8:16, :8][:, : int(8 * (1 - MIN_UNCLIPPED)) + 1] = 0  # block (1, 0): too few left
    keep[:8, 8:16][:, :2] = 0  # block (0, 1): three quarters left
    grid = _block_zncc(a, b, mask, keep)
    assert np.isnan(grid[0, 0]) and np.isnan(grid[1, 0])
    x, y = a[:8, 10:16].ravel(), b[:8, 10:16].ravel()
    assert grid[0, 1] == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-5)
    plain = _block_zncc(a, b, mask)
    assert np.allclose(grid[2:, :], plain[2:, :], atol=1e-5)
    assert np.allclose(_block_zncc(a, b, mask, np.ones_like(keep)), plain, atol=1e-5)
