"""The inclusion check for rights holders: is my work in there, where, since when, or is it gone?

Answers only about the queried works: each query is matched with the same finders as locate
(exact hash, URL, perceptual, text), including purged items, and nothing about unrelated items is
returned. The signed report (certificates/report.py) adds a proof for every matched item's entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger_app.core.errors import NotFoundError, VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused
from ledger_app.core.settings import MatchThresholds
from ledger_app.core.urls import parse_sha256, url_key
from ledger_app.ledger.item_entries import StatusEntry, check_item_row, check_item_url, status_entries
from ledger_app.storage.repos import takedowns as repo
from ledger_app.takedown import locate as loc


@dataclass(frozen=True)
class InclusionQuery:
    """One queried work: a file (by its SHA-256, `name` its file name), a hash or a canonical URL."""

    kind: str  # file | hash | url
    value: str
    name: str | None = None  # files only

    def to_json(self) -> dict[str, Any]:
        if self.kind == "file":
            return {"kind": self.kind, "name": self.name, "value": self.value}
        return {"kind": self.kind, "value": self.value}


@dataclass(frozen=True)
class CopyRegion:
    """How much of the item holds the work and of the work it holds, as whole per cents ("37%")."""

    item_covered: str
    work_covered: str

    def to_json(self) -> dict[str, Any]:
        return {"item_covered": self.item_covered, "work_covered": self.work_covered}


@dataclass(frozen=True)
class ReportedMatch:
    """What the check states about one matched item, from its signed entries. `region` only for a
    partial copy; `purged_at` (and `request`, `certificate_entry` when known) only for a purged item of
    the item table; `stored` for an item of the fingerprint store (`entry_index` is then its shard's
    manifest entry)."""

    item_id: str
    corpus: str | None
    location: str
    status: str
    since: str | None
    license: str | None
    entry_index: int
    method: str
    score: str
    sha256: str | None
    region: CopyRegion | None = None
    purged_at: str | None = None
    request: int | None = None
    certificate_entry: int | None = None
    stored: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"item_id": self.item_id, "corpus": self.corpus, "location": self.location,
                               "status": self.status, "since": self.since, "license": self.license,
                               "entry_index": self.entry_index}
        if self.stored:
            out["stored"] = True
        out.update({"method": self.method, "score": self.score, "sha256": self.sha256})
        if self.region is not None:
            out["region"] = self.region.to_json()
        if self.status == "purged" and not self.stored:
            out["purged_at"] = self.purged_at
            if self.request is not None:
                out["request"] = self.request
                if self.certificate_entry is not None:
                    out["certificate_entry"] = self.certificate_entry
        return out


@dataclass(frozen=True)
class InclusionAnswer:
    """The answer to one query: `verdict` included | purged | not_found; `items` the exact and URL
    matches, `near_copies` the perceptual and text ones."""

    query: InclusionQuery
    verdict: str
    items: tuple[ReportedMatch, ...]
    near_copies: tuple[ReportedMatch, ...]

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query.to_json(), "verdict": self.verdict, "items": [i.to_json() for i in self.items],
                "near_copies": [i.to_json() for i in self.near_copies]}


def check_inclusion(td, *, files=(), hashes=(), urls=(), used: set[int] | None = None) -> list[InclusionAnswer]:
    """The answer per query (td: TakedownService). `used` collects the ledger indexes of every entry
    the answer states something from, for the signer to prove them included."""
    used = set() if used is None else used
    queries: list[tuple[InclusionQuery, list[loc.StoredWork]]] = []
    for f in files:
        spec = _file_spec(Path(f))
        w = loc.StoredWork(-(len(queries) + 1), "file", spec.value, None, spec.fingerprint, spec.text, sha256=spec.sha256,
                           media_type=spec.media_type, fp_kind=spec.fp_kind)
        queries.append((InclusionQuery("file", spec.value, Path(f).name), [w]))
    for h in hashes:
        h = parse_sha256(h)
        queries.append((InclusionQuery("hash", h), [loc.StoredWork(-(len(queries) + 1), "hash", h)]))
    for u in urls:
        k = url_key(u)
        queries.append((InclusionQuery("url", k), [loc.StoredWork(-(len(queries) + 1), "url", k)]))
    if not queries:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "give at least one file, --hash or --url to check"))
    out = []
    statuses = status_entries((e.index, e.leaf) for e in td.ws.store.entries(0, types=["item.status"]))
    for query, works in queries:
        found = _find_all(td, works)
        described = [_describe(td, f, statuses, used) for f in found]
        items = [i for i in described if i is not None]
        direct = tuple(i for i in items if i.method in ("exact", "url"))
        near = tuple(i for i in items if i.method not in ("exact", "url"))
        live = [i for i in items if i.status in ("admitted", "quarantined")]
        verdict = "included" if live else ("purged" if items else "not_found")
        out.append(InclusionAnswer(query, verdict, direct, near))
    return out


def _file_spec(path: Path):
    from ledger_app.services.takedowns import file_work

    return file_work(path)


def _find_all(td, works) -> list[loc.Found]:
    """Like locate, but purged items count too (a rights holder asks whether it was ever there)."""
    out: dict[tuple[str, str], loc.Found] = {}
    with td.ws.engine.connect() as conn:
        for w in works:
            sha = w.value if w.kind in ("hash", "file") else None
            if sha:
                for iid in repo.items_by_sha256(conn, sha):
                    out[(iid, "exact")] = loc.Found(iid, w.id, loc.MatchMethod.EXACT, "exact")
            if w.kind == "url":
                for iid, _ in repo.items_by_url(conn, w.value):
                    out[(iid, "url")] = loc.Found(iid, w.id, loc.MatchMethod.URL, "exact")
    # Items in the fingerprint store (services/stored.py): exact hash and URL.
    by_sha = {w.value: w.id for w in works if w.kind in ("hash", "file") and w.value}
    by_url = {w.value: w.id for w in works if w.kind == "url"}
    for iid, how, value in td.corpus.stored.find_exact(list(by_sha), list(by_url)):
        wid = by_sha[value] if how == "exact" else by_url[value]
        out[(iid, how)] = loc.Found(iid, wid, loc.MatchMethod.EXACT if how == "exact" else loc.MatchMethod.URL, "exact")
    if any(w.fingerprint or w.text for w in works):
        for f in td.find(works):
            if f.method in ("perceptual", "text"):
                out.setdefault((f.item_id, str(f.method)), f)
        # Purged items left the indexes; their signatures are on the blocklist: check those too.
        out.update({(f.item_id, str(f.method)): f for f in _blocklisted(td, works)})
    exact = {i for i, m in out if m == "exact"}
    return [f for (i, m), f in sorted(out.items()) if not (i in exact and m != "exact")]


def _blocklisted(td, works) -> list[loc.Found]:
    from ledger_app.matching.image_match import ImageMatcher

    with td.ws.engine.connect() as conn:
        rows = repo.blocklist(conn, kind="image")
    if not rows:
        return []
    m = ImageMatcher(pdq_max_distance=MatchThresholds.from_settings(td.ws.settings).pdq_max_distance)
    fps = [(f"b{k}", r.fingerprint) for k, r in enumerate(rows) if r.fingerprint is not None]  # kind image: all set
    m.add([key for key, _ in fps], [fp for _, fp in fps])
    out = []
    for w in works:
        if w.kind != "file" or not w.fingerprint or w.fp_kind != "image":
            continue
        for hit in m.query(w.fingerprint):
            sha = rows[int(hit.item_id[1:])].sha256
            with td.ws.engine.connect() as conn:
                purged = repo.items_by_sha256(conn, sha, status="purged")
            for iid in purged:
                out.append(loc.Found(iid, w.id, loc.MatchMethod.PERCEPTUAL, f"{hit.score:.2f}"))
    return out


def _describe(td, f: loc.Found, statuses: dict[str, list[StatusEntry]], used: set[int]) -> ReportedMatch | None:
    """What the report states about a matched item, taken from its signed entries: the item.ingested
    entry (content hash, corpus, ingest decision and date) and the later item.status entries
    (quarantine, purge and its date and request). The item row must agree with them, or the check
    stops with a sentence naming the item (an insider who edits a row cannot get it reported)."""
    with td.ws.engine.connect() as conn:
        row = repo.reported_item(conn, f.item_id)
    if row is None:
        return _describe_stored(td, f, statuses, used)
    item_id, entry_idx = row.id, row.entry_idx
    hist = statuses.get(item_id, [])
    try:
        doc = check_item_row(item_id, entry_idx, row.leaf, sha256=row.sha256,
                             status=row.status, later={item_id: hist[-1].status} if hist else {},
                             redo="ask for the report again")
        if f.method == loc.MatchMethod.URL:
            check_item_url(item_id, entry_idx, doc, source_url=row.source_url, url_norm=row.url_norm,
                           salt=row.url_salt, redo="ask for the report again")
    except VerificationError as exc:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "no inclusion report: {reason}"), reason=str(exc)) from None
    assert entry_idx is not None  # check_item_row refuses a row without its item.ingested entry
    p = doc["payload"]
    status = hist[-1].status if hist else str(p.get("status"))
    used.add(int(entry_idx))
    used.update(e.index for e in hist)
    region = None
    ev = f.evidence or {}
    if ev.get("region_box") is not None:
        # A partial copy (local features): how much of the item holds the work, and how much of the
        # work it holds, as whole per cents (the signed report carries no floats).
        region = CopyRegion(f"{round(100 * float(ev['item_covered']))}%", f"{round(100 * float(ev['work_covered']))}%")
    purged_at = request = cert = None
    if status == "purged":
        purge = hist[-1]
        purged_at = _iso_ts(purge.ts)
        if purge.request is not None:
            request = purge.request
            cert = certificate_entry(td, int(purge.request))
    return ReportedMatch(item_id, p.get("corpus") or row.corpus, row.location, status, _iso_ts(doc.get("ts")), row.license,
                         int(entry_idx), str(f.method), f.score, p.get("sha256"), region, purged_at, request, cert)


def _describe_stored(td, f: loc.Found, statuses: dict[str, list[StatusEntry]], used: set[int]) -> ReportedMatch | None:
    """`_describe` for an item of the fingerprint store: its row must agree with its item.ingested leaf,
    and that leaf must be proven in its shard's tree under the shard's manifest entry (two levels,
    services/stored.py) before anything is stated from it."""
    stored = td.corpus.stored
    try:
        row = stored.item(f.item_id)
    except NotFoundError:
        return None
    item_id = f.item_id
    try:
        _, verified = stored.prove_item(item_id)
        hist = statuses.get(item_id, [])
        doc = check_item_row(item_id, verified.manifest_index, row["leaf"], sha256=row["sha256"], status=row["status"],
                             later={item_id: hist[-1].status} if hist else {}, redo="ask for the report again")
        if f.method == loc.MatchMethod.URL:
            check_item_url(item_id, verified.manifest_index, doc, source_url=row["source_url"], url_norm=row["url_norm"],
                           salt=row["url_salt"], redo="ask for the report again")
    except VerificationError as exc:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "no inclusion report: {reason}"), reason=str(exc)) from None
    p = doc["payload"]
    used.add(verified.manifest_index)
    return ReportedMatch(item_id, p.get("corpus"), row["location"], hist[-1].status if hist else str(p.get("status")),
                         _iso_ts(doc.get("ts")), p.get("license"), verified.manifest_index, str(f.method), f.score,
                         p.get("sha256"), stored=True)


def prove_entries(services, indexes: set[int]) -> None:
    """Each entry a report states something from is included under the latest signed checkpoint,
    which is itself re-checked (LedgerStore.verified_head); raise UserError otherwise."""
    from ledger_app.ledger import merkle
    from ledger_app.ledger.store import AppendRefused

    ledger, store = services.ledger, services.ws.store
    chain = ledger.key_chain(refresh=True)
    anchor = services.ws.open_witness([link.verifier for link in chain])
    with services.ws.engine.connect() as conn:
        try:
            head = store.verified_head(conn, [chain[-1].verifier], ledger.origin, anchor)
        except AppendRefused as exc:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "no inclusion report: the ledger cannot be trusted as stored ({reason})"), reason=exc.reason_said) from None
    for i in sorted(indexes):
        if i >= head.size:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "no inclusion report: ledger entry {i} is not covered by the latest signed checkpoint"), i=i)
        leaf = store.entry(i).leaf
        _, proof, _, _ = store.inclusion_proof(i, head.size)
        try:
            merkle.verify_inclusion(i, head.size, merkle.leaf_hash(bytes(leaf)), proof, head.root_hash)
        except VerificationError:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "no inclusion report: ledger entry {i} is not the one the signed checkpoint includes; run `ledger log verify`"), i=i) from None


def certificate_entry(td, request_id: int) -> int | None:
    """The ledger index of the newest certificate issued for a request, if any."""
    from ledger_app.ledger.entries import decode_entry

    for e in reversed(td.ws.store.entries(0, types=["certificate.issued"])):
        if decode_entry(e.leaf, index=e.index).payload.get("request") == request_id:
            return e.index
    return None


def _iso_ts(ts: Any) -> str | None:
    """A leaf's RFC 3339 time to the second, as reports state times."""
    return f"{ts[:19]}Z" if isinstance(ts, str) and len(ts) >= 19 else None

