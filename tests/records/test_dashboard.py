"""The dashboard's figures from the store (no Qt): per day, how briefings ended and where abandoned
ones stopped, the median minutes, seconds per screen, the screens most flagged and the questions
most missed on the first try, for one procedure version; and each chart as CSV rows."""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime

from kiosk.records import dashboard
from kiosk.records.dashboard import CHARTS, Version
from kiosk.records.withdrawal import withdraw
from kiosk.session import ScreenKind
from kiosk.session.events import AbandonReason
from tests.records.conftest import FORM, Made, _start, walk_to

SINCE, UNTIL = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)


def _mild(made: Made) -> Version:
    with made.store.reading() as session:
        found = dashboard.versions(session)
    return next(v for v in found if v.form_id == "mild")


def _figures(made: Made, since: datetime = SINCE) -> dashboard.Figures:
    with made.store.reading() as session:
        return dashboard.figures(session, _mild(made), since, UNTIL, FORM)


def test_how_the_briefings_of_a_version_went(made: Made) -> None:
    with made.store.reading() as session:
        found = dashboard.versions(session)
    assert {(v.form_id, v.briefings) for v in found} == {("mild", 4), (made.small.id, 1)}
    f = _figures(made)
    assert (f.completed, f.abandoned, f.in_progress, f.withdrawn) == (2, 1, 0, 0)
    assert [(d.completed, d.abandoned) for d in f.days] == [(1, 0), (1, 0), (0, 1)]
    second_risk = FORM.risks[1]
    (where,) = f.abandoned_where  # Zoë acknowledged two risks, then left
    assert (where.screen_id, where.title, where.count) == (second_risk.id, second_risk.title, 1)
    flagged = f.most_flagged[0]
    assert (flagged.screen_id, flagged.count, flagged.of) == (FORM.risks[2].id, 1, 3)
    assert f.most_missed == []  # every first answer was right
    assert f.median_minutes is not None and 0 < f.median_minutes < 60
    by_screen = {s.screen_id: s for s in f.screen_seconds}
    assert [s.screen_id for s in f.screen_seconds][:2] == ["about", FORM.steps[0].id]
    # Welcome is left before the briefing's reading begins (always about 0 s): not a row
    assert "welcome" not in by_screen and "identity" in by_screen
    risk = by_screen[FORM.risks[0].id]
    assert risk.count == 2 and risk.low <= risk.q1 <= risk.median <= risk.q3 <= risk.high


def test_a_range_a_withdrawal_and_a_missed_first_answer(made: Made) -> None:
    assert _figures(made, datetime(2026, 11, 22, tzinfo=UTC)).completed == 0
    when = datetime(2026, 11, 23, 10, tzinfo=UTC)
    withdraw(made.store, made.prepared, staff="Sam", reason="not-wanted", now=when)
    b, clock, _ = _start(made.store, FORM, "Lee Park", date(1960, 1, 1), None, when)
    walk_to(b, ScreenKind.QUESTION, clock=clock)
    question = FORM.question(b.current.id)
    b.answer_question(next(c.id for c in question.choices if c.id != question.answer))
    b.abandon(AbandonReason.STAFF)  # left right after a wrong first answer
    f = _figures(made)
    assert f.withdrawn == 1 and f.abandoned == 2  # withdrawn ones never started: counted apart
    (missed,) = f.most_missed
    assert (missed.screen_id, missed.title, missed.count, missed.of) == (
        question.id, question.prompt, 1, 3,
    )  # fmt: skip
    assert (question.id, 1) in {(t.screen_id, t.count) for t in f.abandoned_where}


def test_each_chart_as_csv_rows(made: Made) -> None:
    f = _figures(made)
    rows = {chart: dashboard.rows_of(f, chart) for chart in CHARTS}
    assert rows["days"][1:] == [
        [date(2026, 11, 20).isoformat(), 1, 0, 0],
        [date(2026, 11, 21).isoformat(), 1, 0, 0],
        [date(2026, 11, 22).isoformat(), 0, 1, 0],
    ]
    assert rows["outcomes"][1] == ["completed", "", "", 2]
    assert rows["outcomes"][-1][:2] == ["abandoned", FORM.risks[1].id]
    seconds = rows["seconds"]
    assert seconds[0] == ["screen_id", "screen", "briefings", "min", "q1", "median", "q3", "max"]
    about = seconds[1]
    assert about[:3] == ["about", FORM.about.title, 2]
    assert about[5] == round(statistics.median([about[3], about[7]]), 1)
    assert rows["flagged"][1][:3] == [FORM.risks[2].id, FORM.risks[2].title, 1]
    assert rows["missed"] == [["screen_id", "screen", "missed_first_try", "first_answers"]]
