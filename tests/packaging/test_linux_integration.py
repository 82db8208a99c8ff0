"""The .desktop file and AppStream metainfo: validated by the freedesktop tools where installed
(desktop-file-utils, appstream), and always checked for the fields that tie them to the bundle."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET

import pytest

from ledger_app import __version__
from tests.packaging.conftest import LINUX, REPO

DESKTOP = LINUX / "provenance-ledger.desktop"
METAINFO = LINUX / "org.example.ProvenanceLedger.metainfo.xml"
ICON_NAME = "provenance-ledger"  # packaging/linux/make_icons.py ICON_NAME; test_icons checks it
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text("utf-8"))
    return parser["Desktop Entry"]


def test_desktop_file_fields():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Provenance Ledger"
    assert entry["Exec"].split()[0] in PYPROJECT["project"]["gui-scripts"]
    assert entry["Icon"] == ICON_NAME
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validates():
    proc = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0 and "error" not in proc.stdout, proc.stdout + proc.stderr


def test_metainfo_structure():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == METAINFO.name.removesuffix(".metainfo.xml")
    for tag in ("name", "summary", "metadata_license", "project_license", "description"):
        assert root.find(tag) is not None, tag
    assert root.findtext("project_license") == PYPROJECT["project"]["license"]["text"]
    assert root.find("description/p") is not None
    launchable = root.find("launchable")
    assert launchable.get("type") == "desktop-id" and launchable.text == DESKTOP.name
    icon = root.find("icon")
    assert icon.get("type") == "stock" and icon.text == ICON_NAME
    assert root.find("content_rating") is not None
    binaries = {b.text for b in root.findall("provides/binary")}
    assert binaries == {"ledger", "ledger-app"}


def test_metainfo_names_the_current_release():
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases and releases[0].get("version") == __version__, "add a <release> for the new version"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream (appstreamcli) not installed")
def test_metainfo_validates():
    proc = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
