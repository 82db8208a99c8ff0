"""The application layer: one module per workflow, shared by the CLI and the desktop app.

    ledger.py       the signed ledger: init, keys, appends, proofs, verification, erasure
    workspace.py    a workspace folder or team database opened: settings, engine, ledger store, witness file
    corpora.py      corpora, licences by name, trust anchors, policy snapshots, dashboard counts
    items.py        the item catalogue: listings, keyed pages for a million rows, one item
    ingest.py       ingest runs: parallel, batched into the ledger, resumable
    takedowns.py    takedown requests: intake, locate, review, four-eyes approval
    cases.py, legal.py, replies.py   case work: queue, notes, counter-notices, GDPR steps, letters
    purge.py, evidence.py            physical purge of matched items and the evidence it leaves
    certificates.py, inclusion.py    removal certificates and inclusion reports from signed entries
    claims.py, lineage.py            standing claims and licences; training-run lineage
    ai_act.py       the EU AI Act training-content summary
    encoding.py     the one JSON encoder for service results (CLI --json, files written)
    witness.py      independent witnesses (c2sp.org/tlog-witness)
    demo/           the demo workspace story
    wiring.py       `Services`: every workflow of one workspace wired together

Services take plain arguments and return typed results; they never print, never prompt by
themselves (a passphrase comes from the `passphrase` callable the front end supplies) and never
import Qt. Long operations accept a `progress(done, total)` callback and a `cancelled()` callable.
Lower layers never import this package.
"""

from ledger_app.services.encoding import dumps, to_jsonable
from ledger_app.services.ledger import (
    EntryView,
    LedgerService,
    PassphraseProvider,
    Progress,
    default_origin,
    open_workspace,
    sha256_file,
    team_connect_timeout_s,
)
from ledger_app.services.wiring import Services, build_demo

__all__ = [
    "EntryView",
    "LedgerService",
    "PassphraseProvider",
    "Progress",
    "Services",
    "build_demo",
    "default_origin",
    "dumps",
    "open_workspace",
    "sha256_file",
    "team_connect_timeout_s",
    "to_jsonable",
]
