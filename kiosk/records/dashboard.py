"""The console dashboard's figures for one procedure version over a date range (no Qt): briefings
per day, completed against abandoned (and the last screen an abandoned one reached), the median
minutes of a completed briefing, the seconds on each screen (five numbers for a box plot), the
screens most flagged and the questions most missed on the first try; each also as CSV rows.

Counted: briefings a patient started in the range (`started_at`), of that version (its content
hash). Prepared briefings still waiting, and withdrawn ones (never started), are not briefings
yet: withdrawn ones are counted apart. A few queries, each over the range, never one a briefing.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from kiosk.content.schema import Form
from kiosk.records.followup import briefing_subject
from kiosk.records.query import WITHDRAWN
from kiosk.store.models import (
    AuditEntry,
    BriefingRow,
    BriefingStatus,
    ComprehensionAnswer,
    QuestionFlag,
    SignatureRow,
)

CHUNK = 500
"""Abandoned briefings whose audit rows are read in one query."""
TOP = 10
"""The screens and questions a ranking shows."""
SCREEN_KEYS = ("risk", "screen", "question")
"""The audit details that name the screen an event happened on."""
NOTHING_YET = ""
NOT_TIMED = frozenset({"welcome"})
"""Screens left out of the seconds per screen: Welcome is not part of the briefing's reading. The
briefing begins at the Start touch and leaves Welcome at once (its time is always about 0 s, a row
that says nothing); a patient who goes back to it is waiting there, not reading."""
"""Where an abandoned briefing ended when no screen of it was recorded (before the first answer)."""


@dataclass(frozen=True)
class Version:
    """A procedure's content version that has briefings, as the dashboard offers it."""

    form_id: str
    form_version: str
    content_sha256: str
    briefings: int


@dataclass(frozen=True)
class Day:
    day: date
    completed: int
    abandoned: int
    in_progress: int


@dataclass(frozen=True)
class Spread:
    """Seconds on one screen over the completed briefings: the five numbers of a box plot."""

    screen_id: str
    title: str
    count: int
    low: float
    q1: float
    median: float
    q3: float
    high: float


@dataclass(frozen=True)
class Tally:
    """How many of `of` briefings (or first answers) did it on this screen."""

    screen_id: str
    title: str
    count: int
    of: int


@dataclass(frozen=True)
class Figures:
    version: Version
    days: list[Day]
    completed: int
    abandoned: int
    in_progress: int
    withdrawn: int
    abandoned_where: list[Tally]
    median_minutes: float | None
    screen_seconds: list[Spread]
    most_flagged: list[Tally]
    most_missed: list[Tally]


def versions(session: Session) -> list[Version]:
    """Every procedure version with briefings, by procedure, newest content first."""
    newest = func.max(BriefingRow.created_at)
    rows = session.execute(
        select(
            BriefingRow.form_id,
            BriefingRow.form_version,
            BriefingRow.content_sha256,
            func.count(),
        )
        .group_by(BriefingRow.form_id, BriefingRow.form_version, BriefingRow.content_sha256)
        .order_by(BriefingRow.form_id, newest.desc())
    )
    return [Version(f, v, sha, n) for f, v, sha, n in rows]


def figures(
    session: Session,
    version: Version,
    since: datetime,
    until: datetime,
    form: Form | None = None,
) -> Figures:
    """The dashboard for `version`, briefings started in [since, until); `form` (that version's
    content, if this computer has it) names the screens and gives their order."""
    ours = and_(
        BriefingRow.form_id == version.form_id,
        BriefingRow.content_sha256 == version.content_sha256,
    )
    started = and_(ours, BriefingRow.started_at >= since, BriefingRow.started_at < until)
    rows = session.execute(
        select(
            BriefingRow.id, BriefingRow.status, BriefingRow.started_at, BriefingRow.ended_at
        ).where(started)
    ).all()
    withdrawn = session.execute(
        select(func.count()).where(
            ours,
            BriefingRow.end_reason == WITHDRAWN,
            BriefingRow.ended_at >= since,
            BriefingRow.ended_at < until,
        )
    ).scalar_one()
    statuses = Counter(status for _, status, _, _ in rows)
    name = _namer(form)
    abandoned_ids = [i for i, s, _, _ in rows if s == BriefingStatus.ABANDONED]
    minutes = [
        (end - start).total_seconds() / 60
        for _, status, start, end in rows
        if status == BriefingStatus.COMPLETED and start and end
    ]
    return Figures(
        version=version,
        days=_days(rows),
        completed=statuses[BriefingStatus.COMPLETED],
        abandoned=statuses[BriefingStatus.ABANDONED],
        in_progress=statuses[BriefingStatus.IN_PROGRESS],
        withdrawn=withdrawn,
        abandoned_where=_where_abandoned(session, abandoned_ids, name),
        median_minutes=statistics.median(minutes) if minutes else None,
        screen_seconds=_screen_seconds(session, started, form, name),
        most_flagged=_most_flagged(session, started, len(rows), name),
        most_missed=_most_missed(session, started, name),
    )


def _namer(form: Form | None) -> Any:
    return (lambda screen_id: form.title_of(screen_id)) if form else (lambda screen_id: screen_id)


def _days(rows: Sequence[Any]) -> list[Day]:
    by_day: dict[date, Counter[str]] = defaultdict(Counter)
    for _, status, start, _ in rows:
        by_day[start.astimezone().date()][status] += 1
    return [
        Day(
            day,
            c[BriefingStatus.COMPLETED],
            c[BriefingStatus.ABANDONED],
            c[BriefingStatus.IN_PROGRESS],
        )
        for day, c in sorted(by_day.items())
    ]


def _where_abandoned(session: Session, ids: list[str], name: Any) -> list[Tally]:
    """For each abandoned briefing, the last screen its audit rows name (the screen it was
    answering or acknowledging on last); counted by screen, most first."""
    last: dict[str, str] = {}
    for start in range(0, len(ids), CHUNK):
        subjects = {briefing_subject(i): i for i in ids[start : start + CHUNK]}
        audited = session.execute(
            select(AuditEntry.subject, AuditEntry.detail)
            .where(AuditEntry.subject.in_(list(subjects)))
            .order_by(AuditEntry.seq)
        )
        for subject, detail in audited:
            screen = next((v for k in SCREEN_KEYS if (v := json.loads(detail).get(k))), None)
            if screen:
                last[subjects[subject]] = str(screen)
    counted = Counter(last.get(i, NOTHING_YET) for i in ids)
    return [
        Tally(screen, name(screen) if screen else "", n, len(ids))
        for screen, n in counted.most_common()
    ]


def _screen_seconds(
    session: Session, started: ColumnElement[bool], form: Form | None, name: Any
) -> list[Spread]:
    seconds: dict[str, list[float]] = defaultdict(list)
    found = session.execute(
        select(SignatureRow.screen_times_json)
        .join(BriefingRow, BriefingRow.id == SignatureRow.briefing_id)
        .where(started)
    ).scalars()
    for text in found:
        for screen_id, _visits, spent in json.loads(text):
            if screen_id not in NOT_TIMED:
                seconds[screen_id].append(float(spent))
    order = list(seconds)
    if form is not None:
        known = [s.id for _, s in form.content_screens()] + [q.id for q in form.questions]
        order = [s for s in known if s in seconds] + [s for s in order if s not in known]
    return [_spread(screen, name(screen), seconds[screen]) for screen in order]


def _spread(screen_id: str, title: str, values: list[float]) -> Spread:
    values = sorted(values)
    if len(values) > 1:
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    else:
        q1 = median = q3 = values[0]
    return Spread(screen_id, title, len(values), values[0], q1, median, q3, values[-1])


def _most_flagged(
    session: Session, started: ColumnElement[bool], briefings: int, name: Any
) -> list[Tally]:
    count = func.count(QuestionFlag.id)
    rows = session.execute(
        select(QuestionFlag.screen_id, count)
        .join(BriefingRow, BriefingRow.id == QuestionFlag.briefing_id)
        .where(started)
        .group_by(QuestionFlag.screen_id)
        .order_by(count.desc(), QuestionFlag.screen_id)
        .limit(TOP)
    )
    return [Tally(screen, name(screen), n, briefings) for screen, n in rows]


def _most_missed(session: Session, started: ColumnElement[bool], name: Any) -> list[Tally]:
    """Questions by how many first answers were wrong, of how many first answers."""
    first = session.execute(
        select(ComprehensionAnswer.question_id, ComprehensionAnswer.correct, func.count())
        .join(BriefingRow, BriefingRow.id == ComprehensionAnswer.briefing_id)
        .where(started, ComprehensionAnswer.attempt == 1)
        .group_by(ComprehensionAnswer.question_id, ComprehensionAnswer.correct)
    )
    answered: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for question, correct, n in first:
        answered[question] += n
        if not correct:
            missed[question] += n
    ranked = sorted(answered, key=lambda q: (-missed[q] / answered[q], -missed[q], q))
    return [Tally(q, name(q), missed[q], answered[q]) for q in ranked[:TOP] if missed[q]]


# -- as CSV ------------------------------------------------------------------------------------

CHARTS = ("days", "outcomes", "seconds", "flagged", "missed")
"""The dashboard's charts, each exportable as CSV rows."""


def rows_of(figures: Figures, chart: str) -> list[list[Any]]:
    """A chart's numbers as CSV rows, a header first (screen ids as well as titles)."""
    f = figures
    if chart == "days":
        return [["day", "completed", "abandoned", "in_progress"]] + [
            [d.day.isoformat(), d.completed, d.abandoned, d.in_progress] for d in f.days
        ]
    if chart == "outcomes":
        rows: list[list[Any]] = [["outcome", "screen_id", "screen", "briefings"]]
        rows += [["completed", "", "", f.completed], ["in_progress", "", "", f.in_progress]]
        rows += [["withdrawn", "", "", f.withdrawn]]
        rows += [["abandoned", t.screen_id, t.title, t.count] for t in f.abandoned_where]
        return rows
    if chart == "seconds":
        head = ["screen_id", "screen", "briefings", "min", "q1", "median", "q3", "max"]
        return [head] + [
            [s.screen_id, s.title, s.count, *(round(v, 1) for v in _five(s))]
            for s in f.screen_seconds
        ]
    tallies = f.most_flagged if chart == "flagged" else f.most_missed
    of = "briefings" if chart == "flagged" else "first_answers"
    what = "flagged" if chart == "flagged" else "missed_first_try"
    return [["screen_id", "screen", what, of]] + [
        [t.screen_id, t.title, t.count, t.of] for t in tallies
    ]


def _five(s: Spread) -> Iterable[float]:
    return (s.low, s.q1, s.median, s.q3, s.high)
