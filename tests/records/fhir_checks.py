"""Checks the FHIR tests share: fhir.resources validation plus R4's codes it leaves alone, and every
reference in a resource."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B import get_fhir_model_class

# Codes fhir.resources does not check (it checks structure, types and cardinality): R4's value sets.
CONSENT_STATES = {"draft", "proposed", "active", "rejected", "inactive", "entered-in-error"}
QR_STATES = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
DOC_STATES = {"current", "superseded", "entered-in-error"}
TASK_STATES = {
    "draft",
    "requested",
    "received",
    "accepted",
    "rejected",
    "ready",
    "cancelled",
    "in-progress",
    "on-hold",
    "failed",
    "completed",
    "entered-in-error",
}
TASK_INTENTS = {
    "unknown",
    "proposal",
    "plan",
    "order",
    "original-order",
    "reflex-order",
    "filler-order",
    "instance-order",
    "option",
}
PARTICIPATION_MODES = {"FACE", "PHONE", "VIDEOCONF"}
"""The HL7 v3 ParticipationMode codes an interpreter's mode is exported as (its "verbal" codes)."""
PARTICIPANTS = {
    "enterer",
    "performer",
    "author",
    "verifier",
    "legal",
    "attester",
    "informant",
    "custodian",
    "assembler",
    "composer",
}
SIGNATURE_TYPES = {f"1.2.840.10065.1.12.1.{n}" for n in range(1, 19)}
"""ASTM E1762-95 signature types, as R4's signature-type value set lists them (1 author … 18 timestamp)."""


def validate(resource: dict[str, Any]) -> None:
    """Validate with fhir.resources (raises on any structural error), then the codes it leaves alone."""
    model = get_fhir_model_class(resource["resourceType"])
    model.model_validate(resource)
    kind = resource["resourceType"]
    if kind == "Consent":
        assert resource["status"] in CONSENT_STATES
    elif kind == "QuestionnaireResponse":
        assert resource["status"] in QR_STATES
    elif kind == "DocumentReference":
        assert resource["status"] in DOC_STATES
    elif kind == "Task":
        assert resource["status"] in TASK_STATES and resource["intent"] in TASK_INTENTS
        if "lastModified" in resource:  # R4's inv-1 (instants in UTC compare as text)
            assert resource["lastModified"] >= resource["authoredOn"]
    elif kind == "Provenance":
        for agent in resource["agent"]:
            assert agent["type"]["coding"][0]["code"] in PARTICIPANTS
            for role in agent.get("role", []):
                for coding in role.get("coding", []):
                    if coding["system"].endswith("/v3-ParticipationMode"):
                        assert coding["code"] in PARTICIPATION_MODES
        for signature in resource["signature"]:
            assert signature["type"][0]["system"] == "urn:iso-astm:E1762-95:2013"
            assert signature["type"][0]["code"] in SIGNATURE_TYPES


def references(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [value["reference"]] if isinstance(value.get("reference"), str) else []
        return found + [r for v in value.values() for r in references(v)]
    if isinstance(value, list):
        return [r for v in value for r in references(v)]
    return []
