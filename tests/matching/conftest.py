"""Shared helpers for the matching tests: fixture paths and image encoders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def pdq_dir(data_dir: Path) -> Path:
    return data_dir / "fixtures" / "pdq"


@pytest.fixture(scope="session")
def published_pdq(data_dir: Path) -> dict[str, str]:
    """Meta's published hashes, read from the fixtures README (path relative to bridge-mods/)."""
    text = (data_dir / "fixtures" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\|\s*(\S+\.(?:jpg|png))\s*\|\s*([0-9a-f]{64})\s*\|", text, re.MULTILINE)
    assert len(rows) >= 14, "the fixtures README no longer lists the published PDQ hashes"
    return dict(rows)
