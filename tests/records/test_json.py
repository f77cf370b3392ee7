"""The JSON export: complete records with their audit events, and a check that accounts for every row."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from sqlalchemy import delete, func, select, update

from kiosk.records import Filters, check_export, export_json
from kiosk.records import query as query_module
from kiosk.records.full import TABLE_NAMES
from kiosk.store.models import AuditEntry, BriefingRow, BriefingStatus, PatientRow, QuestionFlag
from tests.records.conftest import Made

TABLES = {
    "briefings": "briefings",
    "patients": "patients",
    "risk_acknowledgements": "risk_acknowledgements",
    "question_flags": "question_flags",
    "comprehension_answers": "comprehension_answers",
    "signatures": "signatures",
    "signers": "signers",
    "listenings": "listenings",
    "documents": "documents",
    "planned_signers": "planned_signers",
    "screens_shown": "screens_shown",
    "rebriefings": "rebriefings",
}


def store_counts(made: Made) -> dict[str, int]:
    """Every row of every table in the store (all five briefings are exported, so all must be counted)."""
    with made.store.reading() as session:
        counts = {
            name: session.execute(
                select(func.count()).select_from(BriefingRow.metadata.tables[table])
            ).scalar_one()
            for name, table in TABLES.items()
        }
        counts["audit_log"] = session.execute(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.subject.like("briefing:%"))
        ).scalar_one()
    return counts


def export(made: Made, target: Path, filters: Filters | None = None) -> dict[str, Any]:
    export_json(made.store, target, filters or Filters(), by="Auditor")
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return data


def rewrite(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_every_row_of_every_table_is_exported_and_accounted_for(
    made: Made, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query_module, "CHUNK", 2)
    target = tmp_path / "records.json"
    data = export(made, target)
    assert data["format"] == "kiosk-records-export/1"
    assert data["summary"]["tables"] == store_counts(made)
    assert set(data["summary"]["tables"]) == set(TABLE_NAMES)
    check = check_export(target, made.store)
    assert check.ok, check.problems
    assert check.counts == store_counts(made)


def test_the_record_holds_the_full_rows_and_audit_events(
    made: Made, tmp_path: Path, signer_files: tuple[Path, Path]
) -> None:
    data = export(made, tmp_path / "r.json")
    entry = next(e for e in data["briefings"] if e["briefing"]["id"] == made.completed)
    assert entry["patient"]["name"] == "Ana Ruiz" and entry["patient"]["mrn"] == "MRN-1001"
    assert entry["briefing"]["status"] == "completed"
    assert len(entry["risk_acknowledgements"]) == 8
    assert entry["question_flags"][0]["answered_at"] is None
    (sig,) = entry["signatures"]
    assert sig["kind"] == "drawn" and sig["image_png"].startswith(
        "iVBORw0KGgo"
    )  # base64 of the PNG
    assert entry["documents"][0]["status"] == "made"
    cert = x509.load_pem_x509_certificate(signer_files[1].read_bytes())  # the seal's certificate
    assert entry["documents"][0]["certificate_sha256"] == cert.fingerprint(hashes.SHA256()).hex()
    actions = [a["action"] for a in entry["audit_log"]]
    assert (
        actions[0] == "briefing_prepared" and "signed" in actions and actions[-1] == "document_made"
    )
    assert all(a["subject"] == f"briefing:{made.completed}" for a in entry["audit_log"])
    gone = next(e for e in data["briefings"] if e["briefing"]["id"] == made.abandoned)
    assert gone["signatures"] == [] and gone["briefing"]["end_reason"] == "staff"


def test_the_check_catches_a_missing_acknowledgement(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    data = export(made, target)
    entry = next(e for e in data["briefings"] if e["briefing"]["id"] == made.completed)
    dropped = entry["risk_acknowledgements"].pop(3)
    data["summary"]["tables"]["risk_acknowledgements"] -= 1  # even with the summary made to fit
    rewrite(target, data)
    check = check_export(target, made.store)
    assert check.problems == [
        f"risk_acknowledgements: risk_acknowledgement {dropped['id']} is in the store but missing from the export"
    ]


def test_the_check_catches_a_row_deleted_from_the_store(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    export(made, target)
    with made.store.sessions.begin() as session:
        flag_id = session.execute(select(QuestionFlag.id)).scalar_one()
        session.execute(delete(QuestionFlag).where(QuestionFlag.id == flag_id))
    check = check_export(target, made.store)
    assert check.problems == [
        f"question_flags: question_flag {flag_id} is in the export but not in the store (removed since?)"
    ]


def test_the_check_catches_changed_rows_counts_and_audit_rows(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    data = export(made, target)
    entry = next(e for e in data["briefings"] if e["briefing"]["id"] == made.typed)
    entry["patient"]["name"] = "Someone Else"
    entry["audit_log"][0]["actor"] = "Mallory"
    data["summary"]["tables"]["signatures"] = 7
    rewrite(target, data)
    problems = check_export(target, made.store).problems
    assert f"patients: patient {entry['patient']['id']} differs from the store in name" in problems
    assert (
        f"audit_log: audit row {entry['audit_log'][0]['seq']} in the export does not match its hash"
        in problems
    )
    assert (
        f"audit_log: audit row {entry['audit_log'][0]['seq']} differs from the store in actor"
        in problems
    )
    assert "summary: signatures says 7 rows, the export holds 2" in problems


def test_the_check_notices_a_briefing_left_out(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    data = export(made, target, Filters(statuses=frozenset({BriefingStatus.COMPLETED})))
    assert [e["briefing"]["id"] for e in data["briefings"]] == [made.completed, made.typed]
    assert check_export(target, made.store).ok
    data["briefings"] = [e for e in data["briefings"] if e["briefing"]["id"] != made.typed]
    rewrite(target, data)
    data["summary"]["tables"] = check_export(target, made.store).counts  # a summary made to fit
    rewrite(target, data)
    problems = check_export(target, made.store).problems
    assert not any(p.startswith("summary") for p in problems)
    assert (
        f"briefings: briefing {made.typed} matches the export's filters but is missing from it"
        in problems
    )


def test_a_flag_answered_after_the_export_shows_as_a_difference(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    export(made, target)
    with made.store.sessions.begin() as session:
        session.execute(update(QuestionFlag).values(answered_by="Dr Adler", answer_note="Called."))
    (problem,) = check_export(target, made.store).problems
    assert problem.endswith("differs from the store in answer_note, answered_by")


def test_a_file_that_is_not_an_export(made: Made, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"format": "something else"}', encoding="utf-8")
    assert check_export(other, made.store).problems == [
        f"{other}: is not a records export (kiosk-records-export/1)"
    ]


def test_the_json_audit_row_names_no_patient(made: Made, tmp_path: Path) -> None:
    export(made, tmp_path / "r.json", Filters(patient="Zoë"))
    with made.store.reading() as session:
        entry = session.execute(
            select(AuditEntry).where(AuditEntry.action == "records_exported")
        ).scalar_one()
        names = session.execute(select(PatientRow.name)).scalars().all()
    detail = json.loads(entry.detail)
    assert (detail["format"], detail["briefings"], detail["filters"]["patient"]) == (
        "json",
        1,
        True,
    )
    assert not any(name in entry.detail for name in [*names, "Zoë"])
