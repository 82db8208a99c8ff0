"""Issue the removal certificate of a purged request, and the signed inclusion report.

The removed items and shard digests come from the request's signed `takedown.purged` ledger
entries, after the shards are re-hashed and the items confirmed absent (`takedown/evidence.py`);
state tables that disagree stop the issue. The rest (request, works, match method and score,
affected training runs) comes from the takedown records. `certificates/` signs it, records it in
the ledger and attaches the tlog-proof.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused
from ledger_app.storage import personal
from ledger_app.storage.repos import takedowns as repo
from ledger_app.takedown.requests import Status, check_transition

if TYPE_CHECKING:  # both imported where used, as before, to keep them out of the start-up path
    from ledger_app.services.evidence import ShardDigest
    from ledger_app.services.inclusion import InclusionAnswer


@dataclass(frozen=True)
class CertifiedRequester:
    """Who asked: an organisation by its name, anyone else only by the commitment to them."""

    kind: str
    name: str | None = None
    commitment: str | None = None

    def to_json(self) -> dict[str, Any]:
        if self.name is not None:
            return {"name": self.name, "kind": self.kind}
        return {"commitment": self.commitment, "kind": self.kind}


@dataclass(frozen=True)
class CertifiedRequest:
    id: int
    type: str
    received: str
    due_by: str
    requester: CertifiedRequester | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "received": self.received, "due_by": self.due_by,
                "requester": self.requester.to_json() if self.requester is not None else None}


@dataclass(frozen=True)
class CertifiedWork:
    """A work the request named: a file or text by its SHA-256 (`name` its description), an account
    only as "(account, committed)"."""

    kind: str
    value: str
    name: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "value": self.value}
        if self.name:
            out["name"] = self.name
        return out


@dataclass(frozen=True)
class RemovedItem:
    item_id: str
    sha256: str
    corpus: str
    location: str
    method: str
    score: str

    def to_json(self) -> dict[str, Any]:
        return {"item_id": self.item_id, "sha256": self.sha256, "corpus": self.corpus, "location": self.location,
                "method": self.method, "score": self.score}


@dataclass(frozen=True)
class RunSeen:
    """A training run that saw removed items (`items_seen` of them)."""

    model: str
    corpus: str
    checkpoint_size: int
    items_seen: int

    def to_json(self) -> dict[str, Any]:
        return {"model": self.model, "corpus": self.corpus, "checkpoint_size": self.checkpoint_size,
                "items_seen": self.items_seen}


@dataclass(frozen=True)
class ReleaseSeen:
    """A dataset release or mirror that contained removed items (`items_contained` of them)."""

    name: str
    kind: str
    corpus: str
    checkpoint_size: int
    items_contained: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "corpus": self.corpus, "checkpoint_size": self.checkpoint_size,
                "items_contained": self.items_contained}


@dataclass(frozen=True)
class CertificateInputs:
    """What a removal certificate states; `to_json()` gives the keyword arguments of
    `certificates.certificate.build_removal_certificate`."""

    request: CertifiedRequest
    works: tuple[CertifiedWork, ...]
    removed_items: tuple[RemovedItem, ...]
    shards: tuple[ShardDigest, ...]
    affected_runs: tuple[RunSeen, ...]
    affected_releases: tuple[ReleaseSeen, ...]
    stored: frozenset[str] = frozenset()  # removed items that live in the fingerprint store

    def to_json(self) -> dict[str, Any]:
        return {"request": self.request.to_json(), "works": [w.to_json() for w in self.works],
                "removed_items": [i.to_json() for i in self.removed_items],
                "shards": [s.to_json() for s in self.shards],
                "affected_runs": [r.to_json() for r in self.affected_runs],
                "affected_releases": [r.to_json() for r in self.affected_releases]}


@dataclass(frozen=True)
class IssuedCertificate:
    """A removal certificate just issued: its file, its ledger entry and, if asked for, its PDF."""

    request: int
    file: str
    entry: int
    pdf: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"request": self.request, "file": self.file, "entry": self.entry}
        if self.pdf is not None:
            out["pdf"] = self.pdf
        return out


@dataclass(frozen=True)
class InclusionReport:
    """The inclusion check's answers; once signed (`entry` set), the report's file (None when only a
    PDF was asked for) and its ledger entry."""

    results: tuple[InclusionAnswer, ...]
    file: str | None = None
    entry: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"results": [r.to_json() for r in self.results]}
        if self.entry is not None:
            out["file"] = self.file
            out["entry"] = self.entry
        return out


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def certificate_inputs(services, rid: int) -> CertificateInputs:  # ledger_app.services.Services
    td = services.takedown
    req = td.request_record(rid)
    if req.status not in (Status.PURGED.value, Status.CERTIFIED.value):
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} is {status}; a removal certificate is issued only after the purge"), rid=rid, status=req.status)
    from ledger_app.services.evidence import purge_evidence

    evidence = purge_evidence(services, rid)
    show = td.show(rid)
    best: dict[str, dict[str, Any]] = {}
    for m in show.matches:
        if m["decision"] != "accepted":
            continue
        cur = best.get(m["item_id"])
        if cur is None or m["method"] == "exact":
            best[m["item_id"]] = m
    removed = []
    for it in evidence.items:
        item_id = it.item
        with services.ws.engine.connect() as conn:
            location = repo.item_location(conn, item_id)
        if location is None and item_id in evidence.stored:
            location = str(services.corpus.stored.item(item_id)["location"])
        m = best.get(item_id, {"method": "exact", "score": "exact"})
        removed.append(RemovedItem(item_id, it.sha256, it.corpus,
                                   location if location is not None else item_id.split(":", 1)[-1],
                                   m["method"], str(m["score"])))
    # The requester: the name they gave (organisations) or only the commitment (individuals).
    requester = None
    if req.requester:
        with services.ws.engine.connect() as conn:
            data = personal.reveal(conn, req.requester) or {}
        if req.requester_kind in ("news_publisher", "rights_org", "internal") and data.get("name"):
            requester = CertifiedRequester(req.requester_kind, name=data["name"])
        else:
            requester = CertifiedRequester(req.requester_kind, commitment=req.requester)
    works = []
    for w, raw in zip(show.works, td.works(rid), strict=True):
        if raw.kind in ("file", "text"):
            works.append(CertifiedWork(w["kind"], raw.sha256 or raw.value, raw.description or None))
        else:
            works.append(CertifiedWork(w["kind"], w["value"] if w["kind"] != "account" else "(account, committed)"))
    return CertificateInputs(
        CertifiedRequest(rid, req.type, req.received, req.due_by, requester),
        tuple(works),
        tuple(removed),
        evidence.shards,
        tuple(RunSeen(r["model"], r["corpus"], r["checkpoint_size"], len(r["items_seen"]))
              for r in show.affected_runs or []),
        _releases(services, [it.item for it in evidence.items]),
        evidence.stored,
    )


def _releases(services, items: list[str]) -> tuple[ReleaseSeen, ...]:
    """The dataset releases and mirrors that contained any removed item (takedown/lineage.py), each
    checked against its signed `release.recorded` entry: a release row edited in the database (its
    name, kind or checkpoint) is refused, not stated."""
    from ledger_app.core.errors import VerificationError
    from ledger_app.services.lineage import releases_containing

    td = services.takedown
    out = []
    for r in releases_containing(td, items):
        idx = r.entry
        entry = services.ledger.show(int(idx)) if idx is not None else None
        p = entry.payload if entry is not None and entry.type == "release.recorded" else {}
        if (p.get("name"), p.get("kind"), p.get("checkpoint_size")) != (r.name, r.kind, r.checkpoint_size):
            raise VerificationError(f"the dataset release {r.name!r} does not match its ledger entry {idx}; "
                                    "no certificate was issued", index=idx)
        out.append(ReleaseSeen(r.name, r.kind, r.corpus, r.checkpoint_size, len(r.items)))
    return tuple(out)


def certify(services, rid: int, out: Path, *, pdf: Path | None = None, language: str = "en",
            organisation: str | None = None) -> IssuedCertificate:
    from ledger_app.certificates.certificate import issue_removal_certificate
    from ledger_app.certificates.pdf import render_certificate_pdf

    td = services.takedown
    req = td.request_record(rid)
    inputs = certificate_inputs(services, rid)
    org = organisation or services.ws.settings.get("user.name") or services.ledger.origin
    ledger = services.ledger
    doc = issue_removal_certificate(
        ledger, organisation=org, issued_at=_now(), origin=ledger.origin,
        key_id=ledger.unlock()[0].verifier.key_id.hex(), **inputs.to_json(),
    )
    if inputs.stored:
        # Items of the fingerprint store: each one's two-level proof (item in its shard's tree, the
        # shard's manifest entry in the ledger), checked when made; unsigned, like a report's proofs,
        # and each checked on its own by verify.py.
        doc["stored_item_proofs"] = {i: services.corpus.stored.prove_item(i)[0].to_json() for i in sorted(inputs.stored)}
    out = Path(out)
    out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if pdf is not None:
        render_certificate_pdf(doc, Path(pdf), language=language, organisation=org)
    result = IssuedCertificate(rid, str(out), doc["entry"]["index"], str(pdf) if pdf is not None else None)
    if req.status == Status.PURGED.value:
        check_transition(req.status, Status.CERTIFIED)
        with services.ws.store.write_transaction() as conn:
            e = td.set_status(conn, rid, req.status, Status.CERTIFIED, extra={"certificate_entry": doc["entry"]["index"]})
            res = ledger.append([e], conn=conn)
        ledger.after_external_commit(res)
    return result


def inclusion_report(services, *, files: Sequence[Path | str] = (), hashes: Sequence[str] = (),
                     urls: Sequence[str] = (), out: Path | None = None, pdf: Path | None = None,
                     language: str = "en") -> InclusionReport:
    from ledger_app.services.inclusion import check_inclusion

    used: set[int] = set()
    results = tuple(check_inclusion(services.takedown, files=files, hashes=hashes, urls=urls, used=used))
    if out is None and pdf is None:
        return InclusionReport(results)
    # Items of the fingerprint store: the inner level of each one's two-level proof (checked whole here).
    from ledger_app.ledger.manifest import inner_to_json

    stored_ids = sorted({it.item_id for q in results for it in q.items + q.near_copies if it.stored})
    stored_proofs = {i: inner_to_json(services.corpus.stored.prove_item(i)[0]) for i in stored_ids}
    from ledger_app.certificates.report import issue_inclusion_report
    from ledger_app.services.inclusion import prove_entries

    # Nothing signed that was not verified: every entry the answers come from, proven included.
    prove_entries(services, used)

    ledger = services.ledger
    doc = issue_inclusion_report(ledger, queries=[r.to_json() for r in results], issued_at=_now(), origin=ledger.origin,
                                 key_id=ledger.unlock()[0].verifier.key_id.hex(), stored_proofs=stored_proofs)
    if out is not None:
        Path(out).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if pdf is not None:
        from ledger_app.certificates.pdf import render_report_pdf

        render_report_pdf(doc, Path(pdf), language=language)
    return InclusionReport(results, str(out) if out else None, doc["entry"]["index"])
