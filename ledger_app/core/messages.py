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

import json
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
