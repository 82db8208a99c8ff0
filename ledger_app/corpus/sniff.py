"""Media type from content bytes alone: magic numbers, never the file name.

A name lies as easily as it is typed (`photo.png` holding a JPEG, `.xyz.jpg`), so every media type
the ledger records comes from here. Only the first few hundred bytes are examined, except for the
final text check, which needs the whole buffer to be valid UTF-8.
"""

from __future__ import annotations

import struct

OCTET = "application/octet-stream"

_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}
_HEIF_BRANDS = {b"mif1", b"msf1", b"heif"}
_AVIF_BRANDS = {b"avif", b"avis"}
_AUDIO_MP4_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
_QT_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
_DNG_VERSION_TAG = 50706


def sniff_media_type(data: bytes) -> str:
    """The IANA media type that `data` starts like; `text/plain` for NUL-free valid UTF-8."""
    head = bytes(data[:64])
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"RIFF") and len(head) >= 12:
        kind = head[8:12]
        if kind == b"WEBP":
            return "image/webp"
        if kind == b"WAVE":
            return "audio/wav"
        if kind == b"AVI ":
            return "video/x-msvideo"
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        return "image/x-adobe-dng" if _tiff_is_dng(data) else "image/tiff"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return _ftyp_type(data)
    if len(head) >= 8 and head[4:8] in _QT_ATOMS and struct.unpack(">I", head[:4])[0] >= 8:
        return "video/quicktime"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"ID3") or _mpeg_audio_frame(head):
        return "audio/mpeg"
    if head.startswith(b"fLaC"):
        return "audio/flac"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    if head.startswith(b"BM") and len(head) >= 14 and head[6:10] == b"\x00\x00\x00\x00":
        return "image/bmp"
    if head.startswith((b"\xff\x0a", b"\x00\x00\x00\x0cJXL \r\n\x87\n")):
        return "image/jxl"
    if data and b"\x00" not in data:
        try:
            bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            return OCTET
        return "text/plain"
    return OCTET


def _ftyp_type(data: bytes) -> str:
    size = struct.unpack(">I", data[:4])[0]
    major = bytes(data[8:12])
    end = min(max(size, 16), len(data), 4096)
    compatible = {bytes(data[i:i + 4]) for i in range(16, end - 3, 4)}
    brands = {major} | compatible
    if major in _AVIF_BRANDS or (major in _HEIF_BRANDS and brands & _AVIF_BRANDS):
        return "image/avif"
    if major in _HEIC_BRANDS or (major in _HEIF_BRANDS and brands & _HEIC_BRANDS):
        return "image/heic"
    if major in _HEIF_BRANDS:
        return "image/heif"
    if major == b"qt  ":
        return "video/quicktime"
    if major in _AUDIO_MP4_BRANDS:
        return "audio/mp4"
    if major == b"crx ":
        return "image/x-canon-cr3"
    return "video/mp4"


def _mpeg_audio_frame(head: bytes) -> bool:
    """An MPEG audio frame header: 11 sync bits, a defined version and a layer (not AAC's 00)."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version = (head[1] >> 3) & 3
    layer = (head[1] >> 1) & 3
    bitrate = head[2] >> 4
    rate = (head[2] >> 2) & 3
    return version != 1 and layer != 0 and bitrate not in (0, 15) and rate != 3


def _tiff_is_dng(data: bytes) -> bool:
    """Whether the first IFD of a TIFF carries the DNGVersion tag (50706)."""
    try:
        order = "<" if data[:2] == b"II" else ">"
        if data[2:4] in (b"+\x00", b"\x00+"):  # BigTIFF
            (ifd,) = struct.unpack(order + "Q", data[8:16])
            (count,) = struct.unpack(order + "Q", data[ifd:ifd + 8])
            first, entry = ifd + 8, 20
        else:
            (ifd,) = struct.unpack(order + "I", data[4:8])
            (count,) = struct.unpack(order + "H", data[ifd:ifd + 2])
            first, entry = ifd + 2, 12
        for i in range(min(count, 1024)):
            pos = first + i * entry
            (tag,) = struct.unpack(order + "H", data[pos:pos + 2])
            if tag == _DNG_VERSION_TAG:
                return True
    except struct.error:
        return False
    return False
