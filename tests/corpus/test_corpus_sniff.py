"""Media types come from the bytes: real fixtures of each kind, and synthetic magic numbers."""

from __future__ import annotations

import pytest
from corpus_builders import SHARED

from ledger_app.corpus import sniff_media_type

FIXTURES = {
    "C.jpg": "image/jpeg",
    "file_with_wrong_extension.xyz.jpg": "image/jpeg",
    "C.dng": "image/x-adobe-dng",
    "TUSCANY.TIF": "image/tiff",
    "video1.mp4": "video/mp4",
    "dashinit.mp4": "video/mp4",
    "sample1_signed.wav": "audio/wav",
    "pdf-file.pdf": "application/pdf",
}


@pytest.mark.parametrize(("name", "expected"), sorted(FIXTURES.items()))
def test_real_fixtures(name: str, expected: str) -> None:
    assert sniff_media_type((SHARED / "fixtures" / "c2pa" / name).read_bytes()) == expected


def test_png_fixture() -> None:
    assert sniff_media_type((SHARED / "fixtures" / "pdq" / "misc-images" / "c.png").read_bytes()) == "image/png"


def _ftyp(major: bytes, *compat: bytes) -> bytes:
    body = major + b"\x00\x00\x00\x00" + b"".join(compat)
    return (8 + len(body)).to_bytes(4, "big") + b"ftyp" + body + b"\x00" * 32


@pytest.mark.parametrize(("data", "expected"), [
    (b"GIF89a\x01\x00\x01\x00", "image/gif"),
    (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
    (b"RIFF\x24\x00\x00\x00WAVEfmt ", "audio/wav"),
    (_ftyp(b"heic", b"mif1", b"heic"), "image/heic"),
    (_ftyp(b"mif1", b"mif1", b"heic"), "image/heic"),
    (_ftyp(b"avif", b"mif1", b"avif"), "image/avif"),
    (_ftyp(b"mif1", b"avif", b"mif1"), "image/avif"),
    (_ftyp(b"qt  ", b"qt  "), "video/quicktime"),
    (_ftyp(b"isom", b"isom", b"mp41"), "video/mp4"),
    (_ftyp(b"M4A ", b"isom"), "audio/mp4"),
    (b"ID3\x04\x00\x00\x00\x00\x00\x00", "audio/mpeg"),
    (b"\xff\xfb\x90\x64" + b"\x00" * 20, "audio/mpeg"),
    (b"%PDF-1.7\n", "application/pdf"),
    (b"MM\x00*\x00\x00\x00\x08\x00\x00", "image/tiff"),
    ("Plain text, 中文 and ünïcode.\n".encode(), "text/plain"),
    (b"\xff\xfe\x00\x00garbage", "application/octet-stream"),
    (b"\x00\x01\x02\x03", "application/octet-stream"),
    (b"invalid \xc3\x28 utf8", "application/octet-stream"),
    (b"", "application/octet-stream"),
])
def test_magic_numbers(data: bytes, expected: str) -> None:
    assert sniff_media_type(data) == expected


def test_adts_aac_is_not_mp3() -> None:
    assert sniff_media_type(b"\xff\xf1\x50\x80" + b"\x00" * 20) == "application/octet-stream"
