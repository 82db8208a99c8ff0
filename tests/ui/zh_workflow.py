"""A demo-like workspace for the Chinese-window checks (tests/ui/test_i18n_screens.py): the demo story
(services/demo/story.py, a few photos), then a folder corpus of hostile files and an item whose
response headers reserve AI training ingested, an incomplete DMCA notice kept as a draft, and the
GDPR requester erased."""

from __future__ import annotations

import json
import os
import struct
import zlib
from pathlib import Path

from ledger_app.takedown.requests import DmcaElements


def png(width: int, height: int, pixels: bytes | None = None) -> bytes:
    """A PNG of `width` x `height` grey pixels (`pixels` rows given, else a tiny valid body)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    body = pixels if pixels is not None else b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(width))
                                                      for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(body)) + chunk(b"IEND", b""))


def build_hostile_folder(root: Path) -> dict[str, str]:
    """Files a hostile or broken corpus holds, each refused with a reason, and one reserved item."""
    root.mkdir(parents=True)
    (root / "empty.png").write_bytes(b"")
    (root / "bomb.png").write_bytes(png(60000, 60000, pixels=b"\x00"))  # 3.6 billion pixels declared
    (root / "broken.png").write_bytes(png(40, 40)[:60])  # cut off inside its data
    (root / "notes.txt").write_bytes(b"caf\xe9 au lait")  # Latin-1, not UTF-8
    os.symlink("/etc/passwd", root / "passwd.jpg")  # a link out of the corpus
    fd = os.open(os.fsencode(str(root)) + b"/bad-\xff-name.png", os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, png(32, 32))
    os.close(fd)
    (root / "sidecar.png").write_bytes(png(48, 48))
    (root / "sidecar.png.json").write_text("{not json")
    (root / "reserved.png").write_bytes(png(64, 64))
    (root / "reserved.png.json").write_text(json.dumps({
        "source_url": "https://pics.example/a/reserved.png", "fetched_at": "2026-11-30T10:00:00Z",
        "headers": {"X-Robots-Tag": "noai", "Content-Type": "image/png"}}))
    return {"reserved": "hostile:reserved.png", "bomb": "hostile:bomb.png", "link": "hostile:passwd.jpg"}


def build_zh_workspace(directory: Path, photos: int = 8) -> dict:
    from ledger_app.services import Services
    from ledger_app.services.demo.story import DEMO_PASSPHRASE, run_story
    from ledger_app.services.workspace import Workspace

    demo = run_story(directory / "demo", log=lambda m: None, photos=photos)
    svc = Services(Workspace(Path(demo.workspace)), passphrase=lambda confirm: DEMO_PASSPHRASE)
    ids = build_hostile_folder(directory / "hostile")
    svc.corpus.add_corpus("hostile", directory / "hostile", fmt="folder")
    svc.corpus.ingest("hostile", workers=1)
    td = svc.takedown
    kept = td.new_request(type="dmca", requester="Ada Example", requester_kind="individual", email="ada@example.org",
                          works=[], dmca=DmcaElements(signature="/Ada/", good_faith=True), draft=True)
    gdpr = next(r.id for r in svc.cases.queue() if r.type == "gdpr")
    erased = svc.ledger.erase(request=gdpr, reason="GDPR Art. 17 request of 2026-12-01")
    svc.ws.dispose()
    return {"workspace": demo.workspace, "draft": kept.draft, "gdpr": gdpr, "erased": erased.to_json(), **ids,
            "passphrase": DEMO_PASSPHRASE}
