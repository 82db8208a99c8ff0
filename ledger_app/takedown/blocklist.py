"""The blocklist as an ingest policy: purged content (or a near copy) is refused if it comes back.

Built once per ingest transaction from the `blocklist` table: exact SHA-256 values in a set, image
signatures in a small image matcher, text signatures in a small text index.
"""

from __future__ import annotations

from ledger_app.core import item_reasons as reasons
from ledger_app.core.item_reasons import item_said
from ledger_app.core.policy import Decision, ItemFacts
from ledger_app.core.settings import MatchThresholds
from ledger_app.core.types import ItemStatus
from ledger_app.storage.repos import takedowns as repo


class BlocklistPolicy:
    name = "blocklist"

    def __init__(self, conn, thresholds: MatchThresholds):  # a SQLAlchemy connection
        self.by_sha: dict[str, int] = {}
        self.images = None
        self.texts = None
        self.fp_request: dict[str, int] = {}
        img_ids, img_fps, txt_ids, txt_fps = [], [], [], []
        for b in repo.blocklist(conn):
            self.by_sha.setdefault(b.sha256, b.request_id)
            if b.fingerprint is None:
                continue
            key = f"block:{b.id}"
            self.fp_request[key] = b.request_id
            if b.kind == "image":
                img_ids.append(key)
                img_fps.append(b.fingerprint)
            elif b.kind == "text":
                txt_ids.append(key)
                txt_fps.append(b.fingerprint)
        if img_ids:
            from ledger_app.matching.image_match import ImageMatcher

            self.images = ImageMatcher(pdq_max_distance=thresholds.pdq_max_distance)
            self.images.add(img_ids, img_fps)
        if txt_ids:
            from ledger_app.matching.text_index import TextIndex

            self.texts = TextIndex(min_containment=thresholds.text_min_score)
            self.texts.add(txt_ids, txt_fps)

    def decide(self, facts: ItemFacts) -> Decision | None:
        rid = self.by_sha.get(facts.sha256)
        if rid is not None:
            return Decision.saying(ItemStatus.REFUSED, item_said(reasons.BLOCKED_EXACT, request=rid), self.name)
        item = facts.extra.get("item")
        fp_kind = getattr(item, "fp_kind", None)
        fp = getattr(item, "fp_data", None)
        if fp and fp_kind == "image" and self.images is not None:
            hits = self.images.query(fp)
            if hits:
                return Decision.saying(ItemStatus.REFUSED, item_said(
                    reasons.BLOCKED_IMAGE, request=self.fp_request[hits[0].item_id], score=f"{hits[0].score:.2f}"),
                    self.name)
        if fp and fp_kind == "text" and self.texts is not None:
            hits = self.texts.query(fp)
            if hits:
                return Decision.saying(ItemStatus.REFUSED, item_said(
                    reasons.BLOCKED_TEXT, request=self.fp_request[hits[0].item_id], score=f"{hits[0].score:.2f}"),
                    self.name)
        return None
