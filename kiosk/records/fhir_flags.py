"""FHIR for the questions a patient flagged ("I have a question about this"): one Task per flagged
screen, for staff to answer and pass on to the surgeon (R4 Task, http://hl7.org/fhir/R4/task.html).

The Task asks for the patient's question to be answered: `status` requested while it is open,
completed once staff answered it (their note, name and time as a `note`); `businessStatus` says
whether the surgeon has been told (kiosk.records.flags.tell_surgeon), and when and by whom as a
second `note`. It names the screen by its title in the language the patient saw it in (its
`description`, with that `language`) and by its id (an `input`), points at the Consent (`focus`)
and the patient (`for`, and `requester`: the patient asked) exactly as the Consent does, and
nothing more of the patient.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from kiosk.records.fhir import instant, resource_id
from kiosk.records.fhir_complete import NAMESPACE, FhirContext
from kiosk.records.flags import told_of  # who told the surgeon, when: the desk's own reading of it
from kiosk.records.query import RecordRow, child_rows
from kiosk.store.models import QuestionFlag

_FLAGS: Table = QuestionFlag.__table__  # type: ignore[assignment]

CODES = "urn:uuid:" + str(uuid.uuid5(NAMESPACE, "question-tasks"))
"""The kiosk's code system for what these Tasks are and where they stand (R4's task-code value set,
an example binding, has nothing for answering a patient's question): the same on every export."""
ANSWER = {"system": CODES, "code": "answer-question", "display": "Answer the patient's question"}
SCREEN = {"coding": [{"system": CODES, "code": "screen", "display": "Screen flagged"}]}
TOLD = {"system": CODES, "code": "surgeon-told", "display": "Surgeon told"}
UNTOLD = {"system": CODES, "code": "surgeon-not-told", "display": "Surgeon not told yet"}


@dataclass(frozen=True)
class Questions:
    """The flagged questions of a chunk of briefings, and who told the surgeon of which, when."""

    flags: Mapping[str, list[Any]] = field(default_factory=dict)
    """Briefing id -> its question_flags rows, in the order they were flagged."""
    told: Mapping[int, tuple[str, datetime]] = field(default_factory=dict)
    """Flag id -> (who told the surgeon, when), the first time it was marked."""


def read_questions(session: Session, ids: Sequence[str]) -> Questions:
    """Every flagged question of these briefings (one query) and, for those that have any, who
    told the surgeon (one more)."""
    flags = child_rows(session, _FLAGS, ids)
    return Questions(flags, told_of(session, set(flags)) if flags else {})


def tasks(
    row: RecordRow,
    flags: list[Any],
    told: Mapping[int, tuple[str, datetime]],
    consent_ref: dict[str, Any],
    patient_ref: dict[str, Any] | None,
    context: FhirContext,
) -> list[dict[str, Any]]:
    """One Task per question flagged on this briefing; none when it has none."""
    return [
        _task(row, flag, told.get(flag.id), consent_ref, patient_ref, context) for flag in flags
    ]


def _task(
    row: RecordRow,
    flag: Any,
    told: tuple[str, datetime] | None,
    consent_ref: dict[str, Any],
    patient_ref: dict[str, Any] | None,
    context: FhirContext,
) -> dict[str, Any]:
    form = context.forms.get(flag.content_sha256)  # the content in the language it was flagged in
    task: dict[str, Any] = {
        "resourceType": "Task",
        # one flag per screen and briefing (uq_question_flags_briefing_screen): the same on every export
        "id": resource_id("question", f"{row.briefing_id}:{flag.screen_id}"),
        "status": "requested" if flag.answered_at is None else "completed",
        "businessStatus": {"coding": [TOLD if told else UNTOLD]},
        # staff answer what patients flag (the coordinator's desk): a request for action, not a proposal
        "intent": "order",
        "code": {"coding": [ANSWER]},
        # the screen's title as the patient read it; its id when this machine lacks that content
        "description": form.title_of(flag.screen_id) if form is not None else flag.screen_id,
        "focus": consent_ref,
        "authoredOn": instant(flag.flagged_at),
        "input": [{"type": SCREEN, "valueString": flag.screen_id}],
    }
    if form is not None:
        task["language"] = flag.language  # the description's (BCP-47)
    if patient_ref is not None:
        task["for"] = patient_ref
        task["requester"] = patient_ref
    notes: list[dict[str, Any]] = []
    changed = [flag.flagged_at]
    if flag.answered_at is not None:
        changed.append(flag.answered_at)
        if flag.answer_note:
            notes.append(_note(flag.answered_by, flag.answered_at, flag.answer_note))
    if told is not None:
        changed.append(told[1])
        notes.append(_note(told[0], told[1], TOLD["display"]))
    if len(changed) > 1:
        task["lastModified"] = instant(max(changed))  # never before authoredOn (R4's inv-1)
    if notes:
        task["note"] = notes
    return task


def _note(by: str | None, at: datetime, text: str) -> dict[str, Any]:
    note: dict[str, Any] = {"time": instant(at), "text": text}
    if by:
        note["authorString"] = by
    return note
