"""The questions patients flagged, in the FHIR export: one Task per flagged screen, requested while
open and completed once staff answered it, saying whether the surgeon was told; none for a
briefing without flags. Every resource validated by fhir.resources, every reference resolved."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from sqlalchemy import select

from kiosk.content import load_form
from kiosk.records import Filters, export_fhir, flags, followup
from kiosk.records.fhir_complete import FhirContext
from kiosk.store import Store
from kiosk.store.models import QuestionFlag
from tests.conftest import MILD
from tests.records.conftest import FORM, Made, walk_whole
from tests.records.fhir_checks import references, validate
from tests.shared import walk_in_languages

CLINIC = FhirContext(clinic="St Anne's Clinic", forms={FORM.content_sha256: FORM})
ANSWERED = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
TOLD = ANSWERED + timedelta(hours=2)


def export(
    store: Store,
    target: Path,
    filters: Filters | None = None,
    context: FhirContext = CLINIC,
    documents: Path | None = None,
) -> list[dict[str, Any]]:
    """Export a Bundle, validate it and every resource in it, resolve every reference, and
    return its resources."""
    export_fhir(
        store,
        target,
        filters or Filters(),
        by="Auditor",
        documents=documents or target.with_name("documents"),
        context=context,
    )
    data = json.loads(target.read_text(encoding="utf-8"))
    get_fhir_model_class("Bundle").model_validate(data)
    urls = {e["fullUrl"] for e in data["entry"]}
    assert all(ref in urls for ref in references(data))
    resources: list[dict[str, Any]] = [e["resource"] for e in data["entry"]]
    for resource in resources:
        validate(resource)
    return resources


def tasks(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in resources if r["resourceType"] == "Task"]


def test_a_flagged_question_is_a_task_requested_then_completed_once_answered(
    made: Made, tmp_path: Path
) -> None:
    resources = export(made.store, tmp_path / "open.json", documents=made.documents)
    (task,) = tasks(resources)
    consent = next(r for r in resources if r["id"] == made.completed)
    flagged = FORM.risks[2]
    assert (task["status"], task["intent"]) == ("requested", "order")
    assert task["focus"] == {"reference": f"urn:uuid:{made.completed}"}
    assert task["for"] == task["requester"] == consent["patient"]  # as the Consent names her
    assert task["description"] == flagged.title and task["language"] == "en"
    assert task["input"][0]["valueString"] == flagged.id
    assert task["authoredOn"].startswith("2026-11-20T09:")
    assert task["businessStatus"]["coding"][0]["code"] == "surgeon-not-told"
    assert "note" not in task and "lastModified" not in task
    text = json.dumps(task)
    assert "MRN-1001" not in text and "1950-05-06" not in text  # nothing the Consent lacks

    (question,) = followup.open_questions(made.store, {FORM.id: FORM})
    followup.answer_question(
        made.store, question.flag_id, staff="Dana Okafor", note="Called her.", now=ANSWERED
    )
    (answered,) = tasks(export(made.store, tmp_path / "answered.json", documents=made.documents))
    assert answered["id"] == task["id"]  # the same Task, on every export
    assert answered["status"] == "completed"
    assert answered["note"] == [
        {"time": "2026-11-20T15:30:00.000Z", "text": "Called her.", "authorString": "Dana Okafor"}
    ]
    assert answered["lastModified"] == "2026-11-20T15:30:00.000Z"
    assert answered["businessStatus"]["coding"][0]["code"] == "surgeon-not-told"

    flags.tell_surgeon(made.store, question.flag_id, staff="Sam Carter", now=TOLD)
    (told,) = tasks(export(made.store, tmp_path / "told.json", documents=made.documents))
    assert told["status"] == "completed"
    assert told["businessStatus"]["coding"][0]["code"] == "surgeon-told"
    assert told["note"][1] == {
        "time": "2026-11-20T17:30:00.000Z",
        "text": "Surgeon told",
        "authorString": "Sam Carter",
    }
    assert told["lastModified"] == "2026-11-20T17:30:00.000Z"


def test_the_surgeon_may_be_told_before_the_question_is_answered(
    made: Made, tmp_path: Path
) -> None:
    (question,) = followup.open_questions(made.store, {FORM.id: FORM})
    flags.tell_surgeon(made.store, question.flag_id, staff="Sam Carter", now=TOLD)
    (task,) = tasks(export(made.store, tmp_path / "b.json", documents=made.documents))
    assert task["status"] == "requested"  # still open
    assert task["businessStatus"]["coding"][0]["code"] == "surgeon-told"
    assert [n["authorString"] for n in task["note"]] == ["Sam Carter"]


def test_a_briefing_without_flags_exports_no_task(store: Store, tmp_path: Path) -> None:
    walk_whole(store, FORM, "Bo Lind", datetime(2026, 11, 20, 9, tzinfo=UTC))
    resources = export(store, tmp_path / "b.json")
    assert {r["resourceType"] for r in resources} >= {"Consent", "Provenance"}
    assert tasks(resources) == []


def test_every_task_is_a_flagged_briefings_in_bundle_and_ndjson(made: Made, tmp_path: Path) -> None:
    resources = export(made.store, tmp_path / "b.json", documents=made.documents)
    assert [t["focus"]["reference"] for t in tasks(resources)] == [f"urn:uuid:{made.completed}"]
    target = tmp_path / "b.ndjson"
    export_fhir(
        made.store, target, Filters(), by="Auditor", documents=made.documents, style="ndjson"
    )
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    (task,) = tasks(lines)
    validate(task)
    assert task["focus"] == {"reference": f"Consent/{made.completed}"}
    assert task["for"]["reference"].startswith("Patient/")


def test_the_task_names_the_screen_in_the_language_it_was_flagged_in(
    store: Store, tmp_path: Path
) -> None:
    en, es = load_form(MILD), load_form(MILD.with_name("es.toml"))
    walk_in_languages(
        store, {"en": en, "es": es}, "es", switch_to="en", when=datetime(2026, 11, 23, tzinfo=UTC)
    )
    with store.reading() as session:
        screen_id = session.execute(select(QuestionFlag.screen_id)).scalar_one()
    both = FhirContext(forms={f.content_sha256: f for f in (en, es)})
    (task,) = tasks(export(store, tmp_path / "b.json", context=both))
    assert (task["description"], task["language"]) == (es.title_of(screen_id), "es")
    assert task["description"] != en.title_of(screen_id)
    (bare,) = tasks(export(store, tmp_path / "bare.json", context=FhirContext()))
    assert bare["description"] == screen_id and "language" not in bare  # the form is not here
