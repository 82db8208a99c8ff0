"""Reasons an older workspace stored as English sentences, read back as their messages.

Before issue #17 the services stored an item's or a request's reason as its English sentence. The
sentences are unchanged since (each message's English is exactly what was stored), so a stored
sentence is the English of one of today's sources, with its arguments filled in: matched against
the sources of the contexts whose sentences are stored (i18n_build.py writes them next to the .qm
files, `ledger_sources.json`), it is read back as that message, its arguments matched the same way
in turn (a JSON parser's reason inside a refusal), so the window says it in its language. A source
with too little fixed text to tell it from any other sentence ("{shard}: {problem}") is taken only
when one of its arguments is read back as a message too; a sentence no source makes (typed by a
person) gives None and is shown as stored.
"""

from __future__ import annotations

import functools
import json
import re
import string
from typing import Any

from ledger_app.core.messages import CONTEXT, Said
from ledger_app.ui.i18n_build import SOURCES
from ledger_app.ui.resources import TRANSLATIONS

#: The fewest letters of fixed text a source needs to be matched as a whole sentence.
MIN_FIXED_LETTERS = 8
#: How deep arguments are read back in turn.
MAX_DEPTH = 3
#: Where each kind of stored sentence comes from, and what is said inside it.
ITEM = ("ItemReason",)
REQUEST = ("LegalReason", CONTEXT)
#: What is said inside an item's reason (a JSON parser's reason, a system error), and inside a
#: request's (a service's sentence, too).
INSIDE_ITEM = ("ItemReason", "OsError", "LibraryError")
INSIDE = (*INSIDE_ITEM, "LegalReason", CONTEXT)


@functools.cache
def _sources() -> dict[str, list[str]]:
    try:
        data = json.loads((TRANSLATIONS / SOURCES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # not built (`make translations`): stored sentences are shown as stored
    return {str(k): [s for s in v if isinstance(s, str)] for k, v in data.items() if isinstance(v, list)}


def _parts(source: str) -> tuple[str, int, str] | None:
    """The regular expression of `source` (its fields as groups), its fixed letters and its longest
    fixed part (a sentence without it is not this source's: checked before the expression), or None."""
    body, letters, names = [], 0, set()
    try:
        parsed = list(string.Formatter().parse(source))
    except ValueError:
        return None
    for literal, field, spec, conversion in parsed:
        body.append(re.escape(literal))
        letters += sum(ch.isalpha() for ch in literal)
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion or field in names:
            return None  # a positional, formatted or repeated field: not one this reads back
        names.add(field)
        body.append(f"(?P<{field}>.+?)")
    longest = max((literal for literal, *_ in parsed), key=len, default="")
    return "^" + "".join(body) + "$", letters, longest


@functools.cache
def _compiled(expression: str) -> re.Pattern[str]:
    return re.compile(expression, re.S)  # compiled when first needed: most never are


@functools.cache
def _patterns(contexts: tuple[str, ...]) -> list[tuple[str, str, int, str, str]]:
    """(longest fixed part, expression, fixed letters, context, source) of the sources of `contexts`
    that have fixed text, the most first (so a longer sentence is not taken for a shorter one it
    contains)."""
    found = []
    for context in contexts:
        for source in _sources().get(context, []):
            made = _parts(source)
            if made is not None and made[1] > 0:
                found.append((made[2], made[0], made[1], context, source))
    found.sort(key=lambda f: -f[2])
    return found


@functools.cache
def _words(contexts: tuple[str, ...]) -> dict[str, str]:
    """{source: context} of the sources of `contexts` without fields ("copyright", "Expecting value")."""
    out: dict[str, str] = {}
    for context in reversed(contexts):  # the first context's wins
        out.update({s: context for s in _sources().get(context, []) if "{" not in s and "}" not in s})
    return out


def _inner(value: str, inside: tuple[str, ...], depth: int) -> Said | None:
    """An argument read back: a word or phrase that is a source itself, or a sentence of one."""
    word = _words(inside).get(value)
    if word is not None:
        return Said(value, {}, word)
    if depth > MAX_DEPTH or " " not in value:  # a name, a number or a path is not a sentence
        return None
    return _said(value, inside, inside, 1, depth)


def _said(text: str, contexts: tuple[str, ...], inside: tuple[str, ...], least: int, depth: int) -> Said | None:
    """The message of `contexts` whose English `text` is, its arguments read back from `inside`. A
    source with fewer than `least` fixed letters ("Line {line} {problem}.") is taken only when one
    of its arguments is read back too."""
    for longest, expression, letters, context, source in _patterns(contexts):
        if longest not in text:
            continue
        m = _compiled(expression).match(text)
        if m is None:
            continue
        args: dict[str, Any] = {}
        for key, value in m.groupdict().items():
            inner = _inner(value, inside, depth + 1)
            args[key] = inner if inner is not None else value
        if letters < least and not any(isinstance(v, Said) for v in args.values()):
            continue
        said = Said(source, args, context)
        if str(said) == text:  # the same English back, or it was not this message
            return said
    return None


@functools.lru_cache(maxsize=4096)
def legacy_said(text: str | None, contexts: tuple[str, ...] = ITEM) -> Said | None:
    """A sentence stored in English before it was kept as a message, as that message (or None)."""
    if not text or text.startswith("{"):
        return None
    return _said(text, contexts, INSIDE_ITEM if contexts == ITEM else INSIDE, MIN_FIXED_LETTERS, 0)


def legacy_request_said(text: str | None) -> Said | None:
    """A request's status reason stored in English: one message, or several joined by "; " (the
    missing elements of an incomplete notice), each read back; None unless every part is."""
    whole = legacy_said(text, REQUEST)
    if whole is not None or not text or "; " not in text:
        return whole
    parts = [legacy_said(p, REQUEST) for p in text.split("; ")]
    if not all(parts):
        return None
    return Said("; ".join(f"{{p{i}}}" for i in range(len(parts))), {f"p{i}": p for i, p in enumerate(parts)})


def completed(said: Said, contexts: tuple[str, ...] = INSIDE_ITEM) -> Said:
    """`said` with each argument that is an English sentence of a known source read back as its
    message too: a policy's reason read from an older workspace (core/item_reasons.py `from_english`)
    has its inner parts as the text held them ("x-robots-tag 'noai' (header at …)")."""
    args: dict[str, Any] = {}
    changed = False
    for key, value in said.args.items():
        if isinstance(value, Said):
            new = completed(value, contexts)
        elif isinstance(value, str):
            new = _inner_cached(value, contexts) or value
        else:
            new = value
        changed = changed or new is not value
        args[key] = new
    return Said(said.source, args, said.context) if changed else said


@functools.lru_cache(maxsize=4096)
def _inner_cached(value: str, contexts: tuple[str, ...]) -> Said | None:
    return _inner(value, contexts, 1) if _words(contexts).get(value) or " " in value else None
