"""The coordinator's desk list (no Qt): briefings across every kiosk, newest first, read a page at a
time by keyset (never OFFSET), with the filters the console offers and a cheap change token for
polling. Each function takes a `Session` the caller opens for reading and closes at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from kiosk.records.query import (
    Filters,
    KeptTotals,
    RecordRow,
    fold,
    rows_query,
    waiting_for_staff,
)
from kiosk.store.briefings import ANY_KIOSK
from kiosk.store.models import AuditEntry, BriefingRow, BriefingStatus, PatientRow

PAGE = 100
"""Rows the console reads at a time: one screenful and more, never the whole store."""
SEARCH_PATIENTS_MAX = 2000
"""A search matching more patients than this is too broad to list: staff type more of the name."""

_happened = func.coalesce(BriefingRow.started_at, BriefingRow.created_at)


class TooBroad(Exception):
    """The search text matches more patients than SEARCH_PATIENTS_MAX."""


@dataclass(frozen=True)
class DeskFilters:
    """What the console's list shows: every field narrows it; the default is every briefing."""

    since: datetime | None = None
    """Inclusive lower bound on when the briefing happened (started, else prepared)."""
    until: datetime | None = None
    """Exclusive upper bound."""
    statuses: frozenset[str] = field(default_factory=frozenset)
    """Of kiosk.records.query.STATUSES."""
    kiosk_id: str | None = None
    form_id: str | None = None
    search: str = ""
    """A piece of the patient's name or MRN (Unicode case folding, the same on every engine)."""

    def base(self) -> Filters:
        return Filters(
            since=self.since, until=self.until, statuses=self.statuses, form_id=self.form_id
        )

    def for_audit(self) -> dict[str, object]:
        """The filters for the audit log: never the search text, only whether there was one."""
        described = self.base().for_audit()
        described.pop("patient", None)
        described.pop("open_questions", None)
        described["kiosk_id"] = self.kiosk_id
        described["search"] = bool(self.search.strip())
        return described


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after this briefing (newest-first order)."""

    happened_at: datetime
    briefing_id: str


@dataclass(frozen=True)
class Page:
    rows: list[RecordRow]
    next: Cursor | None
    """None when this page was the last."""


def matching_patients(session: Session, text: str) -> list[int]:
    """Ids of patients whose name or MRN holds `text` (folded in Python: SQLite folds ASCII only).
    TooBroad when there are more than SEARCH_PATIENTS_MAX."""
    needle = fold(text.strip())
    found = [
        pid
        for pid, name, mrn in session.execute(
            select(PatientRow.id, PatientRow.name, PatientRow.mrn)
        )
        if needle in fold(name) or needle in fold(mrn or "")
    ]
    if len(found) > SEARCH_PATIENTS_MAX:
        raise TooBroad
    return found


def _conditions(filters: DeskFilters, patients: Sequence[int] | None) -> list[ColumnElement[bool]]:
    where = filters.base().where()
    if filters.kiosk_id is not None:
        where.append(BriefingRow.kiosk_id == filters.kiosk_id)
    if patients is not None:
        where.append(BriefingRow.patient_id.in_(list(patients)))
    return where


def page(
    session: Session,
    filters: DeskFilters,
    totals: Mapping[str, int],
    after: Cursor | None = None,
    limit: int = PAGE,
    patients: Sequence[int] | None = None,
) -> Page:
    """Up to `limit` briefings after `after`, newest first. `patients` is what `matching_patients`
    found for the search (None: no search)."""
    query = (
        rows_query(Filters())
        .where(*_conditions(filters, patients))
        .order_by(None)
        .order_by(_happened.desc(), BriefingRow.id.desc())
        .limit(limit + 1)
    )
    if after is not None:
        query = query.where(
            or_(
                _happened < after.happened_at,
                and_(_happened == after.happened_at, BriefingRow.id < after.briefing_id),
            )
        )
    counts = KeptTotals(session, totals)
    rows = waiting_for_staff(session, [_row(r, counts) for r in session.execute(query)])
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if rows else None
    cursor = Cursor(last.happened_at, last.briefing_id) if more and last else None
    return Page(rows, cursor)


def _row(r: Sequence[object], totals: KeptTotals) -> RecordRow:
    values = list(r)
    total = totals.get(str(values[7]))
    if total is None and values[8] == BriefingStatus.COMPLETED:
        total = values[17]  # type: ignore[assignment]  # signing needs every risk acknowledged
    return RecordRow(*values[:18], total, *values[18:])  # type: ignore[arg-type, call-arg]


def count(session: Session, filters: DeskFilters, patients: Sequence[int] | None = None) -> int:
    """How many briefings the filters select."""
    query = select(func.count()).select_from(BriefingRow).where(*_conditions(filters, patients))
    return int(session.execute(query).scalar_one())


def kiosks(session: Session) -> list[str]:
    """Every kiosk id that has a briefing in the store."""
    return sorted(session.execute(select(BriefingRow.kiosk_id).distinct()).scalars())


def form_ids(session: Session) -> list[str]:
    """Every procedure id that has a briefing in the store."""
    return sorted(session.execute(select(BriefingRow.form_id).distinct()).scalars())


def change_token(session: Session) -> int:
    """The audit log's newest sequence number: every recorded event appends a row, so the list
    needs reading again exactly when it moved (one index lookup, cheap to poll)."""
    return int(session.execute(select(func.max(AuditEntry.seq))).scalar() or 0)


def known_kiosks(session: Session) -> list[str]:
    """Every kiosk that has started on this store (each start records its settings) or has a
    briefing: the kiosks a briefing can be prepared for."""
    started = select(AuditEntry.kiosk_id).where(AuditEntry.action == "settings_changed")
    with_briefings = select(BriefingRow.kiosk_id)
    return sorted(set(session.execute(started.union(with_briefings)).scalars()) - {ANY_KIOSK})
