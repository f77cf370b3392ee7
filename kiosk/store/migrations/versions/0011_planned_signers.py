"""Who staff said will sign beside the patient, kept with the briefing from preparing until the
kiosk shows it: a `planned_signers` table (a representative, an interpreter, a witness). Adds a
table, nothing else.

Revision ID: 0011_planned_signers
Revises: 0010_listening
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_planned_signers"
down_revision = "0010_listening"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "planned_signers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "briefing_id",
            sa.String(36),
            sa.ForeignKey("briefings.id", name="fk_planned_signers_briefing_id_briefings"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(800)),
        sa.Column("role", sa.String(800)),
        sa.Column("reason", sa.Text),
        sa.Column("interpreter_id", sa.String(800)),
        sa.Column("language", sa.String(64)),
        sa.Column("mode", sa.String(16)),
        sa.CheckConstraint(
            "kind IN ('representative', 'witness', 'interpreter')",
            name="ck_planned_signers_kind",
        ),
        sa.CheckConstraint(
            "mode IS NULL OR mode IN ('in_person', 'phone', 'video')",
            name="ck_planned_signers_interpreter_mode",
        ),
    )
    op.create_index("ix_planned_signers_briefing_id", "planned_signers", ["briefing_id"])


def downgrade() -> None:
    op.drop_index("ix_planned_signers_briefing_id", "planned_signers")
    op.drop_table("planned_signers")
