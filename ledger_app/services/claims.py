"""Standing rights claims and licences.

A claim is registered before any takedown: the holder (a commitment — holders may be people), the
works, the basis and the terms. Items already in the corpora that match are flagged or quarantined
at once; items ingested later are checked against every standing claim by `ClaimsPolicy` with the
same matchers as locate; a takedown can be opened from a claim in one step.

A licence records how content was acquired; expiring it opens a licence-expiry takedown covering
every item acquired under it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from ledger_app.core.errors import NotFoundError
from ledger_app.core.item_reasons import claim_reason
from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused
from ledger_app.core.policy import Decision, ItemFacts
from ledger_app.core.settings import MatchThresholds
from ledger_app.core.types import ItemStatus
from ledger_app.services.takedown_records import KeptDraft, RecordedRequest
from ledger_app.storage import personal
from ledger_app.storage.repos import takedowns as repo
from ledger_app.takedown import locate as loc
from ledger_app.takedown.requests import WorkSpec

BASES = ("copyright", "license_terms", "privacy", "other")
ACTIONS = ("quarantine", "flag")


@dataclass(frozen=True)
class RegisteredClaim:
    """A standing claim just registered (`ledger claim add`): `flagged` items already matched it."""

    id: int
    entry: int
    flagged: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "entry": self.entry, "flagged": self.flagged}


@dataclass(frozen=True)
class ClaimedWork:
    """A work a claim covers; an account is shown only as "(commitment)"."""

    kind: str
    value: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value}


@dataclass(frozen=True)
class Claim:
    """A standing rights claim (`ledger claim list`)."""

    id: int
    holder_kind: str
    basis: str
    terms: str
    action: str
    created_at: float
    works: tuple[ClaimedWork, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "holder_kind": self.holder_kind, "basis": self.basis, "terms": self.terms,
                "action": self.action, "created_at": self.created_at, "works": [w.to_json() for w in self.works]}


@dataclass(frozen=True)
class RecordedLicense:
    """A licence just recorded (`ledger license add`)."""

    id: int
    name: str
    entry: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "entry": self.entry}


@dataclass(frozen=True)
class License:
    """A recorded licence (`ledger license list`); `items` counts the live items acquired under it."""

    id: int
    name: str
    licensor: str
    kind: str
    permitted_uses: str
    territory: str
    expires: str | None
    expired_at: float | None
    items: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "licensor": self.licensor, "kind": self.kind,
                "permitted_uses": self.permitted_uses, "territory": self.territory, "expires": self.expires,
                "expired_at": self.expired_at, "items": self.items}


@dataclass(frozen=True)
class ExpiredLicense:
    """A licence just expired and the licence-expiry request opened for its `items` (None when no
    item was acquired under it: there is nothing to remove, so no request)."""

    license: str
    request: int | None
    items: int

    def to_json(self) -> dict[str, Any]:
        return {"license": self.license, "request": self.request, "items": self.items}


def add_claim(td, *, holder: str, holder_kind: str, works: list[WorkSpec], basis: str, terms: str,
              action: str = "quarantine") -> RegisteredClaim:
    if basis not in BASES:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "unknown basis {basis!r}; use one of {choices}"), basis=basis, choices=', '.join(BASES))
    if action not in ACTIONS:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "unknown action {action!r}; use quarantine or flag"), action=action)
    if not works:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a claim needs at least one work (files, hashes, URLs, domains or text)"))
    if not holder.strip():
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "name the rights holder"))
    td.ledger.unlock()
    with td.ws.store.write_transaction() as conn:
        holder_c = personal.commit(conn, "holder", {"name": holder.strip()}, dedupe_on=holder.strip())
        cid = repo.insert_claim(conn, holder=holder_c, holder_kind=holder_kind, basis=basis, terms=terms, action=action,
                                created_at=time.time())
        stored = td.store_works(conn, works, claim_id=cid)
        res = td.ledger.append([("claim.registered", {"claim": cid, "holder": holder_c, "holder_kind": holder_kind,
                                                      "basis": basis, "terms": terms, "action": action,
                                                      "works": stored})], conn=conn)
        repo.set_claim_entry(conn, cid, res.first_index)
    td.ledger.after_external_commit(res)
    flagged = apply_claim(td, cid)
    return RegisteredClaim(cid, res.first_index, flagged)


def apply_claim(td, cid: int) -> int:
    """Flag or quarantine the items already in the corpora that match claim `cid`."""
    claim = _claim(td, cid)
    found = td.find(td.works(claim_id=cid))
    if not found:
        return 0
    flagged = 0
    with td.ws.store.write_transaction() as conn:
        entries = []
        for f in found:
            row = repo.item_status(conn, f.item_id)
            if row is None or row[0] == "purged":
                continue
            if claim.action == "quarantine" and row[0] == "admitted":
                repo.quarantine(conn, f.item_id, claim_reason(cid, claim.basis, claim.terms, f.method).to_stored())
                entries.append(("item.status", {"item": f.item_id, "status": "quarantined", "claim": cid}))
            entries.append(("claim.flagged", {"claim": cid, "item": f.item_id, "method": str(f.method), "score": f.score}))
            flagged += 1
        if entries:
            res = td.ledger.append(entries, conn=conn)
        else:
            res = None
    if res is not None:
        td.ledger.after_external_commit(res)
    return flagged


def _claim(td, cid: int) -> repo.ClaimRow:
    with td.ws.engine.connect() as conn:
        row = repo.claim(conn, cid)
    if row is None:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no claim {cid}; see `ledger claim list`"), error=NotFoundError, cid=cid)
    return row


def list_claims(td) -> list[Claim]:
    out = []
    with td.ws.engine.connect() as conn:
        rows = repo.claims(conn)
    for r in rows:
        works = td.works(claim_id=r.id)
        out.append(Claim(r.id, r.holder_kind, r.basis, r.terms, r.action, r.created_at,
                         tuple(ClaimedWork(w.kind, w.value if w.kind != "account" else "(commitment)")
                               for w in works)))
    return out


def takedown_from_claim(td, cid: int, *, type: str = "other") -> RecordedRequest | KeptDraft:
    """Open a takedown covering the claim's works, then locate at once."""
    claim = _claim(td, cid)
    with td.ws.engine.connect() as conn:
        holder = personal.reveal(conn, claim.holder) or {}
    works = [WorkSpec(w.kind, w.value, w.description, w.text, w.fingerprint, w.fp_kind, w.sha256, w.media_type, w.url)
             for w in td.works(claim_id=cid)]
    # Account works already hold commitments: copy them as they are.
    req = _new_request_with_stored_works(td, type=type, requester=holder.get("name"),
                                         requester_kind=claim.holder_kind, works=works, claim_id=cid)
    if isinstance(req, RecordedRequest) and req.status == "validated":
        td.locate(req.id)
    return req


def _new_request_with_stored_works(td, *, works: list[WorkSpec], **kw: Any) -> RecordedRequest | KeptDraft:
    # Account values from a claim are commitments already; mark them so they are not committed twice.
    fixed = []
    for w in works:
        if w.kind == "account":
            fixed.append(WorkSpec("account", w.value, w.description, committed=True))
        else:
            fixed.append(w)
    return td.new_request(works=fixed, **kw)


class ClaimsPolicy:
    """Ingest policy: new items matching a standing claim are quarantined (or flagged) at once."""

    name = "claims"

    def __init__(self, td, conn):
        self.thresholds = MatchThresholds.from_settings(td.ws.settings)
        self.claims = {}
        for r in repo.claims(conn):
            self.claims[r.id] = {"basis": r.basis, "terms": r.terms, "action": r.action}
        self.works: list[tuple[int, loc.StoredWork]] = []
        if self.claims:
            for cid in self.claims:
                for w in td.works(claim_id=cid):
                    self.works.append((cid, w))
        self._images = None
        self._texts = None

    def _indexes(self):
        if self._images is None:
            from ledger_app.matching.image_match import ImageMatcher
            from ledger_app.matching.text_index import TextIndex

            self._images = ImageMatcher(pdq_max_distance=self.thresholds.pdq_max_distance)
            self._texts = TextIndex(min_containment=self.thresholds.text_min_score)
            img = [(f"w{w.id}", w.fingerprint) for _, w in self.works
                   if w.kind == "file" and w.fingerprint and w.fp_kind == "image"]
            txt = [(f"w{w.id}", w.fingerprint) for _, w in self.works if w.text and w.fingerprint]
            if img:
                self._images.add([i for i, _ in img], [f for _, f in img])
            if txt:
                self._texts.add([i for i, _ in txt], [f for _, f in txt])
        return self._images, self._texts

    def decide(self, facts: ItemFacts) -> Decision | None:
        if not self.works:
            return None
        item = facts.extra.get("item")
        hit = self._match(facts, item)
        if hit is None:
            return None
        cid, how = hit
        claim = self.claims[cid]
        reason = claim_reason(cid, claim["basis"], claim["terms"], how)
        if claim["action"] == "quarantine":
            return Decision.saying(ItemStatus.QUARANTINED, reason, self.name)
        return Decision.saying(ItemStatus.ADMITTED, reason, self.name)

    def _match(self, facts: ItemFacts, item) -> tuple[int, str] | None:
        from ledger_app.core.urls import domain_matches

        for cid, w in self.works:
            if w.kind in ("hash", "file") and facts.sha256 and (
                w.value == facts.sha256 or w.sha256 == facts.sha256
            ):
                return cid, "exact"
            if w.kind == "url" and item is not None and item.url_norm == w.value:
                return cid, "url"
            if w.kind == "domain" and item is not None and item.domain and domain_matches(item.domain, w.value):
                return cid, "url"
        if item is not None and item.fp_data:
            images, texts = self._indexes()
            if item.fp_kind == "image" and len(images.index):
                hits = images.query(_with_local(item.fp_data, getattr(item, "local_data", None)))
                if hits:
                    return self._cid(hits[0].item_id), "perceptual"
            if item.fp_kind == "text" and len(texts):
                hits = texts.query(item.fp_data)
                if hits:
                    return self._cid(hits[0].item_id), "text"
        return None

    def _cid(self, key: str) -> int:
        wid = int(key[1:])
        return next(cid for cid, w in self.works if w.id == wid)


def _with_local(fp_data: bytes, local_data: bytes | None):  # an ImageFingerprint
    """The item's fingerprint with its local features (ingest keeps them apart), so that a claimed
    work is also found when the item is a crop, a collage or a captioned copy of it."""
    from dataclasses import replace

    from ledger_app.matching.image import ImageFingerprint
    from ledger_app.matching.local import LocalFeatures

    fp = ImageFingerprint.from_bytes(fp_data)
    return replace(fp, local=LocalFeatures.from_bytes(local_data)) if local_data else fp


# --- licences -------------------------------------------------------------------------------------------


def add_license(td, *, name: str, licensor: str, kind: str = "license", permitted_uses: str = "",
                territory: str = "", expires: str | None = None, terms: str = "") -> RecordedLicense:
    if not name.strip() or not licensor.strip():
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a licence needs a name and a licensor"))
    if expires:
        try:
            date.fromisoformat(expires)
        except ValueError:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the expiry date {expires!r} is not a date like 2027-06-30"), expires=expires) from None
    with td.ws.engine.connect() as conn:
        taken = repo.license_named(conn, name)
    if taken is not None:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a licence named {name!r} already exists"), name=name)
    td.ledger.unlock()
    with td.ws.store.write_transaction() as conn:
        lid = repo.insert_license(conn, name=name, licensor=licensor, kind=kind, permitted_uses=permitted_uses,
                                  territory=territory, expires=expires, terms=terms, created_at=time.time())
        res = td.ledger.append([("license.recorded", {"license": lid, "name": name, "licensor": licensor, "kind": kind,
                                                      "permitted_uses": permitted_uses, "territory": territory,
                                                      "expires": expires, "terms": terms})], conn=conn)
        repo.update_license(conn, lid, entry_idx=res.first_index)
    td.ledger.after_external_commit(res)
    return RecordedLicense(lid, name, res.first_index)


def list_licenses(td) -> list[License]:
    with td.ws.engine.connect() as conn:
        rows = repo.licenses(conn)
    return [License(r.id, r.name, r.licensor, r.kind, r.permitted_uses, r.territory, r.expires, r.expired_at, r.items)
            for r in rows]


def _license(td, ref: str) -> repo.LicenseRow:
    with td.ws.engine.connect() as conn:
        row = repo.license_by_ref(conn, ref)
    if row is None:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no licence {ref!r}; see `ledger license list`"), error=NotFoundError, ref=ref)
    return row


def expire_license(td, ref: str) -> ExpiredLicense:
    """Expire a licence and open a licence-expiry request covering every item acquired under it."""
    lic = _license(td, ref)
    if lic.expired_at:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "licence {name!r} has already expired"), name=lic.name)
    with td.ws.engine.connect() as conn:
        items = repo.licensed_items(conn, lic.id)
    td.ledger.unlock()
    with td.ws.store.write_transaction() as conn:
        repo.update_license(conn, lic.id, expired_at=time.time())
        res = td.ledger.append([("license.expired", {"license": lic.id, "name": lic.name, "items": len(items)})],
                               conn=conn)
    td.ledger.after_external_commit(res)
    if not items:  # a request needs works; the license.expired entry records that none were held
        return ExpiredLicense(lic.name, None, 0)
    works = [WorkSpec("hash", sha) for sha in sorted({s for _, s in items})]
    req = td.new_request(type="license", requester=lic.licensor, requester_kind="internal", works=works,
                         license_id=lic.id)
    assert isinstance(req, RecordedRequest)  # new_request keeps a draft only when asked to (draft=True)
    if req.status == "validated":
        # The request covers exactly the items acquired under the licence (not copies elsewhere).
        from ledger_app.core.types import MatchMethod

        found = [loc.Found(i, 0, MatchMethod.EXACT, "exact", {"license": lic.name}) for i, _ in items]
        wid = {w.value: w.id for w in td.works(req.id)}
        for f, (_, sha) in zip(found, items, strict=True):
            f.work_id = wid.get(sha)
        td.record_matches(req.id, td.request_record(req.id), found)
    return ExpiredLicense(lic.name, req.id, len(items))


def check_expiries(td, today: date | None = None) -> list[ExpiredLicense]:
    """Expire every licence whose date has passed (run at start-up and by `ledger license check`)."""
    today = today or date.today()
    out = []
    for lic in list_licenses(td):
        if lic.expires and not lic.expired_at and lic.expires < today.isoformat():
            out.append(expire_license(td, lic.name))
    return out

