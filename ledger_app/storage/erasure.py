"""Erasure that finishes the job: a person's data wherever the product copied it, not just their row.

`personal_data` holds what the ledger commits to, but the same strings travel: an uploader's account
sits in item URLs and titles, a requester's name in a status reason, a note, a stored notice. So an
erasure takes the strings behind the commitments being erased (name, e-mail, account, signature...),
looks for them in every text and binary column of every table that is not the signed ledger itself,
and replaces each occurrence by `erased:<commitment>` (a binary value holding one is cleared; a key
column holding one cannot change and is reported). What the signed ledger entries hold cannot be
changed without breaking every proof: those entries are found and reported, never touched.

The scan is generic (the database's own catalogue), so a table another part of the product adds
later is covered without being named here. Two things a string search cannot reach are handled by
what they are: the documents kept with a requester's requests (the notice, the reply letters, whose
e-mail bodies are base64 and whose PDFs compress their text) are cleared whole, and the reply files
written for the requester (each reply and each draft records where its files went and their SHA-256)
are deleted where they still hold what was written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import and_, column, func, inspect, literal, or_, select, table, union_all, update
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import JSON, Boolean, LargeBinary, String, Text

from ledger_app.core.messages import QT_TRANSLATE_NOOP, said_text
from ledger_app.storage.letter_files import delete_letter_files, draft_letter_files, legacy_reply_files
from ledger_app.storage.tables import Claim, LedgerEntry, PersonalData, TakedownRequest

#: Tables never rewritten: the signed ledger (append-only), key material, the schema's own bookkeeping,
#: and personal_data (whose rows are deleted whole).
SKIP_TABLES = {"ledger_entry", "ledger_node", "ledger_checkpoint", "ledger_key", "alembic_version",
               "personal_data", "workspace_meta"}
#: Shorter strings are too common to hunt for (a two-letter account would match everywhere).
MIN_NEEDLE = 3



_ENTRY = LedgerEntry
_PERSONAL, _REQUEST, _CLAIM = PersonalData, TakedownRequest, Claim


def token(commitment: str) -> str:
    return f"erased:{commitment}"


def needles_of(data: dict[str, Any]) -> set[str]:
    """The strings of a personal-data record worth looking for elsewhere."""
    out: set[str] = set()

    def walk(v: Any) -> None:
        if isinstance(v, str):
            v = v.strip()
            if len(v) >= MIN_NEEDLE:
                out.add(v)
                local = v.split("@", 1)[0]
                if "@" in v and len(local) >= MIN_NEEDLE + 1:
                    out.add(local)  # an e-mail's local part often names the person on its own
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list | tuple):
            for x in v:
                walk(x)

    walk(data)
    return out


@dataclass
class ErasureReport:
    """What an erasure changed and what it could not."""

    erased_records: list[str] = field(default_factory=list)  # commitments whose personal_data rows went
    replaced: dict[str, int] = field(default_factory=dict)  # "table.column" -> rows rewritten
    cleared: dict[str, int] = field(default_factory=dict)  # "table.column" -> binary values set to NULL
    not_erased: list[str] = field(default_factory=list)  # sentences (SaidText): where the data stays, and why

    def to_json(self) -> dict[str, Any]:
        return {"erased_records": self.erased_records, "replaced": self.replaced, "cleared": self.cleared,
                "not_erased": self.not_erased}


class _Contains(FunctionElement[bool]):
    """`haystack` contains `needle` (both text or both bytes): `instr(h, n) > 0` on SQLite,
    `position(n in h) > 0` on PostgreSQL (the two engines share no spelling that takes bytes)."""

    type = Boolean()
    inherit_cache = True
    name = "contains"


@compiles(_Contains, "sqlite")
def _contains_sqlite(element: _Contains, compiler: SQLCompiler, **kw: Any) -> str:
    haystack, needle = list(element.clauses)
    return f"instr({compiler.process(haystack, **kw)}, {compiler.process(needle, **kw)}) > 0"


@compiles(_Contains, "postgresql")
def _contains_pg(element: _Contains, compiler: SQLCompiler, **kw: Any) -> str:
    haystack, needle = list(element.clauses)
    return f"position({compiler.process(needle, **kw)} in {compiler.process(haystack, **kw)}) > 0"


class _BytesAsText(FunctionElement[str]):
    """A binary column read as text: `CAST(x AS TEXT)` on SQLite, `convert_from(x, 'UTF8')` on PostgreSQL."""

    type = Text()
    inherit_cache = True
    name = "bytes_as_text"


@compiles(_BytesAsText, "sqlite")
def _bytes_as_text_sqlite(element: _BytesAsText, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(list(element.clauses)[0], **kw)} AS TEXT)"


@compiles(_BytesAsText, "postgresql")
def _bytes_as_text_pg(element: _BytesAsText, compiler: SQLCompiler, **kw: Any) -> str:
    return f"convert_from({compiler.process(list(element.clauses)[0], **kw)}, 'UTF8')"


def _columns(conn: Connection) -> list[tuple[str, list[str], str, str, bool]]:
    """(table, primary key columns, column, "text" | "binary", nullable) for every searchable column."""
    insp = inspect(conn)
    out = []
    for name in sorted(insp.get_table_names()):
        if name in SKIP_TABLES:
            continue
        pk = list(insp.get_pk_constraint(name).get("constrained_columns") or [])
        fks = {c for fk in insp.get_foreign_keys(name) for c in fk.get("constrained_columns", [])}
        for col in insp.get_columns(name):
            t = col["type"]
            if isinstance(t, LargeBinary):
                kind = "binary"
            elif isinstance(t, String | Text | JSON):
                kind = "text"
            else:
                continue
            if col["name"] in fks:
                continue  # a reference to another row: changed there, if anywhere
            out.append((name, pk, col["name"], kind, bool(col.get("nullable", True))))
    return out


def _forms(needle: str) -> list[str]:
    """The needle as written and as it appears inside JSON text (escaped)."""
    forms = [needle]
    escaped = json.dumps(needle)[1:-1]
    if escaped != needle:
        forms.append(escaped)
    return forms


def scrub(conn: Connection, needles: dict[str, str], report: ErasureReport, letters_dir: Path | None = None) -> None:
    """Replace every occurrence of each needle (needle -> its commitment) outside the signed ledger,
    after erasing the letters and documents of the people behind the commitments (`erase_letters`)."""
    erase_letters(conn, set(needles.values()), report, letters_dir)
    if not needles:
        return
    ordered = sorted(needles, key=len, reverse=True)  # "alice@example.org" before "alice"
    patterns = [(bounded(_forms(n)), token(needles[n])) for n in ordered]
    for name, pk, col, kind, nullable in _columns(conn):
        t = table(name, *[column(k) for k in pk if k != col], column(col))
        c = t.c[col]
        cond: ColumnElement[bool]
        if kind == "text":
            cond = or_(*[func.lower(c).like(f"%{_like(f.lower())}%", escape="\\") for n in ordered for f in _forms(n)])
        else:
            cond = or_(*[_Contains(c, literal(n.encode(), LargeBinary())) for n in ordered])
        keys = [t.c[k] for k in pk] if pk else [literal(None)]
        rows = conn.execute(select(*keys, c).where(cond)).all()
        if not rows:
            continue
        where = f"{name}.{col}"
        if col in pk:
            report.not_erased.append(said_text(QT_TRANSLATE_NOOP(
                "Erasure", "{n} value(s) of {where} (a key other records and signed entries refer to) still hold it"),
                "Erasure", n=len(rows), where=where))
            continue
        if not pk:
            report.not_erased.append(said_text(QT_TRANSLATE_NOOP(
                "Erasure", "{n} row(s) of {where} (a table without a primary key) still hold it"), "Erasure",
                n=len(rows), where=where))
            continue
        n = 0
        for r in rows:
            key, value = r[: len(pk)], r[len(pk)]
            if kind == "binary":
                if not nullable:
                    report.not_erased.append(said_text(QT_TRANSLATE_NOOP(
                        "Erasure", "a value of {where} (which cannot be empty) still holds it"), "Erasure", where=where))
                    continue
                new = None
            else:
                new = value
                for pat, tok in patterns:
                    new = pat.sub(tok, new)
                if new == value:
                    continue  # LIKE matched a different case form that the pattern already covers
            conn.execute(update(t).where(and_(*[t.c[k] == v for k, v in zip(pk, key, strict=True)])).values({col: new}))
            n += 1
        if n:
            (report.cleared if kind == "binary" else report.replaced)[where] = n


def erase_letters(conn: Connection, commitments: set[str], report: ErasureReport,
                  letters_dir: Path | None = None) -> None:
    """What was written to or about these people as a requester: the bytes of the documents kept with
    their requests (the notice and the replies; not the retained copies of purged items, which are
    corpus content) are cleared, and the reply files written for their requests and for their drafts
    are deleted when they still hold the bytes recorded (a file replaced since is left and reported).
    Letters written before their files were recorded are looked for where they were written by
    default, under `letters_dir` (the workspace's replies/ folder; `legacy_reply_files`).

    The files go before the transaction commits: a failed erasure leaves the letters deleted and the
    rest unchanged, and the erasure can be run again."""
    from ledger_app.storage.repos import cases as case_repo
    from ledger_app.storage.repos import takedowns as td_repo

    if not commitments:
        return
    rids = case_repo.requests_of(conn, commitments)
    files: list[dict[str, Any]] = []
    docs = 0
    for rid in sorted(rids):
        for ev in case_repo.events_of(conn, [rid], ("document", "reply")):
            if "files" in ev.body:
                files += list(ev.body.get("files") or [])
            elif ev.kind == "reply" and letters_dir is not None:
                files += legacy_reply_files(letters_dir, rid, ev.body, report.not_erased)
            sha = ev.body.get("sha256")
            if sha and case_repo.erase_document(conn, str(sha)):
                docs += 1
    for d in td_repo.all_drafts(conn):
        try:
            body = json.loads(d.body)
        except ValueError:
            continue
        if body.get("person") in commitments or (d.request_id is not None and d.request_id in rids):
            files += draft_letter_files(letters_dir, d.id, body, report.not_erased)
    if docs:
        report.cleared["stored_document.data"] = report.cleared.get("stored_document.data", 0) + docs
    deleted = delete_letter_files(files, report.not_erased)
    if deleted:
        report.cleared["reply files"] = report.cleared.get("reply files", 0) + deleted


def signed_entries_holding(conn: Connection, needles: list[str]) -> list[int]:
    """Indexes of ledger entries whose signed bytes contain one of the needles (cannot be changed)."""
    if not needles:
        return []
    e = _ENTRY
    text = func.lower(_BytesAsText(e.c.leaf))
    cond = or_(*[_Contains(text, literal(json.dumps(n.lower())[1:-1], Text())) for n in needles])
    return [int(r[0]) for r in conn.execute(select(e.c.idx).where(cond).order_by(e.c.idx)).all()]


def bounded(forms: list[str]) -> re.Pattern[str]:
    """A case-insensitive pattern for any of `forms` standing as a word of its own (so an account
    "alice" is found in ".../u/alice/1" and "by Alice", never inside "malice")."""
    alts = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<![0-9A-Za-z])(?:{alts})(?![0-9A-Za-z])", re.IGNORECASE)


def screen(conn: Connection, text: str) -> str | None:
    """Which personal data this workspace already knows appears in `text` (a free-text field about to
    become a permanent ledger entry), as a phrase like "a requester's name", or None.

    Individual requesters and rights holders (not organisations, whose names are not personal data)
    are read whole and looked for as words. Uploader accounts, which may number millions, are looked
    up by the hash of each word of the text that looks like an account handle (five characters or
    more with a digit, `_`, `.`, `-` or `@`): a plain word such as "photos" may well be someone's
    account somewhere, and refusing every note that uses it would make notes useless."""
    from ledger_app.storage.personal import lookup_key

    p, t, c = _PERSONAL, _REQUEST, _CLAIM
    people = conn.execute(union_all(
        select(literal("requester"), p.c.data).join_from(p, t, t.c.requester == p.c.commitment)
        .where(t.c.requester_kind == "individual", p.c.data.is_not(None)),
        select(literal("rights holder"), p.c.data).join_from(p, c, c.c.holder == p.c.commitment)
        .where(c.c.holder_kind == "individual", p.c.data.is_not(None)),
    )).all()
    for kind, data in people:
        try:
            values = needles_of(json.loads(data))
        except ValueError:
            continue
        if values and bounded(sorted(values, key=len, reverse=True)).search(text):
            return f"a {kind}'s name or contact"
    words = {w.rstrip(".") for w in re.split(r"[\s,;:()\[\]{}<>\"'/!?]+", text)}
    words = {w for w in words if len(w) >= 5 and re.search(r"[0-9_.@-]", w)}
    keys = [lookup_key("account", w) for w in sorted(words)]
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        row = conn.execute(
            select(literal(1)).where(p.c.kind == "account", p.c.lookup.in_(chunk)).limit(1)).first()
        if row is not None:
            return "an uploader's account"
    return None


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
