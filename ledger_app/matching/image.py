"""Image fingerprints: computed once at ingest, stored as bytes, used to find altered copies later.

A fingerprint holds what locate needs without the image itself:

- PDQ (Meta's perceptual hash, through the `pdqhash` package) of the whole image, bit for bit as
  Meta publishes it (image opened with Pillow, converted to RGB, 256 bits packed big-endian), and
  its quality (0-100; Meta's guidance is to distrust hashes of quality 49 or less);
- PDQ of two central crops (5 % and 10 % off each edge), so that symmetrically cropped copies sit
  within a few bits of one of them;
- all eight dihedral variants (rotations and mirrors) of those three hashes, which pdqhash computes
  for the price of one, so that a query needs no recomputation in either direction;
- a small greyscale thumbnail: the evidence shown on the review screen, the input of the
  crop-tolerant coarse code (`coarse.py`) and of the geometric verification (`verify.py`);
- local features (`local.py`: at most 256 ORB keypoints with their 32-byte descriptors) for copies
  no whole-image hash reaches: large crops, collage tiles, small rotations, captions, frames. They
  travel in the fingerprint's version 2 bytes (claimed works, queries); items keep them in their
  own column (`fingerprint.local`), so the version 1 bytes stay what they were.

Decoding is defensive: Pillow's decompression-bomb guard is on with an explicit pixel limit,
truncated or undecodable data raises `InputRefused` with the reason. Large JPEGs are decoded with
Pillow's draft mode (a reduced DCT scale) for speed; images up to `DRAFT_ABOVE_PIXELS` are decoded
in full, and `exact=True` decodes everything in full, reproducing Meta's published hashes exactly.
"""

from __future__ import annotations

import io
import re
import struct
import warnings
from dataclasses import dataclass, field, replace

import cv2
import numpy as np
from PIL import Image, ImageFile

from ledger_app.core.errors import InputRefused
from ledger_app.core.item_reasons import item_said
from ledger_app.core.messages import QT_TRANSLATE_NOOP
from ledger_app.core.settings import MAX_IMAGE_PIXELS
from ledger_app.matching import pdq
from ledger_app.matching.coarse import coarse_code
from ledger_app.matching.local import LocalFeatures, extract, extract_work

# Images with more pixels than this are refused as decompression bombs (about 8000 x 8000).
PIXEL_LIMIT = MAX_IMAGE_PIXELS  # the hard ceiling; the setting ingest.max_image_pixels may lower it
# JPEGs larger than this are decoded at a reduced scale (draft mode) with at least
# DRAFT_MIN_SIDE pixels on the shorter side; smaller images are decoded in full.
DRAFT_ABOVE_PIXELS = 1_000_000
DRAFT_MIN_SIDE = 128
# A JPEG decoded at a reduced DCT scale is an average over the encoder's 8x8 block grid, whose phase
# against the picture differs between an image and its rotated, mirrored or cropped copies; at small
# sizes PDQ's own filter is too short to hide that (up to 28 bits between the dihedral copies of a
# 1600x1004 photo at 1/8 scale). A box filter of this width before hashing brings it back to what a
# decode at twice the size gives, for a fraction of its cost.
DRAFT_PREFILTER = 2
# Central crops hashed besides the whole image (fraction removed from each edge). They are hashed
# from a copy reduced to REDUCED_SIDE pixels on the longer side (PDQ itself works on 64 x 64), which
# costs a few bits against a full-resolution hash and saves most of the time.
CROP_FRACTIONS = (0.05, 0.10)
REDUCED_SIDE = 256
# The greyscale thumbnail's longer side, and its JPEG quality.
THUMB_SIDE = 160
THUMB_QUALITY = 85
# Meta's guidance: hashes of quality 49 or less (flat, featureless images) are unreliable.
MIN_QUALITY = 50
# The order pdqhash.compute_dihedral returns its eight hashes in; index 0 is the image as is.
DIHEDRAL_NAMES = (
    "original",
    "rotate90",
    "rotate180",
    "rotate270",
    "flipx",
    "flipy",
    "flipplus1",
    "flipminus1",
)

_MAGIC = b"LPF"
_VERSION = 1  # version 2: the thumbnail's length, the thumbnail, then the local features
_VERSION_LOCAL = 2
_HEADER = struct.Struct(">3sBIIB8s")  # magic, version, width, height, quality, coarse code

# Pillow's own guard stays on, at our limit, and its warning (between the limit and twice it) is an
# error too; the explicit check in `open_image` refuses anything above the limit with its size.
Image.MAX_IMAGE_PIXELS = PIXEL_LIMIT
ImageFile.LOAD_TRUNCATED_IMAGES = False
warnings.simplefilter("error", Image.DecompressionBombWarning)


@dataclass(frozen=True)
class ImageFingerprint:
    """What matching keeps of one image. `pdq[r][t]` is the 32-byte PDQ of region r (0: whole
    image, then the central crops of `CROP_FRACTIONS`) in dihedral variant t (see DIHEDRAL_NAMES)."""

    width: int
    height: int
    quality: int
    pdq: tuple[tuple[bytes, ...], ...]
    coarse: bytes
    thumb: bytes  # greyscale JPEG, longer side at most THUMB_SIDE
    local: LocalFeatures | None = field(default=None, compare=False)

    @property
    def pdq_hash(self) -> bytes:
        """The PDQ of the image as it is: the hash Meta's tools publish."""
        return self.pdq[0][0]

    @property
    def pdq_hex(self) -> str:
        return self.pdq_hash.hex()

    @property
    def reliable(self) -> bool:
        """False for flat, featureless images whose PDQ Meta says not to trust."""
        return self.quality >= MIN_QUALITY

    def stored_hashes(self) -> list[bytes]:
        """The hashes an index holds for this image: each region in its own orientation."""
        return [region[0] for region in self.pdq]

    def query_hashes(self) -> list[tuple[int, int, bytes]]:
        """(region, dihedral variant, hash) for every hash a query compares with an index."""
        return [(r, t, h) for r, region in enumerate(self.pdq) for t, h in enumerate(region)]

    def thumbnail(self) -> np.ndarray:
        """The greyscale thumbnail as a 2-D uint8 array."""
        with Image.open(io.BytesIO(self.thumb)) as im:
            return np.asarray(im.convert("L"))

    def without_local(self) -> ImageFingerprint:
        return replace(self, local=None)

    def to_bytes(self) -> bytes:
        """Compact, versioned binary form (about 800 bytes plus the thumbnail; version 2 adds the
        local features, at most 9.2 kB)."""
        regions, variants = len(self.pdq), len(self.pdq[0])
        version = _VERSION if self.local is None else _VERSION_LOCAL
        head = _HEADER.pack(_MAGIC, version, self.width, self.height, self.quality, self.coarse)
        hashes = b"".join(h for region in self.pdq for h in region)
        if self.local is None:
            return head + bytes([regions, variants]) + hashes + self.thumb
        thumb = struct.pack(">I", len(self.thumb)) + self.thumb
        return head + bytes([regions, variants]) + hashes + thumb + self.local.to_bytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> ImageFingerprint:
        if len(data) < _HEADER.size + 2:
            raise ValueError("image fingerprint is too short")
        magic, version, width, height, quality, coarse = _HEADER.unpack_from(data)
        if magic != _MAGIC:
            raise ValueError("not an image fingerprint (bad magic)")
        if version not in (_VERSION, _VERSION_LOCAL):
            raise ValueError(f"image fingerprint version {version} is not supported (expected {_VERSION} or 2)")
        regions, variants = data[_HEADER.size], data[_HEADER.size + 1]
        pos = _HEADER.size + 2
        end = pos + 32 * regions * variants
        if len(data) < end:
            raise ValueError("image fingerprint is truncated")
        flat = [data[i : i + 32] for i in range(pos, end, 32)]
        pdq = tuple(tuple(flat[r * variants : (r + 1) * variants]) for r in range(regions))
        if version == _VERSION:
            return cls(width, height, quality, pdq, coarse, data[end:])
        if len(data) < end + 4:
            raise ValueError("image fingerprint is truncated")
        (n,) = struct.unpack_from(">I", data, end)
        if len(data) < end + 4 + n:
            raise ValueError("image fingerprint is truncated")
        thumb = data[end + 4 : end + 4 + n]
        return cls(width, height, quality, pdq, coarse, thumb, LocalFeatures.from_bytes(data[end + 4 + n :]))


def open_image(
    data: bytes, *, exact: bool = False, grey: bool = False, max_pixels: int = PIXEL_LIMIT
) -> Image.Image:
    """Open and fully decode image bytes, refusing what is broken or hostile (`InputRefused`),
    including anything above `max_pixels` (the setting ingest.max_image_pixels, at most PIXEL_LIMIT).

    Large JPEGs come back reduced (draft mode) unless `exact`; `im.info["original_size"]` keeps the
    true size. With `grey`, colour JPEGs are decoded straight to their luma channel (mode "L"),
    which skips the colour conversion: JPEG's Y is the luminance PDQ hashes."""
    if not data:
        raise _refused(QT_TRANSLATE_NOOP("ItemReason", "empty file: zero bytes, not an image"))
    try:
        im = Image.open(io.BytesIO(data))
        w, h = im.size
        limit = min(max_pixels, PIXEL_LIMIT)
        if w * h > limit:
            raise _refused(QT_TRANSLATE_NOOP("ItemReason", "decompression bomb refused: {w}x{h} = {pixels} pixels "
                                                           "exceeds the limit of {limit} (the setting "
                                                           "ingest.max_image_pixels)"),
                           w=w, h=h, pixels=f"{w * h:,}", limit=f"{limit:,}")
        if w < 1 or h < 1:
            raise _refused(QT_TRANSLATE_NOOP("ItemReason", "image has no pixels ({w}x{h})"), w=w, h=h)
        im.info["original_size"] = (w, h)
        if not exact and im.format == "JPEG":
            size = None
            if w * h > DRAFT_ABOVE_PIXELS and min(w, h) // DRAFT_MIN_SIDE >= 2:
                scale = min(w, h) // DRAFT_MIN_SIDE
                size = (max(1, w // scale), max(1, h // scale))
            if size or grey:
                im.draft("L" if grey else "RGB", size)
        im.load()
    except InputRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        m = _PIL_BOMB.match(str(e))
        if m is not None:  # Pillow's own check, at twice its limit: its sentence, said in the window's language
            raise _refused(QT_TRANSLATE_NOOP("ItemReason", "decompression bomb refused: Image size ({pixels} pixels) "
                                                           "exceeds limit of {limit} pixels, could be decompression "
                                                           "bomb DOS attack."), **m.groupdict()) from e
        raise _refused(QT_TRANSLATE_NOOP("ItemReason", "decompression bomb refused: {why}"), why=str(e)) from e
    except Image.UnidentifiedImageError as e:
        raise _refused(QT_TRANSLATE_NOOP("ItemReason", "not a decodable image (unknown or corrupt format)")) from e
    except (OSError, SyntaxError, ValueError, struct.error, EOFError, IndexError) as e:
        reason = str(e) or type(e).__name__
        if "truncated" in reason or isinstance(e, EOFError):
            m = _PIL_TRUNCATED.match(reason)
            if m is not None and m.group("n") is not None:
                raise _refused(QT_TRANSLATE_NOOP("ItemReason", "truncated image: image file is truncated ({n} bytes "
                                                               "not processed)"), n=m.group("n")) from e
            if m is not None:
                raise _refused(QT_TRANSLATE_NOOP("ItemReason", "truncated image: image file is truncated")) from e
            raise _refused(QT_TRANSLATE_NOOP("ItemReason", "truncated image: {why}"), why=reason) from e
        raise _refused(QT_TRANSLATE_NOOP("ItemReason", "undecodable image: {why}"), why=reason) from e
    return im


# Pillow's English for a decompression bomb and a truncated file (PIL/Image.py, PIL/ImageFile.py).
_PIL_BOMB = re.compile(r"^Image size \((?P<pixels>\d+) pixels\) exceeds limit of (?P<limit>\d+) pixels, could be "
                       r"decompression bomb DOS attack\.$")
_PIL_TRUNCATED = re.compile(r"^image file is truncated(?: \((?P<n>\d+) bytes not processed\))?$")


def _refused(source: str, **args: object) -> InputRefused:
    """An image refused, its reason a message (core/item_reasons.py) that the items table keeps."""
    said = item_said(source, **args)
    exc = InputRefused(str(said))
    exc.said = said  # type: ignore[attr-defined]
    return exc


def _eight_bit(im: Image.Image) -> Image.Image:
    """16-bit and float modes scaled to 8 bits (convert() would clip them); others as they are."""
    if im.mode in ("I", "F") or im.mode.startswith("I;16"):
        a = np.asarray(im, dtype=np.float64)
        lo, hi = float(a.min()), float(a.max())
        a = np.zeros_like(a) if hi <= lo else (a - lo) * (255.0 / (hi - lo))
        return Image.fromarray(a.astype(np.uint8))
    return im


def to_rgb_array(im: Image.Image) -> np.ndarray:
    """RGB uint8 array, as Meta's reference procedure feeds PDQ (alpha dropped, palettes expanded)."""
    return np.asarray(_eight_bit(im).convert("RGB"))


def to_grey_image(im: Image.Image) -> Image.Image:
    """The image's 8-bit luminance (mode "L"; ITU-R 601 weights, the ones PDQ uses)."""
    im = _eight_bit(im)
    if im.mode == "L":
        return im
    if im.mode not in ("RGB", "RGBA", "RGBX", "P", "LA", "1", "CMYK", "YCbCr"):
        im = im.convert("RGB")
    return im.convert("L")


def pdq_dihedral(rgb: np.ndarray) -> tuple[tuple[bytes, ...], int]:
    """The eight dihedral PDQ hashes (packed, 32 bytes each) of an RGB array, and its quality:
    `pdqhash.compute_dihedral`'s result bit for bit."""
    return pdq.dihedral_from_rgb(rgb)


def central_crop(a: np.ndarray, fraction: float) -> np.ndarray:
    h, w = a.shape[:2]
    dy, dx = int(round(h * fraction)), int(round(w * fraction))
    if h - 2 * dy < 8 or w - 2 * dx < 8:
        return a
    return a[dy : h - dy, dx : w - dx]


def make_thumbnail(im: Image.Image, side: int = THUMB_SIDE) -> Image.Image:
    g = im if im.mode == "L" else im.convert("L")
    if max(g.size) > side:
        g = g.copy()
        g.thumbnail((side, side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return g


def image_fingerprint(
    data: bytes, *, exact: bool = False, max_pixels: int = PIXEL_LIMIT, local: str | None = "item"
) -> ImageFingerprint:
    """Fingerprint image bytes; raises `InputRefused` for anything that is not a sound image.

    With `exact`, images are decoded in full and in colour, so the PDQ is Meta's reference hash bit
    for bit. Otherwise JPEGs are decoded straight to luma, and those above DRAFT_ABOVE_PIXELS at a
    reduced DCT scale (an 8x8 block average: several times less work; PDQ works on a 64x64
    reduction anyway, so the hash moves by a few bits at most, well inside what matching
    tolerates). Ingest and queries both use the default, so they agree. `local` says which local
    features to compute from the same decoded luma (`local.py`): "item" (what ingest stores),
    "work" (a claimed work: more keypoints, two scales) or None."""
    im = open_image(data, exact=exact, grey=not exact, max_pixels=max_pixels)
    try:
        width, height = im.info.get("original_size", im.size)
        if exact:
            rgb = to_rgb_array(im)
            full, quality = pdq.dihedral_from_rgb(rgb)
            grey = Image.fromarray(rgb).convert("L")
        else:
            grey = to_grey_image(im)
            luma = np.asarray(grey, dtype=np.float32)
            if im.size != (width, height):  # decoded at a reduced scale: see DRAFT_PREFILTER
                luma = cv2.blur(luma, (DRAFT_PREFILTER, DRAFT_PREFILTER))
            full, quality = pdq.dihedral_from_luma(luma)
        reduced = grey
        if max(reduced.size) > REDUCED_SIDE:
            factor = -(-max(reduced.size) // REDUCED_SIDE)
            reduced = reduced.reduce(factor)
        small = np.asarray(reduced, dtype=np.float32)
        regions = [full] + [pdq.dihedral_from_luma(central_crop(small, f))[0] for f in CROP_FRACTIONS]
        thumb_im = make_thumbnail(reduced)
        buf = io.BytesIO()
        thumb_im.save(buf, "JPEG", quality=THUMB_QUALITY)
        code = coarse_code(np.asarray(thumb_im))
        if local not in ("item", "work", None):
            raise ValueError(f"local must be 'item', 'work' or None, not {local!r}")
        feats = None if local is None else (extract if local == "item" else extract_work)(np.asarray(grey))
    finally:
        im.close()
    return ImageFingerprint(width, height, quality, tuple(regions), code, buf.getvalue(), feats)


def hamming(a: bytes, b: bytes) -> int:
    """Bits that differ between two equal-length hashes."""
    return int(np.bitwise_count(np.frombuffer(a, np.uint8) ^ np.frombuffer(b, np.uint8)).sum())
