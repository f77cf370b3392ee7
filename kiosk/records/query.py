"""Finding briefings: the filters, and one query giving each briefing's row with its counts."""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from kiosk.i18n import language_name
from kiosk.store.models import (
    AuditEntry,
    BriefingRow,
    BriefingStatus,
    Document,
    PatientRow,
    QuestionFlag,
    RebriefingRow,
    RiskAcknowledgement,
    SignatureRow,
)
from kiosk.store.versions import kept_risk_counts

Progress = Callable[[int, int], None]
"""Told (done, total) briefings as an export goes, so a command can draw a progress bar; it may
raise `ExportCancelled` (kiosk.records.output) to stop the export with nothing left behind."""

CHUNK = 500
"""Briefings whose child rows are read in one query: a few queries per chunk, never one per briefing."""

WITHDRAWN = "withdrawn"
"""The end reason of a briefing staff withdrew before its patient started it (kiosk.records.
withdrawal): stored as abandoned, it is shown, filtered and counted as withdrawn, apart."""
STATUSES = (*(s.value for s in BriefingStatus), WITHDRAWN)
"""What a briefing is shown as, and filtered by: its stored status, or withdrawn."""

OPEN_FLAG: ColumnElement[bool] = QuestionFlag.answered_at.is_(None)
"""A flagged question is open until a staff member answers it: the one place that says so."""

_happened = func.coalesce(BriefingRow.started_at, BriefingRow.created_at)
"""When a briefing happened, for date ranges and order: when it started, else when it was prepared."""


def _status(word: str) -> str:
    if word not in STATUSES:
        raise ValueError(f"no status {word!r}: one of {', '.join(STATUSES)}")
    return word


_WITHDRAWN: ColumnElement[bool] = and_(
    BriefingRow.status == BriefingStatus.ABANDONED, BriefingRow.end_reason == WITHDRAWN
)


def _shown_as(status: str) -> ColumnElement[bool]:
    """The briefings shown as `status` (of STATUSES)."""
    if status == WITHDRAWN:
        return _WITHDRAWN
    if status == BriefingStatus.ABANDONED:
        return and_(
            BriefingRow.status == status,
            or_(BriefingRow.end_reason.is_(None), BriefingRow.end_reason != WITHDRAWN),
        )
    return BriefingRow.status == _status(status)


@dataclass(frozen=True)
class Filters:
    """Which briefings: every field narrows the set; the default is every briefing."""

    since: datetime | None = None
    """Inclusive lower bound on when the briefing happened (`_happened`)."""
    until: datetime | None = None
    """Exclusive upper bound on when the briefing happened."""
    statuses: frozenset[str] = field(default_factory=frozenset)
    """Of STATUSES: "abandoned" leaves out the withdrawn ones, which "withdrawn" finds."""
    form_id: str | None = None
    patient: str | None = None
    """A piece of the patient's name or MRN, matched ignoring case (Unicode case folding)."""
    open_questions: bool = False
    """Only briefings with at least one flagged question not yet answered."""

    def to_json(self) -> dict[str, Any]:
        """Every filter as plain values (the patient text included: for the export file itself)."""
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "statuses": sorted(str(s) for s in self.statuses),
            "form_id": self.form_id,
            "patient": self.patient,
            "open_questions": self.open_questions,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Filters:
        return cls(
            since=datetime.fromisoformat(data["since"]) if data.get("since") else None,
            until=datetime.fromisoformat(data["until"]) if data.get("until") else None,
            statuses=frozenset(_status(s) for s in data.get("statuses") or ()),
            form_id=data.get("form_id"),
            patient=data.get("patient"),
            open_questions=bool(data.get("open_questions")),
        )

    def for_audit(self) -> dict[str, Any]:
        """The filters for the audit log: never the patient text (it may be a name), only that one was given."""
        described = self.to_json()
        described["patient"] = self.patient is not None
        return described

    def where(self) -> list[ColumnElement[bool]]:
        """The SQL conditions (the patient text is matched in Python: see `matches_patient`)."""
        conditions: list[ColumnElement[bool]] = []
        if self.since is not None:
            conditions.append(_happened >= self.since)
        if self.until is not None:
            conditions.append(_happened < self.until)
        if self.statuses:
            conditions.append(or_(*(_shown_as(str(s)) for s in sorted(self.statuses))))
        if self.form_id is not None:
            conditions.append(BriefingRow.form_id == self.form_id)
        if self.open_questions:
            conditions.append(
                exists().where(and_(QuestionFlag.briefing_id == BriefingRow.id, OPEN_FLAG))
            )
        return conditions

    def matches_patient(self, name: str | None, mrn: str | None) -> bool:
        # SQLite's lower() and LIKE fold ASCII only ("Zoë" would miss "ZOË"): match here, the same on every engine.
        if self.patient is None:
            return True
        needle = fold(self.patient)
        return needle in fold(name or "") or needle in fold(mrn or "")


STROKED = str.maketrans({"đ": "d", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i", "ð": "d",
                         "þ": "th", "ħ": "h"})  # fmt: skip
"""Latin letters with a stroke or joined, which no decomposition takes apart (Đặng, Søren)."""


def fold(text: str) -> str:
    """Text as a search compares it: without case or accents ("Muñoz" is found by "munoz", "Nguyễn"
    by "nguyen", "Đặng" by "dang": staff type on keys without the accents, or from a list without
    them)."""
    if text.isascii():
        return text.lower()
    parts = unicodedata.normalize("NFKD", text).casefold().translate(STROKED)
    bare = "".join(ch for ch in parts if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare)


@dataclass(frozen=True, slots=True)
class RecordRow:
    """One briefing as a list or CSV shows it: identity, content, state, times and counts."""

    briefing_id: str
    patient_id: int | None
    patient_name: str | None
    date_of_birth: date | None
    mrn: str | None
    form_id: str
    form_version: str
    content_sha256: str
    status: str
    kiosk_id: str
    prepared_by: str | None
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    end_reason: str | None
    signed_at: datetime | None
    signature_kind: str | None
    risks_acknowledged: int
    risks_total: int | None
    """Risks in the form the patient saw; None when that form version is not on this machine."""
    questions_flagged: int
    open_questions: int
    pdf_status: str | None
    """"made", "pending", or None for a briefing never signed."""
    pdf_sha256: str | None
    pdf_path: str | None
    language: str
    """The patient's language: prepared or started in it, or chosen since (BCP-47: "en", "es")."""
    certificate_sha256: str | None = None
    """SHA-256 (hex) of the kiosk certificate that sealed the PDF (None: not sealed yet, or
    sealed before the store kept it)."""
    rebriefing_of: str | None = None
    """For a re-briefing (the procedure's content changed), the earlier briefing's id."""
    waits_for_staff: bool = False
    """In progress, but stopped at its first screen for staff: the birth date was refused too
    often, or whoever was there said it was not theirs (see `waiting_for_staff`)."""

    @property
    def happened_at(self) -> datetime:
        return self.started_at or self.created_at

    @property
    def status_word(self) -> str:
        """The status as the command line prints it ("in progress"), and "withdrawn" for a briefing
        staff withdrew: stored as abandoned, it had been listed so while the desk said Withdrawn."""
        return WITHDRAWN if self.end_reason == WITHDRAWN else self.status.replace("_", " ")

    @property
    def language_name(self) -> str:
        """The briefing's language by its own name ("Español"), as staff see it in their list."""
        return language_name(self.language)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            out[name] = value.isoformat() if isinstance(value, date | datetime) else value
        return out


def _count(model: Any, *extra: ColumnElement[bool]) -> Any:
    return (
        select(func.count())
        .select_from(model)
        .where(model.briefing_id == BriefingRow.id, *extra)
        .correlate(BriefingRow)
        .scalar_subquery()
    )


def rows_query(filters: Filters) -> Select[*tuple[Any, ...]]:
    """One SELECT: each briefing joined to its patient, signature and PDF, with its counts as subqueries."""
    return (
        select(
            BriefingRow.id,
            BriefingRow.patient_id,
            PatientRow.name,
            PatientRow.date_of_birth,
            PatientRow.mrn,
            BriefingRow.form_id,
            BriefingRow.form_version,
            BriefingRow.content_sha256,
            BriefingRow.status,
            BriefingRow.kiosk_id,
            BriefingRow.prepared_by,
            BriefingRow.created_at,
            BriefingRow.started_at,
            BriefingRow.ended_at,
            BriefingRow.end_reason,
            SignatureRow.signed_at,
            SignatureRow.kind,
            _count(RiskAcknowledgement),
            _count(QuestionFlag),
            _count(QuestionFlag, OPEN_FLAG),
            Document.status,
            Document.sha256,
            Document.path,
            BriefingRow.language,
            Document.certificate_sha256,
            RebriefingRow.earlier_id,
        )
        .outerjoin(PatientRow, PatientRow.id == BriefingRow.patient_id)
        .outerjoin(SignatureRow, SignatureRow.briefing_id == BriefingRow.id)
        .outerjoin(Document, Document.briefing_id == BriefingRow.id)
        .outerjoin(RebriefingRow, RebriefingRow.briefing_id == BriefingRow.id)
        .where(*filters.where())
        .order_by(_happened, BriefingRow.id)
    )


def find_records(
    session: Session,
    filters: Filters,
    risk_totals: Mapping[str, int] | None = None,
    *,
    briefing_id: str | None = None,
) -> list[RecordRow]:
    """The briefings that match (only `briefing_id`'s when given), in the order they happened.

    `risk_totals` maps a form's content SHA-256 to its number of risks (see `risk_totals`); a
    completed briefing whose form is neither known nor kept counts its acknowledgements, since signing needs
    every risk acknowledged; any other gets None.
    """
    query = rows_query(filters)
    if briefing_id is not None:
        query = query.where(BriefingRow.id == briefing_id)
    totals = KeptTotals(session, risk_totals or {})
    out: list[RecordRow] = []
    for r in session.execute(query):
        if not filters.matches_patient(r[2], r[4]):
            continue
        total = totals.get(r[7])
        if total is None and r[8] == BriefingStatus.COMPLETED:
            total = r[17]
        out.append(RecordRow(*[*r[:18], total, *r[18:]]))
    return waiting_for_staff(session, out)


WAITS_FOR_STAFF = ("identity_rejected", "identity_disputed")
"""The audit actions after which a briefing in progress waits for staff (a rejection only when it
locked the briefing)."""


def waiting_for_staff(session: Session, rows: list[RecordRow]) -> list[RecordRow]:
    """`rows`, those in progress that wait for staff marked so: a patient locked out by wrong
    birth dates read as plain "In progress" at the desk (a reviewer)."""
    live = [r.briefing_id for r in rows if r.status == BriefingStatus.IN_PROGRESS]
    if not live:
        return rows
    waiting: set[str] = set()
    for start in range(0, len(live), CHUNK):
        subjects = [f"briefing:{i}" for i in live[start : start + CHUNK]]
        found = session.execute(
            select(AuditEntry.subject, AuditEntry.action, AuditEntry.detail).where(
                AuditEntry.subject.in_(subjects), AuditEntry.action.in_(WAITS_FOR_STAFF)
            )
        )
        for subject, action, detail in found:
            if action == "identity_disputed" or json.loads(detail).get("locked_out"):
                waiting.add(subject.removeprefix("briefing:"))
    return [
        dataclasses.replace(r, waits_for_staff=True) if r.briefing_id in waiting else r
        for r in rows
    ]


class KeptTotals:
    """Content SHA-256 -> number of risks: `totals` (the forms this machine has), then, asked for a
    hash they lack, each version kept in the store, read once (a briefing left unfinished on an
    older version showed "1 of ?" once the forms changed: a reviewer). A read whose briefings are
    all on the forms here never asks the store."""

    def __init__(self, session: Session, totals: Mapping[str, int]) -> None:
        self._session, self._totals = session, totals
        self._kept: dict[str, int] | None = None

    def get(self, sha: str) -> int | None:
        found = self._totals.get(sha)
        if found is None:
            if self._kept is None:
                self._kept = kept_risk_counts(self._session, self._totals.keys())
            found = self._kept.get(sha)
        return found


def procedure_ids(session: Session, forms: Iterable[Any] = ()) -> list[str]:
    """Every procedure id a filter may name: those briefed in the store and those of `forms`."""
    briefed = session.execute(select(BriefingRow.form_id).distinct()).scalars()
    return sorted({*briefed, *(form.id for form in forms)})


def risk_totals(forms: Iterable[Any]) -> dict[str, int]:
    """Content SHA-256 -> number of risks, for the forms this machine has."""
    return {form.content_sha256: len(form.risks) for form in forms}


def chunks(rows: Sequence[RecordRow], size: int | None = None) -> Iterator[Sequence[RecordRow]]:
    size = size or CHUNK
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def spans(total: int, size: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each chunk of `total` items, CHUNK at a time."""
    size = size or CHUNK
    for start in range(0, total, size):
        yield start, min(start + size, total)


def child_rows(
    session: Session, table: Table, ids: Sequence[str], key: str = "briefing_id"
) -> dict[str, list[Any]]:
    """Every row of `table` for these briefings (one query), grouped by briefing id, in id order."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    order = table.c.seq if "seq" in table.c else (table.c.id if "id" in table.c else table.c[key])
    if key == "subject":  # the audit log names its briefing as "briefing:<id>"
        subjects = [f"briefing:{i}" for i in ids]
        query = select(table).where(table.c.subject.in_(subjects)).order_by(order)
        for row in session.execute(query):
            grouped[row.subject.removeprefix("briefing:")].append(row)
        return grouped
    query = select(table).where(table.c[key].in_(list(ids))).order_by(order)
    at = list(table.c.keys()).index(
        key
    )  # by position: Row._mapping per row costs more than the query
    for row in session.execute(query):
        grouped[row[at]].append(row)
    return grouped


AUDIT_TABLE: Table = AuditEntry.__table__  # type: ignore[assignment]
