"""Workspace settings, declared once with their types and defaults (Picard's option registry).

These are workspace-wide policy settings stored in the workspace's `config.json`; window state and
per-user preferences belong to the UI (QSettings), not here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger_app.core.errors import ConfigError


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    help: str


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in [
        Option("ledger.origin", str, "", "checkpoint origin line and key name"),
        Option("user.name", str, "", "the acting user recorded on every entry (default: the OS user)"),
        Option("c2pa.quarantine_invalid", bool, True, "quarantine items whose Content Credentials are Invalid"),
        Option("c2pa.quarantine_unreadable", bool, True, "quarantine items whose manifest cannot be read"),
        Option("c2pa.quarantine_remote", bool, True, "quarantine items whose manifest is remote (not fetched)"),
        Option("ingest.workers", int, 0, "worker processes for ingest (0: one per core)"),
        Option("ingest.max_image_pixels", int, 178_956_970, "decompression-bomb guard for images"),
        Option("match.pdq_max_distance", int, 31, "PDQ distance at or below which images match"),
        Option("match.text_min_score", float, 0.5, "minimum text containment score for a match"),
        Option("takedown.default_due_days", int, 14, "due date for request types without a legal deadline"),
        Option("takedown.four_eyes", bool, False, "the approver of a takedown must differ from its handler"),
        Option("legal.holidays", str, "", "public holidays skipped by business-day clocks (YYYY-MM-DD, comma-separated)"),
        Option("legal.restore_business_days", int, 10,
               "DMCA 512(g): business days after forwarding a counter-notice before restoring (10 to 14)"),
        Option("ui.language", str, "en", "interface language: en or zh_CN"),
        Option("ui.theme", str, "system", "system, light or dark"),
    ]
}


class Settings:
    """Typed access to a workspace's config.json, falling back to the declared defaults."""

    def __init__(self, path: Path):
        self.path = path
        self._values: dict[str, Any] = {}
        if path.exists():
            try:
                self._values = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as e:
                raise ConfigError(f"the workspace settings file {path} cannot be read: {e}") from None

    def get(self, key: str) -> Any:
        opt = OPTIONS.get(key)
        if opt is None:
            raise ConfigError(f"there is no setting named {key!r}")
        return self._values.get(key, opt.default)

    def set(self, key: str, value: Any) -> None:
        opt = OPTIONS.get(key)
        if opt is None:
            raise ConfigError(f"there is no setting named {key!r}")
        if opt.type is bool and isinstance(value, str):
            value = value.strip().lower() in {"1", "true", "yes", "on"}
        try:
            value = opt.type(value)
        except (TypeError, ValueError):
            raise ConfigError(f"setting {key} takes a {opt.type.__name__}, not {value!r}") from None
        self._values[key] = value
        self.save()

    def as_dict(self) -> dict[str, Any]:
        return {k: self.get(k) for k in OPTIONS}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._values, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)
