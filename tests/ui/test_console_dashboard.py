"""The console dashboard on demo data: the figures of the procedure version drawn as charts (a bar a
day, how they ended, a box a screen, the most flagged), the look audited, and a chart's numbers
saved as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.i18n import msg, words_for
from kiosk.ui.console.charts import nice_step
from kiosk.ui.console.window import ConsoleWindow
from tests.ui.console_drive import BRIEFINGS, FORM, STAFF, audited, console, demo_data, sign_in

EN = words_for("en")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[ConsoleWindow]:
    demo_data(tmp_path / "data")
    yield from console(qtbot)


def test_the_dashboard_charts_a_version_and_saves_a_chart_as_csv(
    qtbot: QtBot, window: ConsoleWindow, tmp_path: Path
) -> None:
    sign_in(qtbot, window)
    view = window.dashboard
    assert audited("console_dashboard_viewed") == []  # read only when looked at
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.figures is not None)
    figures = view.figures
    assert figures is not None and figures.completed == BRIEFINGS
    assert view.version.currentText().startswith(f"{FORM.id} {FORM.version}")
    assert figures.median_minutes is not None
    minutes = EN("console.dashboard.minutes", minutes=round(figures.median_minutes, 1))
    assert view.summary.text() == EN(
        "console.dashboard.summary", count=BRIEFINGS, completed=BRIEFINGS, abandoned=0,
        withdrawn=0, minutes=minutes,
    )  # fmt: skip
    assert sum(int(b.text) for b in view.days.bars) == BRIEFINGS
    assert view.outcomes.bars[0].label == EN("staff.status.completed")
    labels = [b.label for b in view.seconds.boxes]
    assert labels[0] == FORM.about.title and FORM.risks[0].title in labels
    assert EN("console.dashboard.screen.identity") in labels  # the kiosk's own screens, worded
    assert view.flagged.bars and view.flagged.bars[0].text.endswith(
        f"of {BRIEFINGS}\u00a0briefings"
    )
    assert [actor for actor, _ in audited("console_dashboard_viewed")] == [STAFF]

    target = tmp_path / "seconds.csv"
    view.ask.save_path = lambda parent, title, suggested: target  # type: ignore[method-assign]
    view.save_buttons["seconds"].click()
    qtbot.waitUntil(
        lambda: view.message.text() == EN(msg("console.dashboard.saved", path=str(target)))
    )
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["screen_id", "screen", "briefings"]
    assert rows[1][:3] == ["about", FORM.about.title, str(BRIEFINGS)]
    assert [actor for actor, _ in audited("console_dashboard_exported")] == [STAFF]

    window.sign_out("staff")  # nothing of the figures stays on screen
    assert view.figures is None and not view.days.bars and view.summary.text() == ""


def test_an_axis_steps_in_round_numbers() -> None:
    steps = [nice_step(most) for most in (0.7, 9, 17.4, 120, 4000, 0)]
    assert steps == pytest.approx([0.1, 1.0, 2.0, 20.0, 500.0, 1.0])
