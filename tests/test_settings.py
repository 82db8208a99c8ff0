"""Workspace settings: typed, ranged, and an upgrade path for values older versions wrote."""

from __future__ import annotations

import json

import pytest

from ledger_app.core.errors import ConfigError
from ledger_app.core.settings import MAX_IMAGE_PIXELS, OPTIONS, RETIRED, MatchThresholds, Settings


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
