"""The launcher icon: one SVG source (packaging/linux/provenance-ledger.svg), PNGs generated from it by
packaging/linux/make_icons.py at packaging time and never committed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.packaging.conftest import LINUX, REPO


def make_icons():
    spec = importlib.util.spec_from_file_location("make_icons", LINUX / "make_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_source_is_a_square_svg():
    mi = make_icons()
    root = ET.parse(mi.SOURCE).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, w, h = (float(v) for v in root.get("viewBox").split())
    assert w == h


def test_every_size_is_rendered_from_the_source(tmp_path):
    mi = make_icons()
    assert mi.SIZES[0] == 16 and mi.SIZES[-1] == 512
    # In a child process: make_icons creates a QGuiApplication, which must not become this test
    # session's application (widget tests need a QApplication).
    out = subprocess.run(
        [sys.executable, str(LINUX / "make_icons.py"), str(tmp_path / "hicolor")],
        capture_output=True, text=True, check=True,
    ).stdout
    written = [Path(line) for line in out.splitlines()]
    assert (tmp_path / "hicolor/scalable/apps/provenance-ledger.svg").read_bytes() == mi.SOURCE.read_bytes()
    for size in mi.SIZES:
        png = tmp_path / f"hicolor/{size}x{size}/apps/{mi.ICON_NAME}.png"
        assert png in written
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size)
        centre = image.pixelColor(size // 2, size // 2)
        corner = image.pixelColor(0, 0)
        assert centre.alpha() == 255 and corner.alpha() < 64  # drawn, on a transparent background


def test_icon_name_is_the_one_the_desktop_files_use():
    mi = make_icons()
    assert f"Icon={mi.ICON_NAME}\n" in (LINUX / "provenance-ledger.desktop").read_text("utf-8")
    assert f">{mi.ICON_NAME}</icon>" in (LINUX / "org.example.ProvenanceLedger.metainfo.xml").read_text("utf-8")


def test_no_generated_png_is_committed():
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "packaging"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [p for p in tracked if p.endswith(".png")]
