"""The FHIR export: every resource validated by fhir.resources (R4B models, which are R4's for these types)."""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from fhir.resources.R4B import get_fhir_model_class
from sqlalchemy import select

from kiosk.content import load_form
from kiosk.records import Filters, export_fhir
from kiosk.records import query as query_module
from kiosk.records.fhir_complete import FhirContext, questionnaire
from kiosk.store.models import AuditEntry, Document
from tests.conftest import MILD
from tests.records.conftest import FORM, FORMULA_NAME, PNG, Made
from tests.records.fhir_checks import references as _references
from tests.records.fhir_checks import validate

EMITTED = {
    "Patient",
    "Consent",
    "Provenance",
    "DocumentReference",
    "QuestionnaireResponse",
    "Questionnaire",
    "Task",
}
CLINIC = FhirContext(
    clinic="St Anne's Clinic",
    mrn_system="https://st-annes.example/mrn",
    forms={FORM.content_sha256: FORM},
)


def bundle(
    made: Made, target: Path, filters: Filters | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    export_fhir(
        made.store,
        target,
        filters or Filters(),
        by="Auditor",
        documents=made.documents,
        context=CLINIC,
    )
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
        "Questionnaire": 1,  # one form version answered: its quiz once
        "Task": 1,  # Ana Ruiz's flagged question
    }


def test_ndjson_one_valid_resource_a_line_referenced_by_type_and_id(
    made: Made, tmp_path: Path
) -> None:
    target = tmp_path / "r.ndjson"
    result = export_fhir(
        made.store, target, Filters(), by="Auditor", documents=made.documents, style="ndjson"
    )
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == result.items == 16
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
    pdf = (made.documents / doc.path).read_bytes()  # relative to the documents folder
    (reference,) = of(resources, "DocumentReference")
    attachment = reference["content"][0]["attachment"]
    assert attachment["contentType"] == "application/pdf"
    assert (
        attachment["hash"] == base64.b64encode(hashlib.sha1(pdf).digest()).decode()
    )  # FHIR's SHA-1
    assert attachment["size"] == len(pdf)
    assert attachment["url"] == Path(doc.path).name  # as the PDF export names it
    assert base64.b64decode(attachment["data"]) == pdf  # the PDF itself
    assert "file:" not in json.dumps(resources) and str(tmp_path) not in json.dumps(resources)
    sha256 = base64.urlsafe_b64encode(hashlib.sha256(pdf).digest()).decode().rstrip("=")
    assert reference["identifier"][0]["value"] == f"ni:///sha-256;{sha256}"
    consent = next(c for c in of(resources, "Consent") if c["id"] == made.completed)
    assert consent["sourceReference"] == {"reference": f"urn:uuid:{reference['id']}"}
    assert "sourceAttachment" not in consent
    pending = next(c for c in of(resources, "Consent") if c["id"] == made.typed)
    assert "sourceReference" not in pending and "sourceAttachment" not in pending


def test_provenance_carries_the_patients_signature_and_the_staff_attestation(
    made: Made, tmp_path: Path, signer_files: tuple[Path, Path]
) -> None:
    _, resources = bundle(made, tmp_path / "b.json")
    drawn = next(
        p
        for p in of(resources, "Provenance")
        if p["target"][0]["reference"] == f"urn:uuid:{made.completed}"
    )
    patient_sig, seal_sig = drawn["signature"]
    assert patient_sig["type"][0]["code"] == "1.2.840.10065.1.12.1.7"  # consent signature
    assert (patient_sig["sigFormat"], base64.b64decode(patient_sig["data"])) == ("image/png", PNG)
    # the kiosk's seal on the PDF, named by its certificate's SHA-256 (its PDF is made)
    cert = x509.load_pem_x509_certificate(signer_files[1].read_bytes())
    sha = cert.fingerprint(hashes.SHA256())
    assert seal_sig["type"][0]["code"] == "1.2.840.10065.1.12.1.14"  # source signature
    assert seal_sig["who"]["identifier"] == {
        "system": "urn:ietf:rfc:3986",
        "value": "ni:///sha-256;" + base64.urlsafe_b64encode(sha).decode().rstrip("="),
    }
    assert sha.hex(":").upper() in seal_sig["who"]["display"]
    assert [a["type"]["coding"][0]["code"] for a in drawn["agent"]] == ["performer", "assembler"]
    assert drawn["agent"][1]["who"] == seal_sig["who"]
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
        "Questionnaire",
        "QuestionnaireResponse",
        "Task",
    ]
    patient = resources[0]
    assert patient["name"] == [{"text": "Ana Ruiz"}] and patient["birthDate"] == "1950-05-06"
    assert patient["identifier"][0]["value"] == "MRN-1001"


def test_the_consent_is_complete(made: Made, tmp_path: Path) -> None:
    """What was agreed, by whom, with which clinic, from which document; the quiz and its coded
    answers; the MRN with the clinic's system. Each element asserted, each resource validated."""
    _, resources = bundle(made, tmp_path / "b.json", Filters(patient="ana"))
    for resource in resources:
        validate(resource)
    (consent,) = of(resources, "Consent")
    (reference,) = of(resources, "DocumentReference")
    provision = consent["provision"]
    assert provision["type"] == "permit"
    assert provision["period"] == {"start": consent["dateTime"]}  # from the signing on
    (agreed,) = provision["code"]
    assert agreed["coding"][0]["code"] == FORM.id
    assert agreed["coding"][0]["display"] == FORM.full_name
    assert agreed["coding"][0]["system"].startswith("urn:uuid:")
    assert agreed["text"] == f"{FORM.full_name}, briefed on content version {FORM.version}"
    assert consent["organization"] == [{"display": "St Anne's Clinic"}]
    assert consent["sourceReference"] == {"reference": f"urn:uuid:{reference['id']}"}
    attachment = reference["content"][0]["attachment"]
    assert base64.b64decode(attachment["data"]).startswith(b"%PDF-")
    assert not attachment["url"].startswith(("file:", "/"))
    (patient,) = of(resources, "Patient")
    assert patient["identifier"][0]["system"] == "https://st-annes.example/mrn"
    (quiz,) = of(resources, "Questionnaire")
    (response,) = of(resources, "QuestionnaireResponse")
    assert response["questionnaire"] == quiz["url"]
    assert [item["linkId"] for item in quiz["item"]] == [q.id for q in FORM.questions]
    asked = {item["linkId"]: item for item in quiz["item"]}
    for question in FORM.questions:
        options = [o["valueCoding"] for o in asked[question.id]["answerOption"]]
        assert asked[question.id]["text"] == question.prompt
        assert [(o["code"], o["display"]) for o in options] == [
            (c.id, c.text) for c in question.choices
        ]
    assert response["item"]
    for item in response["item"]:
        question = FORM.question(item["linkId"])
        systems = {o["valueCoding"]["system"] for o in asked[question.id]["answerOption"]}
        for answer in item["answer"]:
            coding = answer["valueCoding"]
            assert coding["system"] in systems  # the quiz's own code system for this question
            assert coding["display"] == question.choice(coding["code"]).text


@pytest.mark.parametrize(
    ("language", "check"),
    [
        ("en", "check your understanding"),
        ("es", "compruebe lo que entendió"),
        ("ar", "التحقق من الفهم"),
    ],
)
def test_the_quiz_is_titled_in_its_own_language(language: str, check: str) -> None:
    """A reviewer's Spanish export titled its quiz "El procedimiento mild: check your
    understanding", with "language": "es": the English half was written in the code."""
    form = load_form(MILD.with_name(f"{language}.toml"))
    quiz = questionnaire(form)
    assert quiz["language"] == language
    assert quiz["title"] == f"{form.title}: {check}"
    validate(quiz)


def test_a_base_url_links_the_pdf_instead_of_carrying_it(made: Made, tmp_path: Path) -> None:
    served = FhirContext(pdf_base_url="https://records.st-annes.example/briefings/")
    target = tmp_path / "b.json"
    export_fhir(
        made.store, target, Filters(patient="ana"), by="Auditor", documents=made.documents,
        context=served,
    )  # fmt: skip
    resources = [e["resource"] for e in json.loads(target.read_text())["entry"]]
    (reference,) = of(resources, "DocumentReference")
    attachment = reference["content"][0]["attachment"]
    assert "data" not in attachment and "hash" in attachment
    assert attachment["url"].startswith("https://records.st-annes.example/briefings/2026-11-20-")
    validate(reference)


def test_an_altered_pdf_is_exported_without_a_hash_and_named(made: Made, tmp_path: Path) -> None:
    with made.store.reading() as session:
        path = session.execute(
            select(Document.path).where(Document.briefing_id == made.completed)
        ).scalar_one()
    assert path is not None
    pdf = made.documents / path
    pdf.write_bytes(pdf.read_bytes() + b"%tampered\n")
    result = export_fhir(
        made.store,
        tmp_path / "b.json",
        Filters(patient="ana"),
        by="Auditor",
        documents=made.documents,
    )
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
    export_fhir(
        made.store,
        tmp_path / "b.ndjson",
        Filters(),
        by="Auditor",
        documents=made.documents,
        style="ndjson",
    )
    with made.store.reading() as session:
        entry = session.execute(
            select(AuditEntry).where(AuditEntry.action == "records_exported")
        ).scalar_one()
    detail = json.loads(entry.detail)
    assert (entry.actor, detail["format"], detail["briefings"], detail["items"]) == (
        "Auditor",
        "fhir-ndjson",
        5,
        16,
    )
    assert "Ana" not in entry.detail and "MRN" not in entry.detail
