"""What makes the FHIR Consent complete: what was agreed (provision), the clinic (organization), the
PDF as the DocumentReference it came from, the quiz as a Questionnaire with coded answers, and the
MRN with the clinic's identifier system. Built from the clinic's settings and the forms on this
machine (`FhirContext`); kiosk.records.fhir calls it on the resources it makes."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.content.schema import Form
from kiosk.i18n import words_for

if TYPE_CHECKING:
    from kiosk.records.query import RecordRow

NAMESPACE = uuid.UUID("0c9b7c1e-3f55-4c6e-8a59-2f0f6e2b8d41")
"""Questionnaire URLs and answer code systems are UUIDv5 names in this namespace: the same on
every kiosk and every export for the same form version."""
PROCEDURES = "urn:uuid:" + str(uuid.uuid5(NAMESPACE, "procedures"))
"""The code system of procedure ids (`mild`): the Consent's provision names what was agreed by it."""


@dataclass(frozen=True)
class FhirContext:
    """The clinic's settings the FHIR export needs, and every form on this machine by content hash."""

    clinic: str = ""
    mrn_system: str = ""
    pdf_base_url: str = ""
    forms: Mapping[str, Form] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        settings: Mapping[str, Any],
        forms: Iterable[Form],
        translations: Mapping[str, Mapping[str, Form]] | None = None,
    ) -> FhirContext:
        every = [*forms, *(f for by in (translations or {}).values() for f in by.values())]
        return cls(
            clinic=str(settings["clinic_name"]),
            mrn_system=str(settings["mrn_system"]),
            pdf_base_url=str(settings["pdf_base_url"]),
            forms={f.content_sha256: f for f in every},
        )

    def pdf_url(self, name: str) -> str | None:
        """The PDF's stable URL when the clinic serves its PDFs at `pdf_base_url`; else None (the
        attachment then carries the PDF's bytes)."""
        if not self.pdf_base_url:
            return None
        return self.pdf_base_url.rstrip("/") + "/" + name


def questionnaire_url(form: Form) -> str:
    return "urn:uuid:" + str(uuid.uuid5(NAMESPACE, f"questionnaire:{form.content_sha256}"))


def choices_system(form_id: str, version: str, question_id: str) -> str:
    """The code system of one question's choices: the same in every language of a form version
    (translations share every question and choice id)."""
    return "urn:uuid:" + str(uuid.uuid5(NAMESPACE, f"choices:{form_id}:{version}:{question_id}"))


def questionnaire(form: Form) -> dict[str, Any]:
    """The comprehension quiz of a form version in one language: each question with its choices
    as codings (system, code, display)."""
    return {
        "resourceType": "Questionnaire",
        "id": str(uuid.uuid5(NAMESPACE, f"questionnaire-id:{form.content_sha256}")),
        "url": questionnaire_url(form),
        "version": form.version,
        "name": "".join(part.capitalize() for part in f"{form.id}-quiz".split("-") if part),
        "title": words_for(form.language)("fhir.questionnaire-title", title=form.title),
        "status": "active",
        "language": form.language,
        "subjectType": ["Patient"],
        "item": [
            {
                "linkId": q.id,
                "text": q.prompt,
                "type": "choice",
                "answerOption": [
                    {"valueCoding": _coding(form, q.id, c.id, c.text)} for c in q.choices
                ],
            }
            for q in form.questions
        ],
    }


def _coding(form: Form, question_id: str, choice_id: str, display: str | None) -> dict[str, Any]:
    coding = {"system": choices_system(form.id, form.version, question_id), "code": choice_id}
    if display:
        coding["display"] = display
    return coding


def code_answers(
    response: dict[str, Any], row: RecordRow, answers: list[Any], context: FhirContext
) -> tuple[Form | None, str | None]:
    """Give each answer of `response` its system and display (in the language it was given in) and
    the Questionnaire it answers. Returns that Questionnaire's form (None if this machine does not
    have the form version) and a warning when an answer's words cannot be found."""
    forms = context.forms
    asked = forms.get(answers[0].content_sha256) if answers else None
    asked = asked or forms.get(row.content_sha256)
    if asked is not None:
        response["questionnaire"] = questionnaire_url(asked)
    missing = False
    given = iter(answers)
    for item in response["item"]:
        for answer in item["answer"]:
            row_answer = next(given)
            form = forms.get(row_answer.content_sha256) or asked
            display = None
            if form is not None:
                try:
                    display = (
                        form.question(item["linkId"]).choice(answer["valueCoding"]["code"]).text
                    )
                except KeyError:
                    display = None
            missing = missing or display is None
            answer["valueCoding"] = {
                "system": choices_system(row.form_id, row.form_version, item["linkId"]),
                "code": answer["valueCoding"]["code"],
                **({"display": display} if display else {}),
            }
    warning = (
        f"briefing {row.briefing_id}: the words of its answers are not on this machine "
        f"({row.form_id} version {row.form_version}); its answers are exported by code alone"
        if missing
        else None
    )
    return asked, warning


def complete_consent(
    consent: dict[str, Any],
    row: RecordRow,
    context: FhirContext,
    document_ref: dict[str, Any] | None,
    signed: bool,
) -> None:
    """Add what the patient agreed to (a permit from the time of signing, naming the procedure
    and its content version), the clinic, and the PDF as a reference to its DocumentReference."""
    form = context.forms.get(row.content_sha256)
    name = form.full_name if form is not None else row.form_id
    if signed and row.signed_at is not None:
        from kiosk.records.fhir import instant

        consent["provision"] = {
            "type": "permit",
            "period": {"start": instant(row.signed_at)},
            "code": [
                {
                    "coding": [{"system": PROCEDURES, "code": row.form_id, "display": name}],
                    "text": f"{name}, briefed on content version {row.form_version}",
                }
            ],
        }
    if context.clinic:
        consent["organization"] = [{"display": context.clinic}]
    if document_ref is not None:
        consent.pop("sourceAttachment", None)
        consent["sourceReference"] = document_ref


def attachment_source(attachment: dict[str, Any], data: bytes | None, context: FhirContext) -> None:
    """The PDF itself in the attachment, or its stable URL when the clinic serves its PDFs."""
    url = context.pdf_url(str(attachment.get("url", "")))
    if url is not None:
        attachment["url"] = url
    elif data is not None:
        attachment["data"] = base64.b64encode(data).decode("ascii")


def mrn_system(patient: dict[str, Any], context: FhirContext) -> None:
    if context.mrn_system:
        for identifier in patient.get("identifier", []):
            identifier["system"] = context.mrn_system
