"""The letter files written for a request or a draft (e-mails and their PDFs), found and deleted for
an erasure (storage/erasure.py) or a discarded draft: only a file that still holds the bytes
recorded for it is deleted; what is left is said in a note, a message (core/messages.py `SaidText`)
whose English the CLI prints and which the window says in its language."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from ledger_app.core.messages import QT_TRANSLATE_NOOP, said_text
from ledger_app.core.os_errors import os_error_said

__all__ = ["delete_letter_files", "draft_letter_files", "legacy_reply_files"]


def legacy_reply_files(letters_dir: Path, rid: int, body: dict[str, Any], notes: list[str]) -> list[dict[str, str]]:
    """A reply written before its files were recorded, where `write_reply` put it by default: the
    e-mail if it still holds the bytes kept with the request (`sha256`), and the PDF beside it if it
    names that e-mail's SHA-256 (every letter PDF prints it in its footer). What is not found so is
    said in `notes` (saved elsewhere, or replaced since)."""
    name, sha = str(body.get("name") or ""), str(body.get("sha256") or "")
    folder = letters_dir / f"request-{int(rid)}"
    eml = folder / name
    if name.endswith(".eml") and "/" not in name and "\\" not in name and sha and _sha_of(eml) == sha:
        return [{"path": str(eml), "sha256": sha}, *_pdf_beside(eml, sha, notes)]
    notes.append(said_text(QT_TRANSLATE_NOOP(
        "Erasure", "the reply {name} to request {rid} was written before reply files were recorded and is not in "
                   "{folder} as written; if it was saved elsewhere, delete it there"), "Erasure",
        name=name, rid=rid, folder=str(folder)))
    return []


def draft_letter_files(letters_dir: Path | None, draft_id: int, body: dict[str, Any],
                       notes: list[str]) -> list[dict[str, str]]:
    """The letter files of a draft: those it recorded, and, under `letters_dir`, the ones written to its
    default folder before letters were recorded (an e-mail whose subject names the draft, D<id>, and
    the PDF beside it that names the e-mail's SHA-256)."""
    import email
    from email import policy

    files = list(body.get("letters") or [])
    if letters_dir is None:
        return files
    recorded = {str(f.get("path")) for f in files}
    folder = letters_dir / f"draft-{int(draft_id)}"
    for eml in sorted(folder.glob("missing_elements*.eml")) if folder.is_dir() else []:
        if str(eml.resolve()) in recorded or str(eml) in recorded:
            continue
        try:
            data = eml.read_bytes()
        except OSError:
            continue
        subject = str(email.message_from_bytes(data, policy=policy.default).get("subject") or "")
        if not re.search(rf"(?<![0-9A-Za-z])D{int(draft_id)}(?![0-9])", subject):
            continue  # not this draft's letter: left alone
        sha = hashlib.sha256(data).hexdigest()
        files += [{"path": str(eml), "sha256": sha}, *_pdf_beside(eml, sha, notes)]
    return files


def _sha_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _pdf_beside(eml: Path, eml_sha: str, notes: list[str]) -> list[dict[str, str]]:
    """The PDF written with an e-mail letter, if it names the e-mail's SHA-256."""
    pdf = eml.with_suffix(".pdf")
    try:
        data = pdf.read_bytes()
    except OSError:
        return []
    if eml_sha.encode() not in data:
        notes.append(_changed(pdf))
        return []
    return [{"path": str(pdf), "sha256": hashlib.sha256(data).hexdigest()}]


def delete_letter_files(files: list[dict[str, Any]], notes: list[str]) -> int:
    """Delete letter files that still hold the bytes whose SHA-256 was recorded. A file gone already is
    skipped; one changed since, unreadable or not deletable is left and said in `notes`. Returns how
    many were deleted."""
    deleted = 0
    for f in files:
        path, sha = Path(str(f.get("path", ""))), str(f.get("sha256", ""))
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError as e:
            notes.append(said_text(QT_TRANSLATE_NOOP(
                "Erasure", "the reply file {path} could not be read to erase it ({why})"), "Erasure", path=str(path),
                why=os_error_said(e)))
            continue
        if hashlib.sha256(data).hexdigest() != sha:
            notes.append(_changed(path))
            continue
        try:
            path.unlink()
        except OSError as e:
            notes.append(said_text(QT_TRANSLATE_NOOP("Erasure", "the reply file {path} could not be deleted ({why})"),
                                   "Erasure", path=str(path), why=os_error_said(e)))
            continue
        deleted += 1
    return deleted


def _changed(path: Path) -> str:
    return said_text(QT_TRANSLATE_NOOP("Erasure", "the reply file {path} was changed since it was written; it was "
                                                  "left for you to check"), "Erasure", path=str(path))
