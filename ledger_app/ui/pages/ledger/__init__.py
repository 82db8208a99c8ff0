"""The Ledger screen (page.py says how its parts fit together)."""

from ledger_app.ui.pages.ledger.page import LedgerPage

__all__ = ["LedgerPage"]
