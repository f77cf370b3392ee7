"""Staff accounts; the signature image, and a CHECK that each kind of signature carries what it needs.

SQLite cannot add a CHECK to an existing table, so batch mode rebuilds `signatures`. A rebuild drops
the table's triggers, and reflection would lose its unnamed CHECKs: the table is therefore copied from
an explicit definition (every constraint named) and the append-only guards are installed again at the
end. tests/store/test_migrations.py proves both survive `upgrade head` on a populated database.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store import protections

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)

SIGNATURES_0001 = sa.Table(
    "signatures",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "briefing_id",
        sa.String(36),
        sa.ForeignKey("briefings.id", name="fk_signatures_briefing_id_briefings"),
        nullable=False,
    ),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("strokes_json", sa.Text, nullable=False),
    sa.Column("typed_name", sa.String(800)),
    sa.Column("attested_by", sa.String(800)),
    sa.Column("screen_times_json", sa.Text, nullable=False),
    sa.Column("signed_at", TIME, nullable=False),
    sa.UniqueConstraint("briefing_id", name="uq_signatures_briefing_id"),
    sa.CheckConstraint("kind IN ('drawn', 'typed')", name="ck_signatures_kind"),
)

SIGNATURE_COMPLETE = (
    "(kind = 'drawn' AND strokes_json <> '[]') OR "
    "(kind = 'typed' AND typed_name IS NOT NULL AND attested_by IS NOT NULL)"
)


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(800), nullable=False),
        sa.Column("pin_hash", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("locked_until", TIME),
        sa.Column("created_at", TIME, nullable=False),
        sa.UniqueConstraint("name", name="uq_staff_users_name"),
        sa.CheckConstraint("length(name) BETWEEN 1 AND 200", name="ck_staff_users_name_length"),
    )
    with op.batch_alter_table("signatures", copy_from=SIGNATURES_0001, recreate="auto") as batch:
        batch.add_column(sa.Column("image_png", sa.LargeBinary))
        batch.create_check_constraint(op.f("ck_signatures_complete"), sa.text(SIGNATURE_COMPLETE))
    protections.install(op.execute, op.get_context().dialect.name)


def downgrade() -> None:
    copy = SIGNATURES_0001.to_metadata(sa.MetaData())
    copy.append_column(sa.Column("image_png", sa.LargeBinary))
    copy.append_constraint(sa.CheckConstraint(SIGNATURE_COMPLETE, name="ck_signatures_complete"))
    with op.batch_alter_table("signatures", copy_from=copy, recreate="auto") as batch:
        batch.drop_constraint(op.f("ck_signatures_complete"), type_="check")
        batch.drop_column("image_png")
    op.drop_table("staff_users")
    protections.install(op.execute, op.get_context().dialect.name)
