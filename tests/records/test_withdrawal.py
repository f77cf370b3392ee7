"""Withdrawing a prepared briefing: it ends, never started, as withdrawn (no schema change), the
kiosk no longer offers it, the audit log says who and why; one that started or ended is kept."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.records.fhir_export import export_fhir
from kiosk.records.followup import StaleError
from kiosk.records.query import Filters
from kiosk.records.withdrawal import withdraw
from kiosk.store.briefings import next_prepared
from kiosk.store.models import AuditEntry, BriefingRow
from tests.records.conftest import Made

NOW = datetime(2026, 11, 23, 10, tzinfo=UTC)


def _row(made: Made, briefing_id: str) -> tuple[str, str | None, datetime | None]:
    with made.store.reading() as session:
        row = session.get(BriefingRow, briefing_id)
        assert row is not None
        return row.status, row.end_reason, row.started_at


def test_a_withdrawn_briefing_is_no_longer_offered_and_is_audited(made: Made) -> None:
    since = datetime(2026, 11, 1, tzinfo=UTC)
    waiting = next_prepared(made.store, since)
    assert waiting is not None and waiting.briefing_id == made.prepared
    withdraw(made.store, made.prepared, staff="Sam Carter", reason="wrong-patient", now=NOW)
    assert _row(made, made.prepared) == ("abandoned", "withdrawn", None)
    assert next_prepared(made.store, since) is None
    with made.store.reading() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "briefing_withdrawn")
        ).one()
    assert (entry.actor, entry.subject) == ("Sam Carter", f"briefing:{made.prepared}")
    assert json.loads(entry.detail) == {"reason": "wrong-patient"}


@pytest.mark.parametrize("which", ["completed", "abandoned", "in_progress"])
def test_a_briefing_no_longer_waiting_is_kept_as_it_is(made: Made, which: str) -> None:
    briefing_id = getattr(made, which)
    before = _row(made, briefing_id)
    with pytest.raises(StaleError) as refused:
        withdraw(made.store, briefing_id, staff="Sam Carter", reason="not-wanted", now=NOW)
    assert refused.value.text.id == "problem.not-waiting"
    assert _row(made, briefing_id) == before
    with made.store.reading() as session:
        assert (
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == "briefing_withdrawn")
            ).all()
            == []
        )


def test_an_unknown_briefing_or_reason_is_refused(made: Made) -> None:
    with pytest.raises(StaleError) as refused:
        withdraw(made.store, "no-such-id", staff="Sam Carter", reason="not-wanted", now=NOW)
    assert refused.value.text.id == "problem.briefing-gone"
    with pytest.raises(ValueError, match="reason must be"):
        withdraw(made.store, made.prepared, staff="Sam Carter", reason="bored", now=NOW)
    assert _row(made, made.prepared)[0] == "prepared"


@pytest.mark.parametrize(
    ("reason", "status"), [("wrong-patient", "entered-in-error"), ("not-wanted", "inactive")]
)
def test_fhir_marks_a_briefing_made_for_the_wrong_patient_entered_in_error(
    made: Made, tmp_path: Path, reason: str, status: str
) -> None:
    """A reviewer withdrew a briefing as made for the wrong patient, and the FHIR export still
    filed an "inactive" Consent of that person, the reason nowhere: an EHR would keep it."""
    withdraw(made.store, made.prepared, staff="Sam Carter", reason=reason, now=NOW)
    target = tmp_path / "out.json"
    export_fhir(made.store, target, Filters(), by="Auditor", documents=made.documents)
    entries = json.loads(target.read_text(encoding="utf-8"))["entry"]
    consents = {
        e["resource"]["id"]: e["resource"]["status"]
        for e in entries
        if e["resource"]["resourceType"] == "Consent"
    }
    assert consents[made.prepared] == status
    assert consents[made.completed] == "active" and consents[made.abandoned] == "inactive"
