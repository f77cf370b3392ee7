"""Re-briefing when a procedure's content changes: who is listed, and a re-briefing prepared for
them that shows only the changed and new screens, then the review and the signing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.session import Patient
from kiosk.session.rebrief import Rebriefing
from kiosk.store import Recorder, Store
from kiosk.store.briefings import next_prepared
from kiosk.store.models import AuditEntry, RiskAcknowledgement
from kiosk.store.rebriefings import RebriefError, changes_since, outdated, prepare_rebriefing
from tests.session.fakes import FakeClock
from tests.versions_forms import ADDED, CHANGED, brief, languages, two_versions, walk

LATER = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
"""A week after the 1.0.0 briefings, once the forms folder holds 1.1.0."""
DOB = date(1950, 2, 3)


@pytest.fixture
def versions(tmp_path: Path) -> tuple[dict, dict]:
    old, new = two_versions(tmp_path)
    return languages(old), languages(new)


def test_patients_briefed_on_the_old_version_with_their_procedure_ahead_are_listed(
    store: Store, versions: tuple[dict, dict]
) -> None:
    before, after = versions
    ana = brief(store, before["en"], "Ana Ruiz", DOB, mrn="M-1", planned=date(2026, 12, 10))
    brief(store, before["en"], "Past Planned", DOB, planned=date(2026, 11, 25))  # already done
    recent = brief(store, before["en"], "No Date", DOB, when=datetime(2026, 11, 20, tzinfo=UTC))
    brief(store, before["en"], "Long Ago", DOB, when=datetime(2026, 9, 1, tzinfo=UTC))
    brief(store, before["en"], "Bo Chen", DOB, mrn="M-2", planned=date(2026, 12, 12))
    brief(store, after["en"], "Bo  CHEN", DOB, when=LATER)  # briefed again already: by name
    brief(store, before["en"], "Cy Dee", DOB, mrn="M-3", planned=date(2026, 12, 15))
    brief(store, after["en"], "Cy Dee-Other", DOB, mrn="M-3", when=LATER)  # and by MRN
    found = outdated(store, {"mild": after["en"]}, LATER, within_days=30)
    assert [(o.briefing_id, o.name, o.version, o.current_version) for o in found] == [
        (ana, "Ana Ruiz", "1.0.0", "1.1.0"),
        (recent, "No Date", "1.0.0", "1.1.0"),
    ]
    assert [o.name for o in outdated(store, {"mild": after["en"]}, LATER, within_days=5)] == [
        "Ana Ruiz"
    ]
    assert outdated(store, {"mild": before["en"]}, LATER, within_days=30) == []


def test_a_patient_briefed_twice_on_old_versions_is_listed_once_by_the_latest(
    store: Store, versions: tuple[dict, dict]
) -> None:
    before, after = versions
    brief(store, before["en"], "Ana Ruiz", DOB, mrn="M-1", planned=date(2026, 12, 10))
    later = brief(
        store, before["en"], "Ana Ruiz", DOB, mrn="M-1", planned=date(2026, 12, 10),
        when=datetime(2026, 11, 24, tzinfo=UTC),
    )  # fmt: skip
    assert [o.briefing_id for o in outdated(store, {"mild": after["en"]}, LATER, 30)] == [later]


def test_a_rebriefing_shows_only_the_changed_and_new_screens_then_review_and_signing(
    store: Store, versions: tuple[dict, dict]
) -> None:
    before, after = versions
    earlier = brief(store, before["en"], "Ana Ruiz", DOB, mrn="M-1", planned=date(2026, 12, 10))
    rebrief = prepare_rebriefing(store, earlier, after["en"], staff="Nurse Lee", now=LATER)
    assert outdated(store, {"mild": after["en"]}, LATER, 30) == []  # prepared: off the list
    waiting = next_prepared(store, LATER.replace(hour=0))
    assert waiting is not None and waiting.briefing_id == rebrief
    assert waiting.changes == {
        "added": [ADDED], "changed": [CHANGED], "removed": [], "version": ["1.0.0"],
    }  # fmt: skip
    clock = FakeClock(LATER)
    b = Rebriefing(
        after["en"], rebrief, Recorder(store), clock, patient=Patient("Ana Ruiz", DOB),
        changes=waiting.changes,
    )  # fmt: skip
    assert b.risks_outstanding == [CHANGED, ADDED]
    seen = walk(b, clock, DOB)
    assert seen == ["welcome", "identity", CHANGED, ADDED, "review", "sign", "done"]
    assert b.changes == {CHANGED: "changed", ADDED: "added"}
    with store.reading() as session:
        acked = session.scalars(
            select(RiskAcknowledgement.risk_id).where(RiskAcknowledgement.briefing_id == rebrief)
        ).all()
        prepared = session.scalars(
            select(AuditEntry.detail).where(
                AuditEntry.subject == f"briefing:{rebrief}",
                AuditEntry.action == "briefing_prepared",
            )
        ).one()
    assert sorted(acked) == sorted([CHANGED, ADDED])
    assert f'"rebriefing_of":"{earlier}"' in prepared


def test_a_rebriefing_is_refused_for_a_briefing_on_the_current_version_or_unknown(
    store: Store, versions: tuple[dict, dict]
) -> None:
    _, after = versions
    current = brief(store, after["en"], "Ana Ruiz", DOB)
    with pytest.raises(RebriefError, match="current version"):
        prepare_rebriefing(store, current, after["en"], staff="Nurse Lee", now=LATER)
    with pytest.raises(RebriefError, match="not in the record"):
        prepare_rebriefing(store, "nope", after["en"], staff="Nurse Lee", now=LATER)


def test_without_the_earlier_version_kept_every_reading_screen_is_shown_again(
    versions: tuple[dict, dict],
) -> None:
    """A briefing from before versions were kept: what changed cannot be told, so a re-briefing
    shows every reading screen (and names no earlier version's words)."""
    _, after = versions
    form = after["en"]
    changes = changes_since(None, form)
    assert changes["changed"] == [screen.id for _, screen in form.content_screens()]
    assert changes["added"] == changes["removed"] == [] and "version" not in changes
