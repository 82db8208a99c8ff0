"""Sentences kept as a message ID with arguments, so that the window can say them in its language.

A service that refuses something raises `refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} is …"),
rid=rid)`: the error's text is the English sentence (what the CLI prints and the log shows), and the
error also carries `said`, the message ID (the English source) with its arguments. The window
translates the ID in the current language at its edge (ui/errors.py `error_text`) and fills in the
arguments; an argument that is itself a `Said` is rendered the same way. A reason the services store
(a request's status reason) is kept as `Said.to_stored()` JSON and read back with `Said.from_stored`,
which gives None for text stored before, or typed by a person (shown as it is).

`QT_TRANSLATE_NOOP` here is a plain function returning its source: it imports nothing from Qt (this
is core), and pyside6-lupdate finds the sources by its name and literal arguments (so the context is
written out, "ServiceMessage", as CONTEXT says; tests/ui/test_i18n.py scans every module
that uses it).

The ledger and document verifiers (`ledger/`, and `verify.py`, the offline verifier certificate
recipients run) say their sentences this way too, so this module is in that verifier's import
closure: it must import only the standard library and `core/errors.py` (tests/tools/check_layers.py
VERIFIER_MODULES; tests/certificates/test_cert_verify.py runs the verifier with all else blocked).
"""

from __future__ import annotations

import errno as errno_mod
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ledger_app.core.errors import CorpusError, UserError, VerificationError

#: The translation context of every service sentence.
CONTEXT = "ServiceMessage"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # the name pyside6-lupdate looks for
    """Mark `source` for the translation catalogue; returns it unchanged."""
    return source


@dataclass(frozen=True)
class Said:
    """A sentence as its message ID (the English source, with `{name}` fields) and arguments."""

    source: str
    args: dict[str, Any] = field(default_factory=dict)
    context: str = CONTEXT

    # A message is built once and then only read (its arguments are not changed after), so its English
    # and its JSON are kept on it when first asked for: a message shared by many items (a site's
    # opt-out statements, provenance/findings.py reserved_by) is then written once, not once per item,
    # in the worker and, after pickling keeps the sharing within a unit's results, in the parent.

    def __str__(self) -> str:
        text = self.__dict__.get("_text")
        if text is None:
            args = {k: str(v) if isinstance(v, Said) else v for k, v in self.args.items()}
            try:
                text = self.source.format(**args)
            except (KeyError, IndexError, ValueError):
                text = self.source
            object.__setattr__(self, "_text", text)
        return text

    def to_json(self) -> dict[str, Any]:
        """A new dictionary each call; an argument that is a message is its (kept) JSON."""
        out = {"msg": self.source, "args": {k: v.kept_json() if isinstance(v, Said) else v for k, v in self.args.items()}}
        if self.context != CONTEXT:
            out["ctx"] = self.context  # another catalogue context (an item's reason: core/item_reasons.py)
        return out

    def kept_json(self) -> dict[str, Any]:
        """to_json(), made once and kept (for a message given as another's argument); not to be changed."""
        kept = self.__dict__.get("_json")
        if kept is None:
            kept = self.to_json()
            object.__setattr__(self, "_json", kept)
        return kept

    def to_stored(self) -> str:
        """The form kept in a text column (JSON with the ID and its arguments)."""
        stored = self.__dict__.get("_stored")
        if stored is None:
            stored = json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)
            object.__setattr__(self, "_stored", stored)
        return stored

    @staticmethod
    def from_json(data: Any) -> Said | None:
        if not isinstance(data, dict) or not isinstance(data.get("msg"), str) or not isinstance(data.get("args", {}), dict):
            return None
        args: dict[str, Any] = {}
        for k, v in (data.get("args") or {}).items():
            inner = Said.from_json(v) if isinstance(v, dict) else None
            args[str(k)] = inner if inner is not None else v
        ctx = data.get("ctx")
        return Said(data["msg"], args, ctx if isinstance(ctx, str) else CONTEXT)

    @staticmethod
    def from_stored(text: str | None) -> Said | None:
        """The message a column holds, or None when it holds a plain sentence (stored before message
        IDs, or typed by a person)."""
        if not text or not text.startswith("{"):
            return None
        try:
            return Said.from_json(json.loads(text))
        except ValueError:
            return None


def say(source: str, **args: Any) -> Said:
    return Said(source, args)


def joined(parts: list[Said], separator: str = "; ") -> Said:
    """Several messages said as one, in order (each translated on its own)."""
    return Said(separator.join(f"{{p{i}}}" for i in range(len(parts))), {f"p{i}": p for i, p in enumerate(parts)})


def stored_text(text: str | None) -> str | None:
    """A stored reason in English, whichever form it was kept in."""
    said = Said.from_stored(text)
    return str(said) if said is not None else text


def refused(source: str, *, error: type[UserError] = UserError, **args: Any) -> UserError:
    """A UserError (or `error`) whose text is the English sentence and whose `said` is its message."""
    said = Said(source, args)
    exc = error(str(said))
    exc.said = said  # type: ignore[attr-defined]
    return exc


def failed(source: str, *, index: int | None = None, what: str | None = None, **args: Any) -> VerificationError:
    """A VerificationError whose text is the English sentence and whose `said` is its message (as
    `refused` for a UserError)."""
    said = Said(source, args)
    exc = VerificationError(str(said), index=index, what=what)
    exc.said = said  # type: ignore[attr-defined]
    return exc


def said_of(exc: BaseException) -> Said | str:
    """An error as an argument of another message: its message when it has one, else its text."""
    said = getattr(exc, "said", None)
    return said if isinstance(said, Said) else str(exc)


def corpus_refused(source: str, **args: Any) -> CorpusError:
    """A CorpusError whose `said` is its message (see `refused`)."""
    exc = refused(source, error=CorpusError, **args)
    assert isinstance(exc, CorpusError)
    return exc


class SaidText(str):
    """A sentence kept as its English text (what lists of notes, the CLI and JSON hold: `str` in every
    way) that also carries its message, `said`, for the window (ui/errors.py `said_text`)."""

    said: Said

    def __new__(cls, said: Said) -> SaidText:
        out = super().__new__(cls, str(said))
        out.said = said
        return out

    def __reduce__(self) -> tuple[Any, ...]:
        return (SaidText, (self.said,))


def said_text(source: str, context: str = CONTEXT, **args: Any) -> SaidText:
    """A message of `context` as a SaidText."""
    return SaidText(Said(source, args, context))


# --- the system's reason for a failed file operation (i18n helper, issue #17) -----------------------
# Here rather than in core/os_errors.py (which re-exports them), because the offline verifier says it
# too and may import no more than this module.

#: The translation context of a system's reason.
OS_CONTEXT = "OsError"

#: The C library's English for the errors met in files and folders (glibc's wording).
STRERROR = {
    "EACCES": QT_TRANSLATE_NOOP("OsError", "Permission denied"),
    "EPERM": QT_TRANSLATE_NOOP("OsError", "Operation not permitted"),
    "ENOENT": QT_TRANSLATE_NOOP("OsError", "No such file or directory"),
    "ENOSPC": QT_TRANSLATE_NOOP("OsError", "No space left on device"),
    "EDQUOT": QT_TRANSLATE_NOOP("OsError", "Disk quota exceeded"),
    "EROFS": QT_TRANSLATE_NOOP("OsError", "Read-only file system"),
    "ELOOP": QT_TRANSLATE_NOOP("OsError", "Too many levels of symbolic links"),
    "ENAMETOOLONG": QT_TRANSLATE_NOOP("OsError", "File name too long"),
    "EISDIR": QT_TRANSLATE_NOOP("OsError", "Is a directory"),
    "ENOTDIR": QT_TRANSLATE_NOOP("OsError", "Not a directory"),
    "EIO": QT_TRANSLATE_NOOP("OsError", "Input/output error"),
    "EEXIST": QT_TRANSLATE_NOOP("OsError", "File exists"),
    "EMFILE": QT_TRANSLATE_NOOP("OsError", "Too many open files"),
    "ENFILE": QT_TRANSLATE_NOOP("OsError", "Too many open files in system"),
    "EBUSY": QT_TRANSLATE_NOOP("OsError", "Device or resource busy"),
    "EFBIG": QT_TRANSLATE_NOOP("OsError", "File too large"),
    "ENOTEMPTY": QT_TRANSLATE_NOOP("OsError", "Directory not empty"),
    "EXDEV": QT_TRANSLATE_NOOP("OsError", "Invalid cross-device link"),
    "ESTALE": QT_TRANSLATE_NOOP("OsError", "Stale file handle"),
}
#: Any other error: its English as the system gave it, said with its name in the window.
OTHER_STRERROR = QT_TRANSLATE_NOOP("OsError", "{strerror}")


ERRNO_TEXT = QT_TRANSLATE_NOOP("OsError", "[Errno {number}] {strerror}: {filename}")
ERRNO_TEXT_NO_FILE = QT_TRANSLATE_NOOP("OsError", "[Errno {number}] {strerror}")


def errno_text(e: OSError) -> Said | str:
    """`str(e)` as a message: its English is Python's text exactly ("[Errno 13] Permission denied:
    '/x'"), the window says the system's reason in its language (`strerror_said`) with the file."""
    if e.errno is None or not e.strerror or e.filename2 is not None:
        return str(e)
    args: dict[str, Any] = {"number": e.errno, "strerror": strerror_said(e)}
    if e.filename is None:
        return Said(ERRNO_TEXT_NO_FILE, args, OS_CONTEXT)
    return Said(ERRNO_TEXT, {**args, "filename": repr(e.filename)}, OS_CONTEXT)


def strerror_said(e: OSError) -> Said | str:
    """`e.strerror` as a message (its English unchanged; the window names the error, EACCES), or the
    error's text when it has no number."""
    name = errno_mod.errorcode.get(e.errno) if e.errno is not None else None
    if name is None or not e.strerror:
        return str(e)
    if STRERROR.get(name) == e.strerror:
        return Said(STRERROR[name], {"errno": name}, OS_CONTEXT)
    return Said(OTHER_STRERROR, {"strerror": e.strerror, "errno": name}, OS_CONTEXT)


# --- a library's own English inside a sentence (i18n helper, issue #17) ------------------------------
# Python's JSON parser, urllib's URL splitter and pyarrow explain a failure in English. Where a
# sentence carries that text, it carries one of these messages instead: its English is the library's
# text exactly (what the CLI printed before), the window says a reason of our own (the place in the
# file, a named URL problem, a file-level Parquet problem), with the library's text left out.

#: The translation context of a library's reason.
LIBRARY_CONTEXT = "LibraryError"

#: Python's JSON parser's reasons (json.JSONDecodeError.msg), each a message whose English is the
#: parser's own ("ItemReason": the corpus readers say them inside an item's reason too).
JSON_WHY = {
    "Expecting value": QT_TRANSLATE_NOOP("ItemReason", "Expecting value"),
    "Expecting property name enclosed in double quotes":
        QT_TRANSLATE_NOOP("ItemReason", "Expecting property name enclosed in double quotes"),
    "Expecting ':' delimiter": QT_TRANSLATE_NOOP("ItemReason", "Expecting ':' delimiter"),
    "Expecting ',' delimiter": QT_TRANSLATE_NOOP("ItemReason", "Expecting ',' delimiter"),
    "Unterminated string starting at": QT_TRANSLATE_NOOP("ItemReason", "Unterminated string starting at"),
    "Extra data": QT_TRANSLATE_NOOP("ItemReason", "Extra data"),
    "Invalid \\escape": QT_TRANSLATE_NOOP("ItemReason", "Invalid \\escape"),
    "Invalid \\uXXXX escape": QT_TRANSLATE_NOOP("ItemReason", "Invalid \\uXXXX escape"),
    "Invalid control character at": QT_TRANSLATE_NOOP("ItemReason", "Invalid control character at"),
    "Unexpected UTF-8 BOM (decode using utf-8-sig)":
        QT_TRANSLATE_NOOP("ItemReason", "Unexpected UTF-8 BOM (decode using utf-8-sig)"),
    "Illegal trailing comma before end of object":  # Python 3.13 and later
        QT_TRANSLATE_NOOP("ItemReason", "Illegal trailing comma before end of object"),
    "Illegal trailing comma before end of array":
        QT_TRANSLATE_NOOP("ItemReason", "Illegal trailing comma before end of array"),
}
#: A JSON parser's reason this module does not know: "JSON syntax error" in the window.
JSON_OTHER = QT_TRANSLATE_NOOP("LibraryError", "{json_reason}")
#: `str(json.JSONDecodeError)`: the reason and its place.
JSON_AT = QT_TRANSLATE_NOOP("ServiceMessage", "{reason}: line {line} column {column} (char {char})")


def json_why(msg: str) -> Said:
    """A JSON parser's reason (`JSONDecodeError.msg`) as a message; its English unchanged."""
    if msg in JSON_WHY:
        return Said(JSON_WHY[msg], {}, "ItemReason")
    return Said(JSON_OTHER, {"json_reason": msg}, LIBRARY_CONTEXT)


def json_error_said(exc: json.JSONDecodeError) -> Said:
    """`str(exc)` as a message: the reason, line, column and character, as Python says them."""
    return Said(JSON_AT, {"reason": json_why(exc.msg), "line": exc.lineno, "column": exc.colno, "char": exc.pos})


#: urllib.parse.urlsplit's ValueErrors, by their English (Python 3.11-3.13).
URL_WHY: list[tuple[str, str]] = [
    (r"Invalid IPv6 URL", QT_TRANSLATE_NOOP("LibraryError", "Invalid IPv6 URL")),
    (r"Port could not be cast to integer value as (?P<port>.+)",
     QT_TRANSLATE_NOOP("LibraryError", "Port could not be cast to integer value as {port}")),
    (r"Port out of range 0-65535", QT_TRANSLATE_NOOP("LibraryError", "Port out of range 0-65535")),
    (r"netloc (?P<netloc>.+) contains invalid characters under NFKC normalization",
     QT_TRANSLATE_NOOP("LibraryError", "netloc {netloc} contains invalid characters under NFKC normalization")),
]
#: Another of urlsplit's reasons: "the URL cannot be split into its parts" in the window.
URL_OTHER = QT_TRANSLATE_NOOP("LibraryError", "{url_reason}")


def _said_by_table(text: str, table: list[tuple[str, str]], other: str, key: str) -> Said:
    """A library's English `text` as the first message of `table` whose pattern it matches (its fields the
    arguments), else as `other` with the text under `key`."""
    for pattern, source in table:
        m = re.fullmatch(pattern, text, re.S)
        if m is not None:
            return Said(source, m.groupdict(), LIBRARY_CONTEXT)
    return Said(other, {key: text}, LIBRARY_CONTEXT)


def url_error_said(exc: ValueError) -> Said:
    """urlsplit's `str(exc)` as a message naming the problem; its English unchanged."""
    return _said_by_table(str(exc), URL_WHY, URL_OTHER, "url_reason")


#: pyarrow's reasons for a file that is not Parquet, by their English.
PARQUET_WHY: list[tuple[str, str]] = [
    (r"Parquet magic bytes not found in footer\. Either the file is corrupted or this is not a parquet file\.",
     QT_TRANSLATE_NOOP("LibraryError", "Parquet magic bytes not found in footer. Either the file is corrupted or this "
                                       "is not a parquet file.")),
    (r"Parquet file size is (?P<size>\d+) bytes",
     QT_TRANSLATE_NOOP("LibraryError", "Parquet file size is {size} bytes")),
    (r"Parquet file size is (?P<size>\d+) bytes, smaller than the minimum file footer \((?P<footer>\d+) bytes\)",
     QT_TRANSLATE_NOOP("LibraryError", "Parquet file size is {size} bytes, smaller than the minimum file footer "
                                       "({footer} bytes)")),
]
#: Any other reason pyarrow gives for a Parquet file or row group it cannot decode: "the Parquet
#: reader cannot decode it (a damaged or not a Parquet file)" in the window; with `errno` when the
#: system refused (its name shown).
PARQUET_OTHER = QT_TRANSLATE_NOOP("LibraryError", "{parquet_reason}")


def parquet_error_said(exc: BaseException) -> Said | str:
    """pyarrow's `str(exc)` (a file or row group it cannot read) as a message; its English unchanged.
    A system's refusal with its number is said as such (`strerror_said`'s error name)."""
    if isinstance(exc, OSError) and exc.errno is not None and exc.strerror:
        return Said(OTHER_STRERROR, {"strerror": str(exc), "errno": errno_mod.errorcode.get(exc.errno, exc.errno)},
                    OS_CONTEXT)
    return _said_by_table(str(exc), PARQUET_WHY, PARQUET_OTHER, "parquet_reason")


#: A text that is not UTF-8 (`str(UnicodeDecodeError)`): the byte and its position in the window.
UNICODE_OTHER = QT_TRANSLATE_NOOP("LibraryError", "{unicode_reason}")


def unicode_error_said(exc: UnicodeDecodeError) -> Said:
    """`str(exc)` as a message naming the byte and its position; its English unchanged."""
    byte = f"0x{exc.object[exc.start]:02x}" if exc.start < len(exc.object) else "-"
    return Said(UNICODE_OTHER, {"unicode_reason": str(exc), "byte": byte, "position": exc.start}, LIBRARY_CONTEXT)
