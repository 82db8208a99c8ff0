"""Pages of ledger entries for the table model.

The model needs entries by position, a page at a time. `LedgerService` offers `show(index)` for one
entry; until it offers a page (a `LedgerService.entries(start, limit) -> list[EntryView]` is asked
for), this adapter reads a keyed page through the store's public `entries(start, limit)` and
decodes each leaf exactly as `LedgerService.show` does. It holds no ledger logic of its own.
"""

from __future__ import annotations

from typing import Protocol

from ledger_app.core.errors import LedgerAppError


class EntryPages(Protocol):
    def size(self) -> int: ...

    def page(self, start: int, limit: int) -> list: ...  # list[EntryView]


class ServicePages:
    def __init__(self, ledger):  # a LedgerService
        self.ledger = ledger

    def size(self) -> int:
        return self.ledger.ws.store.size()

    def page(self, start: int, limit: int) -> list:
        service_page = getattr(self.ledger, "entries", None)
        if callable(service_page):
            return list(service_page(start, limit))
        from ledger_app.ledger.entries import decode_entry
        from ledger_app.services import EntryView

        out = []
        for e in self.ledger.ws.store.entries(start, limit):
            try:
                d = decode_entry(e.leaf, index=e.index)
                out.append(EntryView(e.index, e.type, e.leaf, e.leaf_hash, e.created_at, d.payload, d.ts, d.actor))
            except LedgerAppError as exc:
                # A damaged leaf still gets a row; the verifier names it, the table must not fail.
                out.append(EntryView(e.index, e.type, e.leaf, e.leaf_hash, e.created_at, {"error": str(exc)}, "", None))
        return out
