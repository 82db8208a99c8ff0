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
