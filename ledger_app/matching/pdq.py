"""PDQ hashes of a luminance array, straight from the `pdqhash` package's compiled code.

`pdqhash.compute_dihedral` takes an RGB array, converts it to luminance in float64 with numpy and
turns each of its eight 256-bit results into a Python list of 256 ints. On the small images ingest
hashes (a few hundred pixels a side) that wrapping costs more than the hash itself. The compiled
module exports Meta's C++ entry point `pdqDihedralHash256esFromFloatLuma`, so this module calls it
directly through ctypes with a float32 luminance buffer and packs the sixteen 16-bit words of each
hash itself. The result is the same hash bit for bit (tests compare the two paths on many images,
and Meta's published hashes go through this path).

If the symbol is not there (a different build of pdqhash, a platform that does not export C++
symbols), the package's own Python API is used instead: slower, and the same hashes for RGB input
and for 8-bit luminance (a fractional luminance is rounded to 8 bits on that path).
"""

from __future__ import annotations

import ctypes
import threading

import numpy as np
import pdqhash

# facebook::pdq::hashing::pdqDihedralHash256esFromFloatLuma(float*, float*, int, int, float(*)[64],
#   float(*)[64], float(*)[16], float(*)[16], Hash256* x 8, int&)  -- Itanium C++ ABI mangling.
_SYMBOL = (
    "_ZN8facebook3pdq7hashing33pdqDihedralHash256esFromFloatLumaEPfS2_iiPA64_fS4_PA16_fS6_"
    "PNS1_7Hash256ES8_S8_S8_S8_S8_S8_S8_Ri"
)
_P = ctypes.c_void_p


def _load():  # a ctypes function or None
    try:
        lib = ctypes.CDLL(pdqhash.bindings.__file__)
        fn = getattr(lib, _SYMBOL)
    except (OSError, AttributeError):
        return None
    fn.restype = None
    fn.argtypes = [_P, _P, ctypes.c_int, ctypes.c_int, _P, _P, _P, _P] + [_P] * 8 + [_P]
    return fn


_NATIVE = _load()
_local = threading.local()


def native_available() -> bool:
    """True when the compiled entry point is used (the fast path)."""
    return _NATIVE is not None


def luma_from_rgb(rgb: np.ndarray) -> np.ndarray:
    """Luminance exactly as pdqhash (and Meta's reference tools) compute it from 8-bit RGB."""
    return (rgb[:, :, 0] * 0.299 + rgb[:, :, 1] * 0.587 + rgb[:, :, 2] * 0.114).astype(np.float32)


def _scratch() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    bufs = getattr(_local, "bufs", None)
    if bufs is None:
        bufs = (
            np.empty((64, 64), np.float32),
            np.empty((16, 64), np.float32),
            np.empty((16, 16), np.float32),
            np.empty((16, 16), np.float32),
            np.empty((8, 16), np.uint16),  # eight Hash256, sixteen 16-bit words each
            np.zeros(1, np.int32),
        )
        _local.bufs = bufs
    return bufs


def _pack(words: np.ndarray) -> bytes:
    """One Hash256 (word i holds bits 16i..16i+15) as 32 bytes, most significant bit first: the
    byte order pdqhash's bit vector packs to and Meta's tools print in hex."""
    return words[::-1].astype(">u2").tobytes()


def dihedral_from_luma(luma: np.ndarray) -> tuple[tuple[bytes, ...], int]:
    """The eight dihedral PDQ hashes (32 bytes each, in pdqhash's order: original, rotate90,
    rotate180, rotate270, flipx, flipy, flipplus1, flipminus1) of a 2-D float32 luminance array
    with values 0-255, and the quality (0-100). The array is not modified."""
    rows, cols = luma.shape
    if _NATIVE is None:
        grey = np.clip(np.rint(luma), 0, 255).astype(np.uint8)
        vectors, quality = pdqhash.compute_dihedral(np.ascontiguousarray(np.repeat(grey[:, :, None], 3, axis=2)))
        return tuple(np.packbits(np.asarray(v, dtype=np.uint8)).tobytes() for v in vectors), int(quality)
    # The C++ code filters in place: it gets its own copy and a second buffer of the same size.
    work = np.array(luma, dtype=np.float32, order="C", copy=True)
    spare = np.empty_like(work)
    b64, b16x64, b16, b16aux, hashes, quality = _scratch()
    h0 = hashes.ctypes.data
    _NATIVE(
        work.ctypes.data, spare.ctypes.data, rows, cols,
        b64.ctypes.data, b16x64.ctypes.data, b16.ctypes.data, b16aux.ctypes.data,
        *(h0 + 32 * k for k in range(8)),
        quality.ctypes.data,
    )  # fmt: skip
    return tuple(_pack(hashes[k]) for k in range(8)), int(quality[0])


def dihedral_from_rgb(rgb: np.ndarray) -> tuple[tuple[bytes, ...], int]:
    """`dihedral_from_luma` of an 8-bit RGB array: the same hashes as `pdqhash.compute_dihedral`."""
    if _NATIVE is None:
        vectors, quality = pdqhash.compute_dihedral(np.ascontiguousarray(rgb))
        return tuple(np.packbits(np.asarray(v, dtype=np.uint8)).tobytes() for v in vectors), int(quality)
    return dihedral_from_luma(luma_from_rgb(rgb))
