"""Database-level append-only guards: triggers that refuse UPDATE and DELETE on ledger tables.

They are a first line only: an attacker with file access can drop them, which is why `ledger log
verify` recomputes everything from the stored bytes and checks it against signed checkpoints.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection


def create_append_only_guards(conn: Connection, tables: list[str]) -> None:
    dialect = conn.dialect.name
    if dialect == "sqlite":
        for t in tables:
            for op in ("UPDATE", "DELETE"):
                conn.exec_driver_sql(
                    f"CREATE TRIGGER IF NOT EXISTS {t}_no_{op.lower()} BEFORE {op} ON {t} "
                    f"BEGIN SELECT RAISE(ABORT, '{t} is append-only: {op} refused'); END"
                )
    elif dialect == "postgresql":
        # No '%' anywhere in this SQL, not even in a comment: psycopg reads it as a placeholder, so
        # the message is built by concatenation rather than RAISE's own '%' formatting.
        conn.exec_driver_sql(
            """
            CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only: ' || TG_OP || ' refused';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        for t in tables:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {t}_append_only ON {t}")
            conn.exec_driver_sql(
                f"CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {t} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()"
            )
    else:  # pragma: no cover - only the two supported engines exist
        raise RuntimeError(f"unsupported database {dialect}")
