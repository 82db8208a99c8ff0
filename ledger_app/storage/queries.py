"""Small read helpers shared by the services that talk SQL directly (placeholders differ per engine)."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.engine import Engine


class HasEngine(Protocol):
    """What the read helpers need of a workspace: its database engine."""

    @property
    def engine(self) -> Engine: ...

#: Appended to a LIKE whose pattern went through `like_escape` (SQLite has no default escape character).
LIKE_ESCAPE = " ESCAPE '\\'"


def like_escape(text: str) -> str:
    """`text` with LIKE's wildcards (`%`, `_`) and the escape character itself taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Queries:
    """Mixin for a service with a `ws` (Workspace): the engine's placeholder, one row, all rows."""

    ws: HasEngine

    @property
    def _ph(self) -> str:
        return "?" if self.ws.engine.dialect.name == "sqlite" else "%s"

    def _one(self, sql: str, params: tuple = ()):
        with self.ws.engine.connect() as conn:
            return conn.exec_driver_sql(sql, params).fetchone()

    def _all(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self.ws.engine.connect() as conn:
            return list(conn.exec_driver_sql(sql, params).fetchall())
