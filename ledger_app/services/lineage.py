"""Training-run lineage: which recorded training runs saw an item before it was removed.

A run is recorded at a checkpoint (ledger size). An item was seen by the run if its ingest entry is
inside that checkpoint (entry index < checkpoint size) and it was admitted then, and it was purged
after the run was recorded. Certificates say so honestly: removal from the dataset and all future
training, not from the weights of models already trained.
"""

from __future__ import annotations

import time
from typing import Any

from ledger_app.core.errors import UserError


def record_run(corpus_svc, model: str, corpus: str) -> dict[str, Any]:  # CorpusService
    if not model.strip():
        raise UserError("name the model (for example, photo-gen-v3)")
    c = corpus_svc.corpus(corpus)
    ledger = corpus_svc.ledger
    ledger.unlock()
    ph = corpus_svc._ph
    with ledger.ws.store.write_transaction() as conn:
        size = ledger.ws.store._size(conn)
        admitted = conn.exec_driver_sql(
            f"SELECT count(*) FROM item WHERE corpus_id = {ph} AND status = 'admitted'", (c["id"],)
        ).fetchone()[0]
        res = ledger.append([("run.recorded", {"model": model, "corpus": corpus, "checkpoint_size": size,
                                               "admitted_items": admitted})], conn=conn)
        conn.exec_driver_sql(
            f"INSERT INTO training_run (model, corpus_id, checkpoint_size, created_at, entry_idx) VALUES ({ph},{ph},{ph},{ph},{ph})",
            (model, c["id"], size, time.time(), res.first_index),
        )
    ledger.after_external_commit(res)
    return {"model": model, "corpus": corpus, "checkpoint_size": size, "admitted_items": admitted,
            "entry": res.first_index}


def list_runs(corpus_svc) -> list[dict[str, Any]]:
    rows = corpus_svc._all(
        "SELECT r.id, r.model, c.name, r.checkpoint_size, r.created_at, r.entry_idx FROM training_run r "
        "JOIN corpus c ON c.id = r.corpus_id ORDER BY r.id"
    )
    return [dict(zip(["id", "model", "corpus", "checkpoint_size", "recorded_at", "entry"], r, strict=True)) for r in rows]


def affected_runs(takedown_svc, item_ids: list[str], *, include_live: bool = False) -> list[dict[str, Any]]:
    """For each run that saw any of these items: the run and which items it saw. With `include_live`,
    items not (yet) purged count too (the Art. 19 register before an erasure)."""
    if not item_ids:
        return []
    ph = takedown_svc._ph
    runs = takedown_svc._all(
        "SELECT r.id, r.model, c.name, r.checkpoint_size, r.created_at, r.corpus_id FROM training_run r "
        "JOIN corpus c ON c.id = r.corpus_id ORDER BY r.id"
    )
    out = []
    for run_id, model, corpus, size, created, cid in runs:
        seen = []
        for start in range(0, len(item_ids), 500):
            chunk = item_ids[start : start + 500]
            live = " OR purged_at IS NULL" if include_live else ""
            rows = takedown_svc._all(
                f"SELECT id FROM item WHERE corpus_id = {ph} AND entry_idx < {ph} AND (purged_at > {ph}{live}) "
                f"AND id IN ({','.join([ph] * len(chunk))})",
                (cid, size, created, *chunk),
            )
            seen += [r[0] for r in rows]
        if seen:
            out.append({"run": run_id, "model": model, "corpus": corpus, "checkpoint_size": size,
                        "items_seen": sorted(seen)})
    return out


# --- dataset releases and their mirrors -------------------------------------------------------------------


def record_release(corpus_svc, name: str, corpus: str | None = None, *, mirror_of: str | None = None,
                   contact: str | None = None) -> dict[str, Any]:
    """Record a dataset release of a corpus at the current checkpoint (what `corpus manifest` gave out),
    or a mirror that holds an earlier release (`mirror_of`). The contact (who to notify under GDPR
    Art. 19) is kept erasably; the ledger holds a commitment."""
    from ledger_app.storage import personal

    if not name.strip():
        raise UserError("name the release (for example, photos-2026-03)")
    ledger = corpus_svc.ledger
    ph = corpus_svc._ph
    if mirror_of:
        row = corpus_svc._one(
            f"SELECT r.id, r.corpus_id, r.checkpoint_size, c.name FROM dataset_release r JOIN corpus c ON c.id = r.corpus_id "
            f"WHERE r.name = {ph} AND r.kind = 'release'", (mirror_of,))
        if row is None:
            raise UserError(f"there is no release named {mirror_of!r}; see `ledger release list`")
        parent, cid, fixed_size, corpus = row[0], row[1], row[2], row[3]
        kind = "mirror"
    else:
        if not corpus:
            raise UserError("name the corpus the release was made from (--corpus)")
        cid, parent, fixed_size, kind = corpus_svc.corpus(corpus)["id"], None, None, "release"
    ledger.unlock()
    with ledger.ws.store.write_transaction() as conn:
        size = fixed_size if fixed_size is not None else ledger.ws.store._size(conn)
        c = personal.commit(conn, "contact", {"contact": contact.strip()}) if contact and contact.strip() else None
        res = ledger.append([("release.recorded", {"name": name, "kind": kind, "corpus": corpus, "checkpoint_size": size,
                                                   "mirror_of": parent, "contact": c})], conn=conn)
        conn.exec_driver_sql(
            "INSERT INTO dataset_release (name, kind, corpus_id, checkpoint_size, contact, created_at, entry_idx) "
            f"VALUES ({ph},{ph},{ph},{ph},{ph},{ph},{ph})",
            (name, kind, cid, size, c, time.time(), res.first_index))
    ledger.after_external_commit(res)
    return {"name": name, "kind": kind, "corpus": corpus, "checkpoint_size": size, "entry": res.first_index}


def list_releases(corpus_svc) -> list[dict[str, Any]]:
    rows = corpus_svc._all(
        "SELECT r.id, r.name, r.kind, c.name, r.checkpoint_size, r.created_at, r.entry_idx FROM dataset_release r "
        "JOIN corpus c ON c.id = r.corpus_id ORDER BY r.id")
    return [dict(zip(["id", "name", "kind", "corpus", "checkpoint_size", "recorded_at", "entry"], r, strict=True))
            for r in rows]


def releases_containing(takedown_svc, item_ids: list[str]) -> list[dict[str, Any]]:
    """Each release or mirror that contained any of these items: ingested before the release's checkpoint,
    admitted (not quarantined or refused), and not purged before the release was made."""
    if not item_ids:
        return []
    ph = takedown_svc._ph
    out = []
    for rid, name, kind, corpus, size, created, cid, contact in takedown_svc._all(
        "SELECT r.id, r.name, r.kind, c.name, r.checkpoint_size, r.created_at, r.corpus_id, r.contact "
        "FROM dataset_release r JOIN corpus c ON c.id = r.corpus_id ORDER BY r.id"
    ):
        seen = []
        for start in range(0, len(item_ids), 500):
            chunk = item_ids[start:start + 500]
            seen += [r[0] for r in takedown_svc._all(
                f"SELECT id FROM item WHERE corpus_id = {ph} AND entry_idx < {ph} AND status IN ('admitted', 'purged') "
                f"AND (purged_at IS NULL OR purged_at > {ph}) AND id IN ({','.join([ph] * len(chunk))})",
                (cid, size, created, *chunk))]
        if seen:
            out.append({"id": rid, "name": name, "kind": kind, "corpus": corpus, "checkpoint_size": size,
                        "contact": contact, "items": sorted(seen)})
    return out
