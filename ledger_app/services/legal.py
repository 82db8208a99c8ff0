"""The rest of the legal process after a purge or instead of one, every step a ledger entry.

- DMCA 17 U.S.C. 512(g): a counter-notice with its four elements, forwarding it to the claimant, the
  restore window of 10 to 14 business days after that (weekends and configured public holidays do not
  count), a court action that stops it, and restoring the items: from the copy retained at purge time
  (the blocklist entry is lifted and the bytes handed back), or a note of what must be re-acquired.
- GDPR: refusal or partial refusal on a named Art. 17(3) ground, with the items retained; identity
  verification where there is reasonable doubt (Art. 12(6)) before anything is erased; the Art. 19
  register of recipients (training runs and dataset releases from the lineage, mirrors) with a notice to
  each and a record that it was sent; the Art. 12(3) extension announced within the first month.
- Rights-holder requests: the evidence of ownership seen, recorded before a purge.

Personal data (the counter-notifier's name, address and phone, free-text notes) goes to the erasable
store; the ledger holds commitments.

It stays one module (some 720 lines): it is one class, LegalService, whose steps (counter-notice,
restore window, GDPR, ownership) share the request's status machine and the case events; its records
come with it. Reply letters are already apart (services/replies.py).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ledger_app.core.errors import IncompleteRequest, UserError
from ledger_app.core.item_reasons import RESTORED_COPY, RESTORED_REACQUIRE, item_said
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, refused, say
from ledger_app.services.takedown_records import Extended, PurgeView, RequestRecord
from ledger_app.storage import personal
from ledger_app.storage.repos import cases as repo
from ledger_app.takedown.calendar import add_business_days, business_days_between, parse_holidays
from ledger_app.takedown.requests import RequestType, Status, parse_date

# --- DMCA counter-notice --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CounterNotice:
    """A counter-notification under 17 U.S.C. 512(g)(3)."""

    signature: str | None = None  # (A) physical or electronic signature of the subscriber
    material: str | None = None  # (B) identification of the material removed …
    location: str | None = None  # (B) … and the location at which it appeared before removal
    mistake_under_penalty: bool = False  # (C) good-faith belief of mistake, under penalty of perjury
    name: str | None = None  # (D) name, address and telephone number …
    address: str | None = None
    phone: str | None = None
    consent_to_jurisdiction: bool = False  # (D) … consent to the Federal District Court's jurisdiction …
    accepts_service: bool = False  # (D) … and acceptance of service of process from the claimant
    email: str | None = None  # not required; where replies go

    def missing(self) -> list[str]:
        out = []
        if not (self.signature or "").strip():
            out.append("a physical or electronic signature (--signature), 512(g)(3)(A)")
        if not (self.material or "").strip():
            out.append("identification of the material removed (--material), 512(g)(3)(B)")
        if not (self.location or "").strip():
            out.append("the location where it appeared before removal (--location), 512(g)(3)(B)")
        if not self.mistake_under_penalty:
            out.append("a statement under penalty of perjury of a good-faith belief that the material was removed "
                       "by mistake or misidentification (--mistake-under-penalty), 512(g)(3)(C)")
        for attr, flag in (("name", "--name"), ("address", "--address"), ("phone", "--phone")):
            if not (getattr(self, attr) or "").strip():
                out.append(f"the subscriber's {attr} ({flag}), 512(g)(3)(D)")
        if not self.consent_to_jurisdiction:
            out.append("consent to the jurisdiction of the Federal District Court (--consent-to-jurisdiction), 512(g)(3)(D)")
        if not self.accepts_service:
            out.append("acceptance of service of process from the claimant (--accepts-service), 512(g)(3)(D)")
        return out

    def elements(self) -> dict[str, bool]:
        """Which elements were given (what the ledger records; not the personal data itself)."""
        return {"signature": bool(self.signature), "material": bool(self.material), "location": bool(self.location),
                "mistake_under_penalty": self.mistake_under_penalty, "name": bool(self.name),
                "address": bool(self.address), "phone": bool(self.phone),
                "consent_to_jurisdiction": self.consent_to_jurisdiction, "accepts_service": self.accepts_service}


@dataclass(frozen=True)
class RestoreWindow:
    """Where a DMCA request stands after a counter-notice: 512(g)(2)(B)-(C)."""

    counter_notice: bool
    complete: bool
    forwarded_on: str | None
    earliest: str | None  # 10 business days after forwarding
    latest: str | None  # 14 business days after forwarding
    planned: str | None  # the day chosen within the window (legal.restore_business_days)
    business_days_elapsed: int | None
    court_action: bool
    restored: tuple[str, ...]
    can_restore: bool
    reason: str  # why (not) now, in words
    said: Said | None = None  # the reason as a message, for the window (not in the JSON)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        del d["said"]
        d["restored"] = list(self.restored)
        return d


# --- GDPR ------------------------------------------------------------------------------------------------

# Art. 17(3): erasure does not apply to the extent that processing is necessary …
ART17_3_GROUNDS = {
    "a": "for exercising the right of freedom of expression and information (Art. 17(3)(a))",
    "b": "for compliance with a legal obligation, or a task in the public interest or in official authority "
         "(Art. 17(3)(b))",
    "c": "for reasons of public interest in the area of public health (Art. 17(3)(c))",
    "d": "for archiving purposes in the public interest, scientific or historical research or statistical purposes "
         "(Art. 17(3)(d))",
    "e": "for the establishment, exercise or defence of legal claims (Art. 17(3)(e))",
}

IDENTITY_RESULTS = ("requested", "verified", "failed")
OWNERSHIP_RESULTS = ("confirmed", "not_shown")


@dataclass(frozen=True)
class Recipient:
    """An Art. 19 recipient of items of a request: a training run, a dataset release or a mirror."""

    kind: str  # training_run | release | mirror
    id: int
    name: str
    corpus: str
    items: tuple[str, ...]
    contact: str | None
    notified_at: float | None  # None while any of its items is not yet in a notice sent to it
    notice_sha256: str | None  # the last notice sent to it
    # The items no notice has told it of yet: all of them at first; after a notice, those erased since
    # (a later decision on the same request), for which it gets a further notice of just those.
    pending: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["items"] = list(self.items)
        d["pending"] = list(self.pending)
        d["key"] = self.key
        return d


# --- what the steps return ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnershipCheck:
    """The latest evidence of ownership recorded for a request (`evidence` None once erased)."""

    result: str  # confirmed | not_shown
    evidence: str | None
    at: float
    entry: int | None

    def to_json(self) -> dict[str, Any]:
        return {"result": self.result, "evidence": self.evidence, "at": self.at, "entry": self.entry}


@dataclass(frozen=True)
class CounterNoticeReceipt:
    """A counter-notice just recorded."""

    request: int
    complete: bool
    missing: tuple[str, ...]
    items: tuple[str, ...]
    entry: int

    def to_json(self) -> dict[str, Any]:
        return {"request": self.request, "complete": self.complete, "missing": list(self.missing),
                "items": list(self.items), "entry": self.entry}


@dataclass(frozen=True)
class CounterNoticeRecord:
    """The counter-notice recorded for a request, as its case event holds it (the counter-notifier's
    personal data is behind `commitment`)."""

    commitment: str
    items: tuple[str, ...]
    received: str
    complete: bool
    missing: tuple[str, ...]
    entry: int | None


# The counter-notifier's details kept in the erasable store (those given).
COUNTER_NOTIFIER_FIELDS = ("name", "address", "phone", "email", "signature", "material", "location")


@dataclass(frozen=True)
class CounterNotifier:
    """The subscriber who sent a counter-notice, as given (each None when not given)."""

    name: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    signature: str | None = None
    material: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class RestoredItem:
    """One item restored after a counter-notice: from the retained copy (`restored_as` the new item and
    its `status`) or to be re-acquired (`where` its source URL)."""

    item: str
    sha256: str | None
    how: str  # retained copy | re-acquire
    where: str | None
    restored_as: str | None = None
    status: str | None = None

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"item": self.item, "sha256": self.sha256, "how": self.how, "where": self.where}
        if self.how == "retained copy":
            d.update(restored_as=self.restored_as, status=self.status)
        return d


@dataclass(frozen=True)
class Restoration:
    """What `restore` did: the corpus the retained copies were ingested as (None if none) and each item."""

    request: int
    corpus: str | None
    restored: tuple[RestoredItem, ...]

    def to_json(self) -> dict[str, Any]:
        return {"request": self.request, "corpus": self.corpus, "restored": [r.to_json() for r in self.restored]}


@dataclass(frozen=True)
class Refusal:
    """A refusal of erasure just recorded."""

    request: int
    ground: str  # Art. 17(3)(x)
    ground_text: str
    partial: bool
    retained: tuple[str, ...]
    entry: int

    def to_json(self) -> dict[str, Any]:
        return {"request": self.request, "ground": self.ground, "ground_text": self.ground_text,
                "partial": self.partial, "retained": list(self.retained), "entry": self.entry}


@dataclass(frozen=True)
class RefusalRecord:
    """A recorded refusal of erasure (`reasons` None once erased)."""

    ground: str
    ground_text: str
    partial: bool
    retained: tuple[str, ...]
    reasons: str | None
    at: float

    def to_json(self) -> dict[str, Any]:
        return {"ground": self.ground, "ground_text": self.ground_text, "partial": self.partial,
                "retained": list(self.retained), "reasons": self.reasons, "at": self.at}


@dataclass(frozen=True)
class RecipientNotified:
    """An Art. 19 notice written to a recipient and recorded."""

    recipient: str  # Recipient.key
    name: str
    file: str
    sha256: str
    entry: int

    def to_json(self) -> dict[str, Any]:
        return {"recipient": self.recipient, "name": self.name, "file": self.file, "sha256": self.sha256,
                "entry": self.entry}


def rights_holder_request(rtype: str, kind: str) -> bool:
    """A request from someone claiming rights in the works (not the data subject, not internal)."""
    return rtype in ("dmca", "publisher") or (rtype == "other" and kind in ("rights_org", "news_publisher"))


class LegalService:
    """The legal steps around a request; `Services.legal`."""

    def __init__(self, cases):  # takedown.cases.CaseService
        self.cases = cases
        self.takedown = cases.takedown
        self.ledger = cases.ledger
        self.ws = cases.ws

    def _holidays(self) -> frozenset[date]:
        return parse_holidays(self.ws.settings.get("legal.holidays"))

    def _req(self, rid: int, *types: RequestType) -> RequestRecord:
        req = self.takedown.request_record(rid)
        if types and req.type not in {t.value for t in types}:
            names = " or ".join(t.value.upper() if t is RequestType.DMCA else t.value for t in types)
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} is a {type} request; this step applies to {names} requests only"),
                rid=rid, type=req.type, names=names)
        return req

    # --- ownership -----------------------------------------------------------------------------------

    def check_ownership(self, rid: int, evidence: str, result: str = "confirmed") -> int:
        """Record the evidence of ownership seen for a rights holder's request (a registration, a
        contract, the original files with metadata…). Required before the purge of such a request."""
        if result not in OWNERSHIP_RESULTS:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the ownership result is {choices}, not {result}"),
                choices=' or '.join(OWNERSHIP_RESULTS), result=repr(result))
        if not (evidence or "").strip():
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "say what evidence of ownership was seen (for example: US copyright registration VA 2-345-678)"))
        self.takedown.request_record(rid)
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            c = personal.commit(conn, "note", {"text": evidence.strip()})
            _eid, res = self.cases.record_event(conn, rid, "ownership", {"commitment": c, "result": result},
                                          ("case.ownership_checked", {"request": rid, "evidence": c, "result": result}))
        self.ledger.after_external_commit(res)
        return res.first_index

    def ownership(self, rid: int) -> OwnershipCheck | None:
        evs = self.cases.events(rid, "ownership")
        if not evs:
            return None
        ev = evs[-1]
        with self.ws.engine.connect() as conn:
            data = personal.reveal(conn, ev.body["commitment"]) or {}
        return OwnershipCheck(ev.body["result"], data.get("text"), ev.created_at, ev.entry_idx)

    def check_before_purge(self, rid: int) -> None:
        """What must hold before a request's items are removed; raises UserError saying what to do."""
        req = self.takedown.request_record(rid)
        if self.ws.settings.get("legal.require_ownership_check") and rights_holder_request(req.type, req.requester_kind):
            own = self.ownership(rid)
            if own is None or own.result != "confirmed":
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", 'request {rid} comes from a rights holder: record the evidence of ownership seen before the purge (`ledger takedown ownership {rid} --evidence "…"`)'),
                    rid=rid)
        if req.type == RequestType.GDPR.value:
            ident = self.identity(rid)
            if ident in ("requested", "failed"):
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the identity of the data subject of request {rid} is {value}; verify it first (`ledger takedown identity {rid} --result verified --method …`)"),
                    rid=rid, value='not yet verified' if ident == 'requested' else 'not verified')

    # --- DMCA 512(g) ------------------------------------------------------------------------------------

    def counter_notice(self, rid: int, cn: CounterNotice, *, items: Sequence[str] = (), received: str | None = None,
                       record_anyway: bool = False) -> CounterNoticeReceipt:
        """Receive a counter-notice for material removed under request `rid` (all its purged items unless
        `items` names some). Incomplete: IncompleteRequest naming each missing element, nothing recorded,
        unless `record_anyway` (recorded as incomplete; it cannot be forwarded)."""
        req = self._req(rid, RequestType.DMCA)
        if req.status not in (Status.PURGED.value, Status.CERTIFIED.value, Status.CLOSED.value):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} is {status}; a counter-notice answers material already removed"),
                rid=rid, status=req.status)
        purged = purged_items(self.takedown.purge_view(rid))
        chosen = list(items) or list(purged)
        unknown = [i for i in chosen if i not in purged]
        if unknown:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "item {unknown} was not removed under request {rid}; a counter-notice names removed material"),
                unknown=repr(unknown[0]), rid=rid)
        missing = cn.missing()
        if missing and not record_anyway:
            raise IncompleteRequest(
                f"the counter-notice is incomplete, missing: {'; '.join(missing)}. Nothing was recorded: ask the "
                "subscriber for what is missing (reply template missing_elements), or record it with --record-anyway",
                missing)
        day = parse_date(received, "received date")
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            c = personal.commit(conn, "counter_notifier", {k: v for k, v in {
                "name": cn.name, "address": cn.address, "phone": cn.phone, "email": cn.email,
                "signature": cn.signature, "material": cn.material, "location": cn.location}.items() if v})
            body = {"commitment": c, "items": chosen, "received": day.isoformat(), "complete": not missing,
                    "missing": missing}
            _eid, res = self.cases.record_event(conn, rid, "counter_notice", body, ("counter_notice.received", {
                "request": rid, "counter_notifier": c, "items": chosen, "received": day.isoformat(),
                "elements": cn.elements(), "complete": not missing}))
        self.ledger.after_external_commit(res)
        return CounterNoticeReceipt(rid, not missing, tuple(missing), tuple(chosen), res.first_index)

    def counter_notice_record(self, rid: int) -> CounterNoticeRecord | None:
        evs = self.cases.events(rid, "counter_notice")
        if not evs:
            return None
        b = evs[-1].body
        return CounterNoticeRecord(b["commitment"], tuple(b["items"]), b["received"], b["complete"],
                                   tuple(b.get("missing") or ()), evs[-1].entry_idx)

    def counter_notifier(self, rid: int) -> CounterNotifier | None:
        """Who sent the request's counter-notice, from the erasable store (None when there is no
        counter-notice or its personal data was erased)."""
        cn = self.counter_notice_record(rid)
        if cn is None:
            return None
        with self.ws.engine.connect() as conn:
            data = personal.reveal(conn, cn.commitment)
        if data is None:
            return None
        return CounterNotifier(**{k: data.get(k) for k in COUNTER_NOTIFIER_FIELDS})

    def forward_counter_notice(self, rid: int, *, forwarded_on: str | None = None) -> RestoreWindow:
        """Record that the counter-notice was sent to the claimant (512(g)(2)(B)); starts the restore window."""
        self._req(rid, RequestType.DMCA)
        cn = self.counter_notice_record(rid)
        if cn is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} has no counter-notice to forward; record it first (`ledger takedown counter-notice {rid} …`)"),
                rid=rid)
        if not cn.complete:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the counter-notice of request {rid} is incomplete; it is not forwarded until it is complete"),
                rid=rid)
        if self.cases.events(rid, "forwarded"):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the counter-notice of request {rid} was already forwarded"),
                rid=rid)
        day = parse_date(forwarded_on, "forwarding date")
        hol = self._holidays()
        n = int(self.ws.settings.get("legal.restore_business_days"))
        if not 10 <= n <= 14:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "legal.restore_business_days must be between 10 and 14 (17 U.S.C. 512(g)(2)(C))"))
        earliest, latest = add_business_days(day, 10, hol), add_business_days(day, 14, hol)
        planned = add_business_days(day, n, hol)
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            _eid, res = self.cases.record_event(conn, rid, "forwarded", {
                "forwarded_on": day.isoformat(), "earliest": earliest.isoformat(), "latest": latest.isoformat(),
                "planned": planned.isoformat()}, ("counter_notice.forwarded", {
                    "request": rid, "forwarded_on": day.isoformat(), "restore_earliest": earliest.isoformat(),
                    "restore_latest": latest.isoformat(), "restore_planned": planned.isoformat()}))
        self.ledger.after_external_commit(res)
        return self.restore_window(rid)

    def court_action(self, rid: int, note: str) -> int:
        """The claimant says it filed an action seeking a court order (512(g)(2)(C)): do not restore."""
        self._req(rid, RequestType.DMCA)
        if not (note or "").strip():
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "describe the court action (court, case number, date of the claimant's notice)"))
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            c = personal.commit(conn, "note", {"text": note.strip()})
            _eid, res = self.cases.record_event(conn, rid, "court_action", {"commitment": c},
                                          ("counter_notice.court_action", {"request": rid, "note": c}))
        self.ledger.after_external_commit(res)
        return res.first_index

    def restore_window(self, rid: int, today: date | None = None) -> RestoreWindow:
        self._req(rid, RequestType.DMCA)
        today = today or date.today()
        cn = self.counter_notice_record(rid)
        fw = self.cases.events(rid, "forwarded")
        court = bool(self.cases.events(rid, "court_action"))
        restored = tuple(sorted(ev.body["item"] for ev in self.cases.events(rid, "restored")))
        if cn is None:
            why = say(QT_TRANSLATE_NOOP("ServiceMessage", "no counter-notice received"))
            return RestoreWindow(False, False, None, None, None, None, None, court, restored, False, str(why), why)
        if not fw:
            why = (say(QT_TRANSLATE_NOOP("ServiceMessage", "the counter-notice is incomplete")) if not cn.complete else
                   say(QT_TRANSLATE_NOOP("ServiceMessage", "the counter-notice is not yet forwarded to the claimant")))
            return RestoreWindow(True, cn.complete, None, None, None, None, None, court, restored, False, str(why), why)
        f = fw[-1].body
        fwd, earliest, latest = (date.fromisoformat(f[k]) for k in ("forwarded_on", "earliest", "latest"))
        elapsed = business_days_between(fwd, today, self._holidays())
        pending = [i for i in cn.items if i not in restored]
        if court:
            ok, why = False, say(QT_TRANSLATE_NOOP("ServiceMessage", "the claimant filed a court action; the material stays removed"))
        elif not pending:
            ok, why = False, say(QT_TRANSLATE_NOOP("ServiceMessage", "every item is restored"))
        elif today < earliest:
            ok, why = False, say(QT_TRANSLATE_NOOP("ServiceMessage", "{n} of 10 business days have passed; restore from {date}"), n=elapsed, date=earliest.isoformat())
        elif today > latest:
            ok, why = True, say(QT_TRANSLATE_NOOP("ServiceMessage", "the window closed on {date}; restore now"),
                                date=latest.isoformat())
        else:
            ok, why = True, say(QT_TRANSLATE_NOOP("ServiceMessage", "within the window ({start} to {end})"),
                                start=earliest.isoformat(), end=latest.isoformat())
        return RestoreWindow(True, True, fwd.isoformat(), earliest.isoformat(), latest.isoformat(), f["planned"], elapsed,
                             court, restored, ok, str(why), why)

    def restore(self, rid: int, *, to: Path | None = None, today: date | None = None) -> Restoration:
        """Restore the counter-noticed items once the window allows (512(g)(2)(C)).

        Each item's blocklist entry is lifted. An item with a retained copy is re-admitted from it: the
        copy and its metadata (as a sidecar) are written to `to` (default: the workspace's
        `restored/request-N` folder), which is registered as the folder corpus `restored-rN` and
        ingested, so the restored item is a live, admitted item of the ledger with the same content
        hash (and goes through the ingest policy like any other). An item without a copy (erased,
        altered, or never kept) is recorded with what must be re-acquired: its source URL. The purged
        item itself stays purged: its old location no longer holds it.
        """
        win = self.restore_window(rid, today)
        if not win.can_restore:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} cannot be restored now: {reason}"),
                rid=rid, reason=win.said or win.reason)
        cn = self.counter_notice_record(rid)
        assert cn is not None
        items = [i for i in cn.items if i not in win.restored]
        retained = {ev.body["item"]: ev.body for ev in self.cases.events(rid, "retained")}
        out_dir = Path(to) if to else self.ws.path / "restored" / f"request-{rid}"
        corpus_name = f"restored-r{rid}"
        results: list[RestoredItem] = []
        written = []
        where: str | None
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            entries: list[tuple[str, dict[str, Any]]] = []
            for item_id in items:
                origin = repo.item_origin(conn, item_id) or repo.ItemOrigin(None, None, None)
                sha, url, location = origin.sha256, origin.source_url, origin.location
                keep = retained.get(item_id)
                data = meta = None
                if keep is not None:
                    try:
                        data = self.cases.document_bytes(keep["sha256"])
                        if keep.get("metadata_sha256"):
                            meta = self.cases.document_bytes(keep["metadata_sha256"])
                    except UserError:
                        data = None  # erased or altered: it must be re-acquired
                if data is not None:
                    out_dir.mkdir(parents=True, exist_ok=True)
                    target = out_dir / f"{_safe_name(location or item_id)}.data"
                    target.write_bytes(data)
                    if meta:
                        target.with_name(target.name + ".json").write_bytes(meta)
                    written.append(target)
                    how, where = "retained copy", str(target)
                else:
                    how, where = "re-acquire", url
                repo.unblock(conn, sha, rid)
                repo.set_item_status_reason(conn, item_id, (
                    item_said(RESTORED_COPY, request=rid, corpus=corpus_name) if data is not None
                    else item_said(RESTORED_REACQUIRE, request=rid)).to_stored())
                repo.insert_event_json(conn, rid, "restored", {"item": item_id, "how": how, "where": where}, time.time())
                entries.append(("item.restored", {"request": rid, "item": item_id, "sha256": sha, "how": how,
                                                  "corpus": corpus_name if data is not None else None}))
                results.append(RestoredItem(item_id, sha, how, where))
            res = self.ledger.append(entries, conn=conn)
        self.ledger.after_external_commit(res)
        if written:
            corpus = self.takedown.corpus
            try:
                corpus.corpus(corpus_name)
            except UserError:
                corpus.add_corpus(corpus_name, out_dir, "folder")
            corpus.ingest(corpus_name)
            with self.ws.engine.connect() as conn:
                for n, r in enumerate(results):
                    if r.how == "retained copy":
                        state = repo.item_in_corpus(conn, corpus_name, r.sha256)
                        if state is not None:
                            results[n] = replace(r, restored_as=state.id, status=state.status)
        return Restoration(rid, corpus_name if written else None, tuple(results))

    # --- GDPR ---------------------------------------------------------------------------------------------

    def identity(self, rid: int) -> str | None:
        evs = self.cases.events(rid, "identity")
        return evs[-1].body["result"] if evs else None

    def record_identity(self, rid: int, result: str, *, method: str = "", note: str = "") -> int:
        """`requested` (reasonable doubt: more information asked for, Art. 12(6); erasure waits),
        `verified` (with the method: a signed e-mail from the known address, a video call, …) or `failed`."""
        self._req(rid, RequestType.GDPR)
        if result not in IDENTITY_RESULTS:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the identity result is one of {choices}, not {result}"),
                choices=', '.join(IDENTITY_RESULTS), result=repr(result))
        if result == "verified" and not method.strip():
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "say how the identity was verified (--method)"))
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            c = personal.commit(conn, "note", {"text": note.strip()}) if note.strip() else None
            _eid, res = self.cases.record_event(conn, rid, "identity", {"result": result, "method": method, "commitment": c},
                                          ("gdpr.identity", {"request": rid, "result": result, "method": method, "note": c}))
        self.ledger.after_external_commit(res)
        return res.first_index

    def refuse(self, rid: int, ground: str, *, items: Sequence[str] = (), reason: str = "") -> Refusal:
        """Refuse erasure of `items` (all matches when empty: a full refusal) on an Art. 17(3) ground.
        The items are kept (their matches rejected, with the ground); a partial refusal lets the rest
        proceed to the purge; a full one rejects the request."""
        req = self._req(rid, RequestType.GDPR)
        g = ground.strip().lower().removeprefix("art. 17(3)").strip("() ")
        if g not in ART17_3_GROUNDS:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "name the Art. 17(3) ground: {choices} ({ground} is not one)"),
                choices=', '.join(ART17_3_GROUNDS), ground=repr(ground))
        if not reason.strip():
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a refusal needs the reasons given to the data subject (Art. 12(4))"))
        with self.ws.engine.connect() as conn:
            matched = repo.matched_items(conn, rid)
        chosen = sorted(set(items)) if items else matched
        unknown = [i for i in chosen if i not in matched]
        if unknown:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "item {unknown} is not among the matches of request {rid}"),
                unknown=repr(unknown[0]), rid=rid)
        if not chosen:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} has no matches to retain; locate first, or reject the request with a reason"),
                rid=rid)
        if req.status in (Status.PURGED.value, Status.CERTIFIED.value, Status.CLOSED.value, Status.REJECTED.value):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} is {status}; a refusal is decided before the purge"),
                rid=rid, status=req.status)
        partial = set(chosen) != set(matched)
        now = time.time()
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            who = self.ledger.actor_commitment(conn)
            c = personal.commit(conn, "note", {"text": reason.strip()})
            entries: list[tuple[str, dict[str, Any]]] = []
            for item_id in chosen:
                repo.reject_match(conn, rid, item_id, who, now)
                entries.append(("takedown.decision", {"request": rid, "item": item_id, "decision": "rejected",
                                                      "ground": f"Art. 17(3)({g})"}))
            entries.append(("gdpr.refusal", {"request": rid, "ground": f"Art. 17(3)({g})", "partial": partial,
                                             "retained": chosen, "reasons": c}))
            repo.insert_event_json(conn, rid, "refusal", {"ground": g, "partial": partial, "retained": chosen,
                                                          "commitment": c}, now)
            if not partial:
                entries.append(self.takedown.set_status(conn, rid, req.status, Status.REJECTED, say(
                    QT_TRANSLATE_NOOP("ServiceMessage", "erasure refused under Art. 17(3)({g})"), g=g)))
            res = self.ledger.append(entries, conn=conn)
        self.ledger.after_external_commit(res)
        return Refusal(rid, f"Art. 17(3)({g})", ART17_3_GROUNDS[g], partial, tuple(chosen), res.first_index)

    def refusals(self, rid: int) -> list[RefusalRecord]:
        out = []
        with self.ws.engine.connect() as conn:
            for ev in repo.events(conn, rid, "refusal"):
                b, created = ev.body, ev.created_at
                reasons = (personal.reveal(conn, b["commitment"]) or {}).get("text") if b.get("commitment") else None
                out.append(RefusalRecord(f"Art. 17(3)({b['ground']})", ART17_3_GROUNDS[b["ground"]], b["partial"],
                                         tuple(b["retained"]), reasons, created))
        return out

    def announce_extension(self, rid: int, months: int, reason: str, *, today: date | None = None) -> Extended:
        """Art. 12(3): extend by up to two months, telling the data subject within the first month, with
        the reasons. Refused after the first month has passed."""
        req = self._req(rid, RequestType.GDPR)
        today = today or date.today()
        if today > date.fromisoformat(req.due_by) and not req.extended_reason:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the first month of request {rid} ended on {due_by}; an extension had to be announced before then (Art. 12(3))"),
                rid=rid, due_by=req.due_by)
        res = self.takedown.extend(rid, months, reason)
        return res

    # --- Art. 19 recipients ---------------------------------------------------------------------------------

    def recipients(self, rid: int) -> list[Recipient]:
        """Everyone the request's items went to: training runs that saw them, dataset releases made while
        they were in, and the mirrors of those releases; with whether each was notified."""
        from ledger_app.services.lineage import affected_runs, releases_containing

        items = purged_items(self.takedown.purge_view(rid))
        if not items:
            with self.ws.engine.connect() as conn:
                items = repo.matched_items(conn, rid, "accepted")
        # What each recipient was told: the items of each notice (a notice recorded before notices
        # listed them covered every item the recipient had then: None).
        told: dict[str, tuple[float, str | None, set[str] | None]] = {}
        for ev in self.cases.events(rid, "recipient"):
            key = ev.body["recipient"]
            before = told.get(key, (0.0, None, set()))[2]
            listed = ev.body.get("items")
            covered = None if before is None or listed is None else before | set(listed)
            told[key] = (ev.created_at, ev.body.get("sha256"), covered)

        def state(key: str, its: Sequence[str]) -> tuple[float | None, str | None, tuple[str, ...]]:
            if key not in told:
                return None, None, tuple(its)
            at, sha, covered = told[key]
            pending = () if covered is None else tuple(i for i in its if i not in covered)
            return (None if pending else at), sha, pending

        out = []
        for r in affected_runs(self.takedown, items, include_live=True):
            key = f"training_run:{r.run}"
            at, sha, pending = state(key, r.items_seen)
            out.append(Recipient("training_run", r.run, r.model, r.corpus, r.items_seen, None, at, sha, pending))
        contacts = {}
        for rel in releases_containing(self.takedown, items):
            if rel.contact and rel.contact not in contacts:
                with self.ws.engine.connect() as conn:
                    contacts[rel.contact] = (personal.reveal(conn, rel.contact) or {}).get("contact")
            key = f"{rel.kind}:{rel.id}"
            at, sha, pending = state(key, rel.items)
            out.append(Recipient(rel.kind, rel.id, rel.name, rel.corpus, rel.items,
                                 contacts.get(rel.contact) if rel.contact else None, at, sha, pending))
        return out

    def notify_recipients(self, rid: int, *, out_dir: Path | None = None, language: str = "en",
                          only: Sequence[str] = ()) -> list[RecipientNotified]:
        """Write an Art. 19 notice (.eml) to each recipient not yet notified of every item, listing the
        items it was not told of yet (all at first; a further notice names only those decided since), and
        record that it was sent, with those items."""
        from ledger_app.services.replies import recipient_notice

        req = self._req(rid, RequestType.GDPR)
        todo = [r for r in self.recipients(rid) if r.notified_at is None and (not only or r.key in only)]
        out_dir = Path(out_dir) if out_dir else self.ws.path / "replies" / f"request-{rid}"
        results = []
        for r in todo:
            eml = recipient_notice(self, req, r, language=language)
            out_dir.mkdir(parents=True, exist_ok=True)
            path = out_dir / f"art19-{r.kind}-{r.id}.{language}.eml"
            if path.exists():  # a further notice to the same recipient: the first one stays as sent
                path = out_dir / f"art19-{r.kind}-{r.id}.{len(list(out_dir.glob(f'art19-{r.kind}-{r.id}.*')))}.{language}.eml"
            path.write_bytes(eml)
            self.ledger.unlock()
            with self.ws.store.write_transaction() as conn:
                sha = self.cases.store_document(conn, eml, "message/rfc822")
                _eid, res = self.cases.record_event(conn, rid, "recipient", {"recipient": r.key, "sha256": sha, "name": r.name,
                                                                         "items": list(r.pending)},
                                              ("gdpr.recipient_notified", {"request": rid, "recipient": r.key,
                                                                           "items": list(r.pending), "notice": sha}))
            self.ledger.after_external_commit(res)
            results.append(RecipientNotified(r.key, r.name, str(path), sha, res.first_index))
        return results


def purged_items(view: PurgeView | None) -> list[str]:
    """The items a purge removed (none before the purge)."""
    return list(view.items) if view is not None else []


def _safe_name(location: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_.=" else "_" for c in location)
    return keep.strip("._")[:200] or "item"


def retain_copies(svc, rid: int, by_corpus: dict[int, dict[str, Any]]) -> int:  # TakedownService
    """Before a DMCA purge rewrites the shards, keep each removed item's bytes in the content-addressed
    store (the quarantine store), so that a successful counter-notice can restore them. Returns how many."""
    from ledger_app.corpus import open_corpus
    from ledger_app.services.cases import store_document

    with svc.ws.engine.connect() as conn:
        done = {ev.body["item"] for ev in repo.events(conn, rid, "retained")}
    kept = 0
    for _cid, c in sorted(by_corpus.items()):
        adapter = open_corpus(Path(c["path"]), c["format"])
        for shard, keys in sorted(c["plan"].items()):
            wanted = set(keys)
            for raw in adapter.iter_items(shard):
                if raw.key not in wanted or raw.data is None:
                    continue
                item_id, _sha = c["items"][(shard, raw.key)]
                if item_id in done:
                    continue
                with svc.ws.store.write_transaction() as conn:
                    # Content and metadata both go to the erasable document store (the metadata may name a
                    # person); the case event holds only their hashes.
                    sha = store_document(conn, raw.data, "application/octet-stream")
                    meta_sha = store_document(conn, json.dumps(raw.metadata or {}, ensure_ascii=False, default=str,
                                                               sort_keys=True).encode(), "application/json")
                    repo.insert_event_json(conn, rid, "retained",
                                           {"item": item_id, "sha256": sha, "metadata_sha256": meta_sha}, time.time())
                done.add(item_id)
                kept += 1
    return kept
