"""Messages kept as message IDs with their arguments and rendered in the current language when
shown, so a sentence saved before the user switched language (a page's last message, the last
verification result, a request's timeline) reads in the new language, not the one it was made in.

Sources are marked with QT_TRANSLATE_NOOP so pyside6-lupdate puts them in the catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication  # noqa: F401 - re-exported for callers


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    args: dict[str, Any] = field(default_factory=dict)
    n: int = -1  # a count, for sources with plural forms

    def text(self) -> str:
        template = QCoreApplication.translate(self.context, self.source, None, self.n)
        args = {k: (v.text() if isinstance(v, Message) else v) for k, v in self.args.items()}
        try:
            return template.format(**args)
        except (KeyError, IndexError, ValueError):
            return template

    def to_json(self) -> dict[str, Any]:
        """JSON for a setting; an argument that is a message is kept as one (`{"message": …}`)."""
        args = {k: {"message": v.to_json()} if isinstance(v, Message) else v for k, v in self.args.items()}
        return {"context": self.context, "source": self.source, "args": args, "n": self.n}

    @staticmethod
    def from_json(data: Any) -> Message | None:
        if not isinstance(data, dict) or not isinstance(data.get("source"), str):
            return None
        args = {}
        for k, v in dict(data.get("args") or {}).items():
            inner = Message.from_json(v["message"]) if isinstance(v, dict) and set(v) == {"message"} else None
            args[k] = inner if inner is not None else v
        return Message(str(data.get("context", "")), data["source"], args, int(data.get("n", -1)))


def message(context: str, source: str, n: int = -1, **args: Any) -> Message:
    return Message(context, source, args, n)
