"""Workspace settings, declared once with their types and defaults (Picard's option registry).

These are workspace-wide policy settings stored in the workspace's `config.json`; window state and
per-user preferences belong to the UI (QSettings), not here.

`config.json` is versioned like the database: its `version` key says which numbered upgrade
(`UPGRADES`) last shaped it; a file without one predates versioning (version 1). Opening an older file
applies the upgrades after its version in order, keeps the original beside it
(`config.json.v<N>.bak`) and writes the upgraded file. A file from a newer version is refused, never
downgraded.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger_app.core.errors import ConfigError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, json_error_said, refused, said_text, say
from ledger_app.core.os_errors import os_error_text

# The one threshold of each matcher. The product (locate, claims, blocklist), the tests, the
# evaluations and the benchmarks all read it from here or from the workspace's settings.
#
# Text: the smallest containment, either way, of one text in another (the fraction of the query's
# shingles found in the item, or of the item's in the query). Chosen on the tuning split of the
# text evaluation set only (`matching/text_evalset.py`: `TUNING`, `threshold_evidence`), as the
# midpoint between the highest containment of anything there that must not match (0.0: the
# same-subject, host and other articles' texts share no 5-token shingle with an article) and the
# lowest score of a re-hosted copy or 40 % excerpt (0.477), over seeds 0-19: 0.24. The held-out
# split, which no threshold was chosen on, reports recall and false matches (bench/bench_text.py).
TEXT_MIN_SCORE = 0.24
# Images: Meta's guidance for PDQ (distance 31 or less is a match), used where an image is too flat
# for geometric verification to decide and PDQ alone must.
PDQ_MAX_DISTANCE = 31
# Decoder: no image above this many pixels is decoded (Pillow's own guard is set to it as well);
# the setting can lower it, not raise it.
MAX_IMAGE_PIXELS = 64_000_000


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    help: str
    low: float | None = None  # smallest value accepted
    high: float | None = None  # largest value accepted


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in [
        Option("ledger.origin", str, "", "checkpoint origin line and key name"),
        Option("user.name", str, "", "display name recorded beside your account on every entry (default: the account name)"),
        Option("c2pa.quarantine_invalid", bool, True, "quarantine items whose Content Credentials are Invalid"),
        Option("c2pa.quarantine_unreadable", bool, True, "quarantine items whose manifest cannot be read"),
        Option("c2pa.quarantine_remote", bool, True, "quarantine items whose manifest is remote (not fetched)"),
        Option("store.location", str, "", "where `ledger ingest --store` keeps item records and fingerprints "
               "(a folder or a URL such as s3://bucket/prefix; default: fpstore beside the database)"),
        Option("ingest.workers", int, 0, "worker processes for ingest (0: one per core)", 0, 256),
        Option(
            "ingest.max_image_pixels",
            int,
            MAX_IMAGE_PIXELS,
            f"largest image decoded, in pixels (decompression-bomb guard; at most {MAX_IMAGE_PIXELS:,})",
            1,
            MAX_IMAGE_PIXELS,
        ),
        Option(
            "match.pdq_max_distance",
            int,
            PDQ_MAX_DISTANCE,
            "PDQ distance at or below which an image too flat to verify geometrically still matches",
            0,
            256,
        ),
        Option(
            "match.text_min_score",
            float,
            TEXT_MIN_SCORE,
            "smallest text containment (either way) for a match: locate, claims, blocklist",
            0.01,
            1.0,
        ),
        Option("ingest.max_item_mb", int, 256, "largest item (file, tar member, line, Parquet cell) read, in MiB",
               1, 1 << 20),
        Option("ingest.max_records_per_shard", int, 10_000_000, "most records (lines, rows) read from one shard",
               1, 1 << 62),
        Option("ingest.max_records_per_kib", int, 256,
               "records a shard may hold per KiB of its file, beyond the first 1000 (record-bomb guard)", 0, 1 << 62),
        Option("ingest.bomb_ratio", float, 100.0,
               "decompressed-to-stored ratio past which a gzip stream or Parquet column is a bomb", 1.0, 1e12),
        Option("takedown.default_due_days", int, 14, "due date for request types without a legal deadline", 1, 3650),
        Option("takedown.four_eyes", bool, False, "the approver of a takedown must differ from its handler"),
        Option("legal.holidays", str, "", "public holidays skipped by business-day clocks (YYYY-MM-DD, comma-separated)"),
        Option("legal.require_ownership_check", bool, True,
               "a rights holder's request is purged only after the evidence of ownership seen is recorded"),
        Option("legal.retain_purged_dmca", bool, True,
               "keep a copy of items purged under a DMCA notice, to restore them after a counter-notice"),
        Option("legal.reply_from", str, "", "the From address of reply documents (default: legal@ the origin's host)"),
        Option("legal.restore_business_days", int, 10,
               "DMCA 512(g): business days after forwarding a counter-notice before restoring (10 to 14)", 10, 14),
    ]
}

# Settings that were declared once and are no longer honoured here, with where they went. A
# workspace's config.json that still holds one loses it when it is next read (and saved).
RETIRED = {
    "ui.language": QT_TRANSLATE_NOOP("ServiceMessage", "the interface language is a per-user preference now: choose "
                                                       "it in the app (Settings, Preferences)"),
    "ui.theme": QT_TRANSLATE_NOOP("ServiceMessage", "the theme is a per-user preference now: choose it in the app "
                                                    "(Settings, Preferences)"),
}



def _v2_retire_ui_preferences(values: dict[str, Any]) -> list[str]:
    """Version 2: the interface language and theme left the workspace settings (RETIRED)."""
    notes: list[str] = []
    for key in [k for k in values if k in RETIRED]:
        del values[key]
        notes.append(said_text(QT_TRANSLATE_NOOP("ServiceMessage", "{key} was removed from the workspace settings: "
                                                                   "{why}"), key=key, why=say(RETIRED[key])))
    return notes


# The numbered upgrades of config.json, like the database's migrations: UPGRADES[n] turns a version n-1
# file into a version n one, in place, and returns a sentence per change. Append; never edit one.
UPGRADES: dict[int, Callable[[dict[str, Any]], list[str]]] = {
    2: _v2_retire_ui_preferences,
}
CONFIG_VERSION = max(UPGRADES)
VERSION_KEY = "version"


@dataclass(frozen=True)
class MatchThresholds:
    """The matchers' thresholds as one small object, from a workspace's settings or the defaults."""

    text_min_score: float = TEXT_MIN_SCORE
    pdq_max_distance: int = PDQ_MAX_DISTANCE

    @classmethod
    def from_settings(cls, settings: Settings) -> MatchThresholds:
        return cls(
            text_min_score=float(settings.get("match.text_min_score")),
            pdq_max_distance=int(settings.get("match.pdq_max_distance")),
        )


class Settings:
    """Typed access to a workspace's config.json, falling back to the declared defaults."""

    def __init__(self, path: Path):
        self.path = path
        self._values: dict[str, Any] = {VERSION_KEY: CONFIG_VERSION}
        self.backup: Path | None = None  # where the original of an upgraded file was kept
        self.upgraded: list[str] = []
        version = CONFIG_VERSION
        if path.exists():
            try:
                self._values = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as e:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the workspace settings file {path} cannot be read: "
                                                                  "{problem}"), error=ConfigError, path=str(path),
                              problem=os_error_text(e) if isinstance(e, OSError) else json_error_said(e)) from None
            if not isinstance(self._values, dict):
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the workspace settings file {path} does not hold a "
                                                                  "JSON object"), error=ConfigError, path=str(path))
            version = self._values.get(VERSION_KEY, 1)
            if type(version) is not int or version < 1:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the workspace settings file {path} has the version "
                                                                  "{version}, which is not a whole number from 1; "
                                                                  "correct it or move the file away to start from the "
                                                                  "defaults"),
                              error=ConfigError, path=str(path), version=repr(version))
            if version > CONFIG_VERSION:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the workspace settings file {path} was written by a "
                                                                  "newer version of the application (settings version "
                                                                  "{version}; this one knows up to {known}): upgrade "
                                                                  "the application to use this workspace"),
                              error=ConfigError, path=str(path), version=version, known=CONFIG_VERSION)
            for n in range(version + 1, CONFIG_VERSION + 1):
                self.upgraded.extend(UPGRADES[n](self._values))
            self._values[VERSION_KEY] = CONFIG_VERSION
        self.upgraded.extend(self._upgrade())
        if version < CONFIG_VERSION:
            self._keep_and_rewrite(version)

    def _keep_and_rewrite(self, version: int) -> None:
        """Keep the file an older version wrote (config.json.v<N>.bak, never overwriting an earlier one)
        and write the upgraded one. Where the folder cannot be written (read-only media), the upgrade
        holds in memory only and is made again on the next open."""
        backup = self.path.with_name(f"{self.path.name}.v{version}.bak")
        n = 1
        while backup.exists():
            n += 1
            backup = self.path.with_name(f"{self.path.name}.v{version}.{n}.bak")
        try:
            shutil.copy2(self.path, backup)
            self.save()
        except OSError:
            return
        self.backup = backup

    def _upgrade(self) -> list[str]:
        """Bring values in line with what this version accepts: values out of a setting's range (e.g.
        the old image-size default, above what is decoded now) are brought into it, unreadable ones
        give way to the default. Returns a sentence per change; nothing is written until the next save."""
        notes: list[str] = []
        for key, opt in OPTIONS.items():
            if key not in self._values:
                continue
            try:
                value = self._coerce(opt, self._values[key])
            except ConfigError as e:
                del self._values[key]
                notes.append(said_text(QT_TRANSLATE_NOOP("ServiceMessage", "{problem}; the default {default} applies"),
                                       problem=e.said, default=repr(opt.default)))  # type: ignore[attr-defined]
                continue
            clamped = _clamp(opt, value)
            if clamped != value:
                notes.append(said_text(QT_TRANSLATE_NOOP("ServiceMessage", "{key} = {value} is outside {range}; "
                                                                       "{clamped} applies"),
                                       key=key, value=repr(value), range=_range(opt), clamped=repr(clamped)))
            self._values[key] = clamped
        return notes

    @staticmethod
    def _coerce(opt: Option, value: Any) -> Any:
        if opt.type is bool and isinstance(value, str):
            return value.strip().lower() in {"1", "true", "yes", "on"}
        if opt.type in (int, float) and isinstance(value, bool):
            raise _takes(opt, value)
        try:
            return opt.type(value)
        except (TypeError, ValueError):
            raise _takes(opt, value) from None

    def get(self, key: str) -> Any:
        opt = OPTIONS.get(key)
        if opt is None:
            raise _unknown(key)
        return self._values.get(key, opt.default)

    def set(self, key: str, value: Any) -> None:
        opt = OPTIONS.get(key)
        if opt is None:
            raise _unknown(key)
        value = self._coerce(opt, value)
        if _clamp(opt, value) != value:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "setting {key} takes a value in {range}, not {value}"),
                          error=ConfigError, key=key, range=_range(opt), value=repr(value))
        self._values[key] = value
        self.save()

    def as_dict(self) -> dict[str, Any]:
        return {k: self.get(k) for k in OPTIONS}

    def save(self) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        # Owner-only from the start (0600): a workspace's files are not for other local users.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(self._values, indent=2, sort_keys=True))
        os.chmod(tmp, 0o600)  # an older, looser .tmp left behind keeps its mode through O_CREAT
        os.replace(tmp, self.path)


def _unknown(key: str) -> ConfigError:
    if key in RETIRED:
        exc = refused(QT_TRANSLATE_NOOP("ServiceMessage", "the setting {key} was removed: {why}"), error=ConfigError,
                      key=key, why=say(RETIRED[key]))
    else:
        exc = refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no setting named {key} (`ledger settings show` "
                                                          "lists them)"), error=ConfigError, key=repr(key))
    assert isinstance(exc, ConfigError)
    return exc


def _takes(opt: Option, value: Any) -> ConfigError:
    exc = refused(QT_TRANSLATE_NOOP("ServiceMessage", "setting {key} takes a {type}, not {value}"), error=ConfigError,
                  key=opt.key, type=opt.type.__name__, value=repr(value))
    assert isinstance(exc, ConfigError)
    return exc


def _clamp(opt: Option, value: Any) -> Any:
    if opt.low is not None and value < opt.low:
        return opt.type(opt.low)
    if opt.high is not None and value > opt.high:
        return opt.type(opt.high)
    return value


def _range(opt: Option) -> str:
    return f"{opt.low:,}..{opt.high:,}" if opt.type is int else f"{opt.low}..{opt.high}"
