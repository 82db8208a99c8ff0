"""Small helpers shared by the matching tests."""

from __future__ import annotations

import io

from PIL import Image


def jpeg_bytes(im: Image.Image, quality: int = 90) -> bytes:
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "JPEG", quality=quality)
    return buf.getvalue()
