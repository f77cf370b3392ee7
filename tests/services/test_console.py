"""The console's services without Qt: opening the kiosks' store as it is (never migrating it),
sign-in with the kiosks' rules, every action audited under the staff member's name, and the
periods of the list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.config import load_config
from kiosk.i18n import words_for
from kiosk.records import desk as desk_records
from kiosk.services.console import ConsoleDesk, DeskFilters, StaffError, period_bounds
from kiosk.services.preparing import Preparing
from kiosk.session import Briefing
from kiosk.store.database import make_engine, migrate
from kiosk.store.models import AuditEntry, BriefingRow
from kiosk.unavailable import Unavailable
from tests.services.conftest import desk_on
from tests.session.fakes import FakeClock
from tests.shared import open_station

NOW = datetime(2026, 12, 3, 15, tzinfo=UTC)


@pytest.fixture
def desk(capsys: pytest.CaptureFixture[str]) -> Iterator[ConsoleDesk]:
    with desk_on(capsys, 3) as opened:
        yield opened


def _audit(desk: ConsoleDesk) -> list[tuple[str, str]]:
    with desk.store.reading() as s:
        return [tuple(r) for r in s.execute(select(AuditEntry.actor, AuditEntry.action))]  # type: ignore[misc]


def test_no_database_yet_is_one_sentence_and_nothing_is_made(tmp_path: Path) -> None:
    with pytest.raises(StaffError) as refused:
        ConsoleDesk.open(load_config(), FakeClock(NOW))
    sentence = words_for("en")(refused.value.text)
    assert "kiosk init" in sentence and "\n" not in sentence
    assert not (tmp_path / "data" / "kiosk.db").exists()


def test_a_store_at_another_version_is_refused_not_migrated(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'kiosk.db'}")
    migrate(engine, "0002")
    engine.dispose()
    with pytest.raises(StaffError) as refused:
        ConsoleDesk.open(load_config(), FakeClock(NOW))
    assert refused.value.text.id == "console.store-other-version"
    assert refused.value.text.args["found"] == "0002"


def test_sign_in_follows_the_kiosks_rules_and_is_audited(desk: ConsoleDesk) -> None:
    assert desk.names() == ["Sam Carter"]
    assert not desk.sign_in("Sam Carter", "1111").ok
    assert desk.sign_in("Sam Carter", "2468").name == "Sam Carter"
    for _ in range(5):
        result = desk.sign_in("Sam Carter", "0000")
    assert result.locked_minutes == 1
    assert not desk.sign_in("Sam Carter", "2468").ok  # locked: even the right PIN
    audited = _audit(desk)
    assert ("Sam Carter", "staff_login") in audited
    assert ("Sam Carter", "console_signed_in") in audited
    assert ("Sam Carter", "staff_locked") in audited


def test_looking_is_audited_under_the_staff_member_never_the_search(desk: ConsoleDesk) -> None:
    listed = desk.listing(DeskFilters())
    assert listed.total == 3 and len(listed.rows) == 3 and listed.next is None
    desk.action("Sam Carter", "console_listed", DeskFilters(search="Ana").for_audit())
    row, events = desk.briefing("Sam Carter", listed.rows[0].briefing_id)
    assert row.briefing_id == listed.rows[0].briefing_id and events[0].kind == "briefing_prepared"
    with desk.store.reading() as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.subject, AuditEntry.detail).where(
                AuditEntry.actor == "Sam Carter"
            )
        ).all()
    assert {r.action for r in rows} == {"console_listed", "console_briefing_viewed"}
    assert all("Ana" not in r.detail for r in rows)
    viewed = next(r for r in rows if r.action == "console_briefing_viewed")
    assert viewed.subject == f"briefing:{row.briefing_id}"
    assert desk.change_token() == len(_audit(desk))


def test_a_search_too_broad_is_one_sentence(
    desk: ConsoleDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk_records, "SEARCH_PATIENTS_MAX", 0)
    with pytest.raises(StaffError) as refused:
        desk.listing(DeskFilters(search="a"))
    assert refused.value.text.id == "console.list.too-broad"


def test_periods_run_from_local_midnight() -> None:
    today = date(2026, 12, 3)
    since, until = period_bounds("today", today, today, today)
    assert since is not None and since.date() == today and (since.hour, since.minute) == (0, 0)
    assert until is None
    since, _ = period_bounds("week", today, today, today)
    assert since is not None and since.date() == date(2026, 11, 27)
    assert period_bounds("all", today, today, today) == (None, None)
    since, until = period_bounds("between", today, date(2026, 12, 5), date(2026, 12, 1))
    assert since is not None and until is not None
    assert (since.date(), until.date()) == (date(2026, 12, 1), date(2026, 12, 6))


def test_a_briefing_prepared_at_the_desk_is_taken_by_its_kiosk_only(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    with open_station(tmp_path, clock, kiosk_id="kiosk-7") as station:
        desk = ConsoleDesk.open(load_config(), clock)
        try:
            preparing = Preparing(desk)
            assert "kiosk-7" in preparing.kiosks()
            assert [p.form_id for p in preparing.procedures()] == ["mild"]
            assert preparing.problem("kiosk-7", "mild", " ", date(1951, 3, 14), "").id == (  # type: ignore[union-attr]
                "staff.prepare.name-empty"
            )
            assert preparing.problem("kiosk-7", "mild", "Zoë Ångström", None, "").id == (  # type: ignore[union-attr]
                "console.prepare.born-incomplete"
            )
            assert preparing.birth_problem(date(2027, 1, 1)).id == "console.prepare.born-later"  # type: ignore[union-attr]
            assert preparing.problem("kiosk-7", "mild", "Zoë", date(1951, 3, 14), "x" * 65).id == (  # type: ignore[union-attr]
                "staff.prepare.mrn-refused"
            )
            with pytest.raises(StaffError):
                preparing.prepare("Sam Carter", "", "mild", "Zoë Ångström", date(1951, 3, 14), "")
            elsewhere = preparing.prepare(
                "Sam Carter", "kiosk-9", "mild", "Ben Okafor", date(1960, 1, 2), ""
            )
            assert isinstance(station.next_briefing(), Unavailable)  # not addressed to kiosk-7
            mine = preparing.prepare(
                "Sam Carter", "kiosk-7", "mild", " Zoë Ångström ", date(1951, 3, 14), " MRN-7 "
            )
            taken = station.next_briefing()
            assert isinstance(taken, Briefing) and taken.briefing_id == mine != elsewhere
            assert taken.patient is not None and taken.patient.name == "Zoë Ångström"
            assert taken.patient.mrn == "MRN-7"
            with pytest.raises(StaffError) as refused:  # MRN-7 is Zoë's: not Ben's too
                preparing.prepare(
                    "Sam Carter", "kiosk-9", "mild", "Ben Okafor", date(1960, 1, 2), "MRN-7"
                )
            assert refused.value.text.id == "staff.prepare.mrn-other-patient"
            with desk.store.reading() as s:
                rows = s.execute(
                    select(AuditEntry.actor, AuditEntry.kiosk_id).where(
                        AuditEntry.action == "briefing_prepared"
                    )
                ).all()
            assert [tuple(r) for r in rows] == [
                ("Sam Carter", "kiosk-9"),
                ("Sam Carter", "kiosk-7"),
            ]
        finally:
            desk.close()


def test_the_console_prepares_with_practitioner_and_planned_date(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    with open_station(tmp_path, clock, kiosk_id="kiosk-7"):
        desk = ConsoleDesk.open(load_config(), clock)
        try:
            preparing = Preparing(desk)
            with pytest.raises(StaffError) as refused:
                preparing.prepare(
                    "Sam Carter", "kiosk-7", "mild", "Zoë Ångström", date(1951, 3, 14), "",
                    practitioner="Dr. Okafor", planned_date=NOW.date() - timedelta(days=1),
                )  # fmt: skip
            assert refused.value.text.id == "staff.prepare.planned-date-past"
            planned = NOW.date() + timedelta(days=10)
            briefing_id = preparing.prepare(
                "Sam Carter", "kiosk-7", "mild", "Zoë Ångström", date(1951, 3, 14), "",
                practitioner=" Dr. Okafor ", planned_date=planned,
            )  # fmt: skip
            with desk.store.reading() as s:
                row = s.get(BriefingRow, briefing_id)
                assert row is not None
                assert (row.practitioner, row.planned_date) == ("Dr. Okafor", planned)
                assert s.query(BriefingRow).count() == 1  # the refused one left nothing
        finally:
            desk.close()


def test_the_console_prepares_in_the_patients_language_offered_there(tmp_path: Path) -> None:
    """The desk prepared every briefing in the procedure's own language, so an interpreter of a
    Spanish patient was printed as interpreting English (a reviewer)."""
    clock = FakeClock(NOW)
    with open_station(tmp_path, clock, kiosk_id="kiosk-7"):
        desk = ConsoleDesk.open(load_config(), clock)
        try:
            preparing = Preparing(desk)
            offered = [lang.code for lang in preparing.languages("mild")]
            assert offered[0] == preparing.main_language == "en" and {"es", "ar"} <= set(offered)
            with pytest.raises(StaffError) as refused:
                preparing.prepare(
                    "Sam Carter", "kiosk-7", "mild", "Ana Ruiz", date(1951, 3, 14), "",
                    language="xx",
                )  # fmt: skip
            assert refused.value.text.id == "staff.prepare.language-not-offered"
            briefing_id = preparing.prepare(
                "Sam Carter", "kiosk-7", "mild", "Ana Ruiz", date(1951, 3, 14), "", language="es"
            )
            with desk.store.reading() as s:
                row = s.get(BriefingRow, briefing_id)
                assert row is not None and row.language == "es"
                assert s.query(BriefingRow).count() == 1  # the refused one left nothing
        finally:
            desk.close()
