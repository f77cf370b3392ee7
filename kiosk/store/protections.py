"""Database-level guards: triggers that refuse UPDATE and DELETE on the append-only tables."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.store.models import PROTECTED_TABLES

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION kiosk_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only: % is refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql
"""


def statements(dialect: str, tables: tuple[str, ...] = PROTECTED_TABLES) -> list[str]:
    """The SQL that (re)installs the guards; idempotent, so every migration can end by running it."""
    out: list[str] = []
    if dialect == "postgresql":
        out.append(PG_FUNCTION)
    for table in tables:
        if dialect == "sqlite":
            for op in ("UPDATE", "DELETE"):
                name = f"{table}_no_{op.lower()}"
                out.append(f"DROP TRIGGER IF EXISTS {name}")
                out.append(
                    f"CREATE TRIGGER {name} BEFORE {op} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {op} is refused'); END"
                )
        elif dialect == "postgresql":
            out.append(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            out.append(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION kiosk_append_only()"
            )
            out.append(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
            out.append(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION kiosk_append_only()"
            )
        else:  # pragma: no cover - only the two supported engines reach here
            raise ValueError(f"no append-only guard for {dialect}")
    return out


def install(execute: Callable[[str], object], dialect: str) -> None:
    for sql in statements(dialect):
        execute(sql)
