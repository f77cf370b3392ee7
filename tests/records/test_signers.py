"""CSV, JSON and FHIR for a briefing signed by a representative with an interpreter and a witness: a RelatedPerson
for the representative, one Provenance.signature per signer with its ASTM E1762 type, every resource
validated by fhir.resources and every reference resolved."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fhir.resources.R4B import get_fhir_model_class
from sqlalchemy import select

from kiosk.records import Filters, export_csv, export_fhir, export_json
from kiosk.records.full import check_export
from kiosk.session.signers import InterpreterMode, Signer, SignerKind
from kiosk.store import Store
from kiosk.store.models import StaffUser
from kiosk.store.signers import add_signer
from kiosk.store.staff import add_staff
from tests.records.conftest import FORM, walk_whole
from tests.records.fhir_checks import references as _references
from tests.records.fhir_checks import validate

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TYPES = "urn:iso-astm:E1762-95:2013"


def test_each_signer_has_its_signature_and_the_representative_a_related_person(
    store: Store, tmp_path: Path
) -> None:
    briefing = walk_whole(store, FORM, "Ana Ruiz", WHEN)
    alone = walk_whole(store, FORM, "Bo Lind", WHEN + timedelta(hours=1))
    staff = add_staff(store, "Nurse Lee", "482913", WHEN)
    with store.reading() as session:
        staff_id = session.execute(
            select(StaffUser.id).where(StaffUser.name == staff.name)
        ).scalar_one()
    at = WHEN + timedelta(minutes=30)
    for signer in (
        Signer(SignerKind.REPRESENTATIVE, "Luis Ruiz", at, role="son", reason="aphasia"),
        Signer(
            SignerKind.INTERPRETER,
            "Marta Gil",
            at,
            interpreter_id="LL-7781",
            language="es",
            mode=InterpreterMode.VIDEO,
        ),
        Signer(SignerKind.WITNESS, "Nurse Lee", at, role="staff witness", staff_id=staff_id),
    ):
        add_signer(store, briefing, signer, actor="kiosk")
    target = tmp_path / "b.json"
    export_fhir(store, target, Filters(), by="Auditor", documents=tmp_path / "documents")
    data = json.loads(target.read_text(encoding="utf-8"))
    get_fhir_model_class("Bundle").model_validate(data)
    resources = [e["resource"] for e in data["entry"]]
    for resource in resources:
        validate(resource)
    urls = {e["fullUrl"] for e in data["entry"]}
    assert all(ref in urls for ref in _references(data))
    (person,) = [r for r in resources if r["resourceType"] == "RelatedPerson"]
    assert person["name"] == [{"text": "Luis Ruiz"}]
    assert person["relationship"] == [{"text": "son"}]
    provenances = {
        r["target"][0]["reference"]: r for r in resources if r["resourceType"] == "Provenance"
    }
    signed = provenances[f"urn:uuid:{briefing}"]
    kinds = [
        (s["type"][0]["system"], s["type"][0]["code"], s["who"].get("display"))
        for s in signed["signature"]
    ]
    assert kinds == [
        (TYPES, "1.2.840.10065.1.12.1.7", "Luis Ruiz"),  # the consent, signed for the patient
        (TYPES, "1.2.840.10065.1.12.1.12", "Marta Gil"),
        (TYPES, "1.2.840.10065.1.12.1.8", "Nurse Lee"),
    ]
    consent = signed["signature"][0]
    assert consent["who"]["reference"] == f"urn:uuid:{person['id']}"
    assert consent["onBehalfOf"]["reference"] == person["patient"]["reference"]
    assert [a["type"]["coding"][0]["code"] for a in signed["agent"]] == [
        "performer",
        "informant",
        "attester",
    ]
    assert signed["signature"][1]["who"]["identifier"] == {"value": "LL-7781"}
    lone = provenances[f"urn:uuid:{alone}"]
    assert [s["type"][0]["code"] for s in lone["signature"]] == ["1.2.840.10065.1.12.1.7"]
    assert "onBehalfOf" not in lone["signature"][0]


def test_csv_names_the_signers_and_json_carries_their_rows(store: Store, tmp_path: Path) -> None:
    briefing = walk_whole(store, FORM, "Ana Ruiz", WHEN)
    alone = walk_whole(store, FORM, "Bo Lind", WHEN + timedelta(hours=1))
    at = WHEN + timedelta(minutes=30)
    add_signer(
        store,
        briefing,
        Signer(SignerKind.REPRESENTATIVE, "=Luis Ruiz", at, role="son", reason="aphasia"),
        actor="kiosk",
    )
    add_signer(
        store,
        briefing,
        Signer(
            SignerKind.INTERPRETER,
            "Marta Gil",
            at,
            interpreter_id="LL-7781",
            language="es",
            mode=InterpreterMode.PHONE,
        ),
        actor="kiosk",
    )
    target = tmp_path / "records.csv"
    export_csv(store, target, Filters(), by="Auditor", zone=UTC)
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = {r["briefing_id"]: r for r in csv.DictReader(f)}
    signed = rows[briefing]
    assert (signed["representative"], signed["interpreter"], signed["witness"]) == (
        "'=Luis Ruiz",  # defused like every typed cell
        "Marta Gil",
        "",
    )
    assert (rows[alone]["representative"], rows[alone]["practitioner"]) == ("", "")
    json_target = tmp_path / "records.json"
    export_json(store, json_target, Filters(), by="Auditor")
    entries = {
        e["briefing"]["id"]: e
        for e in json.loads(json_target.read_text(encoding="utf-8"))["briefings"]
    }
    assert [s["kind"] for s in entries[briefing]["signers"]] == ["representative", "interpreter"]
    assert entries[alone]["signers"] == []
    assert check_export(json_target, store).ok


def test_an_interpreters_language_and_mode_are_in_their_provenance_agent(
    store: Store, tmp_path: Path
) -> None:
    """Each mode as its HL7 v3 ParticipationMode code, the language (BCP-47, as stored) in the
    urn:ietf:bcp:47 system, both as codings of the interpreter's agent.role."""
    at = WHEN + timedelta(minutes=30)
    modes = {
        InterpreterMode.IN_PERSON: ("FACE", "face-to-face", "es-419"),
        InterpreterMode.PHONE: ("PHONE", "telephone", "zh-Hant-TW"),
        InterpreterMode.VIDEO: ("VIDEOCONF", "videoconferencing", "ar"),
    }
    briefings = {}
    for n, (mode, (_, _, language)) in enumerate(modes.items()):
        briefing = walk_whole(store, FORM, f"Patient {n}", WHEN + timedelta(hours=n))
        interpreter = Signer(
            SignerKind.INTERPRETER, "Marta Gil", at, role="agency interpreter",
            interpreter_id="LL-7781", language=language, mode=mode,
        )  # fmt: skip
        add_signer(store, briefing, interpreter, actor="kiosk")
        briefings[briefing] = mode
    target = tmp_path / "b.json"
    export_fhir(store, target, Filters(), by="Auditor", documents=tmp_path / "documents")
    data = json.loads(target.read_text(encoding="utf-8"))
    get_fhir_model_class("Bundle").model_validate(data)
    for entry in data["entry"]:
        validate(entry["resource"])
    provenances = {
        e["resource"]["target"][0]["reference"]: e["resource"]
        for e in data["entry"]
        if e["resource"]["resourceType"] == "Provenance"
    }
    for briefing, mode in briefings.items():
        code, display, language = modes[mode]
        (agent,) = [
            a
            for a in provenances[f"urn:uuid:{briefing}"]["agent"]
            if a["type"]["coding"][0]["code"] == "informant"
        ]
        assert agent["who"]["display"] == "Marta Gil"
        assert agent["role"] == [
            {"text": "agency interpreter"},
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode",
                        "code": code,
                        "display": display,
                    }
                ]
            },
            {"coding": [{"system": "urn:ietf:bcp:47", "code": language}]},
        ]
