"""Database-level append-only guards: triggers that refuse UPDATE and DELETE on ledger tables.

They are a first line only: an attacker with file access can drop them, which is why `ledger log
verify` recomputes everything from the stored bytes and checks it against signed checkpoints.

Triggers are DDL, which takes no bound parameters: the statements below are DDL text naming only
the tables given (quoted by the dialect's identifier rules when they need it), never a value.
"""

from __future__ import annotations

from sqlalchemy import DDL
from sqlalchemy.engine import Connection

# No '%' anywhere in this SQL, not even in a comment: psycopg reads it as a placeholder (and DDL
# formats with '%'), so the message is built by concatenation rather than RAISE's own formatting.
_PG_REFUSE_FUNCTION = DDL(
    """
    CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only: ' || TG_OP || ' refused';
    END;
    $$ LANGUAGE plpgsql
    """
)


def create_append_only_guards(conn: Connection, tables: list[str]) -> None:
    dialect = conn.dialect.name
    quote = conn.dialect.identifier_preparer.quote
    if dialect == "sqlite":
        for t in tables:
            for op in ("UPDATE", "DELETE"):
                conn.execute(DDL(
                    f"CREATE TRIGGER IF NOT EXISTS {quote(f'{t}_no_{op.lower()}')} BEFORE {op} ON {quote(t)} "
                    f"BEGIN SELECT RAISE(ABORT, '{t} is append-only: {op} refused'); END"
                ))
    elif dialect == "postgresql":
        conn.execute(_PG_REFUSE_FUNCTION)
        for t in tables:
            trigger = quote(f"{t}_append_only")
            conn.execute(DDL(f"DROP TRIGGER IF EXISTS {trigger} ON {quote(t)}"))
            conn.execute(DDL(
                f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE OR TRUNCATE ON {quote(t)} "
                "FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()"
            ))
    else:  # pragma: no cover - only the two supported engines exist
        raise RuntimeError(f"unsupported database {dialect}")
