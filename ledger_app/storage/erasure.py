"""Erasure that finishes the job: a person's data wherever the product copied it, not just their row.

`personal_data` holds what the ledger commits to, but the same strings travel: an uploader's account
sits in item URLs and titles, a requester's name in a status reason, a note, a stored notice. So an
erasure takes the strings behind the commitments being erased (name, e-mail, account, signature...),
looks for them in every text and binary column of every table that is not the signed ledger itself,
and replaces each occurrence by `erased:<commitment>` (a binary value holding one is cleared; a key
column holding one cannot change and is reported). What the signed ledger entries hold cannot be
changed without breaking every proof: those entries are found and reported, never touched.

The scan is generic (the database's own catalogue), so a table another part of the product adds
later is covered without being named here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.types import JSON, LargeBinary, String, Text

#: Tables never rewritten: the signed ledger (append-only), key material, the schema's own bookkeeping,
#: and personal_data (whose rows are deleted whole).
SKIP_TABLES = {"ledger_entry", "ledger_node", "ledger_checkpoint", "ledger_key", "alembic_version",
               "personal_data", "workspace_meta"}
#: Shorter strings are too common to hunt for (a two-letter account would match everywhere).
MIN_NEEDLE = 3


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
    not_erased: list[str] = field(default_factory=list)  # sentences: where the data stays, and why

    def to_json(self) -> dict[str, Any]:
        return {"erased_records": self.erased_records, "replaced": self.replaced, "cleared": self.cleared,
                "not_erased": self.not_erased}


def _columns(conn: Connection) -> list[tuple[str, list[str], str, str, bool]]:
    """(table, primary key columns, column, "text" | "binary", nullable) for every searchable column."""
    insp = inspect(conn)
    out = []
    for table in sorted(insp.get_table_names()):
        if table in SKIP_TABLES:
            continue
        pk = list(insp.get_pk_constraint(table).get("constrained_columns") or [])
        fks = {c for fk in insp.get_foreign_keys(table) for c in fk.get("constrained_columns", [])}
        for col in insp.get_columns(table):
            t = col["type"]
            if isinstance(t, LargeBinary):
                kind = "binary"
            elif isinstance(t, String | Text | JSON):
                kind = "text"
            else:
                continue
            if col["name"] in fks:
                continue  # a reference to another row: changed there, if anywhere
            out.append((table, pk, col["name"], kind, bool(col.get("nullable", True))))
    return out


def _forms(needle: str) -> list[str]:
    """The needle as written and as it appears inside JSON text (escaped)."""
    forms = [needle]
    escaped = json.dumps(needle)[1:-1]
    if escaped != needle:
        forms.append(escaped)
    return forms


def scrub(conn: Connection, needles: dict[str, str], report: ErasureReport) -> None:
    """Replace every occurrence of each needle (needle -> its commitment) outside the signed ledger."""
    if not needles:
        return
    ph = "?" if conn.dialect.name == "sqlite" else "%s"
    ordered = sorted(needles, key=len, reverse=True)  # "alice@example.org" before "alice"
    patterns = [(bounded(_forms(n)), token(needles[n])) for n in ordered]
    for table, pk, col, kind, nullable in _columns(conn):
        q = f'"{table}"."{col}"'
        if kind == "text":
            cond = " OR ".join([f"lower({q}) LIKE {ph} ESCAPE '\\'"] * sum(len(_forms(n)) for n in ordered))
            params: list[str | bytes] = [f"%{_like(f.lower())}%" for n in ordered for f in _forms(n)]
        else:
            if conn.dialect.name == "sqlite":
                cond = " OR ".join([f"instr({q}, {ph}) > 0"] * len(ordered))
            else:
                cond = " OR ".join([f"position({ph} in {q}) > 0"] * len(ordered))
            params = [n.encode() for n in ordered]
        keys = ", ".join(f'"{k}"' for k in pk) if pk else None
        rows = conn.exec_driver_sql(f'SELECT {keys or "NULL"}, {q} FROM "{table}" WHERE {cond}',
                                    tuple(params)).fetchall()
        if not rows:
            continue
        where = f"{table}.{col}"
        if col in pk:
            report.not_erased.append(f"{len(rows)} value(s) of {where} (a key other records and signed entries "
                                     "refer to) still hold it")
            continue
        if not pk:
            report.not_erased.append(f"{len(rows)} row(s) of {where} (a table without a primary key) still hold it")
            continue
        n = 0
        for r in rows:
            key, value = r[: len(pk)], r[len(pk)]
            if kind == "binary":
                if not nullable:
                    report.not_erased.append(f"a value of {where} (which cannot be empty) still holds it")
                    continue
                new = None
            else:
                new = value
                for pat, tok in patterns:
                    new = pat.sub(tok, new)
                if new == value:
                    continue  # LIKE matched a different case form that the pattern already covers
            match = " AND ".join(f'"{k}" = {ph}' for k in pk)
            conn.exec_driver_sql(f'UPDATE "{table}" SET "{col}" = {ph} WHERE {match}', (new, *key))
            n += 1
        if n:
            (report.cleared if kind == "binary" else report.replaced)[where] = n


def signed_entries_holding(conn: Connection, needles: list[str]) -> list[int]:
    """Indexes of ledger entries whose signed bytes contain one of the needles (cannot be changed)."""
    if not needles:
        return []
    ph = "?" if conn.dialect.name == "sqlite" else "%s"
    if conn.dialect.name == "sqlite":
        cond = " OR ".join([f"instr(lower(CAST(leaf AS TEXT)), {ph}) > 0"] * len(needles))
    else:
        cond = " OR ".join([f"position({ph} in lower(convert_from(leaf, 'UTF8'))) > 0"] * len(needles))
    forms = [json.dumps(n.lower())[1:-1] for n in needles]
    return [int(r[0]) for r in conn.exec_driver_sql(
        f"SELECT idx FROM ledger_entry WHERE {cond} ORDER BY idx", tuple(forms)).fetchall()]


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

    ph = "?" if conn.dialect.name == "sqlite" else "%s"
    people = conn.exec_driver_sql(
        "SELECT 'requester', p.data FROM personal_data p JOIN takedown_request t ON t.requester = p.commitment "
        "WHERE t.requester_kind = 'individual' AND p.data IS NOT NULL "
        "UNION ALL SELECT 'rights holder', p.data FROM personal_data p JOIN claim c ON c.holder = p.commitment "
        "WHERE c.holder_kind = 'individual' AND p.data IS NOT NULL").fetchall()
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
        row = conn.exec_driver_sql(
            f"SELECT 1 FROM personal_data WHERE kind = 'account' AND lookup IN ({', '.join([ph] * len(chunk))}) "
            "LIMIT 1", tuple(chunk)).fetchone()
        if row is not None:
            return "an uploader's account"
    return None


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
