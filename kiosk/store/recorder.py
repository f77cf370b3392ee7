"""The briefing's event sink: each event committed in its own transaction, with its audit row, at once.

This is the kiosk's hot path (a patient waits on every tap), so it runs prebuilt SQLAlchemy Core
statements on one connection rather than ORM objects: BEGIN, the event's row, the audit row,
COMMIT. A row that belongs to a live briefing is inserted only if that briefing is in progress,
checked by the INSERT itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC
from typing import Any

from sqlalchemy import Connection, insert, update

from kiosk.session import events as ev
from kiosk.session.signature import DrawnSignature
from kiosk.store import audit
from kiosk.store import statements as st
from kiosk.store.database import Store
from kiosk.store.failures import RecordError, held_up_as_busy
from kiosk.store.hot import HotStatement
from kiosk.store.models import BriefingStatus, PatientRow
from kiosk.store.rules import check_date_of_birth, clean_name

PATIENT = "patient"
_B = st.BRIEFINGS


class Recorder:
    """Implements the engine's EventSink: `record` returns only once the event is durably stored."""

    def __init__(self, store: Store, *, wait_ms: int | None = None) -> None:
        """`wait_ms`: how long a patient's event waits for a lock another writer holds before it
        fails as StoreBusy (None: the store's whole busy timeout). An abandonment, which no one
        waits on, always waits the whole timeout."""
        self.store = store
        self._engine = store.engine if wait_ms is None else store.waiting(wait_ms).engine
        self._handlers: dict[type[ev.Event], Callable[[Connection, Any], dict[str, Any]]] = {
            ev.BriefingStarted: self._started,
            ev.IdentityConfirmed: self._identity_confirmed,
            ev.IdentityRejected: self._identity_rejected,
            ev.IdentityDisputed: self._identity_disputed,
            ev.RiskAcknowledged: self._acknowledged,
            ev.QuestionFlagged: self._flagged,
            ev.QuestionAnswered: self._answered,
            ev.Signed: self._signed,
            ev.Abandoned: self._abandoned,
            ev.LanguageChanged: self._language_changed,
            ev.Listened: self._listened,
        }
        self._actions = {kind: _action(kind) for kind in self._handlers}

    def record(self, event: ev.Event) -> None:
        kind = type(event)
        engine = self.store.engine if kind is ev.Abandoned else self._engine
        with held_up_as_busy(), engine.begin() as conn:
            self._write(conn, kind, event)

    def _write(self, conn: Connection, kind: type[ev.Event], event: ev.Event) -> None:
        detail = self._handlers[kind](conn, event)
        audit.append(
            conn,
            at=event.at,
            kiosk_id=self.store.kiosk_id,
            actor=PATIENT,
            action=self._actions[kind],
            subject=f"briefing:{event.briefing_id}",
            detail=detail,
        )

    # Each handler writes its rows and returns the audit detail (never a name: ids, times, counts).

    def _live(self, conn: Connection, briefing_id: str) -> st.Status:
        """The briefing's row, if it is in progress; RecordError naming why not otherwise."""
        row = st.status_of(conn, briefing_id)
        if row is None:
            raise RecordError(f"briefing {briefing_id} is not in the record")
        if row.status != BriefingStatus.IN_PROGRESS:
            raise RecordError(f"briefing {briefing_id} is {row.status}, not in progress")
        return row

    def _insert_live(
        self, conn: Connection, statement: HotStatement, values: dict[str, Any]
    ) -> None:
        if statement.first(conn, values) is None:
            self._live(conn, values["briefing_id"])  # raises, naming why
            raise RecordError(
                f"briefing {values['briefing_id']} refused the event"
            )  # pragma: no cover

    def _started(self, conn: Connection, e: ev.BriefingStarted) -> dict[str, Any]:
        row = st.status_of(conn, e.briefing_id)
        content = {
            "form_id": e.form_id,
            "form_version": e.form_version,
            "content_sha256": e.procedure_sha256,
        }
        live = {
            "kiosk_id": self.store.kiosk_id,
            "status": BriefingStatus.IN_PROGRESS.value,
            "started_at": e.at,
            "language": e.language,  # a prepared briefing's language, or the one the patient chose
        }
        if row is None:  # walk-up: the row is born here, with its plan (a prepared one has its own)
            conn.execute(insert(_B), {"id": e.briefing_id, "created_at": e.at, **content, **live})
            if e.witness_planned:
                conn.execute(insert(st.PLANNED), {"briefing_id": e.briefing_id, "kind": "witness"})
        elif row.status != BriefingStatus.PREPARED:
            raise RecordError(f"briefing {e.briefing_id} is {row.status}, not prepared")
        elif (row.form_id, row.form_version, row.content_sha256) != tuple(content.values()):
            raise RecordError(f"briefing {e.briefing_id} was prepared for different content")
        else:
            claimed = conn.execute(
                update(_B)
                .where(_B.c.id == e.briefing_id, _B.c.status == BriefingStatus.PREPARED.value)
                .values(live)
                .returning(_B.c.id)
            ).first()
            if claimed is None:  # another kiosk started it a moment ago
                raise RecordError(f"briefing {e.briefing_id} was started elsewhere a moment ago")
        return {
            "form": e.form_id,
            "version": e.form_version,
            "content_sha256": e.procedure_sha256,
            "language": e.language,
            "language_sha256": e.content_sha256,
        } | ({"signers": ["witness"]} if row is None and e.witness_planned else {})

    def _identity_confirmed(self, conn: Connection, e: ev.IdentityConfirmed) -> dict[str, Any]:
        row = self._live(conn, e.briefing_id)
        if e.name is not None and e.date_of_birth is not None:
            patient = {
                "name": clean_name(e.name),
                "date_of_birth": check_date_of_birth(e.date_of_birth, e.at.astimezone(UTC).date()),
                "created_at": e.at,
            }
            patient_id = conn.execute(
                insert(PatientRow).returning(PatientRow.id), patient
            ).scalar_one()
            conn.execute(update(_B).where(_B.c.id == e.briefing_id), {"patient_id": patient_id})
            return {"walk_up": True}
        if row.patient_id is None:
            raise RecordError(f"briefing {e.briefing_id} has no patient to confirm")
        return {"walk_up": False}

    def _identity_rejected(self, conn: Connection, e: ev.IdentityRejected) -> dict[str, Any]:
        self._live(conn, e.briefing_id)
        return {"attempt": e.attempt, "locked_out": e.locked_out}

    def _identity_disputed(self, conn: Connection, e: ev.IdentityDisputed) -> dict[str, Any]:
        self._live(conn, e.briefing_id)
        return {}

    def _acknowledged(self, conn: Connection, e: ev.RiskAcknowledged) -> dict[str, Any]:
        values = {
            "briefing_id": e.briefing_id,
            "risk_id": e.risk_id,
            "shown_at": e.shown_at,
            "acknowledged_at": e.at,
            "seconds_on_screen": e.seconds_on_screen,
            **_shown(e),
        }
        self._insert_live(conn, st.ACK, values)
        return {
            "risk": e.risk_id,
            "seconds_on_screen": e.seconds_on_screen,
            "read_to_end_at": e.read_to_end_at.isoformat(),
            "language": e.language,
        }

    def _flagged(self, conn: Connection, e: ev.QuestionFlagged) -> dict[str, Any]:
        self._insert_live(
            conn,
            st.FLAG,
            {
                "briefing_id": e.briefing_id,
                "screen_id": e.screen_id,
                "flagged_at": e.at,
                **_shown(e),
            },
        )
        return {"screen": e.screen_id, "language": e.language}

    def _answered(self, conn: Connection, e: ev.QuestionAnswered) -> dict[str, Any]:
        values = {
            "briefing_id": e.briefing_id,
            "question_id": e.question_id,
            "choice_id": e.choice_id,
            "correct": e.correct,
            "attempt": e.attempt,
            "answered_at": e.at,
            "revisit_screen_id": e.revisit_screen_id,
            **_shown(e),
        }
        self._insert_live(conn, st.ANSWER, values)
        return {
            "question": e.question_id,
            "choice": e.choice_id,
            "correct": e.correct,
            "attempt": e.attempt,
            "language": e.language,
        }

    def _listened(self, conn: Connection, e: ev.Listened) -> dict[str, Any]:
        values = {
            "briefing_id": e.briefing_id,
            "number": e.number,
            "screen_id": e.screen_id,
            "started_at": e.started_at,
            "ended_at": e.at,
            "completed": e.completed,
            "sentences": e.sentences,
            "heard": e.heard,
            "voice": e.voice,
            "audio_sha256": e.audio_sha256,
            "automatic": e.automatic,
            **_shown(e),
        }
        self._insert_live(conn, st.LISTENED, values)
        return {
            "listening": e.number,
            "screen": e.screen_id,
            "completed": e.completed,
            "heard": e.heard,
            "sentences": e.sentences,
            "voice": e.voice,
            "audio_sha256": e.audio_sha256,
            "automatic": e.automatic,
            "language": e.language,
        }

    def _finish(
        self, conn: Connection, change: HotStatement, briefing_id: str, values: dict[str, Any]
    ) -> None:
        """Change an in-progress briefing's row (its end state, its language). The UPDATE itself checks
        the status, so two kiosks ending the same briefing at once (sign and abandon) cannot both
        succeed: the second waits for the first's row lock, finds it no longer in progress, and is
        refused."""
        changed = change.first(
            conn, {"briefing_id": briefing_id} | {st.NEW + k: v for k, v in values.items()}
        )
        if changed is None:
            self._live(conn, briefing_id)  # raises, naming why
            raise RecordError(f"briefing {briefing_id} refused the event")  # pragma: no cover

    def _signed(self, conn: Connection, e: ev.Signed) -> dict[str, Any]:
        values = {"status": BriefingStatus.COMPLETED.value, "ended_at": e.at}
        self._finish(conn, st.COMPLETE, e.briefing_id, values)
        sig = e.signature
        row: dict[str, Any] = {
            "briefing_id": e.briefing_id,
            "screen_times_json": json.dumps(
                [[t.screen_id, t.visits, t.seconds] for t in e.screen_times]
            ),
            "signed_at": e.at,
            **_shown(e),
        }
        if isinstance(sig, DrawnSignature):
            row |= {
                "kind": "drawn",
                "strokes_json": strokes_json(sig),
                "image_png": sig.image_png,
                "typed_name": None,
                "attested_by": None,
            }
        else:
            row |= {
                "kind": "typed",
                "strokes_json": "[]",
                "image_png": None,
                "typed_name": clean_name(sig.typed_name, "typed_name"),
                "attested_by": clean_name(sig.attested_by, "attested_by"),
            }
        st.SIGNATURE.first(conn, row)  # the unique signature per briefing refuses a second one
        st.DOCUMENT.first(conn, {"briefing_id": e.briefing_id, "status": "pending"})
        _screens_shown(conn, e.briefing_id, e.screens_shown)
        return {"kind": row["kind"], "language": e.language}

    def _language_changed(self, conn: Connection, e: ev.LanguageChanged) -> dict[str, Any]:
        # The briefing's language is the patient's from now on: the PDF, the exports and staff
        # read it; each row given keeps the language of its own screen, so the switch stays seen.
        self._finish(conn, st.LANGUAGE, e.briefing_id, {"language": e.language})
        return {"language": e.language, "content_sha256": e.content_sha256, "screen": e.screen_id}

    def _abandoned(self, conn: Connection, e: ev.Abandoned) -> dict[str, Any]:
        values = {
            "status": BriefingStatus.ABANDONED.value,
            "ended_at": e.at,
            "end_reason": e.reason.value,
        }
        self._finish(conn, st.ABANDON, e.briefing_id, values)
        _screens_shown(conn, e.briefing_id, e.screens_shown)
        return {"reason": e.reason.value}


def _screens_shown(conn: Connection, briefing_id: str, shown: tuple[ev.ScreenShown, ...]) -> None:
    """Each screen the patient was shown, per language, with that screen's own hash."""
    st.SCREEN_SHOWN.many(
        conn,
        [
            {
                "briefing_id": briefing_id,
                "screen_id": s.screen_id,
                "language": s.language,
                "screen_sha256": s.screen_sha256,
                "content_sha256": s.content_sha256,
            }
            for s in shown
        ],
    )


def _shown(e: ev.Shown) -> dict[str, str]:
    return {"language": e.language, "content_sha256": e.content_sha256}


def strokes_json(signature: DrawnSignature) -> str:
    return json.dumps(
        [[[p.x, p.y, p.t_ms] for p in stroke.points] for stroke in signature.strokes],
        separators=(",", ":"),
    )


def _action(kind: type[ev.Event]) -> str:
    """`RiskAcknowledged` -> `risk_acknowledged`."""
    name = kind.__name__
    return "".join("_" + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))
