"""The README a newcomer reads: two-command quick start, a screenshot that exists, links that resolve,
and CLI examples that name real commands."""

from __future__ import annotations

import argparse
import re
import struct

from ledger_app.cli.main import build_parser
from tests.packaging.conftest import REPO

README = (REPO / "README.md").read_text("utf-8")


def test_quick_start_is_two_commands():
    section = README.split("## Quick start", 1)[1].split("##", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]


def test_relative_links_and_images_resolve():
    targets = re.findall(r"\]\(([^)#\s]+)\)", README)
    local = [t for t in targets if "://" not in t]
    assert "docs/images/main-window.png" in local and "packaging/README.md" in local
    generated = {"BENCHMARKS.md"}  # written by `make bench`
    missing = [t for t in local if t not in generated and not (REPO / t).exists()]
    assert not missing


def test_screenshot_is_a_main_window_grab():
    png = (REPO / "docs" / "images" / "main-window.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    # python -m ledger_app.ui.screenshots grabs the window at this size.
    assert (width, height) == (1200, 780)


def test_cli_examples_name_real_commands():
    parser = build_parser()
    top = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    block = README.split("## The CLI at a glance", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    used = re.findall(r"^ledger ([a-z-]+)(?: ([a-z-]+))?", block, flags=re.M)
    assert len(used) > 20
    for command, sub in used:
        assert command in top, command
        subs = [a for a in top[command]._actions if isinstance(a, argparse._SubParsersAction)]
        if subs and sub:
            assert sub in subs[0].choices, f"ledger {command} {sub}"
