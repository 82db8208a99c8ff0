"""Policy-file snapshots: the sites' robots.txt, tdmrep.json and ai.txt as a crawler saw them.

Why this exists: robots.txt and friends change; what counts in a dispute is the copy in force when
the content was fetched. A snapshot is a folder or an archive (.tar, .tar.gz/.tgz, .zip) laid out
one directory per host:

    example.com/robots.txt
    example.com/.well-known/tdmrep.json     (or example.com/tdmrep.json)
    example.com/ai.txt
    snapshot.json                           (optional: {"fetched_at": ISO, "sites": {host: ISO}})

Fetch times come from `snapshot.json` (per site, else for the whole snapshot), else from each
file's modification time. Anything else in the snapshot is ignored and reported; nothing is
followed outside it (symbolic links and archive members that are not regular files are skipped).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tarfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ledger_app.core.errors import UserError
from ledger_app.provenance.signals import MAX_POLICY_BYTES, PolicyFile, iso_time

__all__ = ["Snapshot", "load_snapshot", "snapshot_digest"]

_NAMES = {"robots.txt": "robots.txt", "ai.txt": "ai.txt", ".well-known/tdmrep.json": "tdmrep.json",
          "tdmrep.json": "tdmrep.json"}
MAX_FILES = 200_000
_READ_LIMIT = 4 * MAX_POLICY_BYTES  # a larger file is kept only up to here (its digest is of what was kept)


@dataclass
class Snapshot:
    files: list[PolicyFile] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    source: str = ""

    @property
    def sha256(self) -> str:
        return snapshot_digest(self.files)

    def manifest(self) -> list[dict[str, object]]:
        return [{"host": f.host, "file": f.name, "sha256": f.sha256, "size": len(f.content),
                 "fetched_at": f.fetched_at} for f in sorted(self.files, key=lambda f: (f.host, f.name))]


def snapshot_digest(files: list[PolicyFile]) -> str:
    rows = sorted((f.host, f.name, f.sha256, f.fetched_at or "") for f in files)
    return hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode()).hexdigest()


def _split(rel: str) -> tuple[str, str] | None:
    parts = rel.strip("/").split("/")
    if len(parts) < 2 or any(p in ("", ".", "..") for p in parts):
        return None
    host, rest = parts[0].lower(), "/".join(parts[1:])
    name = _NAMES.get(rest)
    return (host, name) if name else None


def _when(ts: float | None) -> str | None:
    if ts is None or ts <= 0:
        return None
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _members(path: Path) -> tuple[list[tuple[str, bytes, float | None]], list[str]]:
    """(relative name, bytes, mtime) of every regular file in the folder or archive, and problems."""
    out: list[tuple[str, bytes, float | None]] = []
    problems: list[str] = []
    if path.is_dir():
        root = str(path)
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
            for fn in filenames:
                full = os.path.join(dirpath, fn)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                st = os.lstat(full)
                if not stat.S_ISREG(st.st_mode):
                    problems.append(f"{rel} is not a regular file; skipped")
                    continue
                if len(out) >= MAX_FILES:
                    raise UserError(f"{path} holds more than {MAX_FILES} files; split the snapshot")
                with open(full, "rb") as fh:
                    out.append((rel, fh.read(_READ_LIMIT), st.st_mtime))
        return out, problems
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                for info in z.infolist():
                    if info.is_dir():
                        continue
                    if len(out) >= MAX_FILES:
                        raise UserError(f"{path} holds more than {MAX_FILES} files; split the snapshot")
                    with z.open(info) as fh:
                        data = fh.read(_READ_LIMIT)
                    out.append((info.filename, data, datetime(*info.date_time, tzinfo=UTC).timestamp()))
            return out, problems
        with tarfile.open(path, "r:*") as t:
            for m in t:
                if m.isdir():
                    continue
                if not m.isreg():
                    problems.append(f"{m.name} is not a regular file; skipped")
                    continue
                if len(out) >= MAX_FILES:
                    raise UserError(f"{path} holds more than {MAX_FILES} files; split the snapshot")
                fh = t.extractfile(m)
                data = fh.read(_READ_LIMIT) if fh else b""
                out.append((m.name, data, float(m.mtime)))
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as e:
        raise UserError(f"{path} is not a readable folder, tar or zip archive of policy files ({e}); "
                        "give a folder laid out as HOST/robots.txt, HOST/.well-known/tdmrep.json, HOST/ai.txt") from None
    return out, problems


def load_snapshot(path: Path | str) -> Snapshot:
    """Read a snapshot folder or archive; malformed parts become problems, never exceptions."""
    path = Path(path).expanduser()
    if not path.exists():
        raise UserError(f"the policy snapshot {path} does not exist")
    members, problems = _members(path)
    # A single top-level folder in an archive (snap/example.com/robots.txt) is stepped into.
    tops = {m[0].strip("/").split("/")[0] for m in members}
    if len(tops) == 1 and not any(_split(m[0]) for m in members):
        prefix = next(iter(tops)) + "/"
        members = [(m[0].strip("/")[len(prefix):], m[1], m[2]) for m in members]
    manifest: dict[str, object] = {}
    for rel, data, _ in members:
        if rel.strip("/") == "snapshot.json":
            try:
                manifest = json.loads(data.decode("utf-8"))
                if not isinstance(manifest, dict):
                    raise ValueError("not an object")
            except (ValueError, UnicodeDecodeError) as e:
                problems.append(f"snapshot.json is not a JSON object ({e}); file times are used instead")
                manifest = {}
    sites = manifest.get("sites") if isinstance(manifest.get("sites"), dict) else {}
    default = iso_time(manifest.get("fetched_at")) if manifest.get("fetched_at") is not None else None
    snap = Snapshot(source=str(path))
    seen: set[tuple[str, str]] = set()
    for rel, data, mtime in sorted(members):
        if rel.strip("/") == "snapshot.json":
            continue
        hit = _split(rel)
        if hit is None:
            problems.append(f"{rel} is not HOST/robots.txt, HOST/.well-known/tdmrep.json or HOST/ai.txt; ignored")
            continue
        host, name = hit
        if (host, name) in seen:
            problems.append(f"{rel}: {host} already has a {name} in this snapshot; the first was kept")
            continue
        seen.add((host, name))
        site_when = sites.get(host) if isinstance(sites, dict) else None  # type: ignore[union-attr]
        when = iso_time(site_when) if site_when is not None else None
        when = when or default or _when(mtime)
        if len(data) >= _READ_LIMIT:
            problems.append(f"{rel} is larger than {_READ_LIMIT} bytes; only its start was kept")
        snap.files.append(PolicyFile(host, name, data, hashlib.sha256(data).hexdigest(), when))
    snap.problems = problems
    return snap


def snapshot_from_rows(rows: list[tuple[str, str, bytes, str, str | None]]) -> list[PolicyFile]:
    """PolicyFiles from stored (host, name, content, sha256, fetched_at) rows, checking each digest."""
    out = []
    for host, name, content, sha, when in rows:
        content = bytes(content)
        if hashlib.sha256(content).hexdigest() != sha:
            raise UserError(f"the stored {name} of {host} does not match its recorded SHA-256; "
                            "the workspace was altered — run `ledger log verify` and restore it")
        out.append(PolicyFile(host, name, content, sha, when))
    return out

