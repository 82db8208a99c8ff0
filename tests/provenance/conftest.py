"""Fixtures for the C2PA tests: the real assets in tests/fixtures/c2pa, a throwaway CA, small JPEGs."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from ledger_app.provenance.testsign import DemoCA, make_demo_ca

# What a corpus adapter would sniff for each fixture (never the name: the tests pass the type).
FIXTURE_MEDIA_TYPES = {
    ".jpg": "image/jpeg",
    ".dng": "image/x-adobe-dng",
    ".tif": "image/tiff",
    ".mp4": "video/mp4",
    ".pdf": "application/pdf",
    ".wav": "audio/wav",
}


@pytest.fixture(scope="session")
def media_type_of() -> Callable[[Path], str]:
    return lambda path: FIXTURE_MEDIA_TYPES[Path(path).suffix.lower()]


@pytest.fixture(scope="session")
def c2pa_fixtures(data_dir: Path) -> Path:
    return data_dir / "fixtures" / "c2pa"


@pytest.fixture(scope="session")
def expected(c2pa_fixtures: Path) -> dict[str, dict]:
    return json.loads((c2pa_fixtures / "expected.json").read_text())


@pytest.fixture(scope="session")
def demo_ca() -> DemoCA:
    return make_demo_ca("Ledger Test CA")


@pytest.fixture(scope="session")
def other_ca() -> DemoCA:
    return make_demo_ca("Unrelated CA")


@pytest.fixture(scope="session")
def make_jpeg() -> Callable[..., bytes]:
    def make(width: int = 96, height: int = 64, seed: int = 0) -> bytes:
        img = Image.new("RGB", (width, height))
        img.putdata(
            [
                ((x * 7 + seed) % 256, (y * 5 + seed * 3) % 256, (x ^ y) % 256)
                for y in range(height)
                for x in range(width)
            ]
        )
        out = io.BytesIO()
        img.save(out, "JPEG", quality=90)
        return out.getvalue()

    return make
