"""FHIR R4 resources for each briefing, as plain dicts: Consent, Patient, Provenance, DocumentReference, QuestionnaireResponse, Task.

Built by hand (no FHIR library at run time, so an export of thousands stays fast); the tests
validate every resource type with `fhir.resources` (its R4B models: R4B left Consent,
Provenance, DocumentReference, QuestionnaireResponse, Task, Patient and Bundle as R4 has them).
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.records import fhir_complete
from kiosk.records.fhir_complete import FhirContext
from kiosk.records.pdfs import pdf_file
from kiosk.records.query import RecordRow
from kiosk.store.checkpoint import colons
from kiosk.store.models import BriefingStatus

ID_NAMESPACE = uuid.UUID("6f1d3b9e-61c4-4a53-9a0f-6b8a4e1c2d70")
"""Resource ids are UUIDv5 of the briefing (or patient) in this namespace: the same on every export."""

CONSENT_STATUS = {
    BriefingStatus.PREPARED: "proposed",
    BriefingStatus.IN_PROGRESS: "proposed",
    BriefingStatus.COMPLETED: "active",
    BriefingStatus.ABANDONED: "inactive",
}
"""FHIR ConsentState per briefing status. Prepared or under way: "proposed" (awaiting the patient's
agreement). Signed: "active". Abandoned: "inactive" (ended without agreement) and never "rejected",
which would say the patient refused: the kiosk has no refusal, only walking away or timing out."""

QR_STATUS = {
    BriefingStatus.PREPARED: "in-progress",
    BriefingStatus.IN_PROGRESS: "in-progress",
    BriefingStatus.COMPLETED: "completed",
    BriefingStatus.ABANDONED: "stopped",
}

LOINC = "http://loinc.org"
CONSENT_SCOPE = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/consentscope",
            "code": "treatment",
            "display": "Treatment",
        }
    ]
}
CONSENT_CATEGORY = {"coding": [{"system": LOINC, "code": "59284-0", "display": "Patient Consent"}]}
SIGNATURE_TYPE = "urn:iso-astm:E1762-95:2013"
CONSENT_SIGNATURE = {
    "system": SIGNATURE_TYPE,
    "code": "1.2.840.10065.1.12.1.7",
    "display": "Consent Signature",
}
WITNESS_SIGNATURE = {
    "system": SIGNATURE_TYPE,
    "code": "1.2.840.10065.1.12.1.8",
    "display": "Signature Witness Signature",
}
SOURCE_SIGNATURE = {
    "system": SIGNATURE_TYPE,
    "code": "1.2.840.10065.1.12.1.14",
    "display": "Source Signature",
}
PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
MRN_TYPE = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/v2-0203",
            "code": "MR",
            "display": "Medical record number",
        }
    ]
}
URI = "urn:ietf:rfc:3986"


def resource_id(kind: str, key: object) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, f"{kind}:{key}"))


def instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class PdfFile:
    """The briefing PDF as found on disk: what FHIR's Attachment wants (SHA-1, size)."""

    url: str
    size: int | None
    sha1: str | None
    """Base64 of the SHA-1, as FHIR's Attachment.hash has it; None if the file is missing or altered."""
    data: bytes | None = None
    """The PDF's bytes when it matches the stored SHA-256."""


def read_pdf(row: RecordRow, documents: Path) -> tuple[PdfFile | None, str | None]:
    """The PDF's attachment facts (the file in `documents`, the documents folder), checked against
    the stored SHA-256; and a warning if it does not fit."""
    if row.pdf_status != "made" or not row.pdf_path:
        return None, None
    path = pdf_file(row.pdf_path, documents)
    # the file's name, as the PDF export and its SHA256SUMS name it: never a path on the kiosk's disk
    url = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return PdfFile(url, None, None), (
            f"briefing {row.briefing_id}: its PDF {path} cannot be read ({exc.strerror}); "
            "exported without its hash"
        )
    if hashlib.sha256(data).hexdigest() != row.pdf_sha256:
        return PdfFile(url, None, None), (
            f"briefing {row.briefing_id}: its PDF {path} does not match the stored SHA-256 "
            "(changed or replaced); exported without its hash: check it with `kiosk verify`"
        )
    sha1 = base64.b64encode(hashlib.sha1(data).digest()).decode("ascii")  # FHIR's choice, not ours
    return PdfFile(url, len(data), sha1, data), None


class Refs:
    """References between resources: urn:uuid inside a Bundle, Type/id in NDJSON."""

    def __init__(self, bundle: bool) -> None:
        self.bundle = bundle

    def __call__(self, kind: str, rid: str, display: str | None = None) -> dict[str, Any]:
        ref = {"reference": f"urn:uuid:{rid}" if self.bundle else f"{kind}/{rid}"}
        if display:
            ref["display"] = display
        return ref


def patient_key(row: RecordRow) -> object:
    """Whom a Patient resource stands for: a person with a medical record number (the same MRN,
    name and birth date: a re-briefing, a second procedure) is one Patient, however many
    briefings they had; without one, each briefing's patient is their own. A reviewer found one
    MRN as three Patients in one Bundle."""
    if row.mrn and row.patient_name is not None:
        name = " ".join(row.patient_name.split()).casefold()
        return f"mrn:{row.mrn}|{name}|{row.date_of_birth}"
    return row.patient_id


def patient(row: RecordRow) -> dict[str, Any]:
    assert row.patient_id is not None
    out: dict[str, Any] = {
        "resourceType": "Patient",
        "id": resource_id("patient", patient_key(row)),
        "name": [{"text": row.patient_name}],
    }
    if row.date_of_birth is not None:
        out["birthDate"] = row.date_of_birth.isoformat()
    if row.mrn:
        out["identifier"] = [{"type": MRN_TYPE, "value": row.mrn}]
    return out


def attachment(pdf: PdfFile, row: RecordRow) -> dict[str, Any]:
    out: dict[str, Any] = {
        "contentType": "application/pdf",
        "language": row.language,  # the PDF is in the briefing's language (BCP-47)
        "url": pdf.url,
        "title": f"Briefing record {row.briefing_id}",
    }
    if pdf.size is not None:
        out["size"] = pdf.size
    if pdf.sha1 is not None:
        out["hash"] = pdf.sha1
    if row.signed_at is not None:
        out["creation"] = instant(row.signed_at)
    return out


def resources(
    row: RecordRow,
    *,
    refs: Refs,
    signature: Any | None,
    answers: list[Any],
    pdf: PdfFile | None,
    with_patient: bool,
    context: FhirContext | None = None,
    emitted: set[str] | None = None,
    warnings: list[str] | None = None,
    signers: list[Any] | None = None,
    flags: list[Any] | None = None,
    told: Mapping[int, tuple[str, datetime]] | None = None,
    in_error: bool = False,
) -> list[dict[str, Any]]:
    """Every resource for one briefing: Patient (when not yet emitted), Consent, DocumentReference,
    Provenance (when signed), QuestionnaireResponse (when questions were answered) and the
    Questionnaire it answers (when its URL is not in `emitted`), and a Task per question the
    patient flagged (`flags`, with `told`: kiosk.records.fhir_flags), completed from `context`
    (kiosk.records.fhir_complete); `warnings` gets what could not be."""
    context = context or FhirContext()
    status = BriefingStatus(row.status)
    out: list[dict[str, Any]] = []
    patient_ref = None
    if row.patient_id is not None:
        pid = resource_id("patient", patient_key(row))
        patient_ref = refs("Patient", pid, row.patient_name)
        if with_patient:
            out.append(patient(row))
            fhir_complete.mrn_system(out[-1], context)
    consent_id = row.briefing_id
    consent: dict[str, Any] = {
        "resourceType": "Consent",
        "id": consent_id,
        "language": row.language,  # the language the patient was briefed in (BCP-47)
        "identifier": [{"system": URI, "value": f"urn:uuid:{row.briefing_id}"}],
        # withdrawn as made for the wrong patient: no consent of whoever it names (`in_error`)
        "status": "entered-in-error" if in_error else CONSENT_STATUS[status],
        "scope": CONSENT_SCOPE,
        "category": [CONSENT_CATEGORY],
        "dateTime": instant(row.signed_at or row.happened_at),
        # the policy agreed to: the exact content the patient was shown, named by its SHA-256 (RFC 6920)
        "policy": [{"uri": f"ni:///sha-256;{_b64url(row.content_sha256)}"}],
    }
    if patient_ref is not None:
        consent["patient"] = patient_ref
        if status is BriefingStatus.COMPLETED:
            consent["performer"] = [patient_ref]
    if pdf is not None:
        consent["sourceAttachment"] = attachment(pdf, row)
    out.append(consent)
    consent_ref = refs("Consent", consent_id)
    if pdf is not None:
        doc: dict[str, Any] = {
            "resourceType": "DocumentReference",
            "id": resource_id("document", row.briefing_id),
            "status": "current",
            "type": {
                "coding": [{"system": LOINC, "code": "59284-0", "display": "Patient Consent"}]
            },
            "description": f"Signed briefing record: {row.form_id} version {row.form_version}",
            "content": [{"attachment": attachment(pdf, row)}],  # the PDF, or its URL
            "context": {"related": [consent_ref]},
        }
        if row.pdf_sha256:
            doc["identifier"] = [
                {"system": URI, "value": f"ni:///sha-256;{_b64url(row.pdf_sha256)}"}
            ]
        if patient_ref is not None:
            doc["subject"] = patient_ref
        if row.signed_at is not None:
            doc["date"] = instant(row.signed_at)
        fhir_complete.attachment_source(doc["content"][0]["attachment"], pdf.data, context)
        out.append(doc)
    if signature is not None and patient_ref is not None:
        prov = provenance(row, signature, refs, consent_ref, patient_ref)
        if signers:
            from kiosk.records.fhir_signers import add_signers  # it builds on this module

            out += add_signers(prov, row, signers, refs, patient_ref)
        out.append(prov)
    document_ref = (
        refs("DocumentReference", resource_id("document", row.briefing_id)) if pdf else None
    )
    fhir_complete.complete_consent(
        consent, row, context, document_ref, status is BriefingStatus.COMPLETED
    )
    if answers:
        response = questionnaire_response(row, answers, status, patient_ref)
        asked, warning = fhir_complete.code_answers(response, row, answers, context)
        if warning and warnings is not None and context.forms:  # forms given, this one not
            warnings.append(warning)
        if asked is not None and emitted is not None:
            url = fhir_complete.questionnaire_url(asked)
            if url not in emitted:
                emitted.add(url)
                out.append(fhir_complete.questionnaire(asked))
        out.append(response)
    if flags:
        from kiosk.records.fhir_flags import tasks  # it builds on this module

        out += tasks(row, flags, told or {}, consent_ref, patient_ref, context)
    return out


def _b64url(hex_digest: str) -> str:
    """RFC 6920 "ni" names carry the digest in unpadded base64url."""
    return base64.urlsafe_b64encode(bytes.fromhex(hex_digest)).decode("ascii").rstrip("=")


def provenance(
    row: RecordRow,
    sig: Any,
    refs: Refs,
    consent_ref: dict[str, Any],
    patient_ref: dict[str, Any],
) -> dict[str, Any]:
    """Who signed and when: the patient's signature (PNG, else strokes, else the typed name) and,
    for a typed signature, the attesting staff member's."""
    when = instant(sig.signed_at)
    if sig.kind == "drawn" and sig.image_png:
        fmt, data = "image/png", bytes(sig.image_png)
    elif sig.kind == "drawn":
        fmt, data = "application/json", sig.strokes_json.encode()
    else:
        fmt, data = "text/plain", (sig.typed_name or "").encode()
    signatures: list[dict[str, Any]] = [
        {
            "type": [CONSENT_SIGNATURE],
            "when": when,
            "who": patient_ref,
            "sigFormat": fmt,
            "data": base64.b64encode(data).decode("ascii"),
        }
    ]
    agents: list[dict[str, Any]] = [
        {
            "type": {"coding": [{"system": PARTICIPANT, "code": "performer"}]},
            "who": patient_ref,
        }
    ]
    if sig.kind == "typed" and sig.attested_by:
        staff = {"display": sig.attested_by}
        agents.append(
            {"type": {"coding": [{"system": PARTICIPANT, "code": "attester"}]}, "who": staff}
        )
        signatures.append({"type": [WITNESS_SIGNATURE], "when": when, "who": staff})
    seal = kiosk_seal(row, when)
    if seal is not None:
        agents.append(seal[0])
        signatures.append(seal[1])
    out: dict[str, Any] = {
        "resourceType": "Provenance",
        "id": resource_id("provenance", row.briefing_id),
        "target": [consent_ref],
        "occurredDateTime": when,
        "recorded": when,
        "agent": agents,
        "signature": signatures,
    }
    if row.rebriefing_of:  # a re-briefing revises the earlier consent (named, exported or not)
        earlier = {"system": URI, "value": f"urn:uuid:{row.rebriefing_of}"}
        out["entity"] = [{"role": "revision", "what": {"type": "Consent", "identifier": earlier}}]
    return out


def questionnaire_response(
    row: RecordRow, answers: list[Any], status: BriefingStatus, patient_ref: dict[str, Any] | None
) -> dict[str, Any]:
    """The comprehension answers: one item per question, one answer per attempt in order."""
    items: dict[str, dict[str, Any]] = {}
    for a in answers:
        item = items.setdefault(a.question_id, {"linkId": a.question_id, "answer": []})
        nested = [
            {"linkId": f"{a.question_id}.correct", "answer": [{"valueBoolean": bool(a.correct)}]},
            {
                "linkId": f"{a.question_id}.answered-at",
                "answer": [{"valueDateTime": instant(a.answered_at)}],
            },
        ]
        item["answer"].append({"valueCoding": {"code": a.choice_id}, "item": nested})
    out: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": resource_id("answers", row.briefing_id),
        "identifier": {"system": URI, "value": f"urn:uuid:{row.briefing_id}"},
        "status": QR_STATUS[status],
        "authored": instant(max(a.answered_at for a in answers)),
        "item": list(items.values()),
    }
    if patient_ref is not None:
        out["subject"] = patient_ref
        out["source"] = patient_ref
    return out


def kiosk_seal(row: RecordRow, when: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The kiosk's seal on the PDF as a Provenance agent and signature: the kiosk named by its
    certificate's SHA-256 (an RFC 6920 name, and in the display as `kiosk cert show` prints it),
    so whoever receives the record can check the PDF with `kiosk verify FILE --trust CERT.pem`.
    None when the store does not know the certificate (no PDF yet, or one sealed before 0007)."""
    if not row.certificate_sha256:
        return None
    kiosk = {
        "identifier": {"system": URI, "value": f"ni:///sha-256;{_b64url(row.certificate_sha256)}"},
        "display": f"kiosk {row.kiosk_id}, certificate SHA-256 {colons(row.certificate_sha256)}",
    }
    agent = {
        "type": {"coding": [{"system": PARTICIPANT, "code": "assembler", "display": "Assembler"}]},
        "who": kiosk,
    }
    return agent, {"type": [SOURCE_SIGNATURE], "when": when, "who": kiosk}
