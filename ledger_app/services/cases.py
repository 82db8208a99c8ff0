"""Case work on takedown requests: who asked, the notice they sent, notes, who handles it, what happened.

The queue and the case view of the window and `ledger takedown list/note/assign/timeline/export` are
clients of `CaseService`. Personal data (the requester's name and contact, note texts) is read from
the erasable personal-data store; ledger entries hold commitments and hashes only. The timeline is
read from the request's own ledger entries, so it shows what the ledger proves, not a side table.

It stays one module (some 640 lines): it is one class, CaseService, with the records it returns; the
queue, the case view and the timeline read the same request rows and entries, and splitting one
class across files would need mixins that hide where a method lives.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ledger_app.core.errors import NotFoundError, UserError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused
from ledger_app.core.os_errors import os_error_said
from ledger_app.storage import personal
from ledger_app.storage.repos import cases as repo
from ledger_app.storage.repos.cases import EventRow
from ledger_app.takedown.requests import OPEN_STATUSES, RequestType, Status

# Entry types that belong to one request's timeline (each carries `request` in its payload).
TIMELINE_TYPES = (
    "takedown.received", "takedown.status", "takedown.match", "takedown.decision", "takedown.purged",
    "certificate.issued", "case.note", "case.assigned", "case.document", "case.ownership_checked", "case.reply",
    "counter_notice.received", "counter_notice.forwarded", "counter_notice.court_action", "item.restored", "gdpr.identity", "gdpr.refusal",
    "gdpr.recipient_notified",
)

# Largest original notice kept (a scanned letter as PDF fits easily).
MAX_NOTICE_BYTES = 25 * 1024 * 1024

SORT_KEYS = ("due_by", "received", "id", "type", "status", "requester", "assignee", "days_left", "matches")


@dataclass(frozen=True)
class Requester:
    """Who sent the request, from the erasable store; `erased` once the data was deleted."""

    kind: str
    name: str | None = None
    email: str | None = None
    commitment: str | None = None
    erased: bool = False

    @property
    def display(self) -> str:
        if self.name:
            return self.name
        if self.erased:
            return "(erased)"
        return "(not given)"


@dataclass(frozen=True)
class RequesterDetails:
    """What the personal-data store holds of a requester (`CaseService.requester`); None where not
    given, or once erased. `to_json()` gives the keys that were stored, as the dictionary did."""

    name: str | None
    email: str | None
    signature: str | None = None
    contact: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class CaseRow:
    """One request as the queue shows it."""

    id: int
    type: str
    status: str
    requester: Requester
    received: str
    due_by: str
    days_left: int
    overdue: bool
    is_open: bool
    assignee: str | None  # the display name; "(erased)" once the person's data is erased
    matches: int
    mine: bool = False  # assigned to the account running this (the OS account or the database role)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["requester_name"] = self.requester.name
        d["requester_email"] = self.requester.email
        d["requester_kind"] = self.requester.kind
        del d["requester"]
        return d


@dataclass(frozen=True)
class CaseNote:
    id: int
    request_id: int
    text: str | None  # None once erased
    author: str | None
    created_at: float
    entry_index: int | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class StoredDoc:
    """A document kept content-addressed (an original notice, a reply); its SHA-256 is in the ledger."""

    sha256: str
    name: str
    media_type: str
    size: int
    role: str  # notice | reply | retained
    entry_index: int | None
    available: bool = True  # False once erased

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TimelineEvent:
    """One step of a request's history, from its ledger entry. `message` and `args` let a front end
    render it in the current language; `text` is the English sentence."""

    index: int
    ts: str
    type: str
    message: str
    args: dict[str, Any]
    text: str
    actor: str | None = None
    entries: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["entries"] = list(self.entries)
        return d


@dataclass(frozen=True)
class Deadline:
    due_by: str
    days_left: int
    overdue: bool
    extended: bool
    extension_reason: str | None


@dataclass(frozen=True)
class CaseView:
    row: CaseRow
    status_reason: str | None
    deadline: Deadline
    notes: tuple[CaseNote, ...]
    documents: tuple[StoredDoc, ...]
    timeline: tuple[TimelineEvent, ...]

    def to_json(self) -> dict[str, Any]:
        return {**self.row.to_json(), "status_reason": self.status_reason, "deadline": asdict(self.deadline),
                "notes": [n.to_json() for n in self.notes], "documents": [d.to_json() for d in self.documents],
                "timeline": [t.to_json() for t in self.timeline]}


@dataclass(frozen=True)
class QueueQuery:
    """What the queue shows: `search` looks in the requester's name and e-mail, the type, the status, the
    assignee and the request number; the filters combine (all must hold)."""

    search: str = ""
    open_only: bool = False
    overdue_only: bool = False
    mine: bool = False
    type: str | None = None
    status: str | None = None
    assignee: str | None = None
    sort: str = "due_by"
    descending: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def store_document(conn, data: bytes, media_type: str) -> str:  # a connection in a write transaction
    """Keep bytes content-addressed (once per content; an erased copy is stored again); returns the SHA-256."""
    return repo.store_document(conn, data, media_type, time.time())


def days_left(due_by: str, today: date | None = None) -> int:
    return (date.fromisoformat(due_by) - (today or date.today())).days


class CaseService:
    """Case work on requests; built over a TakedownService (`Services.cases`)."""

    def __init__(self, takedown):  # takedown.service.TakedownService
        self.takedown = takedown
        self.ledger = takedown.ledger
        self.ws = takedown.ws

    def current_user(self) -> str:
        from ledger_app.storage.identity import current_actor_name

        return current_actor_name(self.ws)

    # --- appends -----------------------------------------------------------------------------------

    def record_event(self, conn, rid: int, kind: str, body: dict[str, Any] | None, entry: tuple[str, dict[str, Any]]):
        """Insert a case_event row and append its ledger entry in the caller's transaction."""
        res = self.ledger.append([entry], conn=conn)
        return repo.insert_event(conn, rid, kind, body, time.time(), res.first_index), res

    def record(self, rid: int, kind: str, body: dict[str, Any] | None, entry: tuple[str, dict[str, Any]]) -> tuple[int, int]:
        """One case event with its ledger entry, in its own transaction: (event id, entry index)."""
        self.takedown.request_record(rid)
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            eid, res = self.record_event(conn, rid, kind, body, entry)
        self.ledger.after_external_commit(res)
        return eid, res.first_index

    def events(self, rid: int, kind: str | None = None) -> list[EventRow]:
        """The request's case events in order (all, or of one kind), bodies decoded."""
        with self.ws.engine.connect() as conn:
            return repo.events(conn, rid, kind)

    # --- notes and assignment -----------------------------------------------------------------------

    def add_note(self, rid: int, text: str) -> CaseNote:
        text = (text or "").strip()
        if not text:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a note needs some text"))
        self.takedown.request_record(rid)
        author = self.current_user()
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            c = personal.commit(conn, "note", {"text": text})
            eid, res = self.record_event(conn, rid, "note", {"commitment": c, "author": author},
                                   ("case.note", {"request": rid, "note": c}))
        self.ledger.after_external_commit(res)
        return CaseNote(eid, rid, text, author, time.time(), res.first_index)

    def notes(self, rid: int) -> list[CaseNote]:
        out = []
        with self.ws.engine.connect() as conn:
            for ev in repo.events(conn, rid, "note"):
                body = ev.body
                data = personal.reveal(conn, body.get("commitment", "")) if body.get("commitment") else None
                out.append(CaseNote(ev.id, rid, (data or {}).get("text"), body.get("author"), ev.created_at, ev.entry_idx))
        return out

    def assign(self, rid: int, assignee: str | None) -> CaseRow:
        """Give the case to a staff member, or None to unassign. Who it is, is an account: yours when
        the name is your display name ("Assign to me"), the account named when it is one (`os:LOGIN`,
        `db:ROLE`), else the one person who acted here under that display name (a name nobody acted
        under yet is kept as a name alone). The request row and the case event hold the commitment;
        the name and account live in the erasable personal-data store, as every entry's actor does."""
        who = (assignee or "").strip() or None
        if who is not None and len(who) > 200:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "an assignee name is at most 200 characters"))
        req = self.takedown.request_record(rid)
        if req.status == Status.CLOSED.value:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} is closed; it cannot be assigned"), rid=rid)
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            c = None
            if who:
                account = self._account_of(conn, who)
                c = (personal.commit(conn, "actor", {"name": who, "account": account}, dedupe_on=f"{account}\n{who}")
                     if account else personal.commit(conn, "actor", {"name": who}, dedupe_on=who))
            repo.set_assignee(conn, rid, c, time.time())
            _eid, res = self.record_event(conn, rid, "assigned", {"assignee": c},
                                    ("case.assigned", {"request": rid, "assignee": c}))
        self.ledger.after_external_commit(res)
        return self.row(rid)

    def _account_of(self, conn, who: str) -> str | None:
        from ledger_app.storage import identity

        if who == self.current_user():
            return identity.account(conn)
        if who.startswith(("os:", "db:")) and len(who) > 3:
            return who
        accounts = set()
        for p in repo.actor_rows(conn):
            if p.salt is None or p.data is None:
                continue
            d = json.loads(p.data)
            if d.get("name") == who and d.get("account") and personal.commitment_for(p.salt, d) == p.commitment:
                accounts.add(str(d["account"]))
        return accounts.pop() if len(accounts) == 1 else None

    # --- decisions and status, for the case view (thin wrappers returning the updated row) ---------------

    def decide(self, rid: int, item_id: str, decision: str) -> CaseRow:
        """Record one reviewer decision as it is made (the window calls this on each click)."""
        if decision not in ("accepted", "rejected"):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a decision is accepted or rejected, not {decision}"),
                decision=repr(decision))
        self.takedown.review(rid, accept=[item_id] if decision == "accepted" else [],
                             reject=[item_id] if decision == "rejected" else [])
        return self.row(rid)

    def reject(self, rid: int, reason: str) -> CaseRow:
        if not (reason or "").strip():
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a rejection needs a reason (it is recorded and told to the requester)"))
        self.takedown.reject(rid, reason.strip())
        return self.row(rid)

    def extend(self, rid: int, months: int, reason: str) -> CaseRow:
        """GDPR Art. 12(3): once, by one or two months, announced within the first month with reasons."""
        from ledger_app.services.legal import LegalService

        LegalService(self).announce_extension(rid, months, reason)
        return self.row(rid)

    def close(self, rid: int) -> CaseRow:
        self.takedown.close(rid)
        return self.row(rid)

    # --- documents -----------------------------------------------------------------------------------

    def store_document(self, conn, data: bytes, media_type: str) -> str:
        return store_document(conn, data, media_type)

    def attach_notice(self, rid: int, path: Path | None = None, *, data: bytes | None = None, name: str | None = None,
                      media_type: str | None = None) -> StoredDoc:
        """Keep the original notice (the e-mail, letter or PDF as received) with the request."""
        if data is None:
            if path is None:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "give the notice file to attach"))
            p = Path(path)
            try:
                if p.stat().st_size > MAX_NOTICE_BYTES:
                    raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{name} is larger than {value} MB; attach a smaller copy"),
                        name=p.name, value=MAX_NOTICE_BYTES // (1024 * 1024))
                data = p.read_bytes()
            except OSError as e:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "cannot read the notice {p}: {strerror}"),
                    p=p, strerror=os_error_said(e)) from None
            name = name or p.name
        if not data:
            raise UserError(f"the notice {name or ''} is empty".replace("  ", " "))
        media_type = media_type or _guess_media_type(name or "", data)
        self.takedown.request_record(rid)
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            sha = self.store_document(conn, data, media_type)
            _eid, res = self.record_event(conn, rid, "document", {"sha256": sha, "name": name or sha[:12], "role": "notice",
                                                            "media_type": media_type, "size": len(data)},
                                    ("case.document", {"request": rid, "role": "notice", "sha256": sha,
                                                       "size": len(data), "media_type": media_type}))
        self.ledger.after_external_commit(res)
        return StoredDoc(sha, name or sha[:12], media_type, len(data), "notice", res.first_index)

    def documents(self, rid: int) -> list[StoredDoc]:
        out = []
        with self.ws.engine.connect() as conn:
            for ev in repo.events(conn, rid):
                body = ev.body
                if ev.kind not in ("document", "reply"):
                    continue
                sha = body.get("sha256")
                if not sha:
                    continue
                out.append(StoredDoc(sha, body.get("name") or sha[:12], body.get("media_type", "application/octet-stream"),
                                     int(body.get("size", 0)), body.get("role", ev.kind), ev.entry_idx,
                                     repo.document_available(conn, sha)))
        return out

    def document_bytes(self, sha256: str) -> bytes:
        """The stored bytes, checked against their hash (an edited copy is refused, not shown)."""
        with self.ws.engine.connect() as conn:
            doc = repo.document_data(conn, sha256.lower())
        if doc is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "no document {sha256}… is stored"), error=NotFoundError,
                sha256=sha256[:12])
        if doc.data is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "document {sha256}… was erased"), error=NotFoundError,
                sha256=sha256[:12])
        data = doc.data
        if hashlib.sha256(data).hexdigest() != sha256.lower():
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the stored document {sha256}… does not match its hash; it was altered"),
                sha256=sha256[:12])
        return data

    def erase_documents(self, rid: int, reason: str) -> list[str]:
        """Erase the bytes of every document kept with a request (the notice, replies, retained copies):
        they hold personal data. The hashes stay in the ledger; a `case.document` entry records each
        erasure. Returns the erased SHA-256 values."""
        if not (reason or "").strip():
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "say why the documents are erased (recorded in the ledger)"))
        self.takedown.request_record(rid)
        shas = sorted({ev.body[key] for ev in self.events(rid) if ev.kind in ("document", "reply", "retained")
                       for key in ("sha256", "metadata_sha256") if ev.body.get(key)})
        erased = []
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            entries = []
            for sha in shas:
                if repo.erase_document(conn, sha):
                    erased.append(sha)
                    entries.append(("case.document", {"request": rid, "role": "erased", "sha256": sha, "reason": reason}))
            if entries:
                res = self.ledger.append(entries, conn=conn)
        if erased:
            self.ledger.after_external_commit(res)
            if self.ws.engine.dialect.name == "sqlite":
                with self.ws.engine.connect() as conn:
                    repo.checkpoint_wal(conn)
        return erased

    # --- queue -------------------------------------------------------------------------------------------

    def _requesters(self, commitments: Sequence[str]) -> dict[str, dict[str, Any] | None]:
        out: dict[str, dict[str, Any] | None] = {}
        with self.ws.engine.connect() as conn:
            rows = repo.personal_rows(conn, commitments)
        for p in rows:
            if p.salt is None or p.data is None:
                continue
            d = json.loads(p.data)
            # The same check as personal.reveal: data that does not open the commitment is not shown.
            if personal.commitment_for(p.salt, d) == p.commitment:
                out[p.commitment] = d
        return out

    def _rows(self, rid: int | None = None) -> list[CaseRow]:
        from ledger_app.storage import identity

        with self.ws.engine.connect() as conn:
            rows = repo.queue_rows(conn, rid)
            me = identity.account(conn)
        people = self._requesters([r.requester for r in rows if r.requester])
        assignees = self._requesters([r.assignee for r in rows if r.assignee and _is_commitment(r.assignee)])
        my_name = self.current_user()
        today = date.today()
        out = []
        for r in rows:
            rc = r.requester
            data = people.get(rc) if rc else None
            requester = Requester(r.requester_kind, (data or {}).get("name"), (data or {}).get("email"), rc,
                                  erased=bool(rc) and data is None)
            is_open = r.status in OPEN_STATUSES
            left = days_left(r.due_by, today)
            name, mine = r.assignee, False
            if r.assignee and _is_commitment(r.assignee):
                a = assignees.get(r.assignee)
                name = a.get("name") if a else "(erased)"
                if a is not None:
                    mine = a.get("account") == me if a.get("account") else a.get("name") == my_name
            elif r.assignee:  # assigned before assignees were kept as commitments: by name
                mine = r.assignee == my_name
            out.append(CaseRow(r.id, r.type, r.status, requester, r.received, r.due_by, left, is_open and left < 0,
                               is_open, name, r.matches, mine))
        return out

    def row(self, rid: int) -> CaseRow:
        rows = self._rows(int(rid))
        if not rows:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no takedown request {rid}; see `ledger takedown list`"), error=NotFoundError,
                rid=rid)
        return rows[0]

    def queue(self, query: QueueQuery | None = None) -> list[CaseRow]:
        q = query or QueueQuery()
        if q.type and q.type not in {t.value for t in RequestType}:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "unknown request type {type}; use one of {choices}"),
                type=repr(q.type), choices=', '.join(t.value for t in RequestType))
        if q.status and q.status not in {s.value for s in Status}:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "unknown status {status}; use one of {choices}"),
                status=repr(q.status), choices=', '.join(s.value for s in Status))
        if q.sort not in SORT_KEYS:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "cannot sort by {sort}; use one of {choices}"),
                sort=repr(q.sort), choices=', '.join(SORT_KEYS))
        rows = self._rows()
        needle = q.search.strip().lower()
        out = []
        for r in rows:
            if q.open_only and not r.is_open:
                continue
            if q.overdue_only and not r.overdue:
                continue
            if q.mine and not r.mine:
                continue
            if q.type and r.type != q.type:
                continue
            if q.status and r.status != q.status:
                continue
            if q.assignee and (r.assignee or "").lower() != q.assignee.lower():
                continue
            if needle:
                hay = " ".join(str(x) for x in (r.id, r.type, r.status, r.requester.name or "", r.requester.email or "",
                                                 r.assignee or "", r.requester.kind)).lower()
                if needle not in hay and needle.lstrip("#") != str(r.id):
                    continue
            out.append(r)

        def key(r: CaseRow):
            v = {"requester": (r.requester.name or "").lower(), "assignee": (r.assignee or "").lower()}.get(
                q.sort, getattr(r, q.sort, None))
            return (v is None, v, r.id)

        return sorted(out, key=key, reverse=q.descending)

    @staticmethod
    def to_csv(rows: Sequence[CaseRow]) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["id", "type", "status", "requester", "requester_email", "requester_kind", "received", "due_by",
                    "days_left", "overdue", "assignee", "matches"])
        for r in rows:
            w.writerow([r.id, r.type, r.status, _csv_safe(r.requester.name or ""), _csv_safe(r.requester.email or ""),
                        r.requester.kind, r.received, r.due_by, r.days_left, "yes" if r.overdue else "no",
                        _csv_safe(r.assignee or ""), r.matches])
        return buf.getvalue()

    def export_csv(self, path: Path, query: QueueQuery | None = None) -> int:
        rows = self.queue(query)
        try:
            Path(path).write_text(self.to_csv(rows), encoding="utf-8")
        except OSError as e:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "cannot write {path}: {strerror}"),
                path=path, strerror=os_error_said(e)) from None
        return len(rows)

    # --- the case ---------------------------------------------------------------------------------------

    def deadline(self, rid: int) -> Deadline:
        req = self.takedown.request_record(rid)
        left = days_left(req.due_by)
        return Deadline(req.due_by, left, req.status in OPEN_STATUSES and left < 0, bool(req.extended_reason),
                        req.extended_reason)

    def requester(self, commitment: str) -> RequesterDetails:
        """The personal data behind a requester commitment (name, e-mail, signature, contact) from the
        erasable store; all None once it is erased."""
        with self.ws.engine.connect() as conn:
            d = personal.reveal(conn, commitment) or {}
        return RequesterDetails(d.get("name"), d.get("email"), d.get("signature"), d.get("contact"))

    def case(self, rid: int) -> CaseView:
        row = self.row(rid)
        req = self.takedown.request_record(rid)
        return CaseView(row, req.status_reason, self.deadline(rid), tuple(self.notes(rid)),
                        tuple(self.documents(rid)), tuple(self.timeline(rid)))

    def timeline(self, rid: int) -> list[TimelineEvent]:
        """The request's history in words, read from its ledger entries (consecutive matches and
        decisions are summed up in one line each)."""
        from ledger_app.ledger.entries import decode_entry

        self.takedown.request_record(rid)
        entries = self.ws.store.entries(0, types=list(TIMELINE_TYPES))
        actors: dict[str, str | None] = {}
        raw = []
        for e in entries:
            d = decode_entry(e.leaf, index=e.index)
            if d.payload.get("request") != rid:
                continue
            raw.append((e.index, d))
        with self.ws.engine.connect() as conn:
            for _i, d in raw:
                if d.actor and d.actor not in actors:
                    actors[d.actor] = (personal.reveal(conn, d.actor) or {}).get("name")
        out: list[TimelineEvent] = []
        for index, d in raw:
            msg, args = _describe(d.type, d.payload)
            actor = actors.get(d.actor) if d.actor else None
            prev = out[-1] if out else None
            if prev is not None and prev.type == d.type and d.type in ("takedown.match", "takedown.decision"):
                merged = _merge(prev.args, d.type, d.payload)
                m2, a2 = msg, merged
                out[-1] = TimelineEvent(prev.index, prev.ts, d.type, m2, a2, render(m2, a2), prev.actor,
                                        (*prev.entries, index))
                continue
            out.append(TimelineEvent(index, d.ts, d.type, msg, args, render(msg, args), actor, (index,)))
        return out


# --- timeline words ----------------------------------------------------------------------------------

MESSAGES_EN = {
    "received": "Request received ({type}); due by {due_by}",
    "status": "Status: {status}",
    "status_reason": "Status: {status} — {reason}",
    "extended": "Deadline extended to {due_by}: {reason}",
    "matches": "{count} matches found ({methods})",
    "decisions": "Review: {accepted} accepted, {rejected} rejected",
    "purged": "Purged {items} items from {shards} shards",
    "certificate": "Removal certificate issued",
    "note": "Note added",
    "assigned": "Assigned",
    "unassigned": "Unassigned",
    "document": "Document kept: {role} ({size} bytes, SHA-256 {sha})",
    "document_erased": "Document erased (SHA-256 {sha}): {reason}",
    "ownership": "Ownership checked: {result}",
    "reply": "Reply prepared: {template} ({language})",
    "counter_notice": "Counter-notice received ({outcome})",
    "forwarded": "Counter-notice forwarded to the claimant; restore window {earliest} to {latest}",
    "restored": "Item restored: {item} ({how})",
    "court_action": "The claimant filed a court action; the material stays removed",
    "identity": "Identity of the requester: {result}",
    "refusal": "{scope} refusal on the ground {ground}; {retained} items retained",
    "recipient": "Notice sent to recipient: {recipient}",
    "other": "{type}",
}


def render(message: str, args: dict[str, Any]) -> str:
    try:
        return MESSAGES_EN.get(message, message).format(**args)
    except (KeyError, IndexError, ValueError):
        return MESSAGES_EN.get(message, message)


def _describe(etype: str, p: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if etype == "takedown.received":
        return "received", {"type": p.get("type"), "due_by": p.get("due_by")}
    if etype == "takedown.status":
        if p.get("extension"):
            return "extended", {"due_by": p.get("due_by"), "reason": p.get("extension")}
        if p.get("reason"):
            return "status_reason", {"status": p.get("status"), "reason": p.get("reason")}
        return "status", {"status": p.get("status")}
    if etype == "takedown.match":
        return "matches", _merge({}, etype, p)
    if etype == "takedown.decision":
        return "decisions", _merge({}, etype, p)
    if etype == "takedown.purged":
        return "purged", {"items": len(p.get("items", [])), "shards": len(p.get("shards", []))}
    if etype == "certificate.issued":
        return "certificate", {}
    if etype == "case.note":
        return "note", {}
    if etype == "case.assigned":
        return ("assigned" if p.get("assignee") else "unassigned"), {}
    if etype == "case.document" and p.get("role") == "erased":
        return "document_erased", {"sha": str(p.get("sha256", ""))[:12], "reason": p.get("reason")}
    if etype == "case.document":
        return "document", {"role": p.get("role"), "size": p.get("size"), "sha": str(p.get("sha256", ""))[:12]}
    if etype == "case.ownership_checked":
        return "ownership", {"result": p.get("result")}
    if etype == "case.reply":
        return "reply", {"template": p.get("template"), "language": p.get("language")}
    if etype == "counter_notice.received":
        return "counter_notice", {"outcome": "complete" if p.get("complete") else "incomplete"}
    if etype == "counter_notice.forwarded":
        return "forwarded", {"earliest": p.get("restore_earliest"), "latest": p.get("restore_latest")}
    if etype == "counter_notice.court_action":
        return "court_action", {}
    if etype == "item.restored":
        return "restored", {"item": p.get("item"), "how": p.get("how")}
    if etype == "gdpr.identity":
        return "identity", {"result": p.get("result")}
    if etype == "gdpr.refusal":
        return "refusal", {"scope": "Partial" if p.get("partial") else "Full", "ground": p.get("ground"),
                           "retained": len(p.get("retained", []))}
    if etype == "gdpr.recipient_notified":
        return "recipient", {"recipient": p.get("recipient")}
    return "other", {"type": etype}


def _merge(args: dict[str, Any], etype: str, p: dict[str, Any]) -> dict[str, Any]:
    if etype == "takedown.match":
        methods = dict(args.get("by_method", {}))
        methods[p.get("method", "?")] = methods.get(p.get("method", "?"), 0) + 1
        return {"count": sum(methods.values()), "by_method": methods,
                "methods": ", ".join(f"{k} {v}" for k, v in sorted(methods.items()))}
    acc = int(args.get("accepted", 0)) + (p.get("decision") == "accepted")
    rej = int(args.get("rejected", 0)) + (p.get("decision") == "rejected")
    return {"accepted": acc, "rejected": rej}


def _is_commitment(value: str) -> bool:
    return len(value) == 64 and all(ch in "0123456789abcdef" for ch in value)


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (a requester's name is untrusted input)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _guess_media_type(name: str, data: bytes) -> str:
    n = name.lower()
    if data.startswith(b"%PDF"):
        return "application/pdf"
    if n.endswith(".eml"):
        return "message/rfc822"
    if n.endswith((".html", ".htm")):
        return "text/html"
    try:
        data[:4096].decode("utf-8")
        return "text/plain"
    except UnicodeDecodeError:
        return "application/octet-stream"
