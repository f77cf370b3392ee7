"""Exports and the staff list carry the language: the briefing's, and each given row's."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fhir.resources.R4B import get_fhir_model_class

from kiosk.content import load_form
from kiosk.document import keys
from kiosk.document.make import make_document
from kiosk.records import Filters, export_csv, export_fhir, export_json
from kiosk.records.followup import briefings_for_staff, local_midnight
from kiosk.store import Store
from tests.conftest import MILD
from tests.shared import walk_in_languages

EN = load_form(MILD)
ES = load_form(MILD.with_name("es.toml"))
WHEN = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def spanish_switched(store: Store, documents: Path, signer_files: tuple[Path, Path]) -> str:
    """A briefing prepared in English whose patient switched to Spanish after three risks and
    signed in it (a Spanish briefing now), its PDF made."""
    briefing_id = walk_in_languages(
        store, {"en": EN, "es": ES}, "en", switch_to="es", switch_after_risks=3, when=WHEN
    )
    signer = keys.load_signer(
        key_path=signer_files[0], cert_path=signer_files[1], pkcs12_path=None, pkcs12_password=None
    )
    make_document(
        store, briefing_id, {EN.id: EN}, signer, documents, WHEN, translations={EN.id: {"es": ES}}
    )
    return briefing_id


def test_csv_and_json_carry_the_language(
    store: Store, tmp_path: Path, signer_files: tuple[Path, Path]
) -> None:
    briefing_id = spanish_switched(store, tmp_path / "documents", signer_files)
    export_csv(store, tmp_path / "b.csv", Filters(), by="Auditor")
    with (tmp_path / "b.csv").open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["briefing_id"], row["language"]) == (briefing_id, "es")
    export_csv(store, tmp_path / "a.csv", Filters(), by="Auditor", acknowledgements=True)
    with (tmp_path / "a.csv").open(encoding="utf-8-sig", newline="") as f:
        acks = list(csv.DictReader(f))
    assert [(a["language"], a["content_sha256"]) for a in acks] == [
        ("en", EN.content_sha256)
    ] * 3 + [("es", ES.content_sha256)] * (len(EN.risks) - 3)
    export_json(store, tmp_path / "r.json", Filters(), by="Auditor")
    (entry,) = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["briefings"]
    assert entry["briefing"]["language"] == "es"
    assert [a["language"] for a in entry["risk_acknowledgements"]][2:4] == ["en", "es"]
    assert entry["question_flags"][0]["language"] == "en"
    assert {a["language"] for a in entry["comprehension_answers"]} == {"es"}
    assert entry["signatures"][0]["content_sha256"] == ES.content_sha256


def test_fhir_sets_the_consents_and_the_attachments_language(
    store: Store, tmp_path: Path, signer_files: tuple[Path, Path]
) -> None:
    briefing_id = spanish_switched(store, tmp_path / "documents", signer_files)
    export_fhir(
        store, tmp_path / "f.json", Filters(), by="Auditor", documents=tmp_path / "documents"
    )
    bundle = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    get_fhir_model_class("Bundle").model_validate(bundle)
    resources = [e["resource"] for e in bundle["entry"]]
    for resource in resources:
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    (consent,) = [r for r in resources if r["resourceType"] == "Consent"]
    assert consent["id"] == briefing_id and consent["language"] == "es"
    (reference,) = [r for r in resources if r["resourceType"] == "DocumentReference"]
    assert consent["sourceReference"]["reference"] == f"urn:uuid:{reference['id']}"
    assert reference["content"][0]["attachment"]["language"] == "es"
    (doc,) = [r for r in resources if r["resourceType"] == "DocumentReference"]
    assert doc["content"][0]["attachment"]["language"] == "es"


def test_the_staff_list_names_each_briefings_language(store: Store) -> None:
    now = local_midnight(datetime.now(UTC)) + timedelta(hours=12)  # midday: both today
    walk_in_languages(store, {"en": EN, "es": ES}, "es", when=now - timedelta(minutes=30))
    walk_in_languages(store, {"en": EN, "es": ES}, "en", name="Ben Okafor", when=now)
    rows = briefings_for_staff(store, {EN.id: EN}, now + timedelta(minutes=30))
    assert sorted((r.language, r.language_name) for r in rows) == [
        ("en", "English"),
        ("es", "Español"),
    ]
