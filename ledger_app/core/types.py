"""Domain types shared across layers: frozen dataclasses and string enums, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ItemStatus(StrEnum):
    ADMITTED = "admitted"
    QUARANTINED = "quarantined"
    REFUSED = "refused"
    PURGED = "purged"


class C2paState(StrEnum):
    NONE = "none"
    VALID = "Valid"
    TRUSTED = "Trusted"
    INVALID = "Invalid"
    UNREADABLE = "unreadable"
    REMOTE = "remote"


class MatchMethod(StrEnum):
    EXACT = "exact"
    PERCEPTUAL = "perceptual"
    TEXT = "text"
    URL = "url"
    ACCOUNT = "account"
    C2PA = "c2pa"


@dataclass(frozen=True)
class C2paSummary:
    """What an item's Content Credentials say, in the shape of the CLI contract."""

    state: C2paState = C2paState.NONE
    failure_codes: tuple[str, ...] = ()
    training_mining: dict[str, str] = field(default_factory=dict)
    ai_generated: bool = False
    signer: str | None = None
    claim_generator: str | None = None
    digital_source_types: tuple[str, ...] = ()
    error: str | None = None
    manifest_json: str | None = None  # the reader's full JSON report, for the detail view
    # Per training_mining entry: {"assertion": label(s) it came from, "constraint_info": text if any}.
    training_mining_detail: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The contract's `c2pa` object (plus a few extra keys)."""
        return {
            "state": str(self.state),
            "failure_codes": list(self.failure_codes),
            "training_mining": dict(self.training_mining),
            "ai_generated": self.ai_generated,
            "signer": self.signer,
            "claim_generator": self.claim_generator,
            "digital_source_types": list(self.digital_source_types),
            "error": self.error,
            "training_mining_detail": {k: dict(v) for k, v in self.training_mining_detail.items()},
        }

    @classmethod
    def from_json(cls, d: dict[str, Any] | None, manifest_json: str | None = None) -> C2paSummary:
        if not d:
            return cls()
        return cls(
            state=C2paState(d.get("state", "none")),
            failure_codes=tuple(d.get("failure_codes", ())),
            training_mining=dict(d.get("training_mining", {})),
            ai_generated=bool(d.get("ai_generated", False)),
            signer=d.get("signer"),
            claim_generator=d.get("claim_generator"),
            digital_source_types=tuple(d.get("digital_source_types", ())),
            error=d.get("error"),
            manifest_json=manifest_json,
            training_mining_detail={k: dict(v) for k, v in d.get("training_mining_detail", {}).items()},
        )
