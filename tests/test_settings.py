"""Workspace settings: typed, ranged, and an upgrade path for values older versions wrote."""

from __future__ import annotations

import json

import pytest

from ledger_app.core.errors import ConfigError
from ledger_app.core.settings import (
    CONFIG_VERSION,
    MAX_IMAGE_PIXELS,
    OPTIONS,
    RETIRED,
    MatchThresholds,
    Settings,
)


def test_values_are_typed_and_ranged(tmp_path):
    s = Settings(tmp_path / "config.json")
    s.set("match.text_min_score", "0.3")
    s.set("match.pdq_max_distance", "40")
    assert MatchThresholds.from_settings(s) == MatchThresholds(0.3, 40)
    for key, bad in [("match.text_min_score", "1.5"), ("match.text_min_score", "0"), ("match.pdq_max_distance", "300"),
                     ("ingest.max_image_pixels", str(MAX_IMAGE_PIXELS + 1)), ("ingest.max_image_pixels", "0"),
                     ("takedown.default_due_days", "0"), ("ingest.workers", "-1"), ("match.pdq_max_distance", "x")]:
        with pytest.raises(ConfigError, match=key):
            s.set(key, bad)
    assert Settings(tmp_path / "config.json").get("match.pdq_max_distance") == 40


def test_settings_an_older_version_wrote_are_upgraded(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({
        "ui.theme": "dark", "ui.language": "zh_CN",  # retired: per-user preferences now
        "ingest.max_image_pixels": 178_956_970,  # the old default, above what is decoded now
        "match.text_min_score": 0.5,  # a value in range is kept as it is
        "match.pdq_max_distance": "many",  # unreadable: the default applies
    }))
    s = Settings(path)
    assert s.get("ingest.max_image_pixels") == MAX_IMAGE_PIXELS
    assert s.get("match.text_min_score") == 0.5
    assert s.get("match.pdq_max_distance") == OPTIONS["match.pdq_max_distance"].default
    assert len(s.upgraded) == 4 and any("ui.theme was removed" in n for n in s.upgraded)
    assert "ui.theme" not in s.as_dict()
    s.set("user.name", "x")  # the next save writes the upgraded values
    stored = json.loads(path.read_text())
    assert "ui.theme" not in stored and stored["ingest.max_image_pixels"] == MAX_IMAGE_PIXELS
    for key in RETIRED:
        with pytest.raises(ConfigError, match="per-user preference"):
            s.set(key, "dark")


# --- config.json is versioned: numbered upgrades like the database's migrations (issue 16) -----------


def test_a_new_file_is_written_at_the_current_version(tmp_path):
    path = tmp_path / "config.json"
    s = Settings(path)
    assert not path.exists() and s.upgraded == [] and s.backup is None  # nothing written on open
    s.set("user.name", "Ada")
    assert json.loads(path.read_text()) == {"version": CONFIG_VERSION, "user.name": "Ada"}
    again = Settings(path)
    assert again.upgraded == [] and again.backup is None and again.get("user.name") == "Ada"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.json"]


def test_an_old_file_is_upgraded_on_open_and_its_original_kept(tmp_path):
    path = tmp_path / "config.json"
    original = json.dumps({"ui.theme": "dark", "takedown.four_eyes": True, "ingest.max_image_pixels": 178_956_970,
                           "someone.elses": "kept"})  # version 1: no "version" key
    path.write_text(original)
    s = Settings(path)
    assert s.backup == tmp_path / "config.json.v1.bak" and s.backup.read_text() == original
    stored = json.loads(path.read_text())  # written at once, not at the next save
    assert stored == {"version": CONFIG_VERSION, "takedown.four_eyes": True,
                      "ingest.max_image_pixels": MAX_IMAGE_PIXELS, "someone.elses": "kept"}
    assert any("ui.theme was removed" in n for n in s.upgraded)
    assert s.get("takedown.four_eyes") is True and "version" not in s.as_dict()
    # Opened again: nothing more to do, and the backup is not touched.
    again = Settings(path)
    assert again.upgraded == [] and again.backup is None and s.backup.read_text() == original
    # A second old file later (restored from a backup, say) never overwrites the first original.
    path.write_text(json.dumps({"ui.language": "zh_CN"}))
    third = Settings(path)
    assert third.backup == tmp_path / "config.json.v1.2.bak" and s.backup.read_text() == original


def test_each_numbered_upgrade_runs_once_in_order(tmp_path, monkeypatch):
    import ledger_app.core.settings as settings_module

    ran = []

    def v3(values):
        ran.append(3)
        values["user.name"] = values.pop("user.fullname", "")
        return ["user.fullname became user.name"]

    monkeypatch.setattr(settings_module, "UPGRADES", {**settings_module.UPGRADES, 3: v3})
    monkeypatch.setattr(settings_module, "CONFIG_VERSION", 3)
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"ui.theme": "dark", "user.fullname": "Ada"}))  # version 1
    s = Settings(path)
    assert ran == [3] and s.get("user.name") == "Ada" and s.upgraded[-1] == "user.fullname became user.name"
    assert json.loads(path.read_text())["version"] == 3 and s.backup.name == "config.json.v1.bak"
    path.write_text(json.dumps({"version": 2, "user.fullname": "Bo"}))  # version 2: only upgrade 3 runs
    s = Settings(path)
    assert ran == [3, 3] and s.get("user.name") == "Bo" and s.backup.name == "config.json.v2.bak"


@pytest.mark.parametrize("version", [CONFIG_VERSION + 1, 0, "2", True, None])
def test_a_file_from_a_newer_version_or_with_a_bad_version_is_refused(tmp_path, version):
    path = tmp_path / "config.json"
    text = json.dumps({"version": version, "user.name": "Ada"})
    path.write_text(text)
    with pytest.raises(ConfigError, match=str(path)) as err:
        Settings(path)
    assert ("newer version" in str(err.value)) == (version == CONFIG_VERSION + 1)
    assert path.read_text() == text and sorted(p.name for p in tmp_path.iterdir()) == ["config.json"]


_OPEN_READ_ONLY = """
import json, sys
from ledger_app.core.settings import Settings
s = Settings(__import__("pathlib").Path(sys.argv[1]))
print(json.dumps({"backup": s.backup and str(s.backup), "user": s.get("user.name"), "upgraded": s.upgraded}))
"""


def test_an_old_file_on_a_read_only_folder_is_upgraded_in_memory(tmp_path):
    """Opened from a folder it cannot write (read-only media, another user's workspace), the old file
    is upgraded in memory and left as it was. Run in a child; as root, one without the capability that
    overrides file permissions (setpriv), so that they bind it as they bind everyone else."""
    import os
    import shutil
    import subprocess
    import sys

    path = tmp_path / "config.json"
    text = json.dumps({"ui.theme": "dark", "user.name": "Ada"})
    path.write_text(text)
    cmd = [sys.executable, "-c", _OPEN_READ_ONLY, str(path)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "running as root needs setpriv (util-linux) to take away root's permission override"
        cmd = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *cmd]
    tmp_path.chmod(0o500)
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    finally:
        tmp_path.chmod(0o700)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["backup"] is None and seen["user"] == "Ada" and any("ui.theme" in n for n in seen["upgraded"])
    assert path.read_text() == text and sorted(p.name for p in tmp_path.iterdir()) == ["config.json"]
