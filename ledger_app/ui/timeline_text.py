"""A request's timeline in the current language. The case service returns each step as a message
ID with arguments (takedown/cases.py MESSAGES_EN holds the English); these are the same sentences
for the translator, and the arguments that are themselves words (a status, a request type, a
method) are translated too."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ledger_app.ui.models.takedown_text import method_text, request_status_text, request_type_text
from ledger_app.ui.reason_text import legal_text

MESSAGES = {
    "received": QT_TRANSLATE_NOOP("Timeline", "Request received ({type}); due by {due_by}"),
    "status": QT_TRANSLATE_NOOP("Timeline", "Status: {status}"),
    "status_reason": QT_TRANSLATE_NOOP("Timeline", "Status: {status} — {reason}"),
    "extended": QT_TRANSLATE_NOOP("Timeline", "Deadline extended to {due_by}: {reason}"),
    "matches": QT_TRANSLATE_NOOP("Timeline", "{count} matches found ({methods})"),
    "decisions": QT_TRANSLATE_NOOP("Timeline", "Review: {accepted} accepted, {rejected} rejected"),
    "purged": QT_TRANSLATE_NOOP("Timeline", "Purged {items} items from {shards} shards"),
    "certificate": QT_TRANSLATE_NOOP("Timeline", "Removal certificate issued"),
    "note": QT_TRANSLATE_NOOP("Timeline", "Note added"),
    "assigned": QT_TRANSLATE_NOOP("Timeline", "Assigned"),
    "unassigned": QT_TRANSLATE_NOOP("Timeline", "Unassigned"),
    "document": QT_TRANSLATE_NOOP("Timeline", "Document kept: {role} ({size} bytes, SHA-256 {sha})"),
    "ownership": QT_TRANSLATE_NOOP("Timeline", "Ownership checked: {result}"),
    "reply": QT_TRANSLATE_NOOP("Timeline", "Reply prepared: {template} ({language})"),
    "counter_notice": QT_TRANSLATE_NOOP("Timeline", "Counter-notice received ({outcome})"),
    "forwarded": QT_TRANSLATE_NOOP("Timeline",
                                   "Counter-notice forwarded to the claimant; restore window {earliest} to {latest}"),
    "restored": QT_TRANSLATE_NOOP("Timeline", "Item restored: {item} ({how})"),
    "identity": QT_TRANSLATE_NOOP("Timeline", "Identity of the requester: {result}"),
    "refusal": QT_TRANSLATE_NOOP("Timeline", "{scope} refusal on the ground {ground}; {retained} items retained"),
    "recipient": QT_TRANSLATE_NOOP("Timeline", "Notice sent to recipient: {recipient}"),
    "other": QT_TRANSLATE_NOOP("Timeline", "{type}"),
}
WORDS = {
    "complete": QT_TRANSLATE_NOOP("Timeline", "complete"),
    "incomplete": QT_TRANSLATE_NOOP("Timeline", "incomplete"),
    "Partial": QT_TRANSLATE_NOOP("Timeline", "Partial"),
    "Full": QT_TRANSLATE_NOOP("Timeline", "Full"),
    "notice": QT_TRANSLATE_NOOP("Timeline", "original notice"),
    "reply": QT_TRANSLATE_NOOP("Timeline", "reply"),
    "confirmed": QT_TRANSLATE_NOOP("Timeline", "confirmed"),
    "verified": QT_TRANSLATE_NOOP("Timeline", "verified"),
    "doubt": QT_TRANSLATE_NOOP("Timeline", "reasonable doubt"),
}


def _arg(key: str, value: Any) -> Any:
    if key == "status":
        return request_status_text(str(value))
    if key == "type":
        return request_type_text(str(value))
    if key == "methods" and isinstance(value, str):
        parts = []
        for part in value.split(", "):
            m, _, n = part.rpartition(" ")
            parts.append(f"{method_text(m)} {n}" if m else part)
        return ", ".join(parts)
    if isinstance(value, str) and value in WORDS:
        return QCoreApplication.translate("Timeline", WORDS[value])
    if key == "reason" and isinstance(value, str):
        # A signed entry keeps a reason the services worded in English; it is read back as its message
        # (ui/legacy_text.py), and one typed by a person is shown as typed.
        return legal_text(value)
    return value


def event_text(message: str, args: dict[str, Any], fallback: str = "") -> str:
    source = MESSAGES.get(message)
    if source is None:
        return fallback or message
    template = QCoreApplication.translate("Timeline", source)
    try:
        return template.format(**{k: _arg(k, v) for k, v in args.items()})
    except (KeyError, IndexError, ValueError):
        return fallback or template


def when(ts: str) -> str:
    """An entry's timestamp (ISO 8601, UTC) as a short local date and time."""
    try:
        return datetime.fromisoformat(ts.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return ts
