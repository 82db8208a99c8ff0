"""Each ingest setting on the Settings screen changes what ingest does (C2PA quarantine switches,
worker processes, the largest image decoded)."""

from __future__ import annotations

import io
import tarfile

import numpy as np
import pytest
from PIL import Image

from ledger_app.provenance.testsign import make_demo_ca, sign_jpeg
from ledger_app.services import Services
from ledger_app.services.workspace import Workspace

PASS = "ingest-settings-pass"


def jpeg(seed: int, size=(320, 240)) -> bytes:
    rng = np.random.default_rng(seed)
    im = Image.fromarray(rng.integers(0, 255, (6, 8, 3), dtype=np.uint8)).resize(size, Image.Resampling.BICUBIC)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    return buf.getvalue()


@pytest.fixture()
def services(tmp_path) -> Services:
    s = Services(Workspace(tmp_path / "ws"), passphrase=lambda c: PASS)
    s.ledger.init("example.com/ingest-settings")
    return s


def ingest_folder(s: Services, root, name: str, files: dict[str, bytes], **kw):
    folder = root / name
    folder.mkdir()
    for fname, data in files.items():
        (folder / fname).write_bytes(data)
    s.corpus.add_corpus(name, folder)
    rep = s.corpus.ingest(name, **kw)
    return rep, {r.id.split(":", 1)[1]: (r.status, r.status_reason) for r in s.corpus.items(corpus=name)}


def test_c2pa_quarantine_switches(services, tmp_path, data_dir):
    invalid = (data_dir / "fixtures" / "c2pa" / "XCA.jpg").read_bytes()
    signed = sign_jpeg(jpeg(1), make_demo_ca("Settings Test CA"), title="broken")
    app11 = signed.find(b"\xff\xeb")
    broken = bytearray(signed)
    broken[app11 + 22] ^= 0xFF  # the JUMBF box length: the manifest cannot be read
    files = {"invalid.jpg": invalid, "unreadable.jpg": bytes(broken)}
    _, st = ingest_folder(services, tmp_path, "on", files, workers=1)
    assert st["invalid.jpg"][0] == "quarantined" and "Invalid" in st["invalid.jpg"][1]
    assert st["unreadable.jpg"][0] == "quarantined"
    services.ws.settings.set("c2pa.quarantine_invalid", False)
    _, st = ingest_folder(services, tmp_path, "invalid-off", files, workers=1)
    assert st["invalid.jpg"][0] == "admitted" and st["unreadable.jpg"][0] == "quarantined"
    services.ws.settings.set("c2pa.quarantine_unreadable", False)
    _, st = ingest_folder(services, tmp_path, "both-off", files, workers=1)
    assert st["invalid.jpg"][0] == "admitted" and st["unreadable.jpg"][0] == "admitted"


def test_worker_processes_setting(services, tmp_path):
    services.ws.settings.set("ingest.workers", 1)
    shards = {f"{i}.jpg": jpeg(i) for i in range(4)}
    rep, _ = ingest_folder(services, tmp_path, "one", shards)
    assert rep.workers == 1
    root = tmp_path / "tars"
    root.mkdir()
    for k in range(2):  # two shards: two work units, so two processes can share them
        with tarfile.open(root / f"shard-{k}.tar", "w") as tf:
            for i in range(2):
                data = jpeg(10 + 2 * k + i)
                ti = tarfile.TarInfo(f"{i:04d}.jpg")
                ti.size = len(data)
                tf.addfile(ti, io.BytesIO(data))
    services.ws.settings.set("ingest.workers", 2)
    services.corpus.add_corpus("two", root)
    rep = services.corpus.ingest("two")
    assert rep.workers == 2 and rep.items_new == 4


def test_largest_image_setting_refuses_bigger_images(services, tmp_path):
    files = {"small.jpg": jpeg(1, (200, 100)), "large.jpg": jpeg(2, (400, 300))}
    _, st = ingest_folder(services, tmp_path, "default", files, workers=1)
    assert st["large.jpg"][0] == "admitted"
    services.ws.settings.set("ingest.max_image_pixels", 100_000)
    _, st = ingest_folder(services, tmp_path, "lowered", files, workers=1)
    assert st["small.jpg"][0] == "admitted"
    assert st["large.jpg"][0] == "refused"
    assert "120,000 pixels exceeds the limit of 100,000" in st["large.jpg"][1]
    assert "ingest.max_image_pixels" in st["large.jpg"][1]
