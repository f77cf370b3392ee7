"""Each PDF's path stored relative to the documents folder, and the certificate that sealed it.

A data folder copied or restored elsewhere (`cp -a`, a backup put back on a new machine) then
finds its own PDFs instead of the original place's. Every PDF was written as
`<documents folder>/<file name>`, so an absolute path stored before this revision keeps only its
file name (a Windows path too: its last part after a backslash). A clinic that moved
`documents_dir` since moves the older PDFs along with it.

`documents.certificate_sha256` is the SHA-256 of the kiosk certificate that sealed the PDF,
carried into the exports (FHIR Provenance, the JSON, SHA256SUMS) so whoever receives them can
check the seal; empty for a PDF sealed before this revision (`kiosk verify` reads it from the
file itself).

Revision ID: 0007_relative_paths
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_relative_paths"
down_revision = "0005_signers"
branch_labels = None
depends_on = None


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def upgrade() -> None:
    op.add_column("documents", sa.Column("certificate_sha256", sa.String(64)))
    conn = op.get_bind()
    documents = sa.table("documents", sa.column("id", sa.Integer), sa.column("path", sa.Text))
    rows = conn.execute(sa.select(documents.c.id, documents.c.path)).all()
    for row_id, path in rows:
        if path and _file_name(path) != path:
            conn.execute(
                documents.update().where(documents.c.id == row_id).values(path=_file_name(path))
            )


def downgrade() -> None:
    # the paths stay relative: a kiosk of the older version reads them against its working folder,
    # so a downgrade is for an empty or test database only
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("certificate_sha256")
