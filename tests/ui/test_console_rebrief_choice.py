"""The console's Re-briefing tab keeps the patient staff chose by who they are, never by the row
they were on: the list read again keeps them highlighted where they moved; once prepared no one is
chosen (a second click, or a double click, prepares nothing more); each row shows the language of
the patient's last briefing, and the re-briefing is given in it unless staff choose another."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.i18n import language_name, words_for
from kiosk.store import open_store
from kiosk.store.models import BriefingRow, BriefingStatus, PatientRow
from kiosk.store.rebriefings import prepare_rebriefing
from kiosk.store.staff import add_staff
from kiosk.ui.console.rebrief import RebriefView
from kiosk.ui.console.window import ConsoleWindow
from tests.conftest import set_config
from tests.ui.console_drive import PIN, STAFF, audited, console, sign_in
from tests.versions_forms import brief, languages, two_versions

PATIENTS = (
    ("Zoë Ångström", date(1971, 2, 9), "es"),
    ("Zoë Ångström", date(1970, 10, 6), "en"),
    ("山田 花子", date(1962, 5, 1), "en"),
    ("דוד לוי", date(1958, 7, 3), "es"),
)
"""Briefed on mild 1.0.0, listed in this order (their planned dates, soonest first)."""


@pytest.fixture
def earlier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, tuple[str, date]]:
    """The earlier briefings (id: name, birth date); the forms folder now at 1.1.0."""
    old, new = two_versions(tmp_path)
    assert main(["init"]) == 0
    capsys.readouterr()
    set_config(tmp_path / "config" / "kiosk.toml", forms_dir=str(new))
    config = load_config()
    store = open_store(config.database_url, config.kiosk_id)
    now = datetime.now(UTC)
    forms = languages(old)
    found = {}
    for n, (name, born, language) in enumerate(PATIENTS):
        briefing_id = brief(
            store, forms[language], name, born, mrn=f"M-{n}",
            planned=(now + timedelta(days=5 + n)).date(), when=now - timedelta(days=1, hours=n),
        )  # fmt: skip
        found[briefing_id] = (name, born)
    add_staff(store, STAFF, PIN, now)
    store.close()
    return found


@pytest.fixture
def window(qtbot: QtBot, earlier: dict[str, tuple[str, date]]) -> Iterator[ConsoleWindow]:
    yield from console(qtbot)


def _opened(qtbot: QtBot, window: ConsoleWindow) -> RebriefView:
    sign_in(qtbot, window)
    view = window.rebrief
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.table.rowCount() == len(PATIENTS), timeout=30_000)
    return view


def _highlighted(view: RebriefView) -> list[tuple[str, str]]:
    """(name, born) of each row highlighted, as the table shows them."""
    rows = view.table.selectionModel().selectedRows()
    return [(view.table.item(r.row(), 0).text(), view.table.item(r.row(), 1).text()) for r in rows]


def _choose(view: RebriefView, name: str, born: date) -> None:
    at = next(
        n for n, r in enumerate(view.rows) if (r.name, r.date_of_birth) == (name, born)
    )  # fmt: skip
    view.table.selectRow(at)


def _prepared(earlier: dict[str, tuple[str, date]]) -> list[tuple[str, date]]:
    """Who each re-briefing prepared so far was for, in the order prepared."""
    return [
        earlier[json.loads(detail)["rebriefing_of"]]
        for _, detail in audited("briefing_prepared")
        if "rebriefing_of" in json.loads(detail)
    ]


def _languages_prepared() -> dict[str, str]:
    """The language of each briefing waiting for its patient, by the patient's name."""
    store = open_store(load_config().database_url, "check", create=False)
    try:
        with store.reading() as s:
            rows = s.execute(
                select(PatientRow.name, BriefingRow.language)
                .join(PatientRow, BriefingRow.patient_id == PatientRow.id)
                .where(BriefingRow.status == BriefingStatus.PREPARED)
            )
            return {str(name): str(language) for name, language in rows}
    finally:
        store.close()


def test_after_preparing_no_one_is_chosen_and_a_second_click_prepares_nothing(
    qtbot: QtBot, window: ConsoleWindow, earlier: dict[str, tuple[str, date]]
) -> None:
    view = _opened(qtbot, window)
    first, second, third, _ = PATIENTS
    _choose(view, first[0], first[1])
    assert view.prepare_button.isEnabled()
    qtbot.mouseClick(view.prepare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == len(PATIENTS) - 1, timeout=30_000)
    # The row now where the patient was (another Zoë Ångström) is not highlighted, nor any.
    assert _highlighted(view) == [] and view.chosen() is None
    assert not view.prepare_button.isEnabled()
    qtbot.mouseClick(view.prepare_button, Qt.MouseButton.LeftButton)
    view.prepare()  # even were the click let through
    view.refresh()
    qtbot.waitUntil(lambda: not view.reads.jobs.pending())
    assert _prepared(earlier) == [first[:2]]
    assert view.table.rowCount() == len(PATIENTS) - 1

    _choose(view, third[0], third[1])
    qtbot.mouseClick(view.prepare_button, Qt.MouseButton.LeftButton)  # a double click: press,
    qtbot.mouseDClick(view.prepare_button, Qt.MouseButton.LeftButton)  # release, then the double
    qtbot.waitUntil(lambda: view.table.rowCount() == len(PATIENTS) - 2, timeout=30_000)
    view.prepare()  # a second click landing after the list was read again
    assert _prepared(earlier) == [first[:2], third[:2]]
    assert _highlighted(view) == [] and not view.prepare_button.isEnabled()
    assert {(r.name, r.date_of_birth) for r in view.rows} == {second[:2], PATIENTS[3][:2]}


def test_the_list_read_again_keeps_the_patient_chosen_where_they_moved(
    qtbot: QtBot, window: ConsoleWindow, earlier: dict[str, tuple[str, date]]
) -> None:
    view = _opened(qtbot, window)
    name, born, _ = PATIENTS[2]
    _choose(view, name, born)
    shown_born = view.table.item(view.table.currentRow(), 1).text()
    # Another desk prepares one for the patient listed first: every row below moves up one.
    config = load_config()
    store = open_store(config.database_url, "desk-2", create=False)
    try:
        first = next(i for i, who in earlier.items() if who == PATIENTS[0][:2])
        prepare_rebriefing(
            store, first, view.desk.forms["mild"], staff="Nurse Lee",  # type: ignore[union-attr]
            now=datetime.now(UTC), kiosk_id="*",
        )  # fmt: skip
    finally:
        store.close()
    view.refresh()
    qtbot.waitUntil(lambda: view.table.rowCount() == len(PATIENTS) - 1, timeout=30_000)
    assert _highlighted(view) == [(name, shown_born)]
    chosen = view.chosen()
    assert chosen is not None and (chosen.name, chosen.date_of_birth) == (name, born)
    assert view.prepare_button.isEnabled()


def test_each_row_shows_its_language_and_the_rebriefing_is_given_in_the_one_chosen(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    view = _opened(qtbot, window)
    column = view.table.columnCount() - 1
    assert view.table.horizontalHeaderItem(column).text() == view.words("console.column.language")
    shown = [view.table.item(n, column).text() for n in range(view.table.rowCount())]
    by_row = {(r.name, r.date_of_birth): n for n, r in enumerate(view.rows)}
    for name, born, language in PATIENTS:
        assert shown[by_row[(name, born)]] == language_name(language)
    assert not view.language.isEnabled()

    # The first Zoë was briefed in Spanish: offered in it; staff choose English instead.
    name, born, _ = PATIENTS[0]
    _choose(view, name, born)
    assert view.language.isEnabled() and view.language.currentData() == "es"
    offered = {view.language.itemData(n) for n in range(view.language.count())}
    assert offered == {"en", "es"}
    view.language.setCurrentIndex(view.language.findData("en"))
    view.prepare_button.click()
    qtbot.waitUntil(lambda: view.table.rowCount() == len(PATIENTS) - 1, timeout=30_000)
    assert view.language.count() == 0 and not view.language.isEnabled()

    # דוד לוי was briefed in Spanish too: without a choice, the re-briefing is in Spanish.
    name, born, _ = PATIENTS[3]
    _choose(view, name, born)
    assert view.language.currentData() == "es"
    view.prepare_button.click()
    qtbot.waitUntil(lambda: view.table.rowCount() == len(PATIENTS) - 2, timeout=30_000)
    assert _languages_prepared() == {"Zoë Ångström": "en", "דוד לוי": "es"}


def test_the_tab_is_named_for_a_briefing_given_again_in_each_language() -> None:
    # Each catalog's own word for a briefing, as its Briefings tab says it; never "a new session".
    for language, briefing in (("es", "sesión informativa"), ("ar", "جلسة الشرح")):
        words = words_for(language)
        for message in ("console.tab.rebrief", "console.rebrief.prepare"):
            assert briefing in words(message).casefold(), (language, message)
        assert "nueva sesión" not in words("console.tab.rebrief").casefold()
        assert "جديدة" not in words("console.tab.rebrief")
