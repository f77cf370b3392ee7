"""Who signs, as staff give it when preparing: each missing field one sentence and nothing stored;
a whole plan stored with the briefing and read back as the kiosk reads it when the patient comes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.i18n import msg
from kiosk.services.signing_plan import plan_problem
from kiosk.services.staff import StaffDesk, StaffError
from kiosk.session.cosign import Interpreter, Plan, Representative
from kiosk.session.signers import InterpreterMode
from kiosk.store.models import AuditEntry, BriefingRow, PlannedSignerRow
from kiosk.store.planned import planned_of
from kiosk.unavailable import Unavailable
from tests.session.fakes import FakeClock
from tests.shared import open_station

REP = Representative("Luis Ruiz", "son", "aphasia")
INTERP = Interpreter("Marta Gil", "LL-7781", "es", InterpreterMode.VIDEO)
DOB = date(1951, 3, 14)


@pytest.fixture
def desk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[StaffDesk]:
    with open_station(tmp_path, FakeClock(datetime.now(UTC))) as station:
        capsys.readouterr()
        yield StaffDesk(station)


@pytest.mark.parametrize(
    ("plan", "told"),
    [
        (Plan(replace(REP, name=" ")), "staff.prepare.rep-name"),
        (Plan(replace(REP, relationship="")), "staff.prepare.rep-relationship"),
        (Plan(replace(REP, reason="  ")), "staff.prepare.rep-reason"),
        (Plan(interpreter=replace(INTERP, name="")), "staff.prepare.interp-name"),
        (Plan(interpreter=replace(INTERP, interpreter_id="")), "staff.prepare.interp-id"),
        (Plan(interpreter=replace(INTERP, language="")), "staff.prepare.interp-language"),
        (Plan(replace(REP, name="Luis 😀")), "staff.prepare.emoji"),
    ],
)
def test_a_plan_missing_a_field_is_refused_in_one_sentence_and_nothing_is_stored(
    desk: StaffDesk, plan: Plan, told: str
) -> None:
    assert plan_problem(plan, desk.now()) == msg(told)
    with pytest.raises(StaffError) as refused:
        desk.prepare("Sam Carter", "mild", "Ana Ruiz", DOB, None, plan=plan)
    assert refused.value.text == msg(told)
    with desk.station.store.reading() as session:
        assert session.scalar(select(func.count()).select_from(BriefingRow)) == 0
        assert session.scalar(select(func.count()).select_from(PlannedSignerRow)) == 0


def test_a_plan_is_stored_with_the_briefing_and_the_kiosk_reads_it_back(desk: StaffDesk) -> None:
    plan = Plan(REP, INTERP, witness=True)
    assert plan_problem(plan, desk.now()) is None
    briefing_id = desk.prepare("Sam Carter", "mild", "Ana Ruiz", DOB, None, "es", plan=plan)
    assert planned_of(desk.station.store, briefing_id) == plan
    with desk.station.store.reading() as session:
        detail = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.subject == f"briefing:{briefing_id}")
        ).one()
    assert json.loads(detail)["signers"] == ["representative", "interpreter", "witness"]
    assert "Luis" not in detail and "Marta" not in detail  # kinds only, never a name
    b = desk.station.next_briefing()
    assert not isinstance(b, Unavailable) and b.cosign is not None
    assert b.cosign.plan == plan
    alone = desk.prepare("Sam Carter", "mild", "Bo Lind", DOB, None)
    assert planned_of(desk.station.store, alone) == Plan()


def test_staff_are_offered_an_interpreter_for_another_language_and_a_witness_by_the_setting(
    desk: StaffDesk,
) -> None:
    assert desk.main_language == "en"
    assert desk.witness_required is False
