"""The console notices changes without a restart: a staff account added with `kiosk staff add` is
offered on the sign-in page the next time it is shown, one disabled with `kiosk staff disable` is
signed out at the next poll, and the Re-briefing tab lists the patients a forms update makes
outdated at its next poll."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.i18n import words_for
from kiosk.store import open_store
from kiosk.store.staff import add_staff, disable_staff
from kiosk.ui.console.window import ConsoleWindow
from tests.conftest import set_config
from tests.ui.console_drive import PIN, STAFF, console, sign_in
from tests.versions_forms import brief, languages, two_versions

EN = words_for("en")
NOW = datetime.now(UTC)


@pytest.fixture
def forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """(the forms folder the settings name, holding mild 1.0.0; a folder holding 1.1.0); Ana Ruiz
    briefed on 1.0.0, her procedure ahead; one staff account."""
    old, new = two_versions(tmp_path)
    folder = tmp_path / "forms"
    shutil.copytree(old, folder)
    assert main(["init"]) == 0
    capsys.readouterr()
    set_config(tmp_path / "config" / "kiosk.toml", forms_dir=str(folder))
    config = load_config()
    store = open_store(config.database_url, config.kiosk_id)
    brief(
        store, languages(old)["en"], "Ana Ruiz", date(1950, 2, 3), mrn="M-1",
        planned=(NOW + timedelta(days=9)).date(), when=NOW - timedelta(days=1),
    )  # fmt: skip
    add_staff(store, STAFF, PIN, NOW)
    store.close()
    return folder, new


@pytest.fixture
def window(qtbot: QtBot, forms: tuple[Path, Path]) -> Iterator[ConsoleWindow]:
    yield from console(qtbot)


def _add_staff(name: str) -> None:
    """`kiosk staff add`, from another process: the same store."""
    store = open_store(load_config().database_url, "terminal", create=False)
    try:
        add_staff(store, name, "1357", datetime.now(UTC))
    finally:
        store.close()


def _offered(window: ConsoleWindow) -> list[str]:
    box = window.sign_in.name
    return [box.itemText(n) for n in range(box.count())]


def test_a_staff_member_added_meanwhile_is_offered_when_the_sign_in_shows_again(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    assert _offered(window) == [STAFF]
    _add_staff("Noor Haddad")
    sign_in(qtbot, window)
    window.sign_out("staff")
    qtbot.waitUntil(lambda: _offered(window) == ["Noor Haddad", STAFF])
    assert window.sign_in.ok.isEnabled()
    sign_in(qtbot, window, pin="1357", name="Noor Haddad")
    assert window.staff == "Noor Haddad"


def test_a_staff_member_added_while_the_sign_in_shows_is_offered_when_it_is_shown_again(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    window.sign_in.name.setCurrentIndex(window.sign_in.name.findText(STAFF))
    _add_staff("Ben Okafor")
    window.sign_in.hide()  # another window in front, then this one again
    window.sign_in.show()
    qtbot.waitUntil(lambda: _offered(window) == ["Ben Okafor", STAFF])
    assert window.sign_in.name.currentText() == STAFF  # the name chosen stays chosen


def test_the_rebriefing_tab_follows_a_forms_update_without_a_restart(
    qtbot: QtBot, window: ConsoleWindow, forms: tuple[Path, Path]
) -> None:
    folder, new = forms
    sign_in(qtbot, window)
    view = window.rebrief
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.count.text() == EN("console.rebrief.count", count=0))
    shutil.rmtree(folder / "mild")
    shutil.copytree(new / "mild", folder / "mild")
    window.poll.setInterval(50)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=10_000)
    assert view.table.item(0, 0).text() == "Ana Ruiz"
    assert view.count.text() == EN("console.rebrief.count", count=1)


def test_a_staff_member_disabled_while_signed_in_is_signed_out_at_the_next_poll(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    """A reviewer disabled the coordinator signed in here and went on preparing under that name."""
    sign_in(qtbot, window)
    assert window.staff == STAFF
    store = open_store(load_config().database_url, "terminal", create=False)
    try:
        add_staff(store, "Dana Okafor", "1357", datetime.now(UTC))  # a colleague stays
        disable_staff(store, STAFF, datetime.now(UTC), "kiosk staff disable")
    finally:
        store.close()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in, timeout=10_000)
    assert window.staff is None and window.briefings.model.rowCount() == 0
    assert window.sign_in.message.text() == EN("staff.signed-out-disabled")
    qtbot.waitUntil(lambda: window.sign_in.names() == ["Dana Okafor"])  # not offered any more
