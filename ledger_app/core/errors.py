"""Typed errors shared by every layer.

Code fails by raising one of these, never by returning False. Each message is a sentence a person
can act on; the UI shows `UserError` subclasses plainly and a traceback only for anything else.
"""

from __future__ import annotations


class LedgerAppError(Exception):
    """Base class of every error this application raises on purpose."""


class UserError(LedgerAppError):
    """Bad input or a refused request; the message says what to do."""


class NotFoundError(UserError):
    """A named thing (item, request, entry, corpus) does not exist."""


class ConfigError(UserError):
    """The workspace or its configuration is missing or wrong."""


class SigningKeyError(UserError):
    """A signing key could not be loaded (wrong passphrase, damaged key file)."""


class VerificationError(LedgerAppError):
    """Something that should verify does not; the message names what was expected and what was found."""

    def __init__(self, message: str, *, index: int | None = None, what: str | None = None):
        super().__init__(message)
        self.index = index
        self.what = what


class CorpusError(UserError):
    """A corpus or one of its items cannot be read or rewritten safely."""


class InputRefused(UserError):
    """One input item is refused (hostile, broken or out of policy); the reason is the message."""


class IncompleteRequest(UserError):
    """A notice that lacks required elements; nothing was recorded. `missing` names each element."""

    def __init__(self, message: str, missing: list[str]):
        super().__init__(message)
        self.missing = list(missing)


class EnvironmentProblem(UserError):
    """A condition of the machine met while working (disk full, permissions, a link loop): not a bug;
    the message names the file and what to do."""


_ERRNO_ADVICE = {
    "ENOSPC": "the disk holding {where} is full; free some space and run the command again (what was "
              "committed is kept, and a re-run continues from there)",
    "EDQUOT": "your disk quota is used up where {where} is; free some space and run the command again",
    "EACCES": "permission denied on {where}; check that you may read and write it (ls -l), then run the "
              "command again",
    "EPERM": "the operation is not permitted on {where}; check its owner and permissions, then run the "
             "command again",
    "EROFS": "{where} is on a read-only file system; use a writable location",
    "ELOOP": "{where} is a loop of symbolic links (or too many of them); give the real path instead",
    "ENAMETOOLONG": "the name {where} is longer than the file system allows; shorten it",
    "EMFILE": "too many files are open at once (at {where}); raise the limit (ulimit -n) and run the "
              "command again",
    "ENFILE": "the system has too many files open (at {where}); close some programs and run the command "
              "again",
    "EIO": "an input/output error occurred on {where} (a failing disk or a lost network mount); check the "
           "device, then run the command again",
    "ENOENT": "{where} does not exist; check the path",
    "ENOTDIR": "a part of {where} is not a directory; check the path",
    "CANTOPEN": "{where} cannot be opened; check that its folder exists, that you may read and write both, "
                "and that its disk is not mounted read-only",
}

_SQL_ADVICE = (
    ("database or disk is full", "ENOSPC"),
    ("disk i/o error", "EIO"),
    ("attempt to write a readonly database", "EROFS"),
    ("unable to open database file", "CANTOPEN"),
    ("no space left on device", "ENOSPC"),
    ("could not extend file", "ENOSPC"),
)


def environment_problem(exc: BaseException, *, database: str | None = None) -> str | None:
    """One sentence for a condition of the machine rather than a bug (a full disk, a permission, a link
    loop), naming the file (or `database` for a database error), or None for anything else.

    Looks at the exception and its causes: an OSError by its errno, a database driver's error by its
    message (the driver is not imported here: this module stays free of SQL)."""
    import errno as errno_mod

    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, OSError) and e.errno is not None:
            name = errno_mod.errorcode.get(e.errno)
            if name in _ERRNO_ADVICE:
                where = e.filename if e.filename not in (None, "") else (database or "a file it needed")
                text = _ERRNO_ADVICE[name].format(where=where)
                return text[0].upper() + text[1:] + "."
        orig = getattr(e, "orig", None)
        text = str(orig if orig is not None else e).lower()
        if orig is not None or type(e).__module__.split(".")[0] in ("sqlite3", "psycopg", "sqlalchemy"):
            for needle, name in _SQL_ADVICE:
                if needle in text:
                    msg = _ERRNO_ADVICE[name].format(where=f"the database {database or '(the workspace database)'}")
                    return msg[0].upper() + msg[1:] + "."
        if isinstance(e, RuntimeError) and "symlink loop" in text:  # pathlib's resolve() before 3.13
            msg = _ERRNO_ADVICE["ELOOP"].format(where=str(e).split("from", 1)[-1].strip(" '\""))
            return msg[0].upper() + msg[1:] + "."
        e = e.__cause__ or e.__context__
    return None
