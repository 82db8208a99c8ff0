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


def record_run(corpus_svc, model: str, corpus: str) -> dict[str, Any]:  # noqa: ANN001 - CorpusService
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


def list_runs(corpus_svc) -> list[dict[str, Any]]:  # noqa: ANN001
    rows = corpus_svc._all(
        "SELECT r.id, r.model, c.name, r.checkpoint_size, r.created_at, r.entry_idx FROM training_run r "
        "JOIN corpus c ON c.id = r.corpus_id ORDER BY r.id"
    )
    return [dict(zip(["id", "model", "corpus", "checkpoint_size", "recorded_at", "entry"], r, strict=True)) for r in rows]


def affected_runs(takedown_svc, item_ids: list[str]) -> list[dict[str, Any]]:  # noqa: ANN001
    """For each run that saw any of these items: the run and which items it saw."""
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
            rows = takedown_svc._all(
                f"SELECT id FROM item WHERE corpus_id = {ph} AND entry_idx < {ph} AND purged_at > {ph} "
                f"AND id IN ({','.join([ph] * len(chunk))})",
                (cid, size, created, *chunk),
            )
            seen += [r[0] for r in rows]
        if seen:
            out.append({"run": run_id, "model": model, "corpus": corpus, "checkpoint_size": size,
                        "items_seen": sorted(seen)})
    return out
