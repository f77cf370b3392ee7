"""The kiosk between patients, without a screen: the next briefing, walk-up, the PDF, staff sign-in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content import load_form
from kiosk.document.make import DocumentError
from kiosk.document.printable import name_problem
from kiosk.session import Briefing, ScreenKind
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.store.staff import add_staff
from kiosk.unavailable import NO_BRIEFING, NOT_READY, Unavailable, not_set_up
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.shared import open_station

FORM = load_form(MILD)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime.now(UTC))


@pytest.fixture
def station(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> Iterator[Station]:
    with open_station(tmp_path, clock) as s:
        capsys.readouterr()
        yield s


def _prepare(station: Station, clock: FakeClock, name: str, at: datetime | None = None) -> str:
    return prepare_briefing(
        station.store, FORM, name=name, date_of_birth=date(1950, 1, 2), mrn=None,
        staff="Sam Carter", now=at or clock.now(),
    )  # fmt: skip


def test_the_oldest_prepared_briefing_comes_first(station: Station, clock: FakeClock) -> None:
    first = _prepare(station, clock, "Ana Ruiz")
    clock.advance(60)
    _prepare(station, clock, "Ben Okafor")
    b = station.next_briefing()
    assert isinstance(b, Briefing)
    assert b.briefing_id == first and b.patient is not None and b.patient.name == "Ana Ruiz"
    assert b.idle.warning_after == 90 and b.idle.end_after_warning == 30


def test_a_started_briefing_is_no_longer_offered(station: Station, clock: FakeClock) -> None:
    first = _prepare(station, clock, "Ana Ruiz")
    clock.advance(1)
    second = _prepare(station, clock, "Ben Okafor")
    b = station.next_briefing()
    assert isinstance(b, Briefing) and b.briefing_id == first
    b.go_next()  # started: the row is claimed
    nxt = station.next_briefing()
    assert isinstance(nxt, Briefing) and nxt.briefing_id == second


def test_a_briefing_prepared_for_content_no_longer_here_lets_the_next_patient_start(
    station: Station, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    """A reviewer prepared a briefing, then updated the procedure: it stood first in line, and
    every patient behind it was told to see staff."""
    from sqlalchemy import select, update

    from kiosk.store.models import BriefingRow

    stale = _prepare(station, clock, "Ana Ruiz")
    with station.store.sessions.begin() as session:
        session.execute(
            update(BriefingRow).where(BriefingRow.id == stale).values(content_sha256="0" * 64)
        )
    clock.advance(1)
    second = _prepare(station, clock, "Ben Okafor")
    b = station.next_briefing()
    assert isinstance(b, Briefing) and b.briefing_id == second
    said = [r.getMessage() for r in caplog.records if stale in r.getMessage()]
    assert said and "prepare it again" in said[0] and "Ana" not in said[0]
    with station.store.reading() as session:
        status = session.scalar(select(BriefingRow.status).where(BriefingRow.id == stale))
    assert status == "prepared"  # left for staff to prepare again
    b.go_next()
    add_staff(station.store, "Sam Carter", "482916", clock.now())
    assert station.next_briefing() == Unavailable(NO_BRIEFING)  # nothing else waits


def test_a_briefing_prepared_more_than_a_day_ago_waits_for_staff(
    station: Station, clock: FakeClock
) -> None:
    add_staff(station.store, "Sam Carter", "482916", clock.now())
    _prepare(station, clock, "Ana Ruiz", at=clock.now() - timedelta(hours=25))
    assert station.next_briefing() == Unavailable(NO_BRIEFING)


def test_without_walk_up_and_nothing_prepared_the_patient_is_sent_to_staff(
    station: Station, clock: FakeClock
) -> None:
    add_staff(station.store, "Sam Carter", "482916", clock.now())
    assert station.next_briefing() == Unavailable(NO_BRIEFING)


def test_a_kiosk_no_one_set_up_asks_the_patient_for_staff_and_tells_it_what_is_missing(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh machine: no settings file, then no signing key, then no staff account. The patient
    is asked for staff (NOT_READY: no command); the log is told what is missing and the command that
    fixes it (`kiosk init`, `kiosk staff add`, `kiosk practice`), once, not at every touch."""
    monkeypatch.delenv("KIOSK_CONFIG")  # the platform's usual place, empty
    monkeypatch.setattr("platformdirs.user_config_dir", lambda *a, **k: str(tmp_path / "usual"))
    config = load_config()
    assert not config.exists

    def told(station: Station) -> str:
        said = station.next_briefing()
        assert said == Unavailable(NOT_READY, not_set_up(missing)), missing
        assert station.next_briefing() == Unavailable(NOT_READY), missing  # said once
        return not_set_up(missing)

    missing = "settings"
    with Station.open(config, clock) as fresh:
        assert "`kiosk init`" in told(fresh)
    assert main(["init"]) == 0
    key = load_config().data_dir / "keys" / "kiosk-key.pem"
    key.rename(key.with_suffix(".away"))
    missing = "key"
    with Station.open(load_config(), clock) as keyless:
        assert "`kiosk init`" in told(keyless)
    key.with_suffix(".away").rename(key)
    missing = "staff"
    with Station.open(load_config(), clock) as inited:
        said = told(inited)
        assert "`kiosk staff add NAME`" in said and "`kiosk practice`" in said
        add_staff(inited.store, "Sam Carter", "482916", clock.now())
        assert inited.next_briefing() == Unavailable(NO_BRIEFING)


def test_walk_up_mode_offers_a_new_briefing_for_the_configured_procedure(
    tmp_path: Path, clock: FakeClock
) -> None:
    with open_station(tmp_path, clock, walk_up_mode=True) as station:
        b = station.next_briefing()
        assert isinstance(b, Briefing) and b.patient is None and b.form.id == "mild"
        b.go_next()
        assert b.current.kind is ScreenKind.IDENTITY


def test_walk_up_with_an_unknown_procedure_tells_staff_which_setting(
    tmp_path: Path, clock: FakeClock
) -> None:
    with open_station(tmp_path, clock, walk_up_mode=True, walk_up_procedure="knee") as station:
        result = station.next_briefing()
    assert isinstance(result, Unavailable)
    assert result.for_patient == NO_BRIEFING
    assert result.for_staff is not None
    assert (
        "walk_up_procedure: 'knee' is not a procedure this kiosk has; use one of mild"
        in result.for_staff
    )


def test_a_briefing_prepared_for_content_the_kiosk_no_longer_has_is_not_started(
    station: Station, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    changed = FORM.model_copy(update={"version": "0.9"})
    prepare_briefing(
        station.store, changed, name="Ana Ruiz", date_of_birth=date(1950, 1, 2), mrn=None,
        staff="Sam Carter", now=clock.now(),
    )  # fmt: skip
    assert isinstance(station.next_briefing(), Unavailable)
    assert any("prepare it again" in r.getMessage() for r in caplog.records)


def test_without_a_signing_key_the_pdf_stays_pending_with_a_reason(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    (tmp_path / "data" / "keys" / "kiosk-key.pem").unlink()
    with Station.open(load_config(), clock) as station:
        assert station.pdfs.signer is None and station.pdfs.signer_problem
        with pytest.raises(DocumentError, match=r"signing key could not be loaded.*stays pending"):
            station.make_pdf("any")


def test_staff_sign_in_and_actions_are_audited_under_their_name(station: Station) -> None:
    add_staff(station.store, "Sam Carter", "482916", station.clock.now())
    add_staff(station.store, "ana lópez", "112233", station.clock.now())
    assert station.staff_names() == ["ana lópez", "Sam Carter"]
    assert not station.staff_login("Sam Carter", "000000").ok
    result = station.staff_login("Sam Carter", "482916")
    assert result.ok and result.name == "Sam Carter"
    station.staff_action("Sam Carter", "kiosk_left")
    from sqlalchemy import select

    from kiosk.store.models import AuditEntry

    with station.store.reading() as session:
        rows = session.execute(select(AuditEntry.actor, AuditEntry.action)).all()
    assert ("Sam Carter", "kiosk_left") in rows


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Seán O'Brien", None),
        ("Zoë Ångström", None),
        ("  ", "name.type-full-name"),
        ("A", "name.too-short"),
        ("김민준", None),
        ("श्रीनिवास रामानुजन", None),
        ("สมชาย ใจดี", None),
        ("𠮷田 花子", "name.cannot-print"),
        ("Ana 😀", "name.emoji"),
    ],
)
def test_walk_up_names_the_pdf_cannot_print_are_refused(name: str, problem: str | None) -> None:
    assert name_problem(name) == problem


def test_the_languages_setting_orders_what_patients_may_choose(
    tmp_path: Path, clock: FakeClock
) -> None:
    with open_station(tmp_path, clock, walk_up_mode=True, languages="") as station:
        everything = list(station.languages_of(FORM))
        briefing = station.next_briefing()
    assert everything[0] == "en" and "es" in everything  # default: the source first, then the rest
    assert isinstance(briefing, Briefing) and briefing.language == "en"

    with open_station(tmp_path, clock, walk_up_mode=True, languages="es, en") as station:
        assert list(station.languages_of(FORM)) == ["es", "en"]
        briefing = station.next_briefing()
    assert isinstance(briefing, Briefing) and briefing.language == "es"  # the main language first
    assert set(briefing.languages) == {"en", "es"}

    # a language with no procedure or no words is left out; none left means the source language
    with open_station(tmp_path, clock, languages="fr, es") as station:
        assert list(station.languages_of(FORM)) == ["es"]
    with open_station(tmp_path, clock, languages="fr") as station:
        assert list(station.languages_of(FORM)) == ["en"]
