"""Finding briefings: every filter, the counts on each row, and one query however many briefings match."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, update

from kiosk.records import Filters, find_records, risk_totals
from kiosk.records.query import RecordRow, fold
from kiosk.store.models import BriefingStatus, QuestionFlag
from tests.records.conftest import FORM, FORMULA_NAME, Made


def ids(made: Made, filters: Filters, **kw: Any) -> list[str]:
    with made.store.reading() as session:
        return [r.briefing_id for r in find_records(session, filters, **kw)]


def row(made: Made, briefing_id: str, totals: dict[str, int] | None = None) -> RecordRow:
    with made.store.reading() as session:
        (found,) = [
            r for r in find_records(session, Filters(), totals) if r.briefing_id == briefing_id
        ]
        return found


def day(n: int) -> datetime:
    return datetime(2026, 11, n, tzinfo=UTC)


def test_every_briefing_in_the_order_it_happened(made: Made) -> None:
    assert ids(made, Filters()) == [
        made.completed,
        made.typed,
        made.abandoned,
        made.prepared,
        made.in_progress,
    ]


def test_date_range_on_when_the_briefing_happened(made: Made) -> None:
    assert ids(made, Filters(since=day(21), until=day(23))) == [made.typed, made.abandoned]
    assert ids(made, Filters(since=day(23))) == [
        made.prepared,
        made.in_progress,
    ]  # prepared: by created time
    assert ids(made, Filters(until=day(21))) == [made.completed]
    assert ids(made, Filters(since=day(25))) == []


def test_status_filter(made: Made) -> None:
    assert ids(made, Filters(statuses=frozenset({BriefingStatus.COMPLETED}))) == [
        made.completed,
        made.typed,
    ]
    both = frozenset({BriefingStatus.PREPARED, BriefingStatus.IN_PROGRESS})
    assert ids(made, Filters(statuses=both)) == [made.prepared, made.in_progress]
    assert ids(made, Filters(statuses=frozenset({BriefingStatus.ABANDONED}))) == [made.abandoned]


def test_a_withdrawn_briefing_is_found_as_withdrawn_never_as_abandoned(made: Made) -> None:
    """A reviewer asked `kiosk records list --status withdrawn` (refused), and the desk's
    "Abandoned" listed a row whose status said Withdrawn, while the dashboard kept them apart."""
    from kiosk.records.withdrawal import withdraw

    withdraw(made.store, made.prepared, staff="Dana", reason="not-wanted", now=day(24))
    withdrawn, abandoned = frozenset({"withdrawn"}), frozenset({BriefingStatus.ABANDONED})
    assert ids(made, Filters(statuses=withdrawn)) == [made.prepared]
    assert ids(made, Filters(statuses=abandoned)) == [made.abandoned]
    assert ids(made, Filters(statuses=withdrawn | abandoned)) == [made.abandoned, made.prepared]
    assert row(made, made.prepared).status_word == "withdrawn"
    assert Filters.from_json(Filters(statuses=withdrawn).to_json()).statuses == withdrawn


def test_procedure_filter(made: Made) -> None:
    assert ids(made, Filters(form_id="small")) == [made.in_progress]
    assert len(ids(made, Filters(form_id="mild"))) == 4
    assert ids(made, Filters(form_id="nope")) == []


def test_patient_filter_matches_name_or_mrn_ignoring_case_and_accents_in_every_script(
    made: Made,
) -> None:
    assert ids(made, Filters(patient="ana r")) == [made.completed]
    assert ids(made, Filters(patient="ZOË ÅNG")) == [
        made.abandoned
    ]  # SQLite's lower() would miss this
    assert ids(made, Filters(patient="王小")) == [made.in_progress]
    assert ids(made, Filters(patient="zoe angstrom")) == [made.abandoned]  # accents not typed
    assert fold("Đặng Søren Łukasz") == fold("dang soren lukasz")  # strokes too
    assert ids(made, Filters(patient="mrn-40")) == [made.prepared]  # by MRN
    assert ids(made, Filters(patient="hyperlink")) == [made.typed]
    assert ids(made, Filters(patient="nobody")) == []


def test_open_questions_filter_and_answering_closes_them(made: Made) -> None:
    assert ids(made, Filters(open_questions=True)) == [made.completed]
    assert (
        row(made, made.completed).questions_flagged,
        row(made, made.completed).open_questions,
    ) == (1, 1)
    with made.store.sessions.begin() as session:
        session.execute(
            update(QuestionFlag)
            .where(QuestionFlag.briefing_id == made.completed)
            .values(answered_by="Dr Adler", answered_at=day(25), answer_note="Called her.")
        )
    assert ids(made, Filters(open_questions=True)) == []
    answered = row(made, made.completed)
    assert (answered.questions_flagged, answered.open_questions) == (1, 0)


def test_filters_combine(made: Made) -> None:
    only = Filters(
        since=day(20),
        until=day(22),
        statuses=frozenset({BriefingStatus.COMPLETED}),
        form_id="mild",
        patient="ruiz",
        open_questions=True,
    )
    assert ids(made, only) == [made.completed]
    assert ids(made, Filters(patient="ruiz", statuses=frozenset({BriefingStatus.ABANDONED}))) == []


def test_rows_carry_identity_state_counts_and_pdf(made: Made) -> None:
    done = row(made, made.completed)
    assert (done.patient_name, done.mrn, done.status, done.signature_kind) == (
        "Ana Ruiz",
        "MRN-1001",
        "completed",
        "drawn",
    )
    assert (done.risks_acknowledged, done.risks_total) == (len(FORM.risks), len(FORM.risks))
    assert done.pdf_status == "made" and done.pdf_sha256 and done.pdf_path
    typed = row(made, made.typed)
    assert (typed.patient_name, typed.pdf_status, typed.pdf_sha256) == (
        FORMULA_NAME,
        "pending",
        None,
    )
    totals = risk_totals([FORM, made.small])
    assert row(made, made.abandoned, totals).risks_total == len(FORM.risks)
    live = row(made, made.in_progress, totals)
    assert (live.risks_acknowledged, live.risks_total, live.ended_at) == (1, 2, None)
    # With neither form on this machine (a new version of each put in the forms folder), the
    # versions the briefings were given on are kept in the store: their risks are counted still
    # (a reviewer read "1 of ?" for every unfinished briefing on the older version).
    gone = row(made, made.abandoned)
    assert (gone.risks_acknowledged, gone.risks_total, gone.end_reason) == (2, 8, "staff")
    assert row(made, made.in_progress).risks_total == 2
    waiting = row(made, made.prepared)
    assert (waiting.started_at, waiting.risks_acknowledged, waiting.pdf_status) == (None, 0, None)
    assert waiting.happened_at == waiting.created_at == day(23).replace(hour=9)


def test_the_audit_description_of_filters_never_holds_the_patient_text() -> None:
    described = Filters(patient="Ana Ruiz", statuses=frozenset({BriefingStatus.COMPLETED}))
    assert described.for_audit()["patient"] is True
    assert "Ana" not in repr(described.for_audit())
    assert Filters().for_audit()["patient"] is False
    assert Filters.from_json(described.to_json()) == described


@contextmanager
def counted(made: Made) -> Iterator[list[str]]:
    statements: list[str] = []

    def seen(*args: Any) -> None:
        statements.append(args[2])

    event.listen(made.store.engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(made.store.engine, "before_cursor_execute", seen)


def test_one_query_however_many_briefings(made: Made) -> None:
    with counted(made) as statements, made.store.reading() as session:
        assert len(find_records(session, Filters(patient="a"))) >= 3
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # The briefings in one query, beside one that names the versions kept (their risks counted).
    briefings = [s for s in selects if "content_versions" not in s]
    assert len(briefings) == 1 and len(selects) <= 3


def test_a_briefing_locked_at_its_first_screen_is_marked_as_waiting_for_staff(made: Made) -> None:
    """A reviewer locked a patient out with three wrong birth dates: the desk said "In progress",
    and only the events told that the kiosk waited for staff. A refused date that did not lock it
    changes nothing; a lock, or "This is not me", marks the row (in the list and the desk's page)."""
    from kiosk.i18n import words_for
    from kiosk.records.desk import DeskFilters, page
    from kiosk.store import audit
    from kiosk.ui.staff.describe import status_text

    def said(action: str, **detail: Any) -> None:
        with made.store.sessions.begin() as session:
            audit.append(
                session, at=day(24), kiosk_id="vm", actor="patient", action=action,
                subject=f"briefing:{made.in_progress}", detail=detail,
            )  # fmt: skip

    said("identity_rejected", attempt=1, locked_out=False)
    assert not row(made, made.in_progress).waits_for_staff
    said("identity_rejected", attempt=3, locked_out=True)
    live = row(made, made.in_progress)
    assert live.waits_for_staff and not row(made, made.completed).waits_for_staff
    words = words_for("en")
    assert status_text(words, live, day(24)) == words("staff.status.waits-for-staff")
    with made.store.reading() as session:
        shown = page(session, DeskFilters(), {}).rows
    assert [r.briefing_id for r in shown if r.waits_for_staff] == [made.in_progress]
