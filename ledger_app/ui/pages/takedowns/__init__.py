"""The Takedowns screen: the queue, and the selected request's case, review and certificate (page.py
says how its parts fit together)."""

from ledger_app.ui.pages.takedowns.page import TakedownsPage

__all__ = ["TakedownsPage"]
