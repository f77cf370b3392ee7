"""The desk's export, PDF and dashboard services without Qt: a request checked before any work and
stopped by its flag, another kiosk's pending PDF left to that kiosk, a copy only of a sealed PDF,
and a chart's numbers as CSV with spreadsheet formulas guarded."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.content import load_form
from kiosk.i18n import msg
from kiosk.records.dashboard import Figures, Tally, Version
from kiosk.records.desk import DeskFilters, page
from kiosk.services.console import ConsoleDesk, StaffError
from kiosk.services.dashboard import DeskDashboard
from kiosk.services.documents import DeskDocuments
from kiosk.services.exporting import ExportCancelled, Exporting, ExportRequest
from tests.conftest import MILD
from tests.services.conftest import desk_on

NOW = datetime(2026, 12, 3, 15, tzinfo=UTC)


@pytest.fixture
def desk(capsys: pytest.CaptureFixture[str]) -> Iterator[ConsoleDesk]:
    """The desk on a kiosk's records: two briefings signed at kiosk front-desk, PDFs pending."""
    with desk_on(capsys, 2, staff=False) as opened:
        yield opened


def test_an_export_request_is_checked_first_and_stops_on_its_flag(
    desk: ConsoleDesk, tmp_path: Path
) -> None:
    exporting = Exporting(desk)
    day = NOW.date()
    name = exporting.default_name("fhir-ndjson", day, day - timedelta(days=6))
    assert name == "briefings-fhir-ndjson-2026-11-27-to-2026-12-03.ndjson"
    nowhere = ExportRequest("csv", day, day, tmp_path / "missing" / "out.csv")
    assert exporting.problem(nowhere) == msg(
        "console.export.no-folder", folder=str(nowhere.target.parent)
    )
    with pytest.raises(StaffError):
        exporting.run("Sam Carter", nowhere, lambda done, total: None, threading.Event())
    stop = threading.Event()
    stop.set()
    out = tmp_path / "out"
    out.mkdir()
    request = ExportRequest("json", day - timedelta(days=1), day, out / "briefings.json")
    with pytest.raises(ExportCancelled):
        exporting.run("Sam Carter", request, lambda done, total: None, stop)
    assert list(out.iterdir()) == []
    told: list[tuple[int, int]] = []
    exported = exporting.run(
        "Sam Carter", request, lambda d, t: told.append((d, t)), threading.Event()
    )
    assert (exported.briefings, told[-1]) == (2, (2, 2)) and request.target.exists()


def test_another_kiosks_pending_pdf_is_left_to_it(desk: ConsoleDesk, tmp_path: Path) -> None:
    documents = DeskDocuments(desk)
    with desk.store.reading() as session:
        (first, *_) = page(session, DeskFilters(), {}).rows
    shown = documents.show(first.briefing_id, 400)
    assert shown.pages == [] and not shown.can_make  # signed at front-desk, not at this desk
    with pytest.raises(StaffError) as refused:
        documents.make("Sam Carter", first.briefing_id)
    assert refused.value.text == msg("problem.pdf-made-elsewhere", kiosk="front-desk")
    with pytest.raises(StaffError) as pending:
        documents.save_copy("Sam Carter", first.briefing_id, tmp_path / "copy.pdf")
    assert pending.value.text.id == "console.pdf.pending"
    assert not (tmp_path / "copy.pdf").exists()


def test_a_chart_as_csv_guards_formulas(desk: ConsoleDesk, tmp_path: Path) -> None:
    version = Version("mild", "1.0.0", "0" * 64, 1)
    evil = Tally("risk-x", '=HYPERLINK("http://evil.example")', 1, 1)
    figures = Figures(version, [], 1, 0, 0, 0, [], 3.0, [], [evil], [])
    target = DeskDashboard(desk).save_csv("Sam Carter", figures, "flagged", tmp_path / "f.csv")
    text = target.read_text(encoding="utf-8-sig")
    assert text.splitlines()[1].startswith("risk-x,\"'=HYPERLINK(")
    with pytest.raises(ValueError, match="no chart"):
        DeskDashboard(desk).save_csv("Sam Carter", figures, "pie", tmp_path / "g.csv")


def test_the_dashboard_of_an_earlier_version_names_its_screens(desk: ConsoleDesk) -> None:
    """After a procedure update, a reviewer's dashboard named each screen of the earlier version
    by its id ("about", "step-anesthesia"); the store keeps that version, titles and all."""
    from kiosk.store.versions import keep

    form = load_form(MILD)
    keep(desk.store, [form], form, NOW)  # as a kiosk keeps it when a patient starts
    desk.forms = {form.id: form.model_copy(update={"version": "9.9"})}  # updated since
    dash = DeskDashboard(desk)
    [version] = dash.versions()
    assert version.content_sha256 == form.content_sha256
    found = dash.figures("Sam Carter", version, (NOW - timedelta(days=1)).date(), NOW.date())
    named = {s.screen_id: s.title for s in found.screen_seconds}
    assert named and named["about"] == form.title_of("about") != "about"


def test_a_pdf_missing_here_is_said_missing_here_not_kept_elsewhere(
    desk: ConsoleDesk, tmp_path: Path
) -> None:
    """A reviewer's PDF deleted from this computer's documents folder was said "kept at
    demo-kiosk"; on the kiosk that made it, it is said missing, with what to do."""
    from sqlalchemy import update

    from kiosk.store.models import BriefingRow, Document

    documents = DeskDocuments(desk)
    with desk.store.reading() as session:
        (first, *_) = page(session, DeskFilters(), {}).rows
    with desk.store.sessions.begin() as session:
        session.execute(
            update(Document)
            .where(Document.briefing_id == first.briefing_id)
            .values(status="made", path="gone.pdf", sha256="00" * 32)
        )
    with pytest.raises(StaffError) as elsewhere:
        documents.save_copy("Sam Carter", first.briefing_id, tmp_path / "copy.pdf")
    assert elsewhere.value.text.id == "console.pdf.unreadable"
    assert elsewhere.value.text.args["kiosk"] == "front-desk"
    with desk.store.sessions.begin() as session:  # made by the kiosk this desk runs on
        session.execute(
            update(BriefingRow)
            .where(BriefingRow.id == first.briefing_id)
            .values(kiosk_id=desk.store.kiosk_id)
        )
    with pytest.raises(StaffError) as here:
        documents.save_copy("Sam Carter", first.briefing_id, tmp_path / "copy.pdf")
    assert here.value.text.id == "console.pdf.unreadable-here"
    assert "gone.pdf" in str(here.value.text.args["path"]) and here.value.text.args["reason"]
    assert not (tmp_path / "copy.pdf").exists()
