"""An operating system's error as a message (core/messages.py), so the window says it in its language.

Python's `OSError.strerror` is the C library's English ("Permission denied"). Where a service puts it
in a sentence, it passes `os_error_said(e)` instead: its English is `strerror` exactly (what the CLI
prints, byte for byte), and the window shows the translation with the error's name (EACCES), which a
reader can look up whatever the language. The advice for a condition of the machine (a full disk, a
permission), `environment_problem` in English for the CLI, is worded here too, as messages of the same
context, and the window shows it instead of an unexpected-error report (ui/errors.py).
"""

from __future__ import annotations

import errno as errno_mod
from typing import Any

from ledger_app.core.errors import EnvironmentProblem
from ledger_app.core.messages import (
    OS_CONTEXT,
    OTHER_STRERROR,
    QT_TRANSLATE_NOOP,
    STRERROR,  # noqa: F401 (re-exported: the errors this module names)
    Said,
    errno_text,
    strerror_said,
)

CONTEXT = OS_CONTEXT
# The C library's English for each error, and the message of any other, live in core/messages.py
# (the offline verifier says the system's reason too, and may import no more than that module).
OTHER = OTHER_STRERROR

#: What to do about a condition of the machine, naming the file (`where`).
ADVICE = {
    "ENOSPC": QT_TRANSLATE_NOOP("OsError", "The disk holding {where} is full; free some space and run the command "
                                           "again (what was committed is kept, and a re-run continues from there)."),
    "EDQUOT": QT_TRANSLATE_NOOP("OsError", "Your disk quota is used up where {where} is; free some space and run the "
                                           "command again."),
    "EACCES": QT_TRANSLATE_NOOP("OsError", "Permission denied on {where}; check that you may read and write it (ls "
                                           "-l), then run the command again."),
    "EPERM": QT_TRANSLATE_NOOP("OsError", "The operation is not permitted on {where}; check its owner and "
                                          "permissions, then run the command again."),
    "EROFS": QT_TRANSLATE_NOOP("OsError", "{where} is on a read-only file system; use a writable location."),
    "ELOOP": QT_TRANSLATE_NOOP("OsError", "{where} is a loop of symbolic links (or too many of them); give the real "
                                          "path instead."),
    "ENAMETOOLONG": QT_TRANSLATE_NOOP("OsError", "The name {where} is longer than the file system allows; shorten "
                                                 "it."),
    "EMFILE": QT_TRANSLATE_NOOP("OsError", "Too many files are open at once (at {where}); raise the limit (ulimit -n) "
                                           "and run the command again."),
    "ENFILE": QT_TRANSLATE_NOOP("OsError", "The system has too many files open (at {where}); close some programs and "
                                           "run the command again."),
    "EIO": QT_TRANSLATE_NOOP("OsError", "An input/output error occurred on {where} (a failing disk or a lost network "
                                        "mount); check the device, then run the command again."),
    "ENOENT": QT_TRANSLATE_NOOP("OsError", "{where} does not exist; check the path."),
    "ENOTDIR": QT_TRANSLATE_NOOP("OsError", "A part of {where} is not a directory; check the path."),
    "CANTOPEN": QT_TRANSLATE_NOOP("OsError", "{where} cannot be opened; check that its folder exists, that you may "
                                             "read and write both, and that its disk is not mounted read-only."),
}
#: `where` when an error names no file.
A_FILE = QT_TRANSLATE_NOOP("OsError", "a file it needed")
DATABASE = QT_TRANSLATE_NOOP("OsError", "the database {database}")
THE_DATABASE = QT_TRANSLATE_NOOP("OsError", "the database (the workspace database)")


def errno_name(e: OSError) -> str | None:
    return errno_mod.errorcode.get(e.errno) if e.errno is not None else None


def os_error_said(e: OSError) -> Said | str:
    """`e.strerror` as a message (its English unchanged), or the error's text when it has no number."""
    return strerror_said(e)


def advice(name: str, where: Said | str) -> Said:
    """The advice for the condition `name` (an ADVICE key) at `where`."""
    return Said(ADVICE[name], {"where": where}, CONTEXT)


def environment_said(exc: BaseException, *, database: str | None = None) -> Said | None:
    """The advice for a condition of the machine rather than a bug (a full disk, a permission, a link
    loop), naming the file (or `database` for a database error), or None for anything else.

    Looks at the exception and its causes: an OSError by its errno, a database driver's error by its
    message (the driver is not imported here: this module stays free of SQL)."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, OSError) and e.errno is not None:
            name = errno_name(e)
            if name in ADVICE:
                where = e.filename if e.filename not in (None, "") else database
                return advice(name, str(where) if where else Said(A_FILE, {}, CONTEXT))
        orig = getattr(e, "orig", None)
        text = str(orig if orig is not None else e).lower()
        if orig is not None or type(e).__module__.split(".")[0] in ("sqlite3", "psycopg", "sqlalchemy"):
            for needle, name in SQL_ADVICE:
                if needle in text:
                    db = Said(DATABASE, {"database": database}, CONTEXT) if database else Said(THE_DATABASE, {},
                                                                                              CONTEXT)
                    return advice(name, db)
        if isinstance(e, RuntimeError) and "symlink loop" in text:  # pathlib's resolve() before 3.13
            return advice("ELOOP", str(e).split("from", 1)[-1].strip(" '\""))
        e = e.__cause__ or e.__context__
    return None


SQL_ADVICE = (
    ("database or disk is full", "ENOSPC"),
    ("disk i/o error", "EIO"),
    ("attempt to write a readonly database", "EROFS"),
    ("unable to open database file", "CANTOPEN"),
    ("no space left on device", "ENOSPC"),
    ("could not extend file", "ENOSPC"),
)


def environment_problem(exc: BaseException, *, database: str | None = None) -> str | None:
    """`environment_said` in English, as one sentence (what the CLI prints)."""
    said = environment_said(exc, database=database)
    if said is None:
        return None
    text = str(said)
    return text[0].upper() + text[1:]


def stopped(source: str, exc: BaseException, *, database: str | None = None, **args: Any) -> EnvironmentProblem | None:
    """`source` (a "ServiceMessage" sentence with a `{problem}` field) said of a condition of the machine
    that stopped a run, or None when `exc` is no such condition. The error's text is the English as
    before (the advice capitalised); its `said` renders the advice in the window's language."""
    said = environment_said(exc, database=database)
    problem = environment_problem(exc, database=database)
    if said is None or problem is None:
        return None
    out = EnvironmentProblem(source.format(**args, problem=problem))
    out.said = Said(source, {**args, "problem": said})  # type: ignore[attr-defined]
    return out


FILE_FAILED = QT_TRANSLATE_NOOP("OsError", "{file} cannot be used: {why}.")
FAILED = QT_TRANSLATE_NOOP("OsError", "The system refused the operation: {why}.")


def os_problem(e: OSError) -> Said:
    """An OSError said for a person: the advice for a condition of the machine, else the file and the
    system's reason (with the error's name in the window)."""
    said = environment_said(e)
    if said is not None:
        return said
    why = os_error_said(e)
    if e.filename not in (None, ""):
        return Said(FILE_FAILED, {"file": str(e.filename), "why": why}, CONTEXT)
    return Said(FAILED, {"why": why}, CONTEXT)


def os_error_text(e: OSError) -> Said | str:
    """`str(e)` as a message: its English is Python's text exactly ("[Errno 13] Permission denied:
    '/x'"), the window says the system's reason in its language (`os_error_said`) with the file
    (core/messages.py `errno_text`)."""
    return errno_text(e)
