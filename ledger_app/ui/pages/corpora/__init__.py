"""The Corpora & items screen (page.py says how its parts fit together)."""

from ledger_app.ui.pages.corpora.page import CorporaPage
from ledger_app.ui.pages.corpora.register_dialog import RegisterCorpusDialog

__all__ = ["CorporaPage", "RegisterCorpusDialog"]
