"""`make screenshots` runs: the script builds the demo, walks every screen in the three looks and writes
each PNG it names (it broke silently once, when item records became typed: nothing ran it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ledger_app.ui.mainwindow import SCREENS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_screenshot_script_writes_every_screen_in_every_look(tmp_path):
    out = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    res = subprocess.run([sys.executable, "-m", "ledger_app.ui.screenshots", str(out)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    listed = [Path(line) for line in res.stdout.split()]
    assert listed and all(p.exists() for p in listed)
    names = {p.name for p in out.glob("*.png")}
    assert names == {p.name for p in listed}
    for screen in SCREENS:
        assert f"{screen}.png" in names
    for shot in ("takedowns-case", "takedowns-queue-filters", "takedowns-review-numbers", "counter-notice", "gdpr"):
        assert {f"{shot}.png", f"{shot}-dark.png", f"{shot}-zh_CN.png"} <= names, shot
    for p in out.glob("*.png"):
        head = p.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n", p.name
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        assert width >= 200 and height >= 100, (p.name, width, height)
