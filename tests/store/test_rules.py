"""Input rules: names normalised and checked, dates real and plausible, nasty strings stored byte for byte."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from kiosk.content import load_form
from kiosk.store import InputError, Store
from kiosk.store.briefings import patient_of, prepare_briefing
from kiosk.store.models import NAME_MAX, PatientRow
from kiosk.store.rules import check_date_of_birth, clean_mrn, clean_name, parse_date_of_birth
from tests.conftest import MILD
from tests.session.fakes import FakeClock

TODAY = date(2026, 11, 23)
NAMES = [
    "O'Brien",
    "<b>x</b>",
    "Robert'); DROP TABLE patients;--",
    "Zoë Ångström-Łukasiewicz",
    "Nguyễn Thị Minh Khai",
    "Αλέξανδρος Παπαδόπουλος",
    "Анна Каренина",
    "דוד בן-גוריון",
    "محمد عبد الله",
    "王小明",
    "山田 太郎",
    'Jean "Johnny" D’Arcy & Co',
]


@pytest.mark.parametrize("name", NAMES)
def test_names_round_trip_byte_for_byte(store: Store, name: str) -> None:
    briefing_id = prepare_briefing(
        store,
        load_form(MILD),
        name=name,
        date_of_birth=date(1950, 1, 2),
        mrn=None,
        staff="Nurse",
        now=FakeClock().now(),
    )
    patient = patient_of(store, briefing_id)
    assert patient is not None
    assert patient.name.encode() == name.encode()
    with store.sessions() as s:  # and the table the injection aimed at is still there
        assert (
            s.execute(select(PatientRow.name).where(PatientRow.name == name)).scalar_one() == name
        )


def test_names_are_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Zoë")
    assert decomposed != "Zoë"
    assert clean_name(f"  {decomposed}\n") == "Zoë"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "must not be empty"),
        ("   \t ", "must not be empty"),
        ("\u200b\u200d\u2060", "must not be empty"),
        ("\u00a0\u3000", "must not be empty"),
        ("\u3164", "must not be empty"),
        ("\u115f\uffa0 \u2800", "must not be empty"),
        ("Ana\u202eziuR", "hidden text-direction characters"),
        ("\u2066Ana\u2069", "hidden text-direction characters"),
        ("Ana\x00Ruiz", "control characters"),
        ("A" * (NAME_MAX + 1), f"longer than {NAME_MAX}"),
    ],
)
def test_bad_names_are_refused(name: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        clean_name(name)
    assert caught.value.field == "name"


def test_the_longest_name_fits() -> None:
    assert clean_name("é" * NAME_MAX) == "é" * NAME_MAX


def test_the_length_cap_is_also_a_database_check(store: Store) -> None:
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO patients (name, date_of_birth, created_at) VALUES (:n, :d, :c)"),
            {"n": "x" * (NAME_MAX + 1), "d": date(1950, 1, 1), "c": FakeClock().now()},
        )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1951-02-29", "is not a real date"),
        ("14/03/1951", "is not a real date"),
        ("2027-01-01", "is in the future"),
        ("1890-11-22", "age over 130"),
    ],
)
def test_bad_dates_of_birth(typed: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_date_of_birth(typed, TODAY)


def test_good_dates_of_birth() -> None:
    assert parse_date_of_birth(" 1952-02-29 ", TODAY) == date(1952, 2, 29)
    assert check_date_of_birth(TODAY, TODAY) == TODAY
    assert check_date_of_birth(date(1896, 11, 23), TODAY) == date(1896, 11, 23)  # exactly 130


def test_record_numbers() -> None:
    assert clean_mrn(None) is None
    assert clean_mrn("  ") is None
    assert clean_mrn(" MRN-001 ") == "MRN-001"
    with pytest.raises(InputError, match="mrn"):
        clean_mrn("x" * 65)
    with pytest.raises(InputError, match="mrn"):
        clean_mrn("a\tb")
