"""The recorder's statements (kiosk.store.recorder), built and compiled once: a patient waits on
each, so they run as HotStatements (kiosk.store.hot), straight on SQLite's driver.

A row that belongs to a live briefing is inserted only if that briefing is in progress, checked by
the INSERT itself; a briefing ends only if it is still in progress, checked by the UPDATE itself.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, and_, bindparam, exists, insert, select, update

from kiosk.store.hot import HotStatement
from kiosk.store.kept_models import ScreenShownRow
from kiosk.store.models import (
    BriefingRow,
    BriefingStatus,
    ComprehensionAnswer,
    Document,
    ListeningRow,
    PlannedSignerRow,
    QuestionFlag,
    RiskAcknowledgement,
    SignatureRow,
)

SHOWN = ("language", "content_sha256")
"""What each row a patient gives on a screen records of that screen (kiosk.session.events.Shown)."""
BRIEFINGS: Table = BriefingRow.__table__  # type: ignore[assignment]
PLANNED: Table = PlannedSignerRow.__table__  # type: ignore[assignment]
NEW = "new_"
"""How the values a `while_live` UPDATE sets are named (`new_status`, …): a bound value may not take
the name of a column the UPDATE sets."""


def insert_if_live(model: type[Any], columns: list[str]) -> HotStatement:
    """INSERT one row into `model`'s table only if its briefing (:briefing_id) is in progress."""
    table: Table = model.__table__
    live = exists().where(
        and_(
            BRIEFINGS.c.id == bindparam("briefing_id"),
            BRIEFINGS.c.status == BriefingStatus.IN_PROGRESS.value,
        )
    )
    values = select(*(bindparam(name, type_=table.c[name].type) for name in columns)).where(live)
    return HotStatement(insert(table).from_select(columns, values).returning(table.c.id))


def insert_row(model: type[Any], columns: list[str]) -> HotStatement:
    """INSERT one row into `model`'s table; every one of `columns` must be given a value."""
    table: Table = model.__table__
    return HotStatement(
        insert(table).values({table.c[n]: bindparam(n, type_=table.c[n].type) for n in columns})
    )


def while_live(columns: list[str]) -> HotStatement:
    """UPDATE the briefing (:briefing_id), setting `columns` (each given as NEW + its name), only if
    it is in progress; returns its id, or no row."""
    b = BRIEFINGS
    return HotStatement(
        update(b)
        .where(b.c.id == bindparam("briefing_id"), b.c.status == BriefingStatus.IN_PROGRESS.value)
        .values({b.c[n]: bindparam(NEW + n, type_=b.c[n].type) for n in columns})
        .returning(b.c.id)
    )


ACK = insert_if_live(
    RiskAcknowledgement,
    ["briefing_id", "risk_id", "shown_at", "acknowledged_at", "seconds_on_screen", *SHOWN],
)
FLAG = insert_if_live(QuestionFlag, ["briefing_id", "screen_id", "flagged_at", *SHOWN])
ANSWER = insert_if_live(
    ComprehensionAnswer,
    [
        "briefing_id",
        "question_id",
        "choice_id",
        "correct",
        "attempt",
        "answered_at",
        "revisit_screen_id",
        *SHOWN,
    ],
)
LISTENED = insert_if_live(
    ListeningRow,
    [
        "briefing_id",
        "number",
        "screen_id",
        "started_at",
        "ended_at",
        "completed",
        "sentences",
        "heard",
        "voice",
        "audio_sha256",
        "automatic",
        *SHOWN,
    ],
)
SIGNATURE = insert_row(
    SignatureRow,
    [
        "briefing_id",
        "kind",
        "strokes_json",
        "typed_name",
        "attested_by",
        "image_png",
        "screen_times_json",
        "signed_at",
        *SHOWN,
    ],
)
"""The signature row; unique per briefing, so a second one is refused here."""
DOCUMENT = insert_row(Document, ["briefing_id", "status"])
SCREEN_SHOWN = insert_row(
    ScreenShownRow, ["briefing_id", "screen_id", "language", "screen_sha256", "content_sha256"]
)
COMPLETE = while_live(["status", "ended_at"])
ABANDON = while_live(["status", "ended_at", "end_reason"])
LANGUAGE = while_live(["language"])
"""The patient chose another language: the briefing's language is theirs from now on (its PDF's)."""
_STATUS = HotStatement(
    select(
        BRIEFINGS.c.status,
        BRIEFINGS.c.patient_id,
        BRIEFINGS.c.form_id,
        BRIEFINGS.c.form_version,
        BRIEFINGS.c.content_sha256,
    ).where(BRIEFINGS.c.id == bindparam("briefing_id"))
)


class Status(NamedTuple):
    """What an event checks of its briefing's row."""

    status: str
    patient_id: int | None
    form_id: str
    form_version: str
    content_sha256: str


def status_of(conn: Connection, briefing_id: str) -> Status | None:
    """The briefing's status and content, or None if there is no such briefing."""
    row = _STATUS.first(conn, {"briefing_id": briefing_id})
    return None if row is None else Status(*row)
