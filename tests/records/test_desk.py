"""The coordinator's desk without Qt: the list across kiosks a page at a time, its filters and
search, the change token it polls, one briefing's events, and the flagged questions (answered,
surgeon told). Each runs on SQLite and on PostgreSQL, on briefings made through the real flow."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from kiosk.records import desk, flags, followup, timeline
from kiosk.records.desk import DeskFilters
from kiosk.records.flags import Which
from kiosk.records.query import risk_totals
from kiosk.store.models import AuditEntry, BriefingStatus
from tests.records.conftest import FORM, Made

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


def _forms(made: Made) -> dict[str, object]:
    return {FORM.id: FORM, made.small.id: made.small}


def _ids(made: Made, filters: DeskFilters, limit: int = 100) -> list[str]:
    totals = risk_totals([FORM, made.small])
    with made.store.reading() as s:
        patients = desk.matching_patients(s, filters.search) if filters.search else None
        return [r.briefing_id for r in desk.page(s, filters, totals, None, limit, patients).rows]


def test_the_list_is_newest_first_and_reads_a_page_at_a_time(made: Made) -> None:
    totals = risk_totals([FORM, made.small])
    newest_first = [made.in_progress, made.prepared, made.abandoned, made.typed, made.completed]
    seen: list[str] = []
    after = None
    with made.store.reading() as s:
        for _ in range(3):
            got = desk.page(s, DeskFilters(), totals, after, limit=2)
            seen += [r.briefing_id for r in got.rows]
            after = got.next
            if after is None:
                break
        assert desk.count(s, DeskFilters()) == 5
    assert seen == newest_first
    assert after is None
    first = desk.page(made.store.reading(), DeskFilters(), totals, None, limit=5).rows[0]
    assert (first.risks_acknowledged, first.risks_total) == (1, len(made.small.risks))


def test_filters_narrow_by_status_kiosk_procedure_and_dates(made: Made) -> None:
    completed = frozenset({BriefingStatus.COMPLETED})
    assert _ids(made, DeskFilters(statuses=completed)) == [made.typed, made.completed]
    assert _ids(made, DeskFilters(form_id="small")) == [made.in_progress]
    assert _ids(made, DeskFilters(kiosk_id="kiosk-test")) == _ids(made, DeskFilters())
    assert _ids(made, DeskFilters(kiosk_id="another-kiosk")) == []
    since = datetime(2026, 11, 22, tzinfo=UTC)
    until = datetime(2026, 11, 23, tzinfo=UTC)
    assert _ids(made, DeskFilters(since=since, until=until)) == [made.abandoned]


@pytest.mark.parametrize(
    ("text", "role"), [("ZOË", "abandoned"), ("mrn-1001", "completed"), ("王", "in_progress")]
)
def test_search_matches_a_name_or_mrn_in_any_case_on_every_engine(
    made: Made, text: str, role: str
) -> None:
    assert _ids(made, DeskFilters(search=text)) == [getattr(made, role)]


def test_a_search_matching_too_many_patients_is_refused(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk, "SEARCH_PATIENTS_MAX", 1)
    with made.store.reading() as s, pytest.raises(desk.TooBroad):
        desk.matching_patients(s, "o")  # Ben Okafor, Zoë Ångström, ...


def test_the_change_token_moves_when_anything_is_recorded(made: Made) -> None:
    with made.store.reading() as s:
        before = desk.change_token(s)
        assert desk.kiosks(s) == ["kiosk-test"]
        assert desk.form_ids(s) == ["mild", "small"]
    flag_id = followup.open_questions(made.store, _forms(made))[0].flag_id  # type: ignore[arg-type]
    followup.answer_question(made.store, flag_id, staff="Sam Carter", note="Called", now=NOW)
    with made.store.reading() as s:
        assert desk.change_token(s) > before


def test_a_briefing_s_events_are_in_time_order_with_their_seconds(made: Made) -> None:
    with made.store.reading() as s:
        events = timeline.timeline(s, made.completed, _forms(made))  # type: ignore[arg-type]
        assert timeline.timeline(s, "no-such-briefing", {}) == []
    kinds = [e.kind for e in events]
    assert kinds[:3] == ["briefing_prepared", "briefing_started", "identity_confirmed"]
    assert kinds.count("risk_shown") == kinds.count("risk_acknowledged") == len(FORM.risks)
    assert "question_flagged" in kinds and "signed" in kinds and kinds[-1] == "document_made"
    assert [e.at for e in events] == sorted(e.at for e in events)
    first_risk = FORM.risks[0]
    shown = kinds.index("risk_shown")
    assert events[shown].screen_title == first_risk.title
    acknowledged = next(e for e in events if e.kind == "risk_acknowledged")
    assert acknowledged.screen_id == first_risk.id and acknowledged.seconds is not None
    flagged = next(e for e in events if e.kind == "question_flagged")
    assert flagged.screen_title == FORM.risks[2].title
    assert {e.actor for e in events} >= {"Nurse Lee", "patient"}


def test_questions_are_answered_then_the_surgeon_told_each_audited(made: Made) -> None:
    forms = _forms(made)
    with made.store.reading() as s:
        open_ = flags.flags(s, forms, Which.OPEN)  # type: ignore[arg-type]
    assert [f.briefing_id for f in open_] == [made.completed]
    flag = open_[0]
    assert (flag.patient_name, flag.kiosk_id, flag.form_id) == ("Ana Ruiz", "kiosk-test", "mild")
    assert flag.screen_title == FORM.risks[2].title and flag.open and flag.told_at is None

    followup.answer_question(
        made.store, flag.flag_id, staff="Sam Carter", note="Called her", now=NOW
    )
    flags.tell_surgeon(made.store, flag.flag_id, staff="Dana Okafor", now=NOW)
    with pytest.raises(followup.StaleError) as told_twice:
        flags.tell_surgeon(made.store, flag.flag_id, staff="Sam Carter", now=NOW)
    assert told_twice.value.text.args["name"] == "Dana Okafor"
    with pytest.raises(followup.StaleError):
        flags.tell_surgeon(made.store, 10_000, staff="Sam Carter", now=NOW)

    with made.store.reading() as s:
        assert flags.flags(s, forms, Which.OPEN) == []  # type: ignore[arg-type]
        assert flags.flags(s, forms, Which.UNTOLD) == []  # type: ignore[arg-type]
        (done,) = flags.flags(s, forms, Which.ALL)  # type: ignore[arg-type]
        actors = s.execute(
            select(AuditEntry.actor, AuditEntry.action).where(
                AuditEntry.action.in_(["flag_answered", flags.SURGEON_TOLD])
            )
        ).all()
        events = timeline.timeline(s, made.completed, forms)  # type: ignore[arg-type]
    assert (done.answered_by, done.answer_note, done.told_by) == (
        "Sam Carter",
        "Called her",
        "Dana Okafor",
    )
    assert set(actors) == {("Sam Carter", "flag_answered"), ("Dana Okafor", flags.SURGEON_TOLD)}
    answered = next(e for e in events if e.kind == "flag_answered")
    assert answered.detail == "Called her" and answered.actor == "Sam Carter"
    assert flags.SURGEON_TOLD in [e.kind for e in events]


def test_the_audit_never_gets_the_search_text() -> None:
    described = DeskFilters(search="Zoë", since=datetime(2026, 1, 1, tzinfo=UTC)).for_audit()
    assert "Zoë" not in str(described) and described["search"] is True
    assert date(2026, 1, 1).isoformat() in str(described["since"])
