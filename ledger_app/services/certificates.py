"""Issue the removal certificate of a purged request, and the signed inclusion report.

The removed items and shard digests come from the request's signed `takedown.purged` ledger
entries, after the shards are re-hashed and the items confirmed absent (`takedown/evidence.py`);
state tables that disagree stop the issue. The rest (request, works, match method and score,
affected training runs) comes from the takedown records. `certificates/` signs it, records it in
the ledger and attaches the tlog-proof.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ledger_app.core.errors import UserError
from ledger_app.storage import personal
from ledger_app.storage.repos import takedowns as repo
from ledger_app.takedown.requests import Status, check_transition


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def certificate_inputs(services, rid: int) -> dict[str, Any]:  # ledger_app.services.Services
    td = services.takedown
    req = td.request_record(rid)
    if req["status"] not in (Status.PURGED.value, Status.CERTIFIED.value):
        raise UserError(f"request {rid} is {req['status']}; a removal certificate is issued only after the purge")
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
        item_id = it["item"]
        with services.ws.engine.connect() as conn:
            location = repo.item_location(conn, item_id)
        m = best.get(item_id, {"method": "exact", "score": "exact"})
        removed.append({"item_id": item_id, "sha256": it["sha256"], "corpus": it["corpus"],
                        "location": location if location is not None else item_id.split(":", 1)[-1],
                        "method": m["method"], "score": str(m["score"])})
    # The requester: the name they gave (organisations) or only the commitment (individuals).
    requester: Any = None
    if req["requester"]:
        with services.ws.engine.connect() as conn:
            data = personal.reveal(conn, req["requester"]) or {}
        if req["requester_kind"] in ("news_publisher", "rights_org", "internal") and data.get("name"):
            requester = {"name": data["name"], "kind": req["requester_kind"]}
        else:
            requester = {"commitment": req["requester"], "kind": req["requester_kind"]}
    works = [{"kind": w["kind"], "value": w["value"] if w["kind"] != "account" else "(account, committed)"}
             for w in show.works]
    for w, raw in zip(works, td.works(rid), strict=True):
        if raw.kind in ("file", "text"):
            w["value"] = raw.sha256 or raw.value
            if raw.description:
                w["name"] = raw.description
    return {
        "request": {"id": rid, "type": req["type"], "received": req["received"], "due_by": req["due_by"],
                    "requester": requester},
        "works": works,
        "removed_items": removed,
        "shards": [dict(s) for s in evidence.shards],
        "affected_runs": [{"model": r["model"], "corpus": r["corpus"], "checkpoint_size": r["checkpoint_size"],
                           "items_seen": len(r["items_seen"])} for r in show.affected_runs or []],
        "affected_releases": _releases(services, [it["item"] for it in evidence.items]),
    }


def _releases(services, items: list[str]) -> list[dict[str, Any]]:
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
        out.append({"name": r.name, "kind": r.kind, "corpus": r.corpus, "checkpoint_size": r.checkpoint_size,
                    "items_contained": len(r.items)})
    return out


def certify(services, rid: int, out: Path, *, pdf: Path | None = None, language: str = "en",
            organisation: str | None = None) -> dict[str, Any]:
    from ledger_app.certificates.certificate import issue_removal_certificate
    from ledger_app.certificates.pdf import render_certificate_pdf

    td = services.takedown
    req = td.request_record(rid)
    inputs = certificate_inputs(services, rid)
    org = organisation or services.ws.settings.get("user.name") or services.ledger.origin
    ledger = services.ledger
    doc = issue_removal_certificate(
        ledger, organisation=org, issued_at=_now(), origin=ledger.origin,
        key_id=ledger.unlock()[0].verifier.key_id.hex(), **inputs,
    )
    out = Path(out)
    out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    result = {"request": rid, "file": str(out), "entry": doc["entry"]["index"]}
    if pdf is not None:
        render_certificate_pdf(doc, Path(pdf), language=language, organisation=org)
        result["pdf"] = str(pdf)
    if req["status"] == Status.PURGED.value:
        check_transition(req["status"], Status.CERTIFIED)
        with services.ws.store.write_transaction() as conn:
            e = td.set_status(conn, rid, req["status"], Status.CERTIFIED, extra={"certificate_entry": doc["entry"]["index"]})
            res = ledger.append([e], conn=conn)
        ledger.after_external_commit(res)
    return result


def inclusion_report(services, *, files=(), hashes=(), urls=(), out: Path | None = None,
                     pdf: Path | None = None, language: str = "en") -> dict[str, Any]:
    from ledger_app.services.inclusion import check_inclusion

    used: set[int] = set()
    results = check_inclusion(services.takedown, files=files, hashes=hashes, urls=urls, used=used)
    if out is None and pdf is None:
        return {"results": results}
    # Items of the fingerprint store: the inner level of each one's two-level proof (checked whole here).
    from ledger_app.ledger.manifest import inner_to_json

    stored_ids = sorted({it["item_id"] for q in results for it in q["items"] + q["near_copies"] if it.get("stored")})
    stored_proofs = {i: inner_to_json(services.corpus.stored.prove_item(i)[0]) for i in stored_ids}
    from ledger_app.certificates.report import issue_inclusion_report
    from ledger_app.services.inclusion import prove_entries

    # Nothing signed that was not verified: every entry the answers come from, proven included.
    prove_entries(services, used)

    ledger = services.ledger
    doc = issue_inclusion_report(ledger, queries=results, issued_at=_now(), origin=ledger.origin,
                                 key_id=ledger.unlock()[0].verifier.key_id.hex(), stored_proofs=stored_proofs)
    if out is not None:
        Path(out).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if pdf is not None:
        from ledger_app.certificates.pdf import render_report_pdf

        render_report_pdf(doc, Path(pdf), language=language)
    return {"results": results, "file": str(out) if out else None, "entry": doc["entry"]["index"]}
