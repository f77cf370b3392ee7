"""Who signs and who performs: a `signers` table (representative, witness, interpreter; append-only,
guarded by triggers like the other event tables) and, on each briefing, the practitioner who will
perform the procedure and its planned date. Adds a table and two nullable columns, nothing else.

Revision ID: 0005_signers
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store import protections

revision = "0005_signers"
down_revision = "0004"
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)
GUARDED = ("signers",)


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    op.add_column("briefings", sa.Column("practitioner", sa.String(800)))
    op.add_column("briefings", sa.Column("planned_date", sa.Date))
    op.create_table(
        "signers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "briefing_id",
            sa.String(36),
            sa.ForeignKey("briefings.id", name="fk_signers_briefing_id_briefings"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(800), nullable=False),
        sa.Column("role", sa.String(800)),
        sa.Column("reason", sa.Text),
        sa.Column("interpreter_id", sa.String(800)),
        sa.Column("language", sa.String(64)),
        sa.Column("mode", sa.String(16)),
        sa.Column("meaning", sa.String(64), nullable=False),
        sa.Column(
            "staff_id",
            sa.Integer,
            sa.ForeignKey("staff_users.id", name="fk_signers_staff_id_staff_users"),
        ),
        sa.Column("image_png", sa.LargeBinary),
        sa.Column("signed_at", TIME, nullable=False),
        sa.CheckConstraint(
            "kind IN ('patient', 'representative', 'witness', 'interpreter')",
            name="ck_signers_kind",
        ),
        sa.CheckConstraint("length(name) BETWEEN 1 AND 200", name="ck_signers_name_length"),
        sa.CheckConstraint(
            "mode IS NULL OR mode IN ('in_person', 'phone', 'video')",
            name="ck_signers_interpreter_mode",
        ),
    )
    op.create_index("ix_signers_briefing_id", "signers", ["briefing_id"])
    for sql in protections.statements(dialect, GUARDED):
        op.execute(sql)


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for what in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS signers_no_{what}")
    op.drop_index("ix_signers_briefing_id", "signers")
    op.drop_table("signers")  # PostgreSQL drops the table's triggers with it
    with op.batch_alter_table("briefings") as batch:
        batch.drop_column("planned_date")
        batch.drop_column("practitioner")
