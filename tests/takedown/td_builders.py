"""Builders for takedown tests: real photos, tar shards, workspaces."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from PIL import Image, ImageEnhance, ImageOps

from ledger_app.services import Services
from ledger_app.services.workspace import Workspace

PASS = "takedown-test-pass"


def jpeg(im: Image.Image, quality: int = 88) -> bytes:
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def tar_add(tf: tarfile.TarFile, name: str, data: bytes) -> None:
    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    ti.mtime = 1_700_000_000
    tf.addfile(ti, io.BytesIO(data))


def make_services(path: Path, user: str | None = None) -> Services:
    ws = Workspace(path)
    s = Services(ws, passphrase=lambda confirm: PASS)
    if user:
        ws.settings.set("user.name", user)
    return s


def write_photo_shard(root: Path, photos: list[Path], *, name: str = "shard-000.tar") -> dict[str, str]:
    """Every photo once (with metadata), plus altered copies of photos[0]; returns key -> what it is."""
    root.mkdir(parents=True, exist_ok=True)
    what = {}
    with tarfile.open(root / name, "w", format=tarfile.USTAR_FORMAT) as tf:
        for i, p in enumerate(photos):
            key = f"{i:04d}"
            tar_add(tf, f"{key}.jpg", jpeg(Image.open(p)))
            tar_add(tf, f"{key}.json", json.dumps({"url": f"https://photos.example/u/{'alice' if i == 1 else 'bob'}/{i}",
                                                  "account": "alice" if i == 1 else "bob"}).encode())
            tar_add(tf, f"{key}.txt", f"caption {i}".encode())
            what[key] = f"photo {i}"
        im = Image.open(photos[0])
        w, h = im.size
        variants = {
            "0100": im.resize((w // 2, h // 2)),
            "0101": ImageOps.mirror(im),
            "0102": ImageOps.grayscale(im),
            "0103": im.crop((int(w * 0.08), int(h * 0.08), int(w * 0.92), int(h * 0.92))),
            "0104": ImageEnhance.Brightness(im).enhance(1.3),
        }
        for key, v in variants.items():
            tar_add(tf, f"{key}.jpg", jpeg(v, 75))
            tar_add(tf, f"{key}.json", json.dumps({"url": f"https://mirror.example/{key}.jpg", "account": "carol"}).encode())
            what[key] = "copy of photo 0"
    return what
