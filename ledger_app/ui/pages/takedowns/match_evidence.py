"""What the Review tab says about one match: the claimed work and the corpus item side by side
(pictures, texts with the shared passages, or sentences), with the numbers that found it."""

from __future__ import annotations

from ledger_app.core.errors import LedgerAppError
from ledger_app.ui.models.items import status_text
from ledger_app.ui.models.takedown_text import method_text, shorten_middle, work_kind_text
from ledger_app.ui.reason_text import verification_text


class MatchEvidence:
    """A part of TakedownsPage (page.py), which holds the state these methods share."""

    def _caption(self, item_id: str) -> str:
        services = self.session.services
        if services is None:
            return item_id
        try:
            it = services.corpus.item(item_id, with_proof=False)
        except LedgerAppError:
            return item_id
        parts = [self.tr("Corpus {corpus}, {location}").format(corpus=it.corpus, location=it.location)]
        if it.source_url:
            parts.insert(0, it.source_url)
        account = (it.metadata or {}).get("account")
        if account:
            parts.append(self.tr("account {account}").format(account=account))
        parts.append(self.tr("status: {status}").format(status=status_text(it.status)))
        return "\n".join(parts)

    def _summary(self, m: dict, work) -> str:
        ev = m.get("evidence") or {}
        method = m["method"]
        if method == "perceptual" and "distance" in ev:
            d = ev.get("pdq_distance") if ev.get("pdq_distance") is not None else ev.get("distance")
            t = self.matches.pdq_threshold
            if d is None:  # found by local features alone (a crop, a collage): no whole-image distance
                text = self.tr("Perceptual match by local features (a region of the item)")
            else:
                text = self.tr("Perceptual match: PDQ distance {d} of 256").format(d=d)
            if t is not None and d is not None:
                text += " " + (self.tr("(within the threshold of {t})") if d <= t else
                               self.tr("(beyond the threshold of {t}: kept because the geometry agrees)")).format(t=t)
            ver = ev.get("verification") or {}
            if ver.get("inliers") is not None:
                text += "; " + self.tr("{n} inliers after alignment").format(n=ver["inliers"])
            if ver.get("mirrored"):
                text += "; " + self.tr("mirrored")
            if ver.get("reason"):
                text += "; " + verification_text(str(ver["reason"]))
            return text + "."
        if method == "text" and "containment" in ev:
            t = self.matches.text_threshold
            text = self.tr("Text match: {c:.0%} of the claimed text is contained in the item").format(
                c=float(ev["containment"]))
            if t is not None:
                text += " " + self.tr("(threshold {t:.0%})").format(t=float(t))
            return text + self.tr("; the overlapping passages are highlighted.")
        if method == "exact":
            return self.tr("Exact match: the item's SHA-256 equals the claimed file's ({sha}).").format(
                sha=shorten_middle(str(ev.get("sha256", "")), 24))
        if method == "url":
            return self.tr("URL match: {url}").format(url=ev.get("url", ""))
        if method == "account":
            return self.tr("Account match: uploaded by the requester's account.")
        if method == "c2pa":
            return self.tr("Content Credentials signed by {signer}.").format(signer=ev.get("signer", ""))
        return ""

    def show_evidence(self, row: int) -> None:
        m = self.matches.record(row)
        services = self.session.services
        if m is None or services is None:
            self.evidence.clear()
            return
        work = self._works.get(m.get("work_id"))
        ev = m.get("evidence") or {}
        method = m["method"]
        claimed_caption = ""
        if work is not None:
            claimed_caption = self.tr("Claimed {kind}: {what}").format(
                kind=work_kind_text(work.kind), what=shorten_middle(str(work.url or work.description or work.value or ""), 80)
                if work.kind not in ("file", "text") else shorten_middle(str(work.value), 40))
        summary = self._summary(m, work)
        caption = self._caption(m["item_id"])
        if method == "text" or (work is not None and work.text and method != "exact"):
            self.evidence.show_texts(work.text if work is not None and work.text else "", ev.get("passage") or "")
            self.evidence.set_details(summary, claimed_caption, caption)
            return
        claimed_thumb = None
        if work is not None and work.fingerprint and work.fp_kind == "image":
            from ledger_app.matching.image import ImageFingerprint

            try:
                claimed_thumb = ImageFingerprint.from_bytes(work.fingerprint).thumb
            except Exception:  # a damaged fingerprint only costs the picture
                claimed_thumb = None
        try:
            corpus_thumb = services.corpus.thumbnail(m["item_id"])
        except LedgerAppError:
            corpus_thumb = None
        if claimed_thumb is not None or corpus_thumb is not None:
            self.evidence.show_images(claimed_thumb, corpus_thumb, ev if ev.get("region_box") else None)
            self.evidence.set_details(summary, claimed_caption, caption)
            return
        claimed = work.url or work.description or work.value if work is not None else ""
        self.evidence.show_sentences(
            self.tr("Claimed: {what}").format(what=claimed),
            self.tr("{method} match").format(method=method_text(method)))
        self.evidence.set_details(summary, "", caption)
