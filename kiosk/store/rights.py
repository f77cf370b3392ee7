"""The rights a kiosk's PostgreSQL role needs on the store's tables, and which it lacks (`kiosk doctor`).

A kiosk reads every table, adds rows to every one (but alembic_version, which only the owner's
migrations write), changes rows in the few tables of CHANGED, and draws ids from every sequence.
The tables are taken from the database itself, in the schema the kiosk uses, so a table a later
migration adds is checked without being named here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from kiosk.store.database import Store
from kiosk.store.maintenance import Check

CHANGED = ("briefings", "documents", "question_flags", "staff_users")
"""The tables whose rows a kiosk changes: a briefing's status, a PDF's place, a flagged question's
answer, a staff account's failed PIN count (staff sign-in also locks its row FOR UPDATE)."""
ONLY_READ = ("alembic_version",)
"""Read at every start to compare the schema with the code's; written by the owner's migrations."""

GUIDE = "the README's grants, under Several kiosks on one PostgreSQL server, also cover tables added later"

_RIGHTS = text(
    """
    WITH who AS (SELECT CAST(coalesce(CAST(:role AS text), current_user) AS name) AS role)
    SELECT quote_ident(who.role), quote_ident(current_schema()),
           has_schema_privilege(who.role, current_schema(), 'USAGE'),
           quote_ident(c.relname), c.relname, c.relkind = 'S',
           CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(who.role, c.oid, 'USAGE') END,
           CASE WHEN c.relkind <> 'S' THEN has_table_privilege(who.role, c.oid, 'SELECT') END,
           CASE WHEN c.relkind <> 'S' THEN has_table_privilege(who.role, c.oid, 'INSERT') END,
           CASE WHEN c.relkind <> 'S' THEN has_table_privilege(who.role, c.oid, 'UPDATE') END
    FROM who, pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S')
    ORDER BY c.relname
    """
)


def needed(table: str) -> tuple[str, ...]:
    """The rights a kiosk needs on one table."""
    if table in ONLY_READ:
        return ("SELECT",)
    return ("SELECT", "INSERT", "UPDATE") if table in CHANGED else ("SELECT", "INSERT")


@dataclass
class Rights:
    """What one role may do in the store's schema, and what it lacks of what a kiosk needs."""

    role: str
    """The role's name as SQL writes it (quoted where it must be)."""
    schema: str
    tables: int = 0
    schema_usage: bool = True
    lacking: dict[str, list[str]] = field(default_factory=dict)
    """Each right ("INSERT") and the tables (as SQL writes them) that lack it."""
    sequences: list[str] = field(default_factory=list)
    """The sequences the role may not draw ids from (USAGE)."""

    @property
    def complete(self) -> bool:
        return self.schema_usage and not self.lacking and not self.sequences

    def grants(self) -> str:
        """The GRANT statements that give the role what it lacks, for the tables' owner to run."""
        out = [] if self.schema_usage else [f"GRANT USAGE ON SCHEMA {self.schema} TO {self.role};"]
        out += [
            f"GRANT {right} ON {', '.join(tables)} TO {self.role};"
            for right, tables in self.lacking.items()
        ]
        if self.sequences:
            out.append(f"GRANT USAGE ON SEQUENCE {', '.join(self.sequences)} TO {self.role};")
        return " ".join(out)

    def sentence(self) -> str:
        """What the role lacks, naming each table and right, and what to run: one sentence."""
        lacks = [] if self.schema_usage else [f"USAGE on schema {self.schema}"]
        lacks += [f"{right} on {', '.join(tables)}" for right, tables in self.lacking.items()]
        if self.sequences:
            lacks.append(f"USAGE on sequence {', '.join(self.sequences)}")
        return (
            f"the role {self.role} lacks {'; '.join(lacks)}, so the kiosk cannot save there; as the "
            f"tables' owner run `{self.grants()}` ({GUIDE})"
        )


def rights_of(conn: Connection, role: str | None = None) -> Rights:
    """The rights of `role` (None: the role connected) in the current schema, from the catalog."""
    rows = conn.execute(_RIGHTS, {"role": role}).all()
    if not rows:  # no table at all: nothing to lack yet (the owner's `kiosk init` makes them)
        who = conn.execute(
            text("SELECT quote_ident(coalesce(CAST(:role AS text), current_user)), "
                 "quote_ident(current_schema())"),
            {"role": role},
        ).one()  # fmt: skip
        return Rights(who[0], who[1])
    found = Rights(rows[0][0], rows[0][1], schema_usage=bool(rows[0][2]))
    for _, _, _, quoted, name, is_sequence, usage, *held in rows:
        if is_sequence:
            if not usage:
                found.sequences.append(quoted)
            continue
        found.tables += 1
        have = dict(zip(("SELECT", "INSERT", "UPDATE"), held, strict=True))
        for right in needed(name):
            if not have[right]:
                found.lacking.setdefault(right, []).append(quoted)
    return found


def rights_check(store: Store) -> Check | None:
    """`kiosk doctor`'s line for the role's rights on PostgreSQL; None on SQLite (a file's rights
    are the folder's, checked with it)."""
    if store.is_sqlite:
        return None
    try:
        with store.engine.connect() as conn:
            found = rights_of(conn)
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        return Check("rights", False, f"the role's rights could not be read ({reason})")
    if found.complete:
        return Check(
            "rights", True, f"{found.role} has every right the kiosk needs on {found.tables} tables"
        )
    return Check("rights", False, found.sentence())
