"""FHIR for the signers beside the patient: one Provenance.signature (and agent) per signer, typed
by the ASTM E1762-95 signature types FHIR R4 names, and a RelatedPerson for a representative.

Signature types (urn:iso-astm:E1762-95:2013): 1.2.840.10065.1.12.1.7 Consent Signature (the
representative signs the consent for the patient), .1.8 Signature Witness Signature (staff witness
the signing), .1.12 Interpreter Signature (the interpreter attests).

An interpreter's agent also says how they took part and in which language, as two more
`agent.role` codings. R4 has no element or core extension for either on Provenance.agent: the core
language extension (http://hl7.org/fhir/StructureDefinition/language) may only be used on
HumanName, Address and Annotation (http://hl7.org/fhir/R4/extension-language.html), and
`agent.role` is bound only by example (http://hl7.org/fhir/R4/provenance.html), so it takes:
- the mode from HL7 v3 ParticipationMode (R4's own binding for Communication.medium): FACE,
  PHONE or VIDEOCONF, the "verbal" codes, where PHYSICAL would be "more than communication";
- the language as stored (BCP-47) in the urn:ietf:bcp:47 system, as R4 codes a language
  wherever it is a CodeableConcept (Patient.communication.language, Practitioner.communication).
"""

from __future__ import annotations

from typing import Any

from kiosk.records.fhir import (
    CONSENT_SIGNATURE,
    PARTICIPANT,
    SIGNATURE_TYPE,
    WITNESS_SIGNATURE,
    Refs,
    instant,
    resource_id,
)
from kiosk.records.query import RecordRow

INTERPRETER_SIGNATURE = {
    "system": SIGNATURE_TYPE,
    "code": "1.2.840.10065.1.12.1.12",
    "display": "Interpreter Signature",
}
SIGNATURE_OF = {
    "representative": CONSENT_SIGNATURE,
    "witness": WITNESS_SIGNATURE,
    "interpreter": INTERPRETER_SIGNATURE,
}
AGENT_OF = {"representative": "performer", "witness": "attester", "interpreter": "informant"}
"""Each signer's provenance participant type (R4's provenance-participant-type)."""
PARTICIPATION_MODE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode"
MODE_OF = {
    "in_person": {"system": PARTICIPATION_MODE, "code": "FACE", "display": "face-to-face"},
    "phone": {"system": PARTICIPATION_MODE, "code": "PHONE", "display": "telephone"},
    "video": {"system": PARTICIPATION_MODE, "code": "VIDEOCONF", "display": "videoconferencing"},
}
"""The interpreter's mode as stored (signers.mode) -> its v3 ParticipationMode coding."""
BCP_47 = "urn:ietf:bcp:47"


def related_person(row: RecordRow, signer: Any, patient_ref: dict[str, Any]) -> dict[str, Any]:
    """A representative as FHIR's RelatedPerson: their name and relationship to the patient."""
    out: dict[str, Any] = {
        "resourceType": "RelatedPerson",
        "id": resource_id("related-person", f"{row.briefing_id}:{signer.id}"),
        "patient": patient_ref,
        "name": [{"text": signer.name}],
    }
    if signer.role:
        out["relationship"] = [{"text": signer.role}]
    return out


def add_signers(
    provenance: dict[str, Any],
    row: RecordRow,
    signers: list[Any],
    refs: Refs,
    patient_ref: dict[str, Any],
) -> list[dict[str, Any]]:
    """Add each signer's signature and agent to `provenance`; returns the RelatedPerson resources
    of the representatives. With a representative, the patient's own consent signature (which
    they drew on the sign page) is theirs, made on the patient's behalf."""
    extra: list[dict[str, Any]] = []
    for signer in signers:
        if signer.kind == "representative":
            person = related_person(row, signer, patient_ref)
            extra.append(person)
            who = refs("RelatedPerson", person["id"], signer.name)
            consent = provenance["signature"][0]
            consent["who"], consent["onBehalfOf"] = who, patient_ref
            agent = provenance["agent"][0]
            agent["who"], agent["onBehalfOf"] = who, patient_ref
            continue
        who = {"display": signer.name}
        if signer.kind == "interpreter" and signer.interpreter_id:
            who["identifier"] = {"value": signer.interpreter_id}
        code = AGENT_OF[signer.kind]
        agent = {"type": {"coding": [{"system": PARTICIPANT, "code": code}]}, "who": who}
        roles = [{"text": signer.role}] if signer.role else []
        if signer.kind == "interpreter":
            roles += interpreting(signer)
        if roles:
            agent["role"] = roles
        provenance["agent"].append(agent)
        provenance["signature"].append(
            {"type": [SIGNATURE_OF[signer.kind]], "when": instant(signer.signed_at), "who": who}
        )
    return extra


def interpreting(signer: Any) -> list[dict[str, Any]]:
    """How an interpreter took part (in person, by phone, by video) and the language they
    interpreted, as `agent.role` codings (see the module's docstring)."""
    roles: list[dict[str, Any]] = []
    if signer.mode in MODE_OF:
        roles.append({"coding": [MODE_OF[signer.mode]]})
    if signer.language:
        roles.append({"coding": [{"system": BCP_47, "code": signer.language}]})
    return roles
