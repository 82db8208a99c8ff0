"""The EU AI Act Art. 53(1)(d) training-content summary, computed from the ledger and signed.

Why this exists: a provider of a general-purpose AI model must publish a "sufficiently detailed
summary" of its training content, following the European Commission's template (July 2025):
1 general information (modalities and their size bands, languages, latest acquisition date),
2 list of data sources (2.1 public datasets, 2.2 private/licensed data, 2.3 crawled and scraped
data with the crawlers, their periods and the top domains by volume, 2.4 user data, 2.5 synthetic
data, 2.6 other), 3 data-processing aspects (3.1 respecting reservations of rights / opt-outs,
3.2 removal of illegal content). Every figure here is computed from the ledger's item rows, which
the ledger commits to; every yes/no the ledger cannot prove (is the provider a signatory of the
Code of Practice? which services' user data? which models made the synthetic data?) is listed in
`attestations` for a person to answer, named as such, never guessed.

The document is signed and recorded like an inclusion report (`summary.issued`), so
`python -m ledger_app.verify summary.json --vkey …` checks it offline. Bodies hold no floats:
shares are strings ("12.5%").

Before anything is signed the ledger is verified, and every item row the figures use is checked
against its ledger entries (content hash, media type, status, the opt-out evidence's SHA-256 and
train-ai state): an insider who edits the rows cannot get a signed summary out of them. Byte sizes,
domains and languages are not in the entries; they are as the rows hold them.

It stays one module: the figures are computed in one pass over the rows, checked and signed from
that same pass, and its few records (figures, attestations, the issued document) only name what the
pass returns.
"""

from __future__ import annotations

import json
import math
import os
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ledger_app.core.errors import NotFoundError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused
from ledger_app.ledger.documents import DOCUMENT_VERSION, KIND_SUMMARY
from ledger_app.ledger.item_entries import check_item_row, later_statuses
from ledger_app.storage.repos import lineage as lineage_repo
from ledger_app.storage.repos import summary as repo

if TYPE_CHECKING:
    from ledger_app.services.corpora import CorpusService

TEMPLATE = ("Template for the Public Summary of Training Content for general-purpose AI models "
            "(European Commission, July 2025), AI Act Art. 53(1)(d)")
SIGNALS_ORDER = ("content-usage", "content-signal", "robots", "tdmrep", "x-robots-tag", "robots-meta", "ai.txt",
                 "c2pa", "cawg")
# Size bands of the template, by modality (text in tokens, images in items; audio/video in hours).
TEXT_BANDS = ((1_000_000_000, "less than 1 billion tokens"), (10_000_000_000_000, "1 billion to 10 trillion tokens"),
              (None, "more than 10 trillion tokens"))
IMAGE_BANDS = ((1_000_000, "less than 1 million images"), (1_000_000_000, "1 million to 1 billion images"),
               (None, "more than 1 billion images"))
BYTES_PER_TOKEN = 4  # the usual estimate for tokenised text; stated in the document


TO_ATTEST = "to be attested by a person"
ATTESTED = "attested by a person (not proven by the ledger)"


@dataclass(frozen=True)
class Attestation:
    """A statement the ledger cannot prove, for a person to answer (`answer` None until then)."""

    id: str
    section: str
    statement: str
    status: str = TO_ATTEST
    answer: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "section": self.section, "statement": self.statement, "status": self.status,
                "answer": self.answer}


@dataclass(frozen=True)
class SummaryFigures:
    """The summary's figures, unsigned (a preview, or the body's contents once signed). `scope` says
    what was summarised; `sections` are the template's numbered sections ("1_general", "2_sources",
    "3_processing"), nested as the template nests them and read by key by `certificates/ai_act_render.py`."""

    scope: dict[str, Any]
    sections: dict[str, Any]
    attestations: tuple[Attestation, ...]

    def to_json(self) -> dict[str, Any]:
        return {"scope": self.scope, "sections": self.sections, "attestations": [a.to_json() for a in self.attestations]}


@dataclass(frozen=True)
class IssuedSummary:
    """A summary signed and recorded (`summary.issued`): `document` is the whole JSON document, as
    written to its file and verified by `ledger_app.verify`."""

    document: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.document["id"])

    @property
    def entry(self) -> int:
        return int(self.document["entry"]["index"])

    def to_json(self) -> dict[str, Any]:
        return self.document


def modality(media_type: str | None) -> str:
    mt = (media_type or "").lower()
    for m in ("text", "image", "audio", "video"):
        if mt.startswith(m + "/"):
            return m
    return "other"


def _band(n: int, bands: tuple[tuple[int | None, str], ...]) -> str:
    for limit, label in bands:
        if limit is None or n < limit:
            return label
    return bands[-1][1]


def _pct(part: int, whole: int) -> str:
    return f"{(100.0 * part / whole):.1f}%" if whole else "0.0%"


def top_domain_count(n_domains: int, *, sme: bool) -> int:
    """How many domains the template asks for: the top 10 % (SMEs: 5 % or 1,000, whichever is lower),
    rounded up, at least one when there are any."""
    if n_domains <= 0:
        return 0
    if sme:
        return max(1, min(math.ceil(0.05 * n_domains), 1000))
    return max(1, math.ceil(0.10 * n_domains))


def _day(ts: float | None) -> str | None:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d") if ts else None


def _later_statuses(svc: CorpusService) -> dict[str, str]:
    """Each item's status as its latest `item.status` ledger entry sets it (quarantine by a claim, purge)."""
    with svc.ws.engine.connect() as conn:
        return later_statuses(repo.status_leaves(conn))


def _check_row(item_id: str, entry_idx: int | None, leaf: bytes | None, sha: str | None, media_type: str,
               status: str, sig_json: str | None, train_ai: str | None, later: dict[str, str]) -> None:
    """An item row must say what its ledger entries say (ledger/item_entries.py). The summary is
    computed from the rows, so an altered row must stop it rather than be signed."""
    check_item_row(item_id, entry_idx, leaf, sha256=sha, media_type=media_type, status=status, later=later,
                   signals=(sig_json, train_ai), redo="issue the summary again")


def compute_summary(svc: CorpusService, *, run: str | None = None, corpora: list[str] | None = None,
                    sme: bool = False) -> SummaryFigures:
    """The summary's figures (no signature): for the training run `run` (its corpora as of each run's
    checkpoint), else for `corpora` (as they are now), else for every corpus."""
    scope: dict[str, Any]
    limits: dict[int, int | None] = {}  # corpus id -> entries below this index only (a run's checkpoint)
    run_time = None
    if run:
        with svc.ws.engine.connect() as conn:
            runs = lineage_repo.runs(conn, run)
        if not runs:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no training run of model {run!r}; see `ledger run record`"), error=NotFoundError, run=run)
        for r in runs:
            limits[r.corpus_id] = max(limits.get(r.corpus_id) or 0, r.checkpoint_size)
        run_time = max(r.created_at for r in runs)
        scope = {"kind": "training-run", "model": run, "corpora": sorted({r.corpus for r in runs}),
                 "checkpoint_sizes": sorted({r.checkpoint_size for r in runs}), "recorded": _day(run_time)}
    else:
        names = corpora or [c.name for c in svc.list_corpora()]
        if not names:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there are no corpora to summarise; register and ingest one first"))
        for n in names:
            limits[svc.corpus(n).id] = None
        scope = {"kind": "corpora", "corpora": sorted(names)}
    with svc.ws.engine.connect() as conn:
        cinfo: dict[int, dict[str, Any]] = {cid: {"name": c.name, "crawler": c.crawler, "kind": c.source_kind, "license": c.license,
                       "batch": c.batch} for cid, c in repo.corpora(conn).items()}

    # One pass over the items in scope.
    t: dict[str, Any] = {"items": 0, "bytes": 0}
    by_mod: dict[str, dict[str, int]] = {}
    langs: dict[str, int] = {}
    domains: dict[str, list[int]] = {}
    per_corpus: dict[int, dict[str, Any]] = {}
    licences: dict[str, int] = {}
    synthetic = 0
    latest_fetch: str | None = None
    latest_ingest = 0.0
    excluded = {"quarantined": 0, "refused": 0, "purged": 0}
    excluded_ids_signals: list[str] = []
    later_status = _later_statuses(svc)
    with svc.ws.engine.connect() as conn:
        for it in repo.scoped_items(conn, limits):
            cid, media_type, size, status, sig_json, purged_at = (it.corpus_id, it.media_type, it.size, it.status,
                                                                  it.signals_json, it.purged_at)
            _check_row(it.id, it.entry_idx, it.leaf, it.sha256, media_type, status, sig_json, it.train_ai, later_status)
            # Training content: admitted now, or (for a run) purged only after the run was recorded.
            trained = status == "admitted" or (status == "purged" and run_time is not None
                                               and purged_at is not None and purged_at > run_time)
            pc = per_corpus.setdefault(cid, {"items": 0, "bytes": 0, "excluded": 0, "first": None, "last": None,
                                             "modalities": set()})
            if not trained:
                excluded[status] = excluded.get(status, 0) + 1
                pc["excluded"] += 1
                if sig_json and status in ("quarantined", "refused"):
                    excluded_ids_signals.append(sig_json)
                continue
            size = int(size or 0)
            mod = modality(media_type)
            t["items"] += 1
            t["bytes"] += size
            m = by_mod.setdefault(mod, {"items": 0, "bytes": 0})
            m["items"] += 1
            m["bytes"] += size
            pc["items"] += 1
            pc["bytes"] += size
            pc["modalities"].add(mod)
            lang, domain, fetched, lic = it.language, it.domain, it.fetched_at, it.license
            if lang:
                langs[lang] = langs.get(lang, 0) + 1
            if domain:
                d = domains.setdefault(domain, [0, 0])
                d[0] += 1
                d[1] += size
            if fetched:
                latest_fetch = max(latest_fetch or fetched, fetched)
                pc["first"] = min(pc["first"] or fetched, fetched)
                pc["last"] = max(pc["last"] or fetched, fetched)
            latest_ingest = max(latest_ingest, float(it.ingested_at or 0))
            if lic:
                licences[lic] = licences.get(lic, 0) + 1
            if it.ai_generated:
                synthetic += 1

    # 3.1: excluded items per signal (an item reserved by two signals counts under both).
    per_signal: dict[str, int] = {}
    for raw in excluded_ids_signals:
        sig = json.loads(raw)
        reserved_by = {f["signal"] for f in sig.get("findings", [])
                       if f.get("use") == "train-ai" and f.get("state") == "reserved"}
        for n in reserved_by:
            per_signal[n] = per_signal.get(n, 0) + 1
    reserved_total = sum(1 for raw in excluded_ids_signals
                         if (json.loads(raw).get("uses") or {}).get("train-ai") == "reserved")

    # 3.2: takedowns — items purged per request, in scope.
    cids = list(limits)
    with svc.ws.engine.connect() as conn:
        takedowns: list[dict[str, Any]] = [{"request": x.request, "type": x.type, "items_removed": x.items_removed}
                     for x in repo.takedown_counts(conn, cids)]
        blocklist = repo.blocklist_size(conn)
        snaps = repo.policy_snapshots(conn, cids)

    # Domains by volume (bytes of training content), the template's top share.
    ranked = sorted(domains.items(), key=lambda kv: (-kv[1][1], kv[0]))
    k = top_domain_count(len(ranked), sme=sme)
    top = [{"domain": d, "items": v[0], "bytes": v[1], "share": _pct(v[1], t["bytes"])} for d, v in ranked[:k]]

    def corpus_row(cid: int) -> dict[str, Any]:
        pc, ci = per_corpus.get(cid) or {"items": 0, "bytes": 0, "excluded": 0, "first": None, "last": None,
                                         "modalities": set()}, cinfo[cid]
        return {"corpus": ci["name"], "items": pc["items"], "bytes": pc["bytes"], "excluded": pc["excluded"],
                "modalities": sorted(pc["modalities"]), "license": ci["license"]}

    kinds: dict[str | None, list[int]] = {}
    for cid in sorted(limits, key=lambda c: cinfo[c]["name"]):
        kinds.setdefault(cinfo[cid]["kind"], []).append(cid)
    crawled = []
    for cid in kinds.get("crawled", []):
        pc = per_corpus.get(cid) or {}
        crawled.append({**corpus_row(cid), "crawler": cinfo[cid]["crawler"], "period_from": pc.get("first"),
                        "period_to": pc.get("last")})

    modalities = {}
    for mod, v in sorted(by_mod.items()):
        entry: dict[str, Any] = {"items": v["items"], "bytes": v["bytes"]}
        if mod == "text":
            tokens = v["bytes"] // BYTES_PER_TOKEN
            entry.update(tokens_estimated=tokens, size_band=_band(tokens, TEXT_BANDS))
        elif mod == "image":
            entry["size_band"] = _band(v["items"], IMAGE_BANDS)
        else:
            entry["size_band"] = None  # durations are not recorded: attested below
        modalities[mod] = entry

    latest = latest_fetch[:10] if latest_fetch else _day(latest_ingest or None)
    sections = {
        "1_general": {
            "modalities": modalities,
            "training_items": t["items"],
            "training_bytes": t["bytes"],
            "languages": dict(sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))),
            "latest_acquisition": latest,
            "latest_acquisition_basis": "fetch time recorded by the crawler" if latest_fetch else "ingest date",
            "tokens_basis": f"estimated as UTF-8 bytes / {BYTES_PER_TOKEN}",
        },
        "2_sources": {
            "2_1_public_datasets": [corpus_row(c) for c in kinds.get("public", [])],
            "2_2_licensed": {"corpora": [corpus_row(c) for c in kinds.get("licensed", [])],
                             "licences": dict(sorted(licences.items()))},
            "2_3_crawled": {"corpora": crawled,
                            "crawlers": sorted({c["crawler"] for c in crawled if c["crawler"]}),
                            "domains_total": len(ranked),
                            "top_domains_rule": ("top 5% of domains or 1,000, whichever is lower (SME)" if sme
                                                 else "top 10% of domains"),
                            "top_domains": top},
            "2_4_user_data": [corpus_row(c) for c in kinds.get("user", [])],
            "2_5_synthetic": {"corpora": [corpus_row(c) for c in kinds.get("synthetic", [])],
                              "ai_generated_items_c2pa": synthetic},
            "2_6_other": [corpus_row(c) for c in kinds.get(None, [])],
        },
        "3_processing": {
            "3_1_opt_outs": {
                "excluded_items": dict(excluded),
                "excluded_train_ai_reserved": reserved_total,
                "excluded_per_signal": {s: per_signal[s] for s in (*SIGNALS_ORDER, *sorted(per_signal))
                                        if s in per_signal},
                "signals_read": list(SIGNALS_ORDER),
                "policy_snapshots": [{"corpus": r.corpus, "sha256": r.sha256, "entry": r.entry_idx, "files": r.files}
                                     for r in snaps],
            },
            "3_2_removals": {"takedowns": takedowns,
                             "items_removed": sum(x["items_removed"] for x in takedowns),
                             "blocklist_entries": blocklist},
        },
    }
    return SummaryFigures(scope, sections, attestations(sections, sme=sme))


def attestations(sections: dict[str, Any], *, sme: bool) -> tuple[Attestation, ...]:
    """The statements the ledger cannot prove, each for a person to answer (answer None until then)."""
    a = [
        ("provider", "1", "Name and contact details of the provider, and the model's name and release date."),
        ("modalities_duration", "1", "Size bands of audio and video training data (durations are not recorded)."),
        ("other_training_data", "1", "Whether training data exist that are not recorded in this ledger."),
        ("code_of_practice", "3.1", "Whether the provider is a signatory of the GPAI Code of Practice (copyright chapter)."),
        ("optout_policy", "3.1", "Description of the measures to identify and respect reservations of rights "
                                 "beyond the signals recorded here (e.g. before the ledger was used)."),
        ("illegal_content", "3.2", "Description of the measures to remove illegal content from the training data "
                                   "besides the takedowns recorded here."),
    ]
    if sections["2_sources"]["2_4_user_data"]:
        a.append(("user_data_services", "2.4", "Which services or products the user data came from, and whether "
                                               "users were informed."))
    if sections["2_sources"]["2_5_synthetic"]["corpora"] or sections["2_sources"]["2_5_synthetic"]["ai_generated_items_c2pa"]:
        a.append(("synthetic_models", "2.5", "Which AI models generated the synthetic data, and whether they are the "
                                             "provider's own."))
    if sections["2_sources"]["2_3_crawled"]["corpora"]:
        a.append(("crawler_behaviour", "2.3", "That the crawlers named respected robots.txt and paywalls at fetch "
                                              "time (the ledger records what was fetched, not how)."))
    if sme:
        a.append(("sme", "2.3", "That the provider qualifies as an SME or small mid-cap for the shorter domain list."))
    return tuple(Attestation(i, s, text) for i, s, text in a)


def apply_attestations(summary: SummaryFigures, answers: dict[str, Any]) -> SummaryFigures:
    """The summary with its attestations filled from a person's answers ({id: text}); unknown ids are
    an error."""
    known = {x.id for x in summary.attestations}
    bad = sorted(set(answers) - known)
    if bad:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "unknown attestation ids {bad}; the summary asks for {known}"), bad=bad, known=sorted(known))
    out = []
    for x in summary.attestations:
        if x.id in answers:
            value = answers[x.id]
            if not isinstance(value, str) or not value.strip():
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the attestation {id!r} must be a non-empty text"), id=x.id)
            x = replace(x, answer=value.strip(), status=ATTESTED)
        out.append(x)
    return replace(summary, attestations=tuple(out))


def build_summary_body(figures: SummaryFigures, *, issued_at: str, origin: str, key_id: str,
                       checkpoint_size: int, sme: bool) -> dict[str, Any]:
    return {
        "version": DOCUMENT_VERSION,
        "kind": KIND_SUMMARY,
        "id": os.urandom(16).hex(),
        "issued_at": issued_at,
        "ledger": {"origin": origin, "key_id": key_id},
        "template": TEMPLATE,
        "variant": "sme" if sme else "standard",
        "computed_at_tree_size": checkpoint_size,
        **figures.to_json(),
    }


def issue_summary(svc: CorpusService, *, run: str | None = None, corpora: list[str] | None = None, sme: bool = False,
                  answers: dict[str, Any] | None = None) -> IssuedSummary:
    """Compute, sign and record (`summary.issued`) the training-content summary."""
    from ledger_app.certificates.document import issue_document

    ledger = svc.ledger
    key = ledger.unlock()[0]
    # Nothing is signed that was not verified: the whole ledger first, then (in compute_summary)
    # every item row the figures come from against its ledger entries.
    ledger.verify()
    cp = ledger.ws.store.latest_checkpoint()
    figures = compute_summary(svc, run=run, corpora=corpora, sme=sme)
    if answers:
        figures = apply_attestations(figures, answers)
    body = build_summary_body(figures, issued_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                              origin=key.name, key_id=key.verifier.key_id.hex(),
                              checkpoint_size=cp.size if cp else 0, sme=sme)
    return IssuedSummary(issue_document(ledger, body, entry_type="summary.issued", payload_extra={"subject": body["id"]}))
