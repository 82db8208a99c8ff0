"""The Takedowns page's workflow steps after review: locate (with progress), approve, and the purge —
counted first, confirmed in a box that says what it rewrites, run with progress and cancel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QMessageBox,
)

from ledger_app.ui.errors import show_error
from ledger_app.ui.messages import QT_TRANSLATE_NOOP
from ledger_app.ui.tasks import Task


class TakedownWorkflow:
    """A part of TakedownsPage (page.py), which holds the state these methods share."""

    def locate(self) -> Task | None:
        td, cur = self.td, self.current
        if td is None or cur is None or self.busy is not None:
            return None
        rid = cur["id"]
        self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Locating every copy of the claimed works…'))

        def done(res: dict) -> None:
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Located {n} matches ({new} new). Review them below.'), n=res.matches, new=res.new_matches)
            self.session.notify_data_changed()

        return self._run("locate", lambda p, c: td.locate(rid, p, c), done, progress=True)

    def approve(self) -> Task | None:
        td, cur = self.td, self.current
        if td is None or cur is None:
            return None
        rid = cur["id"]

        def done(res: dict) -> None:
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Approved: {n} items will be purged.'), n=res.accepted)
            self.session.notify_data_changed()

        return self._run("approve", lambda p, c: td.approve(rid), done)

    def purge_plan(self, rid: int) -> dict:
        """What a purge of `rid` touches: the accepted live items, their shards and corpora."""
        services = self.session.services
        services.legal.check_before_purge(rid)  # e.g. a rights holder's ownership not yet checked: say so now
        show = services.takedown.show(rid)
        items = sorted({m["item_id"] for m in show.matches if m["decision"] == "accepted"})
        shards: set[tuple[str, str]] = set()
        corpora: set[str] = set()
        live = 0
        for item_id in items:
            it = services.corpus.item(item_id, with_proof=False)
            if it.status == "purged":
                continue  # removed by an earlier request
            live += 1
            shards.add((it.corpus, it.shard))
            corpora.add(it.corpus)
        return {"id": rid, "items": live, "shards": len(shards), "corpora": sorted(corpora)}

    def purge(self) -> Task | None:
        """Count what the purge touches, then ask: it rewrites corpus files for good."""
        services, cur = self.session.services, self.current
        if services is None or cur is None or self.busy is not None:
            return None
        rid = cur["id"]
        self.purge_button.setEnabled(False)
        return self.session.runner.run("purge plan", lambda p, c: self.purge_plan(rid),
                                       on_success=self.confirm_purge,
                                       on_error=lambda exc, report: (show_error(self, exc, report), self._render()))

    def confirm_purge(self, plan: dict) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("PurgeConfirmBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Purge request #{id}").format(id=plan["id"]))
        box.setText(self.tr(
            "Permanently remove {items} items from {shards} shards in {ncorpora} corpora ({corpora})?").format(
                items=plan["items"], shards=plan["shards"], ncorpora=len(plan["corpora"]),
                corpora=", ".join(plan["corpora"]) or "—"))
        box.setInformativeText(self.tr(
            "Each shard is rewritten without these items and they are blocked from returning. "
            "This cannot be undone."))
        self.purge_confirm_button = box.addButton(self.tr("Purge {n} items").format(n=plan["items"]),
                                                  QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        self.purge_confirm = box
        self.purge_plan_shown = plan

        def answered(button) -> None:
            self.purge_confirm = None
            if button is self.purge_confirm_button:
                self._start_purge(plan["id"])
            else:
                self._render()

        box.buttonClicked.connect(answered)
        box.open()
        return box

    def _start_purge(self, rid: int) -> Task | None:
        services = self.session.services
        if services is None or self.busy is not None:
            return None
        self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Purging the accepted items from their shards…'))

        def done(res: dict) -> None:
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Purged {n} items from {s} shards; they are blocked from returning.'), n=res.items, s=len(res.shards))
            self.session.notify_data_changed()

        return self._run("purge", lambda p, c: services.purge(rid, p, c), done, progress=True)
