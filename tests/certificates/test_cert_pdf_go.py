"""PDF renderings (English and Simplified Chinese, page 1 rendered with poppler where installed) and
the certificate's tlog-proof judged by Go's golang.org/x/mod/sumdb (where Go is installed)."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ledger_app.certificates.pdf import qr_code, qr_payload, render_certificate_pdf, render_report_pdf
from ledger_app.certificates.pdfkit import qr_drawing
from ledger_app.core.errors import UserError

GO_SRC = Path(__file__).resolve().parents[1] / "ledger" / "go"
GOPATH = Path(os.environ.get("LEDGER_GO_GOPATH", "/usr/share/gocode"))


def _check_pdf(path: Path, pages_at_least: int) -> bytes:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 5000
    count = int(re.search(rb"/Count (\d+)", data).group(1))
    assert count >= pages_at_least
    return data


def _render(pdf: Path, out: Path) -> Path:
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed: the PDF structure was checked, page 1 not rendered")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(out)], check=True, timeout=60)
    png = next(out.parent.glob(out.name + "*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    return png


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_certificate_pdf(issued, cert, tmp_path, language):
    # Sixty removed items with long IDs: the table must continue over several pages.
    many = []
    for k in range(60):
        it = dict(cert["removed_items"][k % 3])
        it["item_id"] = f"photohost/shard-{k:05d}.tar#a_very_long_identifier_without_any_spaces_{k:04d}_{'x' * 30}"
        many.append(it)
    big = {**cert, "removed_items": many}
    pdf = render_certificate_pdf(big, tmp_path / f"c-{language}.pdf", language=language, organisation="Example Legal Team")
    data = _check_pdf(pdf, pages_at_least=3)
    if language == "zh_CN":
        assert b"STSong-Light" in data
    small = render_certificate_pdf(cert, tmp_path / f"small-{language}.pdf", language=language)
    _check_pdf(small, pages_at_least=1)
    _render(pdf, tmp_path / f"page-{language}")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_report_pdf(issued, report, tmp_path, language):
    pdf = render_report_pdf(report, tmp_path / f"r-{language}.pdf", language=language)
    _check_pdf(pdf, pages_at_least=1)
    _render(pdf, tmp_path / f"rpage-{language}")


def test_pdf_refuses_the_wrong_document_or_language(cert, report, tmp_path):
    with pytest.raises(UserError, match="not an issued removal-certificate"):
        render_certificate_pdf(report, tmp_path / "x.pdf")
    with pytest.raises(UserError, match="not an issued inclusion-report"):
        render_report_pdf(cert, tmp_path / "x.pdf")
    with pytest.raises(UserError, match="language"):
        render_certificate_pdf(cert, tmp_path / "x.pdf", language="fr")
    assert not (tmp_path / "x.pdf").exists()


def test_qr_payload_names_hash_and_key(cert):
    text = qr_payload(cert)
    assert f"sha256={cert['document_sha256']}" in text and f"key_id={cert['signature']['key_id']}" in text
    qr = qr_code(text)
    assert qr.version <= 10  # small enough to scan from paper


def _raster(drawing, px_per_pt: int = 4, margin: int = 40):
    """The QR drawing as the PDF paints it (its rectangles, white page around), in grey pixels."""
    import numpy as np
    from reportlab.graphics.shapes import Rect

    w, h = int(drawing.width * px_per_pt), int(drawing.height * px_per_pt)
    img = np.full((h + 2 * margin, w + 2 * margin), 255, np.uint8)
    for shape in drawing.contents:
        assert isinstance(shape, Rect)
        value = 0 if shape.fillColor.rgb() == (0, 0, 0) else 255
        x0, x1 = round(shape.x * px_per_pt), round((shape.x + shape.width) * px_per_pt)
        y1, y0 = h - round(shape.y * px_per_pt), h - round((shape.y + shape.height) * px_per_pt)  # PDF y grows upwards
        img[margin + y0:margin + y1, margin + x0:margin + x1] = value
    return img


def test_the_qr_code_on_the_certificate_reads_back_as_its_payload(cert, report):
    """Decoded by another implementation (OpenCV's QR reader), the code says exactly qr_payload.

    OpenCV's ArUco-based reader: its classic `QRCodeDetector` failed on about one perfectly sharp
    rendering in ten of these (random) payloads at this resolution (~290 dpi), which made the test
    fail at random; the ArUco reader decoded 800 of 800."""
    import cv2

    reader = cv2.QRCodeDetectorAruco()
    for doc in (cert, report):
        text = qr_payload(doc)
        found, _, _ = reader.detectAndDecode(_raster(qr_drawing(text, 85.0)))
        assert found == text
    # The reader is not fooled into agreeing: another payload reads as itself, not as the first.
    other = qr_payload({**cert, "document_sha256": "0" * 64})
    assert reader.detectAndDecode(_raster(qr_drawing(other, 85.0)))[0] == other != qr_payload(cert)


@pytest.fixture(scope="module")
def go_binary(tmp_path_factory):
    go = shutil.which("go")
    if go is None:
        pytest.skip("Go is not installed (apt-get install golang-go golang-golang-x-mod-dev)")
    if not (GOPATH / "src" / "golang.org" / "x" / "mod" / "sumdb" / "tlog").is_dir():
        pytest.skip(f"golang.org/x/mod/sumdb sources not found under {GOPATH} (apt-get install golang-golang-x-mod-dev)")
    out = tmp_path_factory.mktemp("go")
    env = {**os.environ, "GO111MODULE": "off", "GOPATH": str(GOPATH), "GOCACHE": str(out / "cache"), "GOFLAGS": "",
           "GOPROXY": "off", "CGO_ENABLED": "0"}
    build = subprocess.run([go, "build", "-o", str(out / "ledgerinterop"), "."], cwd=GO_SRC, env=env,
                           capture_output=True, text=True, timeout=240)
    assert build.returncode == 0, build.stderr
    return out / "ledgerinterop"


def test_go_sumdb_verifies_the_certificate_and_report_proofs(issued, cert, report, go_binary):
    def b64(hex_hash: str) -> str:
        return base64.b64encode(bytes.fromhex(hex_hash)).decode()

    proofs = [{"text": cert["tlog_proof"], "leaf_hash": b64(cert["entry"]["leaf_hash"])},
              {"text": report["tlog_proof"], "leaf_hash": b64(report["entry"]["leaf_hash"])}]
    proofs += [{"text": p["tlog_proof"], "leaf_hash": b64(p["leaf_hash"])} for p in report["item_proofs"]]
    # The harness can fail: a proof presented for another entry's leaf.
    proofs.append({"text": cert["tlog_proof"], "leaf_hash": b64(issued.cert2["entry"]["leaf_hash"])})
    checkpoint = cert["tlog_proof"].split("\n\n", 1)[1]
    proc = subprocess.run([str(go_binary)], input=json.dumps({"vkey": issued.vkey, "checkpoint": checkpoint,
                                                               "tlog_proofs": proofs}),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    ans = json.loads(proc.stdout)
    assert ans["checkpoint"]["ok"] is True and ans["checkpoint"]["origin"] == "example.com/cert-test"
    assert [r["ok"] for r in ans["tlog_proofs"]] == [True] * (len(proofs) - 1) + [False]
