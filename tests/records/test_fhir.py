"""The FHIR export: every resource validated by fhir.resources (R4B models, which are R4's for these types)."""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from sqlalchemy import select

from kiosk.records import Filters, export_fhir
from kiosk.records import query as query_module
from kiosk.store.models import AuditEntry, Document
from tests.records.conftest import FORMULA_NAME, PNG, Made
from tests.records.fhir_checks import references as _references
from tests.records.fhir_checks import validate

EMITTED = {"Patient", "Consent", "Provenance", "DocumentReference", "QuestionnaireResponse"}


def bundle(
    made: Made, target: Path, filters: Filters | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    export_fhir(made.store, target, filters or Filters(), by="Auditor")
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return data, [e["resource"] for e in data["entry"]]


def of(
    resources: list[dict[str, Any]], kind: str, briefing_id: str | None = None
) -> list[dict[str, Any]]:
    found = [r for r in resources if r["resourceType"] == kind]
    if briefing_id is None:
        return found
    return [r for r in found if briefing_id in json.dumps(r)]


def test_bundle_validates_every_resource_and_every_reference_resolves(
    made: Made, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        query_module, "CHUNK", 2
    )  # entries from several chunks join into one valid bundle
    data, resources = bundle(made, tmp_path / "b.json")
    get_fhir_model_class("Bundle").model_validate(data)
    assert (data["type"], data["resourceType"]) == ("collection", "Bundle")
    for resource in resources:
        validate(resource)
    assert {r["resourceType"] for r in resources} == EMITTED  # every type emitted was validated
    full_urls = {e["fullUrl"] for e in data["entry"]}
    assert len(full_urls) == len(data["entry"])
    refs = _references(data)
    assert refs and all(ref in full_urls for ref in refs)
    counts = Counter(r["resourceType"] for r in resources)
    assert counts == {
        "Patient": 5,
        "Consent": 5,
        "Provenance": 2,
        "QuestionnaireResponse": 2,
        "DocumentReference": 1,
    }


def test_ndjson_one_valid_resource_a_line_referenced_by_type_and_id(
    made: Made, tmp_path: Path
) -> None:
    target = tmp_path / "r.ndjson"
    result = export_fhir(made.store, target, Filters(), by="Auditor", style="ndjson")
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == result.items == 15
    resources = [json.loads(line) for line in lines]
    for resource in resources:
        validate(resource)
    ids = {f"{r['resourceType']}/{r['id']}" for r in resources}
    assert all(ref in ids for ref in _references(resources))


def test_consent_status_follows_the_briefing(made: Made, tmp_path: Path) -> None:
    _, resources = bundle(made, tmp_path / "b.json")
    consents = {c["id"]: c for c in of(resources, "Consent")}
    assert {k: consents[k]["status"] for k in consents} == {
        made.completed: "active",
        made.typed: "active",
        made.abandoned: "inactive",  # never "rejected": walking away is not refusing
        made.prepared: "proposed",
        made.in_progress: "proposed",
    }
    done = consents[made.completed]
    assert done["scope"]["coding"][0]["code"] == "treatment"
    assert done["category"][0]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "59284-0",
        "display": "Patient Consent",
    }
    assert done["dateTime"].startswith("2026-11-20T09:")
    assert done["patient"]["display"] == "Ana Ruiz"


def test_the_pdf_as_attachment_and_document_reference(made: Made, tmp_path: Path) -> None:
    _, resources = bundle(made, tmp_path / "b.json")
    with made.store.reading() as session:
        doc = session.execute(
            select(Document).where(Document.briefing_id == made.completed)
        ).scalar_one()
    assert doc.path is not None
    pdf = Path(doc.path).read_bytes()
    (reference,) = of(resources, "DocumentReference")
    attachment = reference["content"][0]["attachment"]
    assert attachment["contentType"] == "application/pdf"
    assert (
        attachment["hash"] == base64.b64encode(hashlib.sha1(pdf).digest()).decode()
    )  # FHIR's SHA-1
    assert attachment["size"] == len(pdf)
    assert attachment["url"] == Path(doc.path).name  # as the PDF export names it
    assert "file:" not in json.dumps(resources) and str(tmp_path) not in json.dumps(resources)
    sha256 = base64.urlsafe_b64encode(hashlib.sha256(pdf).digest()).decode().rstrip("=")
    assert reference["identifier"][0]["value"] == f"ni:///sha-256;{sha256}"
    consent = next(c for c in of(resources, "Consent") if c["id"] == made.completed)
    assert consent["sourceAttachment"] == attachment
    assert "sourceAttachment" not in next(
        c for c in of(resources, "Consent") if c["id"] == made.typed
    )  # pending


def test_provenance_carries_the_patients_signature_and_the_staff_attestation(
    made: Made, tmp_path: Path
) -> None:
    _, resources = bundle(made, tmp_path / "b.json")
    drawn = next(
        p
        for p in of(resources, "Provenance")
        if p["target"][0]["reference"] == f"urn:uuid:{made.completed}"
    )
    (patient_sig,) = drawn["signature"]
    assert patient_sig["type"][0]["code"] == "1.2.840.10065.1.12.1.7"  # consent signature
    assert (patient_sig["sigFormat"], base64.b64decode(patient_sig["data"])) == ("image/png", PNG)
    typed = next(
        p
        for p in of(resources, "Provenance")
        if p["target"][0]["reference"] == f"urn:uuid:{made.typed}"
    )
    patient_sig, staff_sig = typed["signature"]
    assert base64.b64decode(patient_sig["data"]).decode() == FORMULA_NAME
    assert staff_sig["who"] == {"display": "Dana Okafor"}
    assert staff_sig["type"][0]["code"] == "1.2.840.10065.1.12.1.8"  # signature witness
    assert [a["type"]["coding"][0]["code"] for a in typed["agent"]] == ["performer", "attester"]


def test_questionnaire_response_holds_every_answer_in_order(made: Made, tmp_path: Path) -> None:
    _, resources = bundle(made, tmp_path / "b.json")
    (answers,) = of(resources, "QuestionnaireResponse", made.completed)
    assert answers["status"] == "completed"
    first = answers["item"][0]
    assert first["answer"][0]["valueCoding"]["code"]
    assert first["answer"][0]["item"][0]["answer"][0]["valueBoolean"] is True


def test_each_patient_once_and_drawn_strokes_without_an_image(made: Made, tmp_path: Path) -> None:
    _, resources = bundle(made, tmp_path / "b.json", Filters(patient="ana"))
    assert [r["resourceType"] for r in resources] == [
        "Patient",
        "Consent",
        "DocumentReference",
        "Provenance",
        "QuestionnaireResponse",
    ]
    patient = resources[0]
    assert patient["name"] == [{"text": "Ana Ruiz"}] and patient["birthDate"] == "1950-05-06"
    assert patient["identifier"][0]["value"] == "MRN-1001"


def test_an_altered_pdf_is_exported_without_a_hash_and_named(made: Made, tmp_path: Path) -> None:
    with made.store.reading() as session:
        path = session.execute(
            select(Document.path).where(Document.briefing_id == made.completed)
        ).scalar_one()
    assert path is not None
    Path(path).write_bytes(Path(path).read_bytes() + b"%tampered\n")
    result = export_fhir(made.store, tmp_path / "b.json", Filters(patient="ana"), by="Auditor")
    (warning,) = result.warnings
    assert (
        warning.startswith(f"briefing {made.completed}: its PDF")
        and "does not match the stored SHA-256" in warning
    )
    resources = [e["resource"] for e in json.loads((tmp_path / "b.json").read_text())["entry"]]
    (reference,) = of(resources, "DocumentReference")
    assert "hash" not in reference["content"][0]["attachment"]
    validate(reference)


def test_the_fhir_export_is_audited(made: Made, tmp_path: Path) -> None:
    export_fhir(made.store, tmp_path / "b.ndjson", Filters(), by="Auditor", style="ndjson")
    with made.store.reading() as session:
        entry = session.execute(
            select(AuditEntry).where(AuditEntry.action == "records_exported")
        ).scalar_one()
    detail = json.loads(entry.detail)
    assert (entry.actor, detail["format"], detail["briefings"], detail["items"]) == (
        "Auditor",
        "fhir-ndjson",
        5,
        15,
    )
    assert "Ana" not in entry.detail and "MRN" not in entry.detail
