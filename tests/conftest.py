"""Test-wide settings: Qt offscreen, the in-repository fixtures and vectors, a throwaway passphrase."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
# Test data lives in the repository: tests/fixtures (real C2PA assets, Meta's PDQ photos) and
# tests/vectors (RFC 6962 / C2SP vectors); tests/fixtures/README.md says where each came from.
DATA = REPO / "tests"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder holding ``fixtures/`` and ``vectors/``."""
    for sub in ("fixtures", "vectors"):
        if not (DATA / sub).is_dir():
            pytest.fail(f"test data missing: {DATA / sub} is not in this checkout")
    return DATA
