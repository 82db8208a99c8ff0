"""`Services`: every workflow of one workspace wired together once — what the CLI and the UI hold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger_app.core.settings import MatchThresholds
from ledger_app.services.ledger import LedgerService, PassphraseProvider, Progress
from ledger_app.services.workspace import Workspace

if TYPE_CHECKING:
    from ledger_app.services.demo.story import DemoBuilt
    from ledger_app.services.takedown_records import Purged


class Services:
    """Every workflow of one workspace, wired together once; what the CLI and the UI hold."""

    def __init__(self, ws: Workspace, passphrase: PassphraseProvider | None = None):
        from ledger_app.services.claims import ClaimsPolicy
        from ledger_app.services.corpora import CorpusService
        from ledger_app.services.takedowns import TakedownService
        from ledger_app.services.witness import WitnessService
        from ledger_app.takedown.blocklist import BlocklistPolicy

        self.ws = ws
        self.ledger = LedgerService(ws, passphrase)
        self.corpus = CorpusService(self.ledger)
        self.takedown = TakedownService(self.corpus)
        from ledger_app.services.cases import CaseService

        self.cases = CaseService(self.takedown)
        # Each new checkpoint goes to the independent witnesses (c2sp.org/tlog-witness), if any.
        self.witness = WitnessService(self.ledger)
        self.ledger.checkpoint_hooks.append(self.witness.after_checkpoint)
        from ledger_app.services.legal import LegalService

        self.legal = LegalService(self.cases)
        # Every ingest also checks the blocklist (purged content never returns) and standing claims.
        self.corpus.extra_policies = [
            lambda conn: BlocklistPolicy(conn, MatchThresholds.from_settings(self.ws.settings)),
            lambda conn: ClaimsPolicy(self.takedown, conn),
        ]

    def purge(self, request_id: int, progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None, *, engine: Any = "local",
              address: str | None = None) -> Purged:
        from ledger_app.services.purge import purge_request

        return purge_request(self.takedown, request_id, progress, cancelled, engine=engine, address=address)


def build_demo(directory: Path, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
               log: Callable[[str], None] | None = None) -> DemoBuilt:
    """Build the demo workspace in `directory` (see ledger_app/services/demo/story.py); returns its paths."""
    from ledger_app.services.demo.story import run_story

    return run_story(directory, log=log or (lambda m: None), progress=progress, cancelled=cancelled)
