"""`kiosk doctor`'s "PDF files" line checks every sealed PDF in this kiosk's documents folder,
whatever kiosk id its briefing carries: after kiosk_id changed (a renamed machine, or IT setting a
proper id) it skipped them all and said `ok  0 PDF(s) match the SHA-256 stored at sealing` with one
altered (a reviewer acting as IT). Another kiosk's PDF on a shared database is on that kiosk, not
a failure here; PDF files in the folder that no briefing names are never a plain ok."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.store.models import BriefingRow, Document
from tests.conftest import set_config
from tests.records.conftest import Made, pdf_path


def pdf_line(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["doctor"])
    out = capsys.readouterr().out
    return code, next(line for line in out.splitlines() if "PDF files" in line)


def test_an_altered_pdf_is_found_after_the_kiosk_id_changed(
    made: Made, capsys: pytest.CaptureFixture[str]
) -> None:
    config = load_config()
    set_config(config.path, kiosk_id="front-desk-2")  # IT gives the kiosk a proper id
    code, line = pdf_line(capsys)
    assert code == 0  # every other line is ok or a warning
    assert line.startswith("ok ") and "1 PDF(s) match the SHA-256 stored at sealing" in line
    pdf = pdf_path(made)
    pdf.write_bytes(pdf.read_bytes() + b"%changed\n")
    code, line = pdf_line(capsys)
    said = f"briefing {made.completed}: its PDF {pdf} does not match the SHA-256 stored at signing"
    assert code == 1 and line.startswith("FAIL") and said in line
    pdf.unlink()  # its certificate says it is this kiosk's, under its old id: missing is a failure
    code, line = pdf_line(capsys)
    assert code == 1 and line.startswith("FAIL") and f"its PDF {pdf} cannot be read" in line


def test_another_kiosks_pdf_is_on_that_kiosk(
    made: Made, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """On a shared PostgreSQL database each kiosk's PDFs are in its own documents folder."""
    pdf = pdf_path(made)
    with made.store.sessions.begin() as session:
        session.execute(
            update(BriefingRow).where(BriefingRow.id == made.completed).values(kiosk_id="ward-3")
        )
        session.execute(
            update(Document)
            .where(Document.briefing_id == made.completed)
            .values(certificate_sha256="ab" * 32)  # sealed by ward-3's own certificate
        )
    moved = tmp_path / "on-ward-3.pdf"
    pdf.rename(moved)
    _, line = pdf_line(capsys)
    assert line == "ok    PDF files     0 PDF(s) match the SHA-256 stored at sealing"
    moved.rename(pdf)
    pdf.write_bytes(pdf.read_bytes() + b"%changed\n")  # ward-3's briefing, but the file is here
    _, line = pdf_line(capsys)
    assert line.startswith("FAIL") and "does not match the SHA-256 stored at signing" in line


def test_pdf_files_no_briefing_names_are_not_a_plain_ok(
    made: Made, capsys: pytest.CaptureFixture[str]
) -> None:
    with made.store.sessions.begin() as session:
        session.execute(update(Document).values(status="pending", path=None, sha256=None))
    assert len(list(made.documents.glob("*.pdf"))) == 1
    _, line = pdf_line(capsys)
    assert line == (
        f"WARN  PDF files     0 PDF(s) match the SHA-256 stored at sealing, but 1 PDF file(s) in "
        f"{made.documents} are no briefing's in the store, so they were not checked; check that "
        "database_url is this kiosk's database, and move any file that is not a briefing's PDF "
        "out of the folder"
    )


def test_each_pdf_that_fails_is_named(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    """A reviewer's altered PDF was named and a missing one hid as "(and 1 more)"."""
    pdf = pdf_path(made)
    pdf.write_bytes(pdf.read_bytes() + b"%changed\n")
    with made.store.sessions.begin() as session:  # a second signed briefing whose PDF is gone
        session.execute(
            update(Document)
            .where(Document.briefing_id == made.typed)
            .values(status="made", path="gone.pdf", sha256="00" * 32)
        )
    code, line = pdf_line(capsys)
    assert code == 1 and "more" not in line
    assert f"briefing {made.completed}: its PDF {pdf} does not match" in line
    assert f"briefing {made.typed}: its PDF {pdf.parent / 'gone.pdf'} cannot be read" in line
