"""The takedown workflow: intake → validate → locate → review → approve → purge → certify → close.

Every status change, match and decision is a ledger entry. Requester personal data (name, e-mail,
account IDs) is stored erasably and only committed to in the ledger.

It stays one module (some 780 lines): it is one class, TakedownService, the request state machine
from intake to close, with the intake parsing it alone uses; the case, legal, purge, certificate and
claim steps already live in their own modules.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import hashlib
import io
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ledger_app.core.errors import IncompleteRequest, NotFoundError, UserError
from ledger_app.core.messages import (
    QT_TRANSLATE_NOOP,
    Said,
    SaidText,
    joined,
    json_error_said,
    refused,
    said_of,
    say,
)
from ledger_app.core.os_errors import os_error_said
from ledger_app.core.settings import MatchThresholds
from ledger_app.core.urls import normalize_domain, parse_sha256, url_key
from ledger_app.engine import Engine, open_engine
from ledger_app.services.takedown_records import (
    Approved,
    DiscardedDraft,
    DraftBody,
    DraftSummary,
    Extended,
    KeptDraft,
    Located,
    PurgedShard,
    PurgeView,
    RecordedRequest,
    RequestRecord,
    RequestSummary,
    RequestView,
    Reviewed,
)
from ledger_app.storage import identity, personal
from ledger_app.storage.repos import takedowns as repo
from ledger_app.takedown import locate as loc
from ledger_app.takedown.requests import (
    DEFAULT_REQUESTER_KIND,
    MIN_ARTICLE_CHARS,
    OPEN_STATUSES,
    WORK_KINDS,
    DmcaElements,
    RequesterKind,
    RequestType,
    Status,
    WorkSpec,
    check_transition,
    due_date,
    extended_due,
    parse_date,
)

Progress = Callable[[int, int], None]


@dataclass
class _Intake:
    """A request checked by TakedownService._intake and not yet written."""

    type: RequestType
    kind: RequesterKind
    received: date
    due: date
    requester: str | None
    email: str | None
    works: list[WorkSpec]
    dmca: DmcaElements | None
    problems: list[str]
    claim_id: int | None = None
    license_id: int | None = None
    problems_said: list[Said] = dataclasses.field(default_factory=list)  # `problems` as messages


class TakedownService:
    def __init__(self, corpus):  # ingest.service.CorpusService
        self.corpus = corpus
        self.ledger = corpus.ledger
        self.ws = corpus.ws


    # --- identifications ----------------------------------------------------------------------------

    @staticmethod
    def work_specs(*, files: Sequence[str | Path] = (), hashes: Sequence[str] = (), urls: Sequence[str] = (),
                   domains: Sequence[str] = (), accounts: Sequence[str] = (), text_files: Sequence[str | Path] = (),
                   texts: Sequence[str] = (), c2pa_signers: Sequence[str] = ()) -> list[WorkSpec]:
        """Turn what a requester gave into stored identifications. Files are hashed and fingerprinted
        here and never stored; article text is kept (it is the claimed work, needed as evidence)."""
        specs: list[WorkSpec] = []
        for f in files:
            specs.append(file_work(Path(f)))
        for h in hashes:
            specs.append(WorkSpec("hash", parse_sha256(h)))
        for u in urls:
            specs.append(WorkSpec("url", url_key(u), url=u.strip()))
        for d in domains:
            specs.append(WorkSpec("domain", normalize_domain(d)))
        for a in accounts:
            if not a.strip():
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "an empty account ID cannot be matched"))
            specs.append(WorkSpec("account", a.strip()))
        for tf in text_files:
            try:
                text = Path(tf).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "cannot read the article text {tf}: {e}"),
                    tf=tf, e=os_error_said(e) if isinstance(e, OSError) else e) from None
            specs.append(text_work(text, description=Path(tf).name))
        for t in texts:
            specs.append(text_work(t))
        for s in c2pa_signers:
            specs.append(WorkSpec("c2pa_signer", s.strip()))
        return specs

    # --- intake --------------------------------------------------------------------------------------

    def new_request(self, *, type: str, requester: str | None, requester_kind: str = DEFAULT_REQUESTER_KIND,
                    email: str | None = None, received: str | None = None, works: Sequence[WorkSpec],
                    dmca: DmcaElements | None = None, claim_id: int | None = None, license_id: int | None = None,
                    record_anyway: bool = False, draft: bool = False) -> RecordedRequest | KeptDraft:
        """Open a request. A request lacking required elements (the DMCA notice's six, or any
        identification of the material) is refused with IncompleteRequest naming each one and nothing
        is written; with `draft` it is kept as a draft to amend (`amend_draft`), not in the ledger; with
        `record_anyway` it is recorded, as rejected with the missing elements as the reason."""
        intake = self._intake(type=type, requester=requester, requester_kind=requester_kind, email=email,
                              received=received, works=works, dmca=dmca, claim_id=claim_id, license_id=license_id)
        if intake.problems and not record_anyway:
            if draft:
                return self._save_draft(None, intake)
            raise _incomplete(intake)
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            out, entries = self._record_intake(conn, intake)
            res = self.ledger.append(entries, conn=conn)
        self.ledger.after_external_commit(res)
        return out

    # --- drafts: incomplete notices kept to be amended (not in the ledger) ----------------------------

    def _save_draft(self, draft_id: int | None, intake: _Intake) -> KeptDraft:
        """Keep an incomplete notice. Its requester's name, e-mail, signature and contact go to the
        erasable personal-data store (the body holds the commitment, `person`), as a request's do."""
        body = _intake_to_json(intake)
        d = intake.dmca
        person = {k: v for k, v in {"name": intake.requester, "email": intake.email,
                                    "signature": d.signature if d else None,
                                    "contact": d.contact if d else None}.items() if v}
        body.update(requester=None, email=None)
        if body["dmca"] is not None:
            body["dmca"].update(signature=None, contact=None)
        problems = json.dumps(intake.problems)
        now = time.time()
        with self.ws.store.write_transaction() as conn:
            old = repo.draft(conn, draft_id) if draft_id is not None else None
            if old is not None:
                before = json.loads(old.body)
                body["letters"] = before.get("letters") or []
                if before.get("person"):
                    personal.erase(conn, before["person"])  # replaced by what the amended draft holds
            body["person"] = personal.commit(conn, "requester", person) if person else None
            text = json.dumps(body, ensure_ascii=False)
            if draft_id is None:
                draft_id = repo.insert_draft(conn, text, problems, now)
            else:
                repo.update_draft(conn, draft_id, text, problems, now)
        return KeptDraft(draft_id, [SaidText(m) for m in intake.problems_said] or list(intake.problems),
                         intake.due.isoformat())

    @staticmethod
    def _draft_json(conn, body: str) -> dict[str, Any]:
        """A draft's body with its requester read back from the personal-data store (None once erased).
        Drafts kept before the store was used hold the values themselves and are read as they are."""
        b = json.loads(body)
        c = b.get("person")
        if c:
            p = personal.reveal(conn, c) or {}
            b["requester"], b["email"] = p.get("name"), p.get("email")
            if b.get("dmca") is not None:
                b["dmca"]["signature"], b["dmca"]["contact"] = p.get("signature"), p.get("contact")
        return b

    def drafts(self) -> list[DraftSummary]:
        out = []
        with self.ws.engine.connect() as conn:
            for r in repo.open_drafts(conn):
                b = self._draft_json(conn, r.body)
                out.append(DraftSummary(r.id, b["type"], b.get("requester"), b["received"], len(b["works"]),
                                        json.loads(r.problems), r.updated_at))
        return out

    def _open_draft(self, conn, draft_id: int) -> repo.DraftRow:
        row = repo.draft(conn, draft_id)
        if row is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no draft {draft_id}; see `ledger takedown drafts`"), error=NotFoundError,
                draft_id=draft_id)
        if row.request_id is not None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "draft {draft_id} was already recorded as request {request_id}"),
                draft_id=draft_id, request_id=row.request_id)
        return row

    def draft_body(self, draft_id: int) -> DraftBody:
        with self.ws.engine.connect() as conn:
            b = self._draft_json(conn, self._open_draft(conn, draft_id).body)
        return DraftBody(b["type"], b["requester_kind"], b["received"], b.get("requester"), b.get("email"),
                         list(b["works"]), b.get("dmca"))

    def draft_person(self, draft_id: int) -> str | None:
        """The commitment behind a draft's requester (what `ledger erase` takes), or None."""
        with self.ws.engine.connect() as conn:
            person = json.loads(self._open_draft(conn, draft_id).body).get("person")
        return str(person) if person else None

    def draft_letters_written(self, draft_id: int, files: list[dict[str, str]]) -> None:
        """Note the files of a letter written for a draft, so that erasing its requester deletes them."""
        with self.ws.store.write_transaction() as conn:
            b = json.loads(self._open_draft(conn, draft_id).body)
            b["letters"] = [*(b.get("letters") or []), *files]
            repo.set_draft_body(conn, draft_id, json.dumps(b, ensure_ascii=False))

    def draft_letters(self, draft_id: int) -> list[dict[str, str]]:
        """The letter files written for a draft, oldest first ({"path", "sha256"})."""
        with self.ws.engine.connect() as conn:
            return list(json.loads(self._open_draft(conn, draft_id).body).get("letters") or [])

    def amend_draft(self, draft_id: int, *, type: str | None = None, requester: str | None = None,
                    requester_kind: str | None = None, email: str | None = None, received: str | None = None,
                    works: Sequence[WorkSpec] = (), dmca: DmcaElements | None = None,
                    remove_works: Sequence[str] = (), record_anyway: bool = False) -> RecordedRequest | KeptDraft:
        """Add what was missing to a draft (given values replace, works and statements add up; the
        identifications named in `remove_works`, by value or SHA-256, are taken out). When nothing is
        missing any more the request is recorded and its result returned; otherwise the draft is kept
        and the result says what is still missing (`status` "draft"), and, when the requester was
        written to already, a new letter asks for what is still missing (`letter`, services/replies.py)."""
        b = self.draft_body(draft_id)
        kept_works = list(b.works)
        for value in remove_works:
            forms = {value}
            with contextlib.suppress(ValueError, UserError):
                forms.add(url_key(value))  # a URL as typed: its matching key is what the draft holds
            match = [w for w in kept_works if forms & {w.get("value"), w.get("sha256"), w.get("url")}]
            if not match:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "draft {draft_id} has no identification {value}"),
                              draft_id=draft_id, value=repr(value))
            kept_works = [w for w in kept_works if w not in match]
        old = b.dmca or {}
        d = dmca or DmcaElements()
        merged = DmcaElements(d.signature or old.get("signature"), d.work or old.get("work"), True,
                              d.contact or old.get("contact"), d.good_faith or bool(old.get("good_faith")),
                              d.accurate_under_penalty or bool(old.get("accurate_under_penalty")))
        intake = self._intake(
            type=type or b.type, requester=requester or b.requester,
            requester_kind=requester_kind or b.requester_kind, email=email or b.email,
            received=received or b.received, works=[*[_work_from_json(w) for w in kept_works], *works],
            dmca=merged if (type or b.type) == "dmca" or b.dmca or dmca else None,
        )
        if intake.problems and not record_anyway:
            kept = self._save_draft(draft_id, intake)
            from ledger_app.services.replies import letter_after_amendment

            letter = letter_after_amendment(self, kept.draft)
            return dataclasses.replace(kept, letter=letter.eml) if letter is not None else kept
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            out, entries = self._record_intake(conn, intake)
            res = self.ledger.append(entries, conn=conn)
            # The draft's personal data now lives in the erasable store behind the request's commitment;
            # the letters written for the draft stay noted, for an erasure of the requester.
            before = json.loads(self._open_draft(conn, draft_id).body)
            if before.get("person"):
                personal.erase(conn, before["person"])
            repo.draft_recorded(conn, draft_id, out.id, json.dumps({"letters": before.get("letters") or []}))
        self.ledger.after_external_commit(res)
        return out

    def discard_draft(self, draft_id: int) -> DiscardedDraft:
        """Delete a draft, its requester's data and the letter files written for it (those it recorded,
        and older ones in its default folder: storage/erasure.py); a file changed since is left and said."""
        from ledger_app.storage import erasure

        left: list[str] = []
        with self.ws.store.write_transaction() as conn:
            body = json.loads(self._open_draft(conn, draft_id).body)
            if body.get("person"):
                personal.erase(conn, body["person"])
            files = erasure.draft_letter_files(self.ws.path / "replies", int(draft_id), body, left)
            deleted = erasure.delete_letter_files(files, left)
            repo.delete_draft(conn, draft_id)
        return DiscardedDraft(int(draft_id), deleted, left)

    def _intake(self, *, type: str, requester: str | None, requester_kind: str, email: str | None,
                received: str | None, works: Sequence[WorkSpec], dmca: DmcaElements | None,
                claim_id: int | None = None, license_id: int | None = None) -> _Intake:
        """Check a request without writing anything: raises UserError for what cannot be recorded at
        all; a request that can be recorded but lacks required elements is recorded as rejected."""
        try:
            rtype = RequestType(type)
        except ValueError:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "unknown request type {type}; use one of {choices}"),
                type=repr(type), choices=', '.join(t.value for t in RequestType)) from None
        try:
            kind = RequesterKind(requester_kind)
        except ValueError:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "unknown requester kind {requester_kind}; use one of {choices}"),
                requester_kind=repr(requester_kind), choices=', '.join(k.value for k in RequesterKind)) from None
        rec = parse_date(received, "received date")
        due = due_date(rtype, rec, self.ws.settings.get("takedown.default_due_days"))
        said: list[Said] = []
        if not works:
            said.append(say(QT_TRANSLATE_NOOP("ServiceMessage", "no identification of the material (give files, hashes, URLs, domains, accounts or text)")))
        if rtype is RequestType.DMCA:
            d = dmca or DmcaElements()
            d = DmcaElements(d.signature, d.work, bool(works), d.contact or email, d.good_faith, d.accurate_under_penalty)
            said += d.missing_said()
        return _Intake(rtype, kind, rec, due, requester, email, list(works), dmca, [str(m) for m in said], claim_id,
                       license_id, said)

    def _record_intake(self, conn, intake: _Intake) -> tuple[RecordedRequest, list[tuple[str, dict[str, Any]]]]:
        """Write a checked request in the caller's transaction; returns its result and ledger entries."""
        dmca = intake.dmca
        legal = None
        if dmca is not None:
            legal = {"work": dmca.work, "good_faith": dmca.good_faith,
                     "accurate_under_penalty": dmca.accurate_under_penalty, "signed": bool(dmca.signature)}
        now = time.time()
        requester_c = None
        pdata = {k: v for k, v in {"name": intake.requester, "email": intake.email,
                                    "signature": dmca.signature if dmca else None}.items() if v}
        if pdata:
            requester_c = personal.commit(conn, "requester", pdata)
        handler = self.ledger.actor_commitment(conn)
        rid = repo.insert_request(
            conn, type=intake.type.value, status=Status.RECEIVED.value, requester=requester_c,
            requester_kind=intake.kind.value, received=intake.received.isoformat(), due_by=intake.due.isoformat(),
            legal_json=json.dumps(legal) if legal else None, claim_id=intake.claim_id, license_id=intake.license_id,
            handler=handler, created_at=now, updated_at=now,
        )
        stored = self.store_works(conn, intake.works, request_id=rid)
        entries = [("takedown.received", {
            "request": rid, "type": intake.type.value, "requester": requester_c, "requester_kind": intake.kind.value,
            "received": intake.received.isoformat(), "due_by": intake.due.isoformat(), "works": stored,
            "claim": intake.claim_id,
        })]
        said = None
        if intake.problems:
            reason = "; ".join(intake.problems)
            said = joined(intake.problems_said) if len(intake.problems_said) == len(intake.problems) else None
            status = Status.REJECTED
        else:
            reason, status = None, Status.VALIDATED
        repo.update_request(conn, rid, status=status.value, status_reason=said.to_stored() if said else reason)
        entries.append(("takedown.status", {"request": rid, "status": status.value, "reason": reason}))
        return RecordedRequest(rid, status.value, reason, intake.due.isoformat()), entries

    def store_works(self, conn, works: Sequence[WorkSpec], *, request_id=None, claim_id=None) -> list[dict]:
        out = []
        for w in works:
            if w.kind not in WORK_KINDS:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "unknown kind of identification {kind}"), kind=repr(w.kind))
            value = w.value
            if w.kind == "account" and not w.committed:
                value = personal.commit(conn, "account", {"account": w.value}, dedupe_on=w.value)
            repo.insert_work(conn, request_id=request_id, claim_id=claim_id, kind=w.kind, value=value,
                             description=w.description, fingerprint=w.fingerprint, text=w.text, sha256=w.sha256,
                             media_type=w.media_type, fp_kind=w.fp_kind, url=w.url)
            # What the ledger records of a work: its kind and a hash of the value, nothing personal.
            shown = value if w.kind in ("hash", "domain", "account") else hashlib.sha256(value.encode()).hexdigest()
            out.append({"kind": w.kind, "value": shown})
        return out

    def import_requests(self, path: Path, *, record_anyway: bool = False) -> list[RecordedRequest]:
        """CSV (one request per row, or one work per row with a shared request) or JSON; the format is
        described in `ledger takedown import --help` (IMPORT_FORMAT).

        All or nothing: every row is read, hashed and checked before anything is written, and all
        the requests are written in one transaction, so a bad row anywhere (named in the error)
        leaves no request and no ledger entry behind. A row without a type, with a column this format
        does not have, or a request lacking required elements (unless `record_anyway`) refuses the file.
        """
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{name} is not UTF-8 text; save the list as UTF-8 CSV or JSON and import it again"),
                name=path.name) from None
        except OSError as e:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "cannot read {path}: {strerror}"),
                path=path, strerror=os_error_said(e)) from None
        try:
            rows = _parse_import(text, path.suffix.lower())
        except UserError as e:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{name}: {e}; nothing was imported"),
                name=path.name, e=said_of(e)) from None
        for r in rows:
            unknown = sorted(k for k in r if k != _WHERE and k not in IMPORT_FIELDS)
            if unknown:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{r} of {name}: unknown column {choices}; the columns are {choices2} (see `ledger takedown import --help`); nothing was imported"),
                    r=r[_WHERE], name=path.name, choices=', '.join(map(repr, unknown)), choices2=', '.join(IMPORT_FIELDS))
        groups: dict[str, list[dict[str, Any]]] = {}
        single = _single(rows)
        for i, r in enumerate(rows):
            key = "one" if single else str(r.get("request") or r.get("request_ref") or f"row{i}")
            groups.setdefault(key, []).append(r)
        intakes = []
        for rs in groups.values():
            head = rs[0]
            works: list[WorkSpec] = []
            for r in rs:
                try:
                    works += self.work_specs(
                        files=_list(r.get("file")), hashes=_list(r.get("hash")), urls=_list(r.get("url")),
                        domains=_list(r.get("domain")), accounts=_list(r.get("account")),
                        texts=_list(r.get("text")), text_files=_list(r.get("text_file")),
                    )
                except UserError as e:
                    raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{r} of {name}: {e}; nothing was imported"),
                        r=r[_WHERE], name=path.name, e=said_of(e)) from None
            rtype = _scalar(head.get("type"))
            if not rtype:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{head} of {name}: no request type; give a type column ({choices}); nothing was imported"),
                    head=head[_WHERE], name=path.name, choices=', '.join(t.value for t in RequestType))
            dmca = None
            if rtype == "dmca":
                dmca = DmcaElements(_scalar(head.get("signature")), _scalar(head.get("work")), bool(works),
                                    _scalar(head.get("email")), _truthy(head.get("good_faith")),
                                    _truthy(head.get("accurate_under_penalty")))
            try:
                intake = self._intake(
                    type=rtype, requester=_scalar(head.get("requester")),
                    requester_kind=_scalar(head.get("requester_kind")) or DEFAULT_REQUESTER_KIND,
                    email=_scalar(head.get("email")), received=_scalar(head.get("received")), works=works, dmca=dmca,
                )
            except UserError as e:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{head} of {name}: {e}; nothing was imported"),
                    head=head[_WHERE], name=path.name, e=said_of(e)) from None
            if intake.problems and not record_anyway:
                exc = IncompleteRequest(
                    f"{head[_WHERE]} of {path.name}: the {rtype} request is incomplete; missing "
                    f"{'; '.join(intake.problems)}; nothing was imported (complete the file, or import with "
                    "--record-anyway to record such requests as rejected)", intake.problems)
                exc.said = say(QT_TRANSLATE_NOOP(  # type: ignore[attr-defined]
                    "ServiceMessage", "{where} of {name}: the {type} request is incomplete; missing {missing}; "
                                      "nothing was imported (complete the file, or import with --record-anyway to "
                                      "record such requests as rejected)"),
                    where=head[_WHERE], name=path.name, type=type_word(str(rtype)), missing=joined(intake.problems_said))
                raise exc
            intakes.append(intake)
        if not intakes:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{name} holds no requests; nothing was imported"),
                name=path.name)
        self.ledger.unlock()
        out: list[RecordedRequest] = []
        entries: list[tuple[str, dict[str, Any]]] = []
        with self.ws.store.write_transaction() as conn:
            for intake in intakes:
                result, more = self._record_intake(conn, intake)
                out.append(result)
                entries += more
            res = self.ledger.append(entries, conn=conn)
        self.ledger.after_external_commit(res)
        return out

    # --- status ----------------------------------------------------------------------------------------

    def request_record(self, rid: int) -> RequestRecord:
        with self.ws.engine.connect() as conn:
            row = repo.request(conn, rid)
        if row is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no takedown request {rid}; see `ledger takedown list`"), error=NotFoundError,
                rid=rid)
        fields = dataclasses.asdict(row)
        said = Said.from_stored(row.status_reason)
        if said is not None:
            fields["status_reason"] = str(said)
        return RequestRecord(**fields, reason_said=said)

    def set_status(self, conn, rid: int, current: str, new: Status, reason: str | Said | None = None,
                    extra: dict | None = None) -> tuple[str, dict]:
        """A status change in the caller's transaction; returns its ledger entry. A reason the services
        word themselves is a message (kept as its ID and arguments, said in the window's language); the
        ledger entry holds its English, as it always did."""
        check_transition(current, new)
        stored = reason.to_stored() if isinstance(reason, Said) else reason
        repo.update_request(conn, rid, status=new.value, status_reason=stored, updated_at=time.time())
        text = str(reason) if reason is not None else None
        return ("takedown.status", {"request": rid, "status": new.value, "reason": text, **(extra or {})})

    def extend(self, rid: int, months: int, reason: str) -> Extended:
        req = self.request_record(rid)
        if not reason.strip():
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "an extension needs a recorded reason (GDPR Art. 12(3))"))
        self.ledger.screen_permanent_text(reason, "reason")
        if req.extended_reason:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} was already extended once"), rid=rid)
        due = extended_due(RequestType(req.type), date.fromisoformat(req.received), months)
        with self.ws.store.write_transaction() as conn:
            repo.update_request(conn, rid, due_by=due.isoformat(), extended_reason=reason, updated_at=time.time())
            res = self.ledger.append([("takedown.status", {"request": rid, "status": req.status,
                                                            "due_by": due.isoformat(), "extension": reason})], conn=conn)
        self.ledger.after_external_commit(res)
        return Extended(rid, due.isoformat())

    def reject(self, rid: int, reason: str) -> None:
        req = self.request_record(rid)
        self.ledger.screen_permanent_text(reason, "reason")
        with self.ws.store.write_transaction() as conn:
            e = self.set_status(conn, rid, req.status, Status.REJECTED, reason)
            res = self.ledger.append([e], conn=conn)
        self.ledger.after_external_commit(res)

    def close(self, rid: int) -> None:
        req = self.request_record(rid)
        with self.ws.store.write_transaction() as conn:
            e = self.set_status(conn, rid, req.status, Status.CLOSED)
            res = self.ledger.append([e], conn=conn)
        self.ledger.after_external_commit(res)

    # --- locate -----------------------------------------------------------------------------------------

    def works(self, rid: int | None = None, *, claim_id: int | None = None) -> list[loc.StoredWork]:
        with self.ws.engine.connect() as conn:
            rows = repo.works(conn, request_id=rid, claim_id=claim_id if rid is None else None)
        return [loc.StoredWork.from_row(r) for r in rows]

    def find(self, works: Sequence[loc.StoredWork], progress: Progress | None = None, *,
             engine: str | Engine = "local", address: str | None = None) -> list[loc.Found]:
        """Every live item matching any of the works, best evidence per (item, method): the database's
        items here, the fingerprint store's swept on `engine` ("local", "ray" with `address`, or an
        open Engine; takedown/store_locate.py)."""
        runner = (open_engine(engine, address=address)
                  if isinstance(engine, str) and (engine != "local" or address is not None) else engine)
        try:
            return self._find(works, progress, runner)
        finally:
            if runner is not engine and not isinstance(runner, str):
                runner.close()

    def _find(self, works: Sequence[loc.StoredWork], progress: Progress | None, runner: str | Engine) -> list[loc.Found]:
        engine = self.ws.engine
        steps = [
            lambda: loc.find_exact(engine, works),
            lambda: loc.find_urls(engine, works),
            lambda: loc.find_accounts(engine, works),
            lambda: loc.find_c2pa_signer(engine, works),
        ]
        needs_index = any((w.kind == "file" and w.fingerprint) or w.text for w in works)
        if needs_index:
            def perceptual_and_text() -> list[loc.Found]:
                idx = loc.FingerprintIndexes.for_engine(
                    engine, loc.corpus_text_loader(engine), MatchThresholds.from_settings(self.ws.settings)
                )
                return loc.find_perceptual(idx, works) + loc.find_text(idx, works)
            steps.append(perceptual_and_text)
        files = self.corpus.stored.files() if works else []
        if files:
            steps.append(lambda: self._sweep(works, files, runner))
        found: dict[tuple[str, str], loc.Found] = {}
        for k, step in enumerate(steps):
            for f in step():
                key = (f.item_id, str(f.method))
                if key not in found:
                    found[key] = f
            if progress:
                progress(k + 1, len(steps))
        # An exact hash match makes a perceptual or text match of the same item redundant.
        exact = {i for (i, m) in found if m == "exact"}
        return [f for (i, m), f in sorted(found.items()) if not (i in exact and m in ("perceptual", "text"))]

    def _sweep(self, works: Sequence[loc.StoredWork], files: list[str], runner: str | Engine) -> list[loc.Found]:
        from ledger_app.storage.repos import corpora as corpora_repo
        from ledger_app.takedown.store_locate import find_in_store

        def place(name: str) -> tuple[str, str] | None:
            with self.ws.engine.connect() as conn:
                row = corpora_repo.corpus_by_name(conn, name)
            return (row.path, row.format) if row is not None else None

        # A small store is swept in this process; a larger one on a pool of this machine's cores.
        sweeper = open_engine("local", workers=1 if len(files) <= 4 else None,
                              preload=("ledger_app.engine.sweep",)) if isinstance(runner, str) else runner
        try:
            return find_in_store(self.corpus.stored.location(), files, works,
                                 MatchThresholds.from_settings(self.ws.settings), sweeper, place)
        finally:
            if sweeper is not runner:
                sweeper.close()

    def locate(self, rid: int, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None, *,
               engine: str | Engine = "local", address: str | None = None) -> Located:
        """Find and record the request's matches; the fingerprint store is swept on `engine` (see `find`)."""
        req = self.request_record(rid)
        check_transition(req.status, Status.LOCATED)
        works = self.works(rid)
        found = self.find(works, progress, engine=engine, address=address)
        if cancelled and cancelled():
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "locate was cancelled; nothing was recorded"))
        return self.record_matches(rid, req, found)

    def record_matches(self, rid: int, req: RequestRecord, found: Sequence[loc.Found]) -> Located:
        with self.ws.engine.connect() as conn:
            known = repo.match_keys(conn, rid)
        new = [f for f in found if (f.item_id, str(f.method)) not in known]
        with self.ws.store.write_transaction() as conn:
            entries = []
            for f in new:
                repo.insert_match(conn, request_id=rid, item_id=f.item_id, work_id=f.work_id, method=str(f.method),
                                  score=f.score, evidence=json.dumps(f.evidence, ensure_ascii=False))
                entries.append(("takedown.match", {"request": rid, "item": f.item_id,
                                                   "sha256": f.sha256 or repo.item_sha256(conn, f.item_id),
                                                   "method": str(f.method), "score": f.score}))
            entries.append(self.set_status(conn, rid, req.status, Status.LOCATED,
                                            extra={"matches": len(known) + len(new)}))
            res = self.ledger.append(entries, conn=conn)
        self.ledger.after_external_commit(res)
        return Located(rid, len(new), len(known) + len(new))

    # --- review and approval -----------------------------------------------------------------------------

    def review(self, rid: int, *, accept_all: bool = False, accept: Sequence[str] = (), reject: Sequence[str] = (),
               reject_all: bool = False) -> Reviewed:
        req = self.request_record(rid)
        check_transition(req.status, Status.REVIEWED)
        with self.ws.engine.connect() as conn:
            matches = repo.match_decisions(conn, rid)
        ids = {m[0] for m in matches}
        for i in [*accept, *reject]:
            if i not in ids:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "item {i} is not among the matches of request {rid}"),
                    i=repr(i), rid=rid)
        if set(accept) & set(reject):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "an item cannot be both accepted and rejected"))
        if not (accept_all or reject_all or accept or reject):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "say what to decide: --accept-all, or --accept ITEM… and/or --reject ITEM…"))
        if accept_all and reject_all:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "--accept-all and --reject-all cannot be given together"))
        # Explicit decisions (named items) are applied as given; --accept-all / --reject-all only decide
        # the matches still pending, so a decision made earlier (a fair-use quotation kept) is never
        # overridden by a blanket one. A match has one decision per item, whatever its methods.
        current: dict[str, set[str]] = {}
        for item_id, d in matches:
            current.setdefault(item_id, set()).add(d)
        decisions: dict[str, str] = {}
        for item_id, ds in current.items():
            if item_id in accept:
                want = "accepted"
            elif item_id in reject:
                want = "rejected"
            elif ds == {"pending"} and accept_all:
                want = "accepted"
            elif ds == {"pending"} and reject_all:
                want = "rejected"
            else:
                continue
            if ds != {want}:
                decisions[item_id] = want
        now = time.time()
        with self.ws.store.write_transaction() as conn:
            who = self.ledger.actor_commitment(conn)
            entries = []
            for item_id, d in sorted(decisions.items()):
                repo.decide(conn, rid, item_id, d, who, now)
                entries.append(("takedown.decision", {"request": rid, "item": item_id, "decision": d}))
            pending = repo.count_matches(conn, rid, "pending")
            entries.append(self.set_status(conn, rid, req.status, Status.REVIEWED, extra={"pending": pending}))
            res = self.ledger.append(entries, conn=conn)
        self.ledger.after_external_commit(res)
        counts: dict[str, int] = {}
        for d in decisions.values():
            counts[d] = counts.get(d, 0) + 1
        return Reviewed(rid, counts, pending)

    def approve(self, rid: int) -> Approved:
        req = self.request_record(rid)
        check_transition(req.status, Status.APPROVED)
        with self.ws.engine.connect() as conn:
            pending = repo.count_matches(conn, rid, "pending")
        if pending:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{pending} matches of request {rid} are still pending review"),
                pending=pending, rid=rid)
        with self.ws.store.write_transaction() as conn:
            approver = self.ledger.actor_commitment(conn)
            if self.ws.settings.get("takedown.four_eyes"):
                self._check_four_eyes(conn, rid, req.handler)
            repo.update_request(conn, rid, approver=approver)
            e = self.set_status(conn, rid, req.status, Status.APPROVED)
            res = self.ledger.append([e], conn=conn)
        self.ledger.after_external_commit(res)
        with self.ws.engine.connect() as conn:
            accepted = repo.count_items(conn, rid, "accepted")
        return Approved(rid, accepted)

    def _check_four_eyes(self, conn, rid: int, handler: str | None) -> None:
        """The approver's account (OS account, or database role in team mode) must differ from the
        handler's. A display name (user.name) plays no part: renaming oneself changes nothing."""
        me = identity.account(conn)
        who = personal.reveal(conn, handler) if handler else None
        if who is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "four-eyes rule: the handler of request {rid} is not known (their record was erased), so no one can be shown to be someone else; turn takedown.four_eyes off to approve it"),
                rid=rid)
        theirs = who.get("account")
        if theirs is None:  # recorded before accounts were: only the name is known
            same = who.get("name") in (self.ws.settings.get("user.name") or None, identity.os_account())
        else:
            same = theirs == me
        if same:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "four-eyes rule: the approver must be someone other than the handler of request {rid}, and you ({me}) handled it; a different display name (user.name) does not make a different person"),
                rid=rid, me=me)

    # --- views -------------------------------------------------------------------------------------------

    def show(self, rid: int) -> RequestView:
        req = self.request_record(rid)
        works = [{"id": w.id, "kind": w.kind,
                  "value": "(account commitment) " + w.value[:12] + "…" if w.kind == "account" else
                  (w.url if w.kind == "url" and w.url else w.value),
                  "description": w.description if w.kind not in ("url",) else None}
                 for w in self.works(rid)]
        with self.ws.engine.connect() as conn:
            rows = repo.matches(conn, rid)
        matches = [
            {"item_id": r.item_id, "method": r.method, "score": r.score, "decision": r.decision,
             "evidence": json.loads(r.evidence or "{}"), "work_id": r.work_id}
            for r in rows
        ]
        purge = self.purge_view(rid)
        runs = None
        if purge is not None:
            from ledger_app.services.lineage import affected_runs

            runs = [r.to_json() for r in affected_runs(self, purge.items)]
        return RequestView(
            req.id, req.type, req.status, req.status_reason, req.requester_kind, req.requester,
            req.received, req.due_by,
            req.status in OPEN_STATUSES and req.due_by < date.today().isoformat(),
            req.extended_reason, works, matches, purge, runs, req.reason_said,
        )

    def purge_view(self, rid: int) -> PurgeView | None:
        with self.ws.engine.connect() as conn:
            rows = repo.purge_records(conn, rid)
        if not rows:
            return None
        items: list[str] = []
        shards = []
        for r in rows:
            its = json.loads(r.items_json)
            items += its
            shards.append(PurgedShard(r.corpus, r.shard, r.sha256_before, r.sha256_after, len(its)))
        return PurgeView(sorted(items), shards)

    def list(self, status: str | None = None, *, open_only: bool = False) -> list[RequestSummary]:
        with self.ws.engine.connect() as conn:
            rows = repo.requests(conn, status)
        today = date.today().isoformat()
        out = []
        for r in rows:
            is_open = r.status in OPEN_STATUSES
            if open_only and not is_open:
                continue
            out.append(RequestSummary(r.id, r.type, r.status, r.requester_kind, r.received, r.due_by, r.matches,
                                      is_open and r.due_by < today))
        return out


# --- helpers ---------------------------------------------------------------------------------------------

# The columns (CSV) or keys (JSON) of an import file; `ledger takedown import --help` shows IMPORT_FORMAT.
IMPORT_FIELDS = ("request", "request_ref", "type", "requester", "requester_kind", "email", "received", "file", "hash",
                 "url", "domain", "account", "text", "text_file", "work", "signature", "good_faith",
                 "accurate_under_penalty")

IMPORT_FORMAT = """\
File format (CSV with a header row, or JSON; UTF-8):
  type                    dmca | gdpr | publisher | optout | license | court | other (required)
  requester               the requester's name (kept erasably)
  requester_kind          news_publisher | individual | rights_org | internal (default: individual)
  email                   contact e-mail (kept erasably)
  received                date received, YYYY-MM-DD (default: today)
  file, hash, url, domain, account, text, text_file
                          identifications of the material; several values in one cell are separated by |
  work, signature, good_faith, accurate_under_penalty
                          DMCA 512(c)(3)(A) elements (good_faith / accurate_under_penalty: yes, true, 1 or x)
  request (or request_ref) rows with the same value are one request with many works
CSV: one request per row, or one work per row (rows sharing type, requester, kind and date and no
request column are one request). JSON: one request object (optionally with a "works" list of objects
or URLs) or a list of request objects. Unknown columns, rows without a type and incomplete requests
refuse the whole file; nothing is imported until every row is right.
"""


def _incomplete(intake: _Intake) -> IncompleteRequest:
    what = "DMCA notice" if intake.type is RequestType.DMCA else f"{intake.type.value} request"
    exc = IncompleteRequest(
        f"the {what} is incomplete, missing: {'; '.join(intake.problems)}. Nothing was recorded: add what is "
        "missing, keep it as a draft to amend (--draft), or record it as rejected (--record-anyway)",
        intake.problems,
    )
    rest = QT_TRANSLATE_NOOP("ServiceMessage", "Nothing was recorded: add what is missing, keep it as a draft to "
                                               "amend (--draft), or record it as rejected (--record-anyway)")
    exc.said = (say(QT_TRANSLATE_NOOP("ServiceMessage", "the DMCA notice is incomplete, missing: {missing}. {rest}"),  # type: ignore[attr-defined]
                    missing=joined(intake.problems_said), rest=say(rest))
                if intake.type is RequestType.DMCA else
                say(QT_TRANSLATE_NOOP("ServiceMessage", "the {type} request is incomplete, missing: {missing}. {rest}"),
                    type=type_word(intake.type.value), missing=joined(intake.problems_said), rest=say(rest)))
    return exc


#: A request type's word inside a sentence: its English is the type's value as the CLI writes it.
TYPE_WORDS = {
    RequestType.DMCA: QT_TRANSLATE_NOOP("RequestType", "dmca"),
    RequestType.GDPR: QT_TRANSLATE_NOOP("RequestType", "gdpr"),
    RequestType.PUBLISHER: QT_TRANSLATE_NOOP("RequestType", "publisher"),
    RequestType.OPTOUT: QT_TRANSLATE_NOOP("RequestType", "optout"),
    RequestType.LICENSE: QT_TRANSLATE_NOOP("RequestType", "license"),
    RequestType.COURT: QT_TRANSLATE_NOOP("RequestType", "court"),
    RequestType.OTHER: QT_TRANSLATE_NOOP("RequestType", "other"),
}


def type_word(value: str) -> Said | str:
    """A request type as a message of context "RequestType" (the window says it in its language), or
    the value as given when it is no known type."""
    source = TYPE_WORDS.get(value)  # type: ignore[call-overload]
    return Said(source, {}, "RequestType") if source is not None else value


def _intake_to_json(intake: _Intake) -> dict[str, Any]:
    import base64

    d = intake.dmca
    return {
        "type": intake.type.value, "requester": intake.requester, "requester_kind": intake.kind.value,
        "email": intake.email, "received": intake.received.isoformat(),
        "works": [{"kind": w.kind, "value": w.value, "description": w.description, "text": w.text,
                   "fingerprint": base64.b64encode(w.fingerprint).decode() if w.fingerprint else None,
                   "fp_kind": w.fp_kind, "sha256": w.sha256, "media_type": w.media_type, "url": w.url,
                   "committed": w.committed} for w in intake.works],
        "dmca": None if d is None else {"signature": d.signature, "work": d.work, "contact": d.contact,
                                        "good_faith": d.good_faith, "accurate_under_penalty": d.accurate_under_penalty},
    }


def _work_from_json(w: dict[str, Any]) -> WorkSpec:
    import base64

    # Drafts kept before the typed columns carry the identification in "extra" (and a URL as the
    # description).
    old = dict(w.get("extra") or {})
    url = w.get("url")
    desc = w.get("description")
    if w["kind"] == "url" and "url" not in w:
        url, desc = desc, None
    return WorkSpec(w["kind"], w["value"], desc, w.get("text"),
                    base64.b64decode(w["fingerprint"]) if w.get("fingerprint") else None,
                    w.get("fp_kind") or old.get("fp_kind"), w.get("sha256") or old.get("sha256"),
                    w.get("media_type") or old.get("media_type"), url,
                    bool(w.get("committed") or old.get("committed")))


def file_work(path: Path) -> WorkSpec:
    from ledger_app.corpus import sniff_media_type

    try:
        data = path.read_bytes()
    except OSError as e:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "cannot read {path}: {strerror}"),
            path=path, strerror=os_error_said(e)) from None
    if not data:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} is empty"), path=path)
    sha = hashlib.sha256(data).hexdigest()
    media = sniff_media_type(data)
    if media.startswith("image/"):
        from ledger_app.core.errors import InputRefused
        from ledger_app.matching.image import image_fingerprint

        try:
            fp = image_fingerprint(data, local="work").to_bytes()
        except InputRefused as e:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{name}: {e}"), name=path.name, e=said_of(e)) from None
        return WorkSpec("file", sha, description=path.name, fingerprint=fp, fp_kind="image", sha256=sha,
                        media_type=media)
    if media == "text/plain":
        spec = text_work(data.decode("utf-8"), description=path.name)
        spec.kind = "file"
        spec.sha256 = sha
        return spec
    return WorkSpec("file", sha, description=path.name, sha256=sha, media_type=media)


def text_work(text: str, description: str | None = None) -> WorkSpec:
    from ledger_app.matching.text import text_fingerprint

    if len(text.strip()) < MIN_ARTICLE_CHARS:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the article text is too short to match reliably (give at least a paragraph)"))
    fp = text_fingerprint(text).to_bytes()
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return WorkSpec("text", sha, description=description, text=text, fingerprint=fp, fp_kind="text", sha256=sha)


_WHERE = "\0where"  # the key under which each parsed import row says where it came from, for errors


def _parse_import(text: str, suffix: str) -> list[dict[str, Any]]:
    """The rows of an import file, each with a `_WHERE` label ("line 3", "request 2", "work 5")."""
    if suffix == ".json" or text.lstrip().startswith(("{", "[")):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the import file is not valid JSON: {e}"),
                          e=json_error_said(e)) from None
        if isinstance(doc, dict):
            works = doc.pop("works", None)
            if isinstance(works, list):
                return [{**doc, **(w if isinstance(w, dict) else {"url": w}), "request": "one", _WHERE: f"work {i + 1}"}
                        for i, w in enumerate(works)] or [{**doc, _WHERE: "the request"}]
            return [{**doc, _WHERE: "the request"}]
        if isinstance(doc, list) and all(isinstance(d, dict) for d in doc):
            return [{**d, _WHERE: f"request {i + 1}"} for i, d in enumerate(doc)]
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a JSON import is one request object (with a works list) or a list of request objects"))
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the CSV import has no header row"))
    rows = []
    for r in reader:
        row = {k.strip().lower(): (v or "").strip() for k, v in r.items() if isinstance(k, str) and k}
        row = {k: v for k, v in row.items() if v}
        row[_WHERE] = f"line {reader.line_num}"
        rows.append(row)
    return rows


def _single(rows: list[dict[str, Any]]) -> bool:
    """A file whose rows carry no request reference and share one requester is one request with many works."""
    if any(r.get("request") or r.get("request_ref") for r in rows):
        return False
    heads = {(r.get("type"), r.get("requester"), r.get("requester_kind"), r.get("received")) for r in rows}
    return len(heads) == 1


def _scalar(v: Any) -> str | None:
    """A text field of an import row (JSON may give numbers); empty means absent."""
    if v is None or isinstance(v, dict | list):
        return None if v in (None, {}, []) else json.dumps(v)
    return str(v).strip() or None


def _list(v: Any) -> list[str]:
    if v is None or v == "":
        return []
    if isinstance(v, list):
        return [str(x) for x in v if str(x).strip()]
    return [s for s in str(v).split("|") if s.strip()]


def _truthy(v: Any) -> bool:
    return str(v).strip().lower() in {"1", "true", "yes", "y", "x"}
