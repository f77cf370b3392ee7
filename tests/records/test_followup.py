"""Staff follow-up without a screen: today's list, search, flagged questions answered, PDFs copied and printed."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.i18n import msg
from kiosk.records import followup
from kiosk.records.followup import FollowUpError
from kiosk.store.models import AuditEntry, QuestionFlag
from tests.records.conftest import FORM, Made
from tests.shared import fake_lp

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)
FORMS = {FORM.id: FORM}


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Today is the kiosk's local day: pin the zone so the fixture's dates fall where expected."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _audit(made: Made, action: str) -> list[AuditEntry]:
    with made.store.reading() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_the_list_shows_today_and_the_prepared_briefings_still_waiting(made: Made) -> None:
    rows = followup.briefings_for_staff(made.store, FORMS, NOW)
    assert [r.briefing_id for r in rows] == [made.in_progress, made.prepared]
    assert [r.status for r in rows] == ["in_progress", "prepared"]


def test_waiting_briefings_are_this_kiosks_of_the_last_week(made: Made) -> None:
    later = NOW + timedelta(days=followup.WAITING_DAYS)
    assert made.prepared not in [
        r.briefing_id for r in followup.briefings_for_staff(made.store, FORMS, later)
    ]
    made.store.kiosk_id = "another-kiosk"  # the same records, seen from a second kiosk
    assert [r.briefing_id for r in followup.briefings_for_staff(made.store, FORMS, NOW)] == [
        made.in_progress
    ]


def test_a_search_finds_older_briefings_by_name_or_record_number_newest_first(made: Made) -> None:
    assert [
        r.briefing_id for r in followup.briefings_for_staff(made.store, FORMS, NOW, "mrn-1001")
    ] == [made.completed]
    found = followup.briefings_for_staff(made.store, FORMS, NOW, "  ÅNGSTRÖM ")
    assert [r.briefing_id for r in found] == [made.abandoned]
    every = followup.briefings_for_staff(made.store, FORMS, NOW, "o")  # in most names
    assert [r.happened_at for r in every] == sorted((r.happened_at for r in every), reverse=True)
    assert followup.briefings_for_staff(made.store, FORMS, NOW, "nobody-by-this-name") == []


def test_a_flagged_question_is_answered_once_with_who_when_and_a_note(made: Made) -> None:
    (question,) = followup.open_questions(made.store, FORMS)
    assert question.briefing_id == made.completed
    assert question.patient_name == "Ana Ruiz" and question.mrn == "MRN-1001"
    assert question.screen_title == FORM.risk(FORM.risks[2].id).title

    with pytest.raises(FollowUpError, match="short note"):
        followup.answer_question(
            made.store, question.flag_id, staff="Dana Okafor", note="  ", now=NOW
        )
    with pytest.raises(FollowUpError, match="longer than 500"):
        followup.answer_question(
            made.store, question.flag_id, staff="Dana Okafor", note="x" * 501, now=NOW
        )
    followup.answer_question(
        made.store,
        question.flag_id,
        staff="Dana Okafor",
        note="Called her:\n  explained the drain.",
        now=NOW,
    )
    assert followup.open_questions(made.store, FORMS) == []
    with made.store.reading() as session:
        flag = session.get(QuestionFlag, question.flag_id)
        assert flag is not None
        assert (flag.answered_by, flag.answer_note) == (
            "Dana Okafor",
            "Called her: explained the drain.",
        )
        assert flag.answered_at is not None and flag.answered_at.astimezone(UTC) == NOW
    (entry,) = _audit(made, "flag_answered")
    assert entry.actor == "Dana Okafor" and entry.subject == f"briefing:{made.completed}"
    assert "drain" not in entry.detail  # the note stays in the record, not the log

    with pytest.raises(FollowUpError, match="already answered by Dana Okafor"):
        followup.answer_question(
            made.store, question.flag_id, staff="Sam Carter", note="Me too", now=NOW
        )
    with pytest.raises(FollowUpError, match="no longer in the records"):
        followup.answer_question(made.store, 999_999, staff="Sam Carter", note="?", now=NOW)
    with pytest.raises(followup.StaleError) as gone:
        followup.record_of(made.store, FORMS, "no-such-briefing")
    assert gone.value.text == msg("problem.briefing-gone")  # words for staff, in their language


def test_a_copy_of_a_pdf_is_its_exact_bytes_and_is_audited(made: Made, tmp_path: Path) -> None:
    row = followup.record_of(made.store, FORMS, made.completed)
    copy = followup.copy_pdf(
        made.store,
        row,
        tmp_path / "chart",
        staff="Dana Okafor",
        now=NOW,
        documents=made.documents,
        create=True,
    )
    assert copy.read_bytes() == (made.documents / (row.pdf_path or "")).read_bytes()
    assert "Ana" not in copy.name and copy.stat().st_mode & 0o777 == 0o600  # as the kiosk's own
    assert (tmp_path / "chart").stat().st_mode & 0o777 == 0o700
    (entry,) = _audit(made, "pdf_copied")
    assert entry.actor == "Dana Okafor" and row.pdf_sha256 in entry.detail


def test_a_pending_missing_or_altered_pdf_is_not_copied(made: Made, tmp_path: Path) -> None:
    pending = followup.record_of(made.store, FORMS, made.typed)
    with pytest.raises(FollowUpError, match="not made yet; make it first"):
        followup.copy_pdf(
            made.store,
            pending,
            tmp_path / "chart",
            staff="Dana Okafor",
            now=NOW,
            documents=made.documents,
            create=True,
        )
    row = followup.record_of(made.store, FORMS, made.completed)
    pdf = made.documents / (row.pdf_path or "")
    pdf.write_bytes(pdf.read_bytes() + b"%")
    with pytest.raises(FollowUpError, match="has changed since it was sealed"):
        followup.copy_pdf(
            made.store,
            row,
            tmp_path / "chart",
            staff="Dana Okafor",
            now=NOW,
            documents=made.documents,
            create=True,
        )
    pdf.unlink()
    with pytest.raises(FollowUpError, match="cannot be read"):
        followup.copy_pdf(
            made.store,
            row,
            tmp_path / "chart",
            staff="Dana Okafor",
            now=NOW,
            documents=made.documents,
            create=True,
        )
    assert not (tmp_path / "chart").exists() or not any((tmp_path / "chart").iterdir())
    assert _audit(made, "pdf_copied") == []


def test_a_copy_into_a_folder_that_cannot_be_written_says_which(made: Made, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    row = followup.record_of(made.store, FORMS, made.completed)
    with pytest.raises(FollowUpError, match=f"{blocker} \\(copies_dir\\) cannot be made"):
        followup.copy_pdf(
            made.store,
            row,
            blocker,
            staff="Dana Okafor",
            now=NOW,
            documents=made.documents,
            create=True,
        )
    unplugged = tmp_path / "media" / "usb"  # a drive that is not there is not made on the disk
    with pytest.raises(FollowUpError, match=f"{unplugged} \\(copies_dir\\) is not there"):
        followup.copy_pdf(
            made.store,
            row,
            unplugged,
            staff="Dana Okafor",
            now=NOW,
            documents=made.documents,
            create=False,
        )
    assert not unplugged.exists()
    bad = tmp_path / "read-only"
    bad.mkdir()
    (bad / Path(row.pdf_path or "").name).mkdir()  # the copy's name is taken by a folder
    with pytest.raises(FollowUpError, match=f"could not be copied to {bad}.*copies_dir"):
        followup.copy_pdf(
            made.store,
            row,
            bad,
            staff="Dana Okafor",
            now=NOW,
            documents=made.documents,
            create=False,
        )
    assert _audit(made, "pdf_copied") == []


def test_another_kiosks_pdf_is_printed_or_copied_there(made: Made, tmp_path: Path) -> None:
    row = followup.record_of(made.store, FORMS, made.completed)
    made.store.kiosk_id = "another-kiosk"
    with pytest.raises(
        FollowUpError, match=f"kept on kiosk {row.kiosk_id}; print or copy it there"
    ):
        followup.copy_pdf(
            made.store,
            row,
            tmp_path,
            staff="Dana Okafor",
            now=NOW,
            documents=made.documents,
            create=False,
        )


def test_printing_sends_the_checked_pdf_to_the_spooler(
    made: Made, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir, log = tmp_path / "bin", tmp_path / "lp-args"
    fake_lp(bin_dir, f'printf "%s\\n" "$@" > {log}')
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    row = followup.record_of(made.store, FORMS, made.completed)
    followup.print_pdf(
        made.store, row, "Front-desk", staff="Dana Okafor", now=NOW, documents=made.documents
    )
    assert log.read_text().splitlines() == [
        "-d",
        "Front-desk",
        "--",
        str(made.documents / (row.pdf_path or "")),
    ]
    followup.print_pdf(made.store, row, "", staff="Dana Okafor", now=NOW, documents=made.documents)
    assert log.read_text().splitlines() == ["--", str(made.documents / (row.pdf_path or ""))]
    entries = _audit(made, "pdf_printed")
    assert [e.actor for e in entries] == ["Dana Okafor"] * 2
    assert '"printer":"Front-desk"' in entries[0].detail


def test_a_refusing_or_missing_spooler_is_one_sentence(
    made: Made, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = followup.record_of(made.store, FORMS, made.completed)
    bin_dir = tmp_path / "bin"
    fake_lp(bin_dir, 'echo "lp: The printer or class does not exist." >&2; exit 1')
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(
        FollowUpError, match=re.escape("refused the PDF (lp: The printer or class does not exist.)")
    ):
        followup.print_pdf(
            made.store, row, "Nowhere", staff="Dana Okafor", now=NOW, documents=made.documents
        )
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(FollowUpError, match="No print service"):
        followup.print_pdf(
            made.store, row, "", staff="Dana Okafor", now=NOW, documents=made.documents
        )
    assert _audit(made, "pdf_printed") == []


def test_after_the_procedure_is_updated_questions_and_events_keep_their_titles(
    made: Made,
) -> None:
    """A reviewer updated the procedure: the open questions, the flags and a briefing's events
    then showed screen ids ("risk-dural-tear") where the patient had read titles. The titles
    now come from the version the patient was given, as the store kept it."""
    from kiosk.records.flags import Which, flags
    from kiosk.records.timeline import timeline
    from kiosk.store.versions import keep

    keep(made.store, [FORM], FORM, NOW)  # as the kiosk keeps it when the patient starts
    updated = {FORM.id: FORM.model_copy(update={"version": "9.9"})}
    assert updated[FORM.id].content_sha256 != FORM.content_sha256
    title = FORM.risk(FORM.risks[2].id).title
    (question,) = followup.open_questions(made.store, updated)
    assert question.screen_title == title
    with made.store.reading() as session:
        (flag,) = flags(session, updated, Which.ALL)
        assert flag.screen_title == title
        events = timeline(session, made.completed, updated)
    titles = {e.screen_title for e in events if e.screen_title}
    assert title in titles and FORM.risks[2].id not in titles
