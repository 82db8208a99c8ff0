"""Fixtures for takedown tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from td_builders import make_services

from ledger_app.services import Services


@pytest.fixture()
def services(tmp_path) -> Services:
    s = make_services(tmp_path / "ws")
    s.ledger.init("example.com/takedown-test")
    return s


@pytest.fixture(scope="session")
def photos(data_dir) -> list[Path]:
    """Real photos with detail (PDQ quality 100)."""
    names = ["q0122.jpg", "q0291.jpg", "q0746.jpg", "q1050.jpg", "q2821.jpg"]
    return [data_dir / "fixtures" / "pdq" / "labelme-subset" / n for n in names] + [
        data_dir / "fixtures" / "pdq" / "bridge-mods" / "aaa-orig.jpg"
    ]


