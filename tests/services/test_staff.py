"""Staff services without a screen: sign-in outcomes, the prepare checks, and every failure a message."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from kiosk.i18n import msg
from kiosk.services.staff import StaffDesk, StaffError, StaleError
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.store.models import BriefingRow
from kiosk.store.staff import add_staff
from kiosk.unavailable import Unavailable
from tests.session.fakes import FakeClock
from tests.shared import open_station


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime.now(UTC))


@pytest.fixture
def desk(
    tmp_path: Path,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[StaffDesk]:
    with open_station(tmp_path, clock) as station:
        capsys.readouterr()
        yield StaffDesk(station)


def test_sign_in_says_who_or_how_long_the_account_is_locked(desk: StaffDesk) -> None:
    add_staff(desk.station.store, "Sam Carter", "482916", desk.now())
    assert desk.names() == ["Sam Carter"]
    assert desk.sign_in("Sam Carter", "482916").name == "Sam Carter"
    wrong = desk.sign_in("Sam Carter", "000000")
    assert not wrong.ok and wrong.locked_minutes == 0
    for _ in range(10):
        locked = desk.sign_in("Sam Carter", "000000")
    assert not locked.ok and locked.locked_minutes >= 1


def test_the_prepare_checks_name_a_message(desk: StaffDesk) -> None:
    assert desk.name_problem("  ") == msg("staff.prepare.name-empty")
    assert desk.name_problem("Mei \ue000") == msg("staff.prepare.unprintable")
    assert desk.name_problem("Ana 😀") == msg("staff.prepare.emoji")
    assert desk.name_problem("Ana Díaz") is None
    assert desk.name_problem("김민준") is None
    assert desk.clean_mrn(" A-1 ") == "A-1" and desk.clean_mrn("") is None
    with pytest.raises(StaffError) as refused:
        desk.clean_mrn("7" * 65)
    assert refused.value.text == msg("staff.prepare.mrn-refused", count=64)


@pytest.mark.parametrize(
    ("name", "problem"),
    [("Ana 😀", "staff.prepare.emoji"), ("𠮷田 花子", "staff.prepare.unprintable")],
)
def test_prepare_refuses_a_name_the_pdf_cannot_print_before_storing_anything(
    desk: StaffDesk, name: str, problem: str
) -> None:
    (form_id,) = (p.form_id for p in desk.procedures())
    with pytest.raises(StaffError) as refused:
        desk.prepare("Sam Carter", form_id, name, date(1950, 1, 2), None)
    assert refused.value.text == msg(problem)
    assert desk.briefings().rows == []


def test_a_store_that_fails_is_one_message_and_a_stale_answer_its_own_error(
    desk: StaffDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    (form_id,) = (p.form_id for p in desk.procedures())
    desk.prepare("Sam Carter", form_id, "Ana Díaz", date(1950, 1, 2), None)
    assert [r.patient_name for r in desk.briefings().rows] == ["Ana Díaz"]
    assert desk.briefings("zzz").rows == []

    def fail(*args: object) -> None:
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(Station, "briefings_for_staff", fail)
    with pytest.raises(StaffError) as failed:
        desk.briefings()
    assert failed.value.text == msg("staff.store-failed")
    with pytest.raises(StaleError) as stale:
        desk.answer("Sam Carter", 12345, "Answered in person")
    assert stale.value.text == msg("problem.question-gone")  # said in the staff member's language
    with pytest.raises(StaffError) as refused:
        desk.answer("Sam Carter", 12345, " ")
    assert refused.value.text == msg("problem.note-missing")


def test_staff_prepare_in_a_language_the_kiosk_offers_and_the_patient_starts_in_it(
    desk: StaffDesk,
) -> None:
    (form_id,) = (p.form_id for p in desk.procedures())
    offered = desk.languages(form_id)
    names = {lang.code: lang.name for lang in offered}
    assert offered[0].code == "en" and names["es"] == "Español"  # the main language first
    briefing_id = desk.prepare("Sam Carter", form_id, "Ana Díaz", date(1950, 1, 2), None, "es")
    b = desk.station.next_briefing()
    assert not isinstance(b, Unavailable)
    assert (b.briefing_id, b.language) == (briefing_id, "es")
    assert b.form.content_sha256 != b.source.content_sha256  # the Spanish content, same version
    with pytest.raises(StaffError) as refused:
        desk.prepare("Sam Carter", form_id, "Ben Okafor", date(1950, 1, 2), None, "fr")
    said = refused.value.text
    assert said.id == "staff.prepare.language-not-offered"
    assert said.args["language"] == "Français" and "Español" in str(said.args["offered"])


def test_a_briefing_prepared_in_a_language_no_longer_offered_starts_in_the_kiosks_first(
    desk: StaffDesk,
) -> None:
    (form_id,) = (p.form_id for p in desk.procedures())
    form = desk.station.forms[form_id]
    prepare_briefing(
        desk.station.store, form, name="Ana Díaz", date_of_birth=date(1950, 1, 2), mrn=None,
        staff="Sam Carter", now=desk.now(), language="tl",
    )  # fmt: skip
    b = desk.station.next_briefing()
    assert not isinstance(b, Unavailable) and b.language == "en"


def test_prepare_keeps_the_practitioner_and_planned_date_and_refuses_a_past_date(
    desk: StaffDesk,
) -> None:
    form_id = next(iter(desk.station.forms))
    today = desk.now().date()
    with pytest.raises(StaffError) as refused:
        desk.prepare(
            "Sam Carter", form_id, "Ana Díaz", date(1950, 1, 2), None,
            practitioner="Dr. Okafor", planned_date=today - timedelta(days=1),
        )  # fmt: skip
    assert refused.value.text == msg("staff.prepare.planned-date-past")
    with pytest.raises(StaffError) as refused:
        desk.prepare(
            "Sam Carter", form_id, "Ana Díaz", date(1950, 1, 2), None, practitioner="Dr. 😀"
        )
    assert refused.value.text == msg("staff.prepare.emoji")
    with desk.station.store.reading() as session:
        assert session.query(BriefingRow).count() == 0  # nothing half-stored
    briefing_id = desk.prepare(
        "Sam Carter", form_id, "Ana Díaz", date(1950, 1, 2), None,
        practitioner=" Dr. Okafor ", planned_date=today + timedelta(days=14),
    )  # fmt: skip
    with desk.station.store.reading() as session:
        row = session.get(BriefingRow, briefing_id)
        assert row is not None
        assert (row.practitioner, row.planned_date) == ("Dr. Okafor", today + timedelta(days=14))


def test_a_patient_with_a_briefing_waiting_is_not_prepared_twice(
    desk: StaffDesk, clock: FakeClock
) -> None:
    """A reviewer prepared the same patient twice without a word: two briefings waited, and the
    export then held two Patient resources for one MRN. The second is refused, naming when and by
    whom the first was prepared, until that one is withdrawn (or taken)."""
    born = date(1962, 5, 17)
    first = desk.prepare("Dana Okafor", "mild", "María José Muñoz", born, "MRN-1001")
    for name, dob, mrn in (
        ("María José Muñoz", born, "MRN-1001"),  # the same again
        ("maría  josé muñoz", born, None),  # case and spaces aside, no MRN typed this time
        ("maria jose munoz", born, "MRN-1001"),  # the same MRN, typed without the accents
    ):
        with pytest.raises(StaffError) as refused:
            desk.prepare("Sam Carter", "mild", name, dob, mrn)
        assert refused.value.text.id == "staff.prepare.already-waiting", name
        assert refused.value.text.args["staff"] == "Dana Okafor"
    # Someone else: another birth date, or the same name and birth date under another MRN.
    desk.prepare("Sam Carter", "mild", "María José Muñoz", date(1970, 1, 2), None)
    desk.prepare("Sam Carter", "mild", "María José Muñoz", born, "MRN-2002")
    desk.withdraw("Dana Okafor", first, "wrong-patient")
    desk.prepare("Dana Okafor", "mild", "María José Muñoz", born, "MRN-3003")


def test_an_mrn_on_record_for_another_patient_is_refused_naming_them(
    desk: StaffDesk, clock: FakeClock
) -> None:
    """A reviewer prepared Maria Gonzalez under José Núñez's MRN without a word; José's waiting
    briefing then refused José, and he dropped off the re-briefing list. An MRN already used for
    another name or birth date is refused, naming who it is on record for; the same patient (case,
    accents and spaces aside) is not another one."""
    jose, born = "José Núñez", date(1951, 3, 14)
    first = desk.prepare("Dana Okafor", "mild", jose, born, "MRN-1001")
    for name, dob in (("Maria Gonzalez", date(1955, 5, 5)), (jose, date(1951, 3, 15))):
        with pytest.raises(StaffError) as refused:
            desk.prepare("Sam Carter", "mild", name, dob, "MRN-1001")
        said = refused.value.text
        assert said.id == "staff.prepare.mrn-other-patient", name
        assert (said.args["name"].strip("\u2068\u2069"), said.args["born"]) == (jose, born)
        assert said.args["mrn"].strip("\u2068\u2069") == "MRN-1001"
    desk.withdraw("Dana Okafor", first, "not-wanted")
    clock.advance(60)
    again = desk.prepare("Sam Carter", "mild", " jose  NUNEZ ", born, "MRN-1001")
    assert again != first
    # One prepared for the wrong patient and withdrawn keeps the MRN from no one (a reviewer).
    desk.withdraw("Dana Okafor", again, "wrong-patient")
    clock.advance(60)
    typo = desk.prepare("Sam Carter", "mild", "José Nuñes", date(1951, 3, 4), "MRN-1002")
    desk.withdraw("Sam Carter", typo, "wrong-patient")
    clock.advance(60)
    desk.prepare("Sam Carter", "mild", jose, born, "MRN-1002")
    # Another MRN is another patient, whatever the name; and the refused ones stored nothing.
    desk.prepare("Sam Carter", "mild", "Maria Gonzalez", date(1955, 5, 5), "MRN-2002")
    with desk.station.store.reading() as session:
        assert session.query(BriefingRow).count() == 5


@pytest.mark.parametrize(("language", "title"), [("es", "El procedimiento mild"), ("en", None)])
def test_staff_read_the_procedure_in_their_language(
    tmp_path: Path,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    language: str,
    title: str | None,
) -> None:
    """A Spanish kiosk's staff read "The mild procedure, en Español" on the check step: the
    procedure's title was the English form's."""
    others = ", ".join(x for x in ("es", "en", "ar") if x != language)
    with open_station(tmp_path, clock, languages=f"{language}, {others}") as station:
        capsys.readouterr()
        [procedure] = StaffDesk(station).procedures()
        assert procedure.title == (title or station.forms["mild"].title)
