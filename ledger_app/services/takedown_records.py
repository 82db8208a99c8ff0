"""What the takedown workflow's steps return: typed records instead of dictionaries.

Each record's `to_json()` gives exactly the keys the CLI has always printed for that step, so
`ledger takedown … --json` is unchanged (services/encoding.py writes records through it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ledger_app.core.messages import Said
from ledger_app.storage.repos.takedowns import RequestRow


@dataclass(frozen=True)
class RecordedRequest:
    """A request written by intake (new, amended draft or import): validated, or rejected with the
    missing elements as its reason."""

    id: int
    status: str
    reason: str | None
    due_by: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "reason": self.reason, "due_by": self.due_by}


@dataclass(frozen=True)
class KeptDraft:
    """An incomplete notice kept as a draft to amend (not a request, not in the ledger)."""

    draft: int
    missing: list[str]
    due_by: str
    status: str = "draft"
    letter: str | None = None  # amended: the new letter asking for what is still missing (its .eml), if one was due

    def to_json(self) -> dict[str, Any]:
        out = {"draft": self.draft, "status": self.status, "missing": list(self.missing), "due_by": self.due_by}
        if self.letter is not None:
            out["letter"] = self.letter
        return out


@dataclass(frozen=True)
class DiscardedDraft:
    """A draft deleted with its requester's data and the letter files written for it: how many files
    went, and those left (changed since written, or not deletable), each said in a sentence."""

    draft: int
    letters_deleted: int
    letters_left: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"draft": self.draft, "discarded": True, "letters_deleted": self.letters_deleted,
                "letters_left": list(self.letters_left)}


@dataclass(frozen=True)
class Located:
    """The matches recorded by a locate: how many are new, how many the request has."""

    id: int
    new_matches: int
    matches: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "new_matches": self.new_matches, "matches": self.matches}


@dataclass(frozen=True)
class Reviewed:
    """The decisions a review recorded (decision -> how many items) and the matches still pending."""

    id: int
    decided: dict[str, int]
    pending: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "decided": dict(self.decided), "pending": self.pending}


@dataclass(frozen=True)
class Approved:
    id: int
    accepted: int  # distinct items the purge will remove
    status: str = "approved"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "accepted": self.accepted}


@dataclass(frozen=True)
class Purged:
    """A finished purge: the items removed and each rewritten shard's digests."""

    id: int
    items: int
    shards: list[dict[str, Any]]  # {"corpus", "path", "sha256_before", "sha256_after"}

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "items": self.items, "shards": [dict(s) for s in self.shards]}


@dataclass(frozen=True)
class RequestSummary:
    """One row of the request list."""

    id: int
    type: str
    status: str
    requester_kind: str
    received: str
    due_by: str
    matches: int
    overdue: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "status": self.status, "requester_kind": self.requester_kind,
                "received": self.received, "due_by": self.due_by, "matches": self.matches, "overdue": self.overdue}


@dataclass(frozen=True)
class RequestView:
    """A request as `ledger takedown show` presents it: its facts, works and matches, and once purged
    what the purge removed and the training runs that had seen those items."""

    id: int
    type: str
    status: str
    status_reason: str | None
    requester_kind: str
    requester: str | None  # commitment
    received: str
    due_by: str
    overdue: bool
    extension_reason: str | None
    works: list[dict[str, Any]]  # {"id", "kind", "value", "description"}
    matches: list[dict[str, Any]]  # {"item_id", "method", "score", "decision", "evidence", "work_id"}
    purge: PurgeView | None = None  # TakedownService.purge_view
    affected_runs: list[dict[str, Any]] | None = None  # services/lineage.affected_runs, when purged
    reason_said: Said | None = None  # RequestRecord.reason_said (not in the JSON)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "type": self.type, "status": self.status, "status_reason": self.status_reason,
            "requester_kind": self.requester_kind, "requester": self.requester, "received": self.received,
            "due_by": self.due_by, "overdue": self.overdue, "extension_reason": self.extension_reason,
            "works": self.works, "matches": self.matches,
        }
        if self.purge is not None:
            out["purge"] = self.purge.to_json()
            out["affected_runs"] = self.affected_runs or []
        return out


@dataclass(frozen=True)
class DraftSummary:
    """One kept draft in the list of drafts."""

    draft: int
    type: str
    requester: str | None
    received: str
    works: int
    missing: list[str]
    updated_at: float

    def to_json(self) -> dict[str, Any]:
        return {"draft": self.draft, "type": self.type, "requester": self.requester, "received": self.received,
                "works": self.works, "missing": list(self.missing), "updated_at": self.updated_at}


@dataclass(frozen=True)
class RequestRecord(RequestRow):
    """A request's row as the workflow reads it (`TakedownService.request_record`): the stored row
    (the requester and the handler are commitments) and the reason as a message. `to_json()` gives
    every column, as the dictionary always did."""

    #: The status reason as a message when the services wrote it (`status_reason` is its English), for
    #: the window to say in its language; None for a reason typed by a person or stored before.
    reason_said: Said | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "reason_said"}


@dataclass(frozen=True)
class Extended:
    """A deadline extended (`TakedownService.extend`, GDPR Art. 12(3) via `LegalService.announce_extension`)."""

    id: int
    due_by: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "due_by": self.due_by}


@dataclass(frozen=True)
class PurgedShard:
    """One shard a purge rewrote: its digest before and after (None: the shard was deleted)."""

    corpus: str
    path: str
    sha256_before: str
    sha256_after: str | None
    items: int

    def to_json(self) -> dict[str, Any]:
        return {"corpus": self.corpus, "path": self.path, "sha256_before": self.sha256_before,
                "sha256_after": self.sha256_after, "items": self.items}


@dataclass(frozen=True)
class PurgeView:
    """What a request's purge removed (`TakedownService.purge_view`): the items, sorted, and the shards."""

    items: list[str]
    shards: list[PurgedShard]

    def to_json(self) -> dict[str, Any]:
        return {"items": list(self.items), "shards": [s.to_json() for s in self.shards]}


@dataclass(frozen=True)
class DraftBody:
    """A kept draft as it can be amended (`TakedownService.draft_body`): the notice's fields, the
    requester's read back from the personal-data store (None once erased), and the works as stored."""

    type: str
    requester_kind: str
    received: str
    requester: str | None
    email: str | None
    works: list[dict[str, Any]]
    dmca: dict[str, Any] | None  # {"signature", "work", "contact", "good_faith", "accurate_under_penalty"}

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "requester": self.requester, "requester_kind": self.requester_kind,
                "email": self.email, "received": self.received, "works": self.works, "dmca": self.dmca}
