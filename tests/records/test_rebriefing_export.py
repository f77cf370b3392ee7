"""A re-briefing in the exports: its CSV row and JSON entry name the earlier briefing, and its FHIR
Provenance says it revises the earlier briefing's Consent, named by the identifier that Consent
carries (so the link holds whether or not the earlier briefing is in the same export)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path

from fhir.resources.R4B import get_fhir_model_class

from kiosk.records import Filters, export_csv, export_fhir, export_json
from kiosk.session import Patient
from kiosk.session.rebrief import Rebriefing
from kiosk.store import Recorder, Store
from kiosk.store.briefings import next_prepared
from kiosk.store.rebriefings import prepare_rebriefing
from tests.records.fhir_checks import validate
from tests.session.fakes import FakeClock
from tests.versions_forms import brief, languages, two_versions, walk

LATER = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
DOB = date(1950, 2, 3)


def _rebriefed(store: Store, tmp_path: Path) -> tuple[str, str]:
    """(the 1.0.0 briefing, its re-briefing on 1.1.0, walked and signed)."""
    old, new = two_versions(tmp_path)
    before, after = languages(old)["en"], languages(new)["en"]
    earlier = brief(store, before, "Ana Ruiz", DOB, mrn="M-1", planned=date(2026, 12, 10))
    again = prepare_rebriefing(store, earlier, after, staff="Nurse Lee", now=LATER)
    waiting = next_prepared(store, LATER.replace(hour=0))
    assert waiting is not None and waiting.briefing_id == again
    clock = FakeClock(LATER)
    b = Rebriefing(
        after, again, Recorder(store), clock, patient=Patient("Ana Ruiz", DOB),
        changes=waiting.changes,
    )  # fmt: skip
    walk(b, clock, DOB)
    return earlier, again


def test_the_csv_and_json_name_the_earlier_briefing(store: Store, tmp_path: Path) -> None:
    earlier, again = _rebriefed(store, tmp_path)
    export_csv(store, tmp_path / "b.csv", Filters(), by="Auditor", zone=UTC)
    with (tmp_path / "b.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {r["briefing_id"]: r for r in csv.DictReader(f)}
    assert rows[again]["rebriefing_of"] == earlier
    assert rows[earlier]["rebriefing_of"] == ""
    export_json(store, tmp_path / "b.json", Filters(), by="Auditor")
    entries = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["briefings"]
    by_id = {e["briefing"]["id"]: e for e in entries}
    assert [r["earlier_id"] for r in by_id[again]["rebriefings"]] == [earlier]
    assert by_id[earlier]["rebriefings"] == []


def test_the_fhir_provenance_revises_the_earlier_consent(store: Store, tmp_path: Path) -> None:
    earlier, again = _rebriefed(store, tmp_path)
    target = tmp_path / "b.fhir.json"
    export_fhir(store, target, Filters(), by="Auditor", documents=tmp_path / "documents")
    data = json.loads(target.read_text(encoding="utf-8"))
    get_fhir_model_class("Bundle").model_validate(data)
    resources = [e["resource"] for e in data["entry"]]
    for resource in resources:
        validate(resource)
    consents = {r["id"]: r for r in resources if r["resourceType"] == "Consent"}
    provenances = {
        r["target"][0]["reference"]: r for r in resources if r["resourceType"] == "Provenance"
    }
    later = next(p for ref, p in provenances.items() if ref.endswith(again))
    [entity] = later["entity"]
    assert entity["role"] == "revision"
    assert entity["what"]["identifier"] in consents[earlier]["identifier"]
    first = next(p for ref, p in provenances.items() if ref.endswith(earlier))
    assert "entity" not in first


def test_one_patient_briefed_twice_is_one_fhir_patient(store: Store, tmp_path: Path) -> None:
    """A reviewer found one MRN as three Patient resources in one Bundle: each briefing's
    patient row had become a Patient of its own. A re-briefing's Consent names the same one."""
    earlier, again = _rebriefed(store, tmp_path)
    target = tmp_path / "b.fhir.json"
    export_fhir(store, target, Filters(), by="Auditor", documents=tmp_path / "documents")
    data = json.loads(target.read_text(encoding="utf-8"))
    get_fhir_model_class("Bundle").model_validate(data)
    resources = [e["resource"] for e in data["entry"]]
    [person] = [r for r in resources if r["resourceType"] == "Patient"]
    assert person["identifier"][0]["value"] == "M-1"
    consents = {r["id"]: r for r in resources if r["resourceType"] == "Consent"}
    full_urls = {e["resource"]["id"]: e["fullUrl"] for e in data["entry"]}
    for briefing in (earlier, again):
        assert consents[briefing]["patient"]["reference"] == full_urls[person["id"]]
