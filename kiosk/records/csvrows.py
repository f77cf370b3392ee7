"""The briefing CSV's rows streamed from one query: the driver's values made into cells as they
come, no row objects in between (`find_records` builds a RecordRow per briefing for the lists)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from kiosk.records.query import OPEN_FLAG, Filters, KeptTotals, _count, _happened
from kiosk.store.hot import driver_rows
from kiosk.store.models import (
    BriefingRow,
    BriefingStatus,
    Document,
    PatientRow,
    QuestionFlag,
    RebriefingRow,
    RiskAcknowledgement,
    SignerRow,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection")."""
_FORMULA_FIRST = frozenset(FORMULA_STARTS)


def safe_cell(value: str) -> str:
    """The text as typed, with a leading apostrophe if a spreadsheet would read it as a formula."""
    return "'" + value if value[:1] in _FORMULA_FIRST else value


def text(value: str | None) -> str:
    return "" if value is None else safe_cell(value)


def moment(value: datetime | str | None, zone: tzinfo | None, timespec: str = "seconds") -> str:
    """A stored time as ISO-8601 with its UTC offset in `zone` (None: this machine's local zone);
    SQLite's text ("2026-01-05 08:00:00.000000", UTC) read as the store writes it."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value.astimezone(zone).isoformat(timespec=timespec)


class Moments:
    """`moment(text, zone)` for SQLite's stored UTC text, to the second, without a datetime per
    value: the zone's offset is worked out once per UTC hour ("2026-01-05 08"), and a time in an
    hour whose offset holds from its first second to its last, by whole hours, is that hour's
    local "YYYY-MM-DDTHH" with the stored minutes and seconds and the offset. An hour in which the
    offset changes (a daylight-saving switch), an offset of part of an hour, or a value that is not
    SQLite's text takes `moment` itself: the result is always exactly `moment`'s."""

    def __init__(self, zone: tzinfo | None) -> None:
        self.zone = zone
        self.hours: dict[str, tuple[str, str] | None] = {}

    def __call__(self, value: datetime | str | None) -> str:
        if value is None or not isinstance(value, str) or len(value) < 19 or value[10] != " ":
            return moment(value, self.zone)
        key = value[:13]
        if key in self.hours:
            hour = self.hours[key]
        else:
            hour = self.hours[key] = self._hour(key)
        if hour is None:
            return moment(value, self.zone)
        return hour[0] + value[13:19] + hour[1]

    def _hour(self, key: str) -> tuple[str, str] | None:
        try:
            first = datetime.fromisoformat(key + ":00:00").replace(tzinfo=UTC).astimezone(self.zone)
            last = datetime.fromisoformat(key + ":59:59").replace(tzinfo=UTC).astimezone(self.zone)
        except ValueError:
            return None
        offset = first.utcoffset()
        if offset is None or offset != last.utcoffset() or offset.total_seconds() % 3600:
            return None
        stamp = first.isoformat(timespec="seconds")  # "YYYY-MM-DDTHH:00:00+hh:mm"
        return stamp[:13], stamp[19:]


def day(value: date | str | None) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else value.isoformat()


SIGNER_COLUMNS = ("representative", "interpreter", "witness")
"""The CSV's column per kind of signer beside the patient (their names; more than one joined by "; ")."""


def _signers(kind: str) -> Any:
    """The names of the briefing's signers of `kind` (one subquery per kind)."""
    return (
        select(func.aggregate_strings(SignerRow.name, "; "))
        .where(SignerRow.briefing_id == BriefingRow.id, SignerRow.kind == kind)
        .scalar_subquery()
    )


def lines_query(filters: Filters) -> Select[*tuple[Any, ...]]:
    """`rows_query` with only what the CSV prints: the same briefings in the same order, without
    the signature's join and the count of every flag (a third subquery per briefing)."""
    return (
        select(
            BriefingRow.id,
            PatientRow.name,
            PatientRow.date_of_birth,
            PatientRow.mrn,
            BriefingRow.form_id,
            BriefingRow.form_version,
            BriefingRow.content_sha256,
            BriefingRow.status,
            BriefingRow.kiosk_id,
            BriefingRow.started_at,
            BriefingRow.ended_at,
            _count(RiskAcknowledgement),
            _count(QuestionFlag, OPEN_FLAG),
            Document.sha256,
            BriefingRow.language,
            BriefingRow.practitioner,
            BriefingRow.planned_date,
            *(_signers(kind) for kind in SIGNER_COLUMNS),
            RebriefingRow.earlier_id,
            BriefingRow.end_reason,
            BriefingRow.created_at,
            BriefingRow.prepared_by,
        )
        .outerjoin(PatientRow, PatientRow.id == BriefingRow.patient_id)
        .outerjoin(Document, Document.briefing_id == BriefingRow.id)
        .outerjoin(RebriefingRow, RebriefingRow.briefing_id == BriefingRow.id)
        .where(*filters.where())
        .order_by(_happened, BriefingRow.id)
    )


def briefing_lines(
    session: Session,
    filters: Filters,
    risk_totals: Mapping[str, int] | None,
    zone: tzinfo | None,
) -> Iterator[list[Any]]:
    """One CSV line per matching briefing (BRIEFING_HEADER's columns), in the order they happened,
    with the same counts as `find_records` (a completed briefing whose form is not known counts its
    acknowledgements as its total)."""
    totals = KeptTotals(session, risk_totals or {})
    completed = BriefingStatus.COMPLETED.value
    when = Moments(zone)
    for r in driver_rows(session.connection(), lines_query(filters)):
        if filters.patient is not None and not filters.matches_patient(r[1], r[3]):
            continue
        total = totals.get(r[6])
        if total is None and r[7] == completed:
            total = r[11]
        yield [
            r[0],
            text(r[1]),
            day(r[2]),
            text(r[3]),
            text(r[4]),
            text(r[5]),
            r[14],
            r[7],
            text(r[8]),
            when(r[9]),
            when(r[10]),
            r[11],
            "" if total is None else total,
            r[12],
            r[13] or "",
            text(r[15]),
            day(r[16]),
            *(text(names) for names in r[17:20]),
            r[20] or "",
            r[21] or "",
            when(r[22]),
            text(r[23]),
        ]
