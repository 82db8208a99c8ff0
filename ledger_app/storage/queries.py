"""Small read helpers shared by the services that talk SQL directly (placeholders differ per engine)."""

from __future__ import annotations


class Queries:
    """Mixin for a service with a `ws` (Workspace): the engine's placeholder, one row, all rows."""

    ws: object

    @property
    def _ph(self) -> str:
        return "?" if self.ws.engine.dialect.name == "sqlite" else "%s"

    def _one(self, sql: str, params: tuple = ()):  # noqa: ANN202
        with self.ws.engine.connect() as conn:
            return conn.exec_driver_sql(sql, params).fetchone()

    def _all(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self.ws.engine.connect() as conn:
            return list(conn.exec_driver_sql(sql, params).fetchall())
