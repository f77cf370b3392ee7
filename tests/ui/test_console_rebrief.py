"""The console's Re-briefing tab: the patient briefed on 1.0.0 is listed once the forms folder
holds 1.1.0, and a re-briefing is prepared for the next free kiosk, audited."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.i18n import words_for
from kiosk.store import open_store
from kiosk.store.staff import add_staff
from kiosk.ui.console.window import ConsoleWindow
from tests.conftest import set_config
from tests.ui.console_drive import PIN, STAFF, audited, console, sign_in
from tests.versions_forms import brief, languages, two_versions

EN = words_for("en")


@pytest.fixture
def earlier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A briefing on mild 1.0.0 for Ana Ruiz, her procedure ahead; the forms folder now at 1.1.0."""
    old, new = two_versions(tmp_path)
    assert main(["init"]) == 0
    capsys.readouterr()
    set_config(tmp_path / "config" / "kiosk.toml", forms_dir=str(new))
    config = load_config()
    store = open_store(config.database_url, config.kiosk_id)
    now = datetime.now(UTC)
    briefing_id = brief(
        store, languages(old)["en"], "Ana Ruiz", datetime(1950, 2, 3).date(), mrn="M-1",
        planned=(now + timedelta(days=9)).date(), when=now - timedelta(days=1),
    )  # fmt: skip
    add_staff(store, STAFF, PIN, now)
    store.close()
    return briefing_id


@pytest.fixture
def window(qtbot: QtBot, earlier: str) -> Iterator[ConsoleWindow]:
    yield from console(qtbot)


def test_the_console_lists_the_patient_and_prepares_a_rebriefing_for_the_next_free_kiosk(
    qtbot: QtBot, window: ConsoleWindow, earlier: str
) -> None:
    sign_in(qtbot, window)
    view = window.rebrief
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=30_000)
    cells = [view.table.item(0, c).text() for c in range(view.table.columnCount())]
    assert cells[0] == "Ana Ruiz" and cells[2] == "M-1" and cells[4] == "1.0.0 → 1.1.0"
    assert view.count.text() == EN("console.rebrief.count", count=1)
    assert not view.prepare_button.isEnabled()
    view.table.selectRow(0)
    assert view.prepare_button.isEnabled()
    view.prepare_button.click()
    qtbot.waitUntil(lambda: view.table.rowCount() == 0, timeout=30_000)
    assert view.message.text() == EN("staff.rebrief.prepared", name="Ana Ruiz")
    ((actor, detail),) = audited("briefing_prepared")[-1:]
    assert actor == STAFF
    facts = json.loads(detail)
    assert facts["rebriefing_of"] == earlier and facts["kiosk"] == "*"
    assert facts["changes"]["added"] == ["risk-blood-clot"]
