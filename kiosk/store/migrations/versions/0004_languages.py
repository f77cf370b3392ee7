"""The record's language: the briefing's, and on each acknowledgement, flag, answer and signature the
language of the screen it was given on with that language's content hash.

Rows stored before this revision were all given in English on the briefing's own content, so they
get 'en' and the briefing's content hash. Three of the four tables are append-only (triggers refuse
UPDATE): the guards are lifted for the backfill inside this migration's one transaction and
installed again at the end. The child columns are then made NOT NULL (on SQLite a batch rebuild of
each child table, copied from its reflected definition: every constraint there is named).
`briefings.language` is added NOT NULL with the default 'en' in one step (no rebuild of a table
others refer to). tests/store/test_migrations.py upgrades a populated 0003 database and checks
that every row, constraint and guard survives.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store import protections

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

CHILDREN = ("risk_acknowledgements", "question_flags", "comprehension_answers", "signatures")
"""The rows a patient gives on a screen, each now with that screen's language and content hash."""
GUARDED = ("risk_acknowledgements", "comprehension_answers", "signatures")


def _lift_guards(dialect: str) -> None:
    for table in GUARDED:
        if dialect == "sqlite":
            for what in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{what}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    op.add_column(
        "briefings", sa.Column("language", sa.String(16), nullable=False, server_default="en")
    )
    _lift_guards(dialect)
    for table in CHILDREN:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("language", sa.String(16)))
            batch.add_column(sa.Column("content_sha256", sa.String(64)))
        op.execute(
            f"UPDATE {table} SET language = 'en', content_sha256 = "
            f"(SELECT b.content_sha256 FROM briefings b WHERE b.id = {table}.briefing_id)"
        )
        with op.batch_alter_table(table) as batch:
            batch.alter_column("language", existing_type=sa.String(16), nullable=False)
            batch.alter_column("content_sha256", existing_type=sa.String(64), nullable=False)
    protections.install(op.execute, dialect)


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    _lift_guards(dialect)
    for table in CHILDREN:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("content_sha256")
            batch.drop_column("language")
    with op.batch_alter_table("briefings") as batch:
        batch.drop_column("language")
    protections.install(op.execute, dialect)
