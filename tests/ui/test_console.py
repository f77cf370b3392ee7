"""The coordinator's desk driven offscreen as a coordinator would: sign in (wrong PIN, then right),
filter and search the briefings across kiosks, open one's events, answer a flagged question and
mark the surgeon told, sign out by itself when idle, and refresh as a kiosk records (on PostgreSQL
too)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.i18n import language_name, msg, words_for
from kiosk.records import desk as desk_records
from kiosk.services.console import StaffError
from kiosk.session import Briefing
from kiosk.store import open_store
from kiosk.store.models import BriefingRow
from kiosk.store.staff import add_staff
from kiosk.ui.console.briefing import EVENTS_SEEN
from kiosk.ui.console.window import ConsoleWindow
from tests.session.fakes import FakeClock
from tests.shared import open_station
from tests.ui.console_drive import (
    BRIEFINGS,
    PIN,
    STAFF,
    audited,
    console,
    database_url,
    demo_data,
    fill,
    listed,
    prepare_at,
    sign_in,
)

EN = words_for("en")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[ConsoleWindow]:
    demo_data(tmp_path / "data")
    yield from console(qtbot)


def test_a_wrong_pin_is_one_sentence_and_the_right_one_opens_the_desk(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    assert window.windowTitle() == EN("console.title")
    sign_in(qtbot, window, pin="1111")
    assert window.stack.currentWidget() is window.sign_in
    assert window.sign_in.message.text() == EN("staff.sign-in.no-match")
    assert window.sign_in.pin.text() == ""
    qtbot.keyClicks(window.sign_in.pin, "4")  # typed again: what the last try was told goes
    assert window.sign_in.message.isHidden()  # ("locked for 1 minute" had stood past the minute)
    window.sign_in.pin.setText("")
    sign_in(qtbot, window)
    assert window.stack.currentWidget() is window.desk_page
    listed(qtbot, window, BRIEFINGS)
    assert STAFF in window.who.text()
    assert window.briefings.count.text() == EN("console.list.all", count=BRIEFINGS)
    assert [a for a, _ in audited("staff_login_failed")] == [STAFF]
    assert [a for a, _ in audited("console_signed_in")] == [STAFF]


def test_filters_and_search_narrow_the_list(qtbot: QtBot, window: ConsoleWindow) -> None:
    sign_in(qtbot, window)
    listed(qtbot, window, BRIEFINGS)
    model, bar = window.briefings.model, window.briefings.bar
    mrn = model.rows[3].mrn
    assert mrn is not None
    bar.status.setCurrentIndex(bar.status.findText(EN("staff.status.abandoned")))
    listed(qtbot, window, 0)
    assert window.briefings.count.text() == EN("console.list.none")
    bar.status.setCurrentIndex(0)
    listed(qtbot, window, BRIEFINGS)
    qtbot.waitUntil(lambda: bar.kiosk.count() == 2)  # every kiosk, and the demo's
    bar.kiosk.setCurrentIndex(bar.kiosk.findText("demo-kiosk"))
    listed(qtbot, window, BRIEFINGS)
    qtbot.keyClicks(bar.search, mrn.lower())
    qtbot.waitUntil(lambda: [r.mrn for r in model.rows] == [mrn])
    assert audited("console_listed")[-1][1].count("demo-kiosk") == 1
    assert all(mrn.lower() not in detail for _, detail in audited("console_listed"))


def test_the_list_loads_a_page_at_a_time_as_it_scrolls(
    qtbot: QtBot, window: ConsoleWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk_records, "PAGE", 5)
    model, table = window.briefings.model, window.briefings.table
    # Rows shown after each read: a view with room to spare asks for the next page by itself, so
    # the moment with exactly one page shown can pass between two looks; the record cannot.
    shown: list[int] = []
    model.loaded.connect(lambda: shown.append(model.rowCount()))
    sign_in(qtbot, window)

    def scrolled_to_the_end() -> bool:
        table.scrollToBottom()  # at the bottom, the view asks the model to fetch more
        return model.rowCount() == BRIEFINGS

    # Each page is read off the GUI thread: under a loaded machine (CI's two workers) a page can
    # take seconds, so the wait is long; it ends as soon as every row is there.
    qtbot.waitUntil(scrolled_to_the_end, timeout=30_000)
    assert not model.canFetchMore()
    pages = sorted(set(shown))  # a re-read of the same rows (the store moved) adds no page
    assert pages == [*range(5, BRIEFINGS, 5), BRIEFINGS]


def test_a_briefing_s_events_show_in_time_order(qtbot: QtBot, window: ConsoleWindow) -> None:
    sign_in(qtbot, window)
    listed(qtbot, window, BRIEFINGS)
    chosen = window.briefings.model.rows[0]
    window.briefings.table.selectRow(0)
    pane = window.briefings.pane
    qtbot.waitUntil(lambda: pane.briefing_id == chosen.briefing_id, timeout=30_000)
    shown = pane.event_texts()
    assert shown[0] == EN("console.event.prepared")
    acknowledged = [t for t in shown if t.startswith("Acknowledged: ")]
    assert len(acknowledged) == 8 and all(" s on screen)" in t for t in acknowledged)
    assert shown[-1] == EN("console.event.signed", detail=EN("staff.detail.drawn"))
    assert chosen.patient_name in pane.heading.text()
    assert [a for a, _ in audited("console_briefing_viewed")] == [STAFF]


def test_a_question_is_answered_then_the_surgeon_marked_told(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    sign_in(qtbot, window)
    view = window.questions
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.table.rowCount() > 0)
    before = view.table.rowCount()
    view.table.selectRow(0)
    flag_id = view.flags[0].flag_id
    assert view.answer_button.isEnabled()
    qtbot.keyClicks(view.note, "Called the patient back")
    view.answer_button.click()
    qtbot.waitUntil(lambda: view.table.rowCount() == before - 1)
    assert view.message.text() == EN(msg("staff.questions.answered"))
    view.which.setCurrentIndex(view.which.findData("untold"))
    qtbot.waitUntil(lambda: any(f.flag_id == flag_id for f in view.flags))
    view.table.selectRow(next(n for n, f in enumerate(view.flags) if f.flag_id == flag_id))
    assert not view.answer_button.isEnabled() and view.told_button.isEnabled()
    view.told_button.click()
    qtbot.waitUntil(lambda: all(f.flag_id != flag_id for f in view.flags))
    assert [a for a, _ in audited("flag_answered")] == [STAFF]
    assert [d for _, d in audited("console_questions_listed")] == [
        '{"which":"open"}',
        '{"which":"untold"}',
    ]
    assert [a for a, _ in audited("surgeon_told")] == [STAFF]


def test_idle_signs_out_and_empties_the_screen(qtbot: QtBot, window: ConsoleWindow) -> None:
    sign_in(qtbot, window)
    listed(qtbot, window, BRIEFINGS)
    window.briefings.table.selectRow(0)
    qtbot.waitUntil(lambda: window.briefings.pane.briefing_id is not None)
    qtbot.keyClicks(window.briefings.bar.search, "DEMO")
    window.idle.start(0.3)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in, timeout=5000)
    assert window.staff is None
    assert window.briefings.model.rowCount() == 0 and window.briefings.pane.event_texts() == []
    assert window.briefings.bar.search.text() == "" and window.questions.table.rowCount() == 0
    assert window.sign_in.message.text() == EN("console.signed-out-idle")
    qtbot.waitUntil(lambda: bool(audited("console_signed_out")))
    assert audited("console_signed_out") == [(STAFF, '{"reason":"idle"}')]


def test_records_that_cannot_be_opened_are_one_sentence(qtbot: QtBot) -> None:
    def unreachable() -> object:
        raise StaffError(msg("console.store-unusable", reason="the server is down"))

    window = ConsoleWindow(unreachable)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    window.open()
    qtbot.waitUntil(window.sign_in.again.isVisible)
    assert window.sign_in.message.text() == EN(
        "console.store-unusable", reason="the server is down"
    )
    assert not window.sign_in.ok.isEnabled()
    window.close()


def test_on_postgresql_the_list_follows_what_a_kiosk_records(
    qtbot: QtBot, tmp_path: Path, fresh_postgres: str
) -> None:
    kiosk = open_store(fresh_postgres, "kiosk-2")  # the kiosk's own start migrates the store
    fill(kiosk, 3)
    add_staff(kiosk, STAFF, PIN, datetime.now(UTC))
    database_url(tmp_path, fresh_postgres)
    try:
        for window in console(qtbot):
            window.poll.setInterval(100)
            sign_in(qtbot, window)
            listed(qtbot, window, 3)
            fill(kiosk, 1, seed=9)  # a patient at the kiosk, while the desk looks
            listed(qtbot, window, 4)
            assert {r.kiosk_id for r in window.briefings.model.rows} == {"kiosk-2"}
    finally:
        kiosk.close()


def test_a_briefing_prepared_at_the_desk_is_what_the_kiosk_offers_next(
    qtbot: QtBot, tmp_path: Path
) -> None:
    clock = FakeClock(datetime.now(UTC))
    with open_station(tmp_path, clock, kiosk_id="kiosk-7") as station:
        add_staff(station.store, STAFF, PIN, clock.now())
        for window in console(qtbot):
            view = prepare_at(qtbot, window, "kiosk-7")  # or where init ran
            view.name.setText("Zoë Ångström")  # QTest types ASCII only
            view.button.click()
            hint = EN("console.prepare.date-hint")
            said = view.message.text()  # the order named: the field's hint goes once typing starts
            assert said == EN(msg("console.prepare.born-incomplete", hint=hint)) and hint in said
            qtbot.keyClicks(view.born, "02/29/1951")  # typed whole, but no such day (a reviewer)
            view.button.click()
            said = view.message.text()
            assert said == EN(msg("console.prepare.born-unreadable", typed="02/29/1951", hint=hint))
            assert "02/29/1951" in said and "MM/DD/YYYY" in said
            view.born.setText("")
            qtbot.keyClicks(view.born, "3/14/1951")
            assert view.message.text() == ""  # corrected: what was said of it goes (a reviewer)
            qtbot.keyClicks(view.mrn, "MRN-0042")
            qtbot.keyClicks(view.practitioner, "Dr. Ines Moreau")
            qtbot.keyClicks(view.planned, "13/40/2030")  # not a date: said, nothing stored
            view.button.click()
            said = view.message.text()
            assert said == EN(
                msg("console.prepare.planned-unreadable", typed="13/40/2030", hint=hint)
            )
            planned = (clock.now() + timedelta(days=9)).date()
            view.planned.setText(planned.isoformat())  # as ISO too (a reviewer's 1951-03-14)
            view.button.click()
            assert view.message.text().startswith("✓") and view.name.text() == ""
            assert view.practitioner.text() == view.planned.text() == ""
            offered = station.next_briefing()
            assert isinstance(offered, Briefing) and offered.patient is not None
            assert (offered.patient.name, offered.patient.mrn) == ("Zoë Ångström", "MRN-0042")
            assert [a for a, _ in audited("briefing_prepared")] == [STAFF]
            with station.store.reading() as session:
                row = session.get(BriefingRow, offered.briefing_id)
                assert row is not None
                assert (row.practitioner, row.planned_date) == ("Dr. Ines Moreau", planned)


def test_events_are_worded_from_the_catalog_never_the_store_s_values() -> None:
    from kiosk.i18n import PSEUDO
    from kiosk.services.console import Event
    from kiosk.ui.console.describe import event_text

    fake = words_for(PSEUDO)
    at = datetime(2026, 12, 3, 9, tzinfo=UTC)
    for kind, detail in (
        ("signed", "typed"),
        ("abandoned", "interrupted"),
        ("abandoned", "inactivity"),
    ):
        shown = event_text(fake, Event(at, kind, "patient", "k", detail=detail))
        assert detail not in shown and shown.startswith("["), shown


def test_the_desk_prepares_who_signs_and_a_missing_relationship_is_one_sentence(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from kiosk.session.cosign import Interpreter, Plan, Representative
    from kiosk.session.signers import InterpreterMode
    from kiosk.unavailable import Unavailable

    clock = FakeClock(datetime.now(UTC))
    with open_station(tmp_path, clock, kiosk_id="kiosk-7") as station:
        add_staff(station.store, STAFF, PIN, clock.now())
        for window in console(qtbot):
            view = prepare_at(qtbot, window, "kiosk-7")
            qtbot.keyClicks(view.name, "Ana Ruiz")
            qtbot.keyClicks(view.born, "3/14/1951")
            signers = view.signers
            # An interpreter for a briefing in another language than the clinic's, in that
            # language (the desk had no language: an interpreter of "English" was printed).
            assert view.language.currentData() == "en" and not signers.interpreter.isVisible()
            view.language.setCurrentIndex(view.language.findData("es"))
            assert signers.interpreter.isVisible()
            assert not signers.rep_name.isVisible()
            signers.representative.click()
            assert signers.rep_name.isVisible()
            qtbot.keyClicks(signers.rep_name, "Luis Ruiz")
            qtbot.keyClicks(signers.reason, "aphasia")
            view.button.click()  # no relationship: said, nothing stored
            assert view.message.text() == EN("staff.prepare.rep-relationship")
            assert isinstance(station.next_briefing(), Unavailable)
            qtbot.keyClicks(signers.relationship, "son")
            signers.witness.click()
            signers.interpreter.click()
            qtbot.keyClicks(signers.interp_name, "Marta Gil")
            qtbot.keyClicks(signers.agency, "LL-7781")
            signers.mode.setCurrentIndex(signers.mode.findData("phone"))
            view.button.click()
            assert view.message.text().startswith("✓"), view.message.text()
            assert signers.rep_name.text() == "" and not signers.representative.isChecked()
            offered = station.next_briefing()
            assert isinstance(offered, Briefing) and offered.cosign is not None
            assert offered.language == "es"
            assert view.language.currentData() == "en"  # the next patient's: the main language
            assert offered.cosign.plan == Plan(
                Representative("Luis Ruiz", "son", "aphasia"),
                Interpreter("Marta Gil", "LL-7781", "es", InterpreterMode.PHONE),
                witness=True,
            )
            # the briefing's facts at the desk name them, and that none of them signed yet
            window.tabs.setCurrentWidget(window.briefings)
            window.briefings.refresh()
            listed(qtbot, window, 1)
            window.briefings.table.selectRow(0)
            pane, wanted = window.briefings.pane, offered.briefing_id
            qtbot.waitUntil(lambda p=pane, w=wanted: p.briefing_id == w, timeout=30_000)
            facts = pane.facts.text().splitlines()  # a row each
            # and, under all those facts, the events list still shows its first few events whole
            rows = pane.events.verticalHeader().defaultSectionSize()
            assert pane.events.viewport().height() >= EVENTS_SEEN * rows
            waiting = EN("staff.detail.cosigner-waiting")
            for line in (
                EN(
                    "staff.detail.representative",
                    name="Luis Ruiz",
                    relationship="son",
                    state=waiting,
                ),
                EN("staff.detail.representative-reason", reason="aphasia"),
                f"Interpreter: Marta Gil · LL-7781 · {language_name('es')}, by phone · not signed",
                EN("staff.detail.witness-planned", state=waiting),
            ):
                assert line in facts
