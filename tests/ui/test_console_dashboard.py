"""The console dashboard on demo data: the figures of the procedure version drawn as charts (a bar a
day, how they ended, a box a screen, the most flagged), the look audited, and a chart's numbers
saved as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk.i18n import msg, words_for
from kiosk.ui.console.charts import LABEL_MAX, ROW, Bar, BarChart, Series, nice_step
from kiosk.ui.console.dashboard import NEUTRAL
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
    assert EN("console.dashboard.screen.welcome") not in labels  # not read: always about 0 s
    assert view.flagged.bars and view.flagged.bars[0].text.endswith(
        f"of {BRIEFINGS}\u00a0briefings"
    )
    assert {b.of for b in view.flagged.bars} == {BRIEFINGS}  # drawn as a share of them all
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


def _bar_pixels(image: QImage, row: int, top: int = 0) -> int:
    """How many pixels of the bar's colour the chart's row `row` holds across its middle."""
    y = top + row * ROW + ROW // 2
    return sum(1 for x in range(image.width()) if image.pixelColor(x, y) == QColor(NEUTRAL))


def test_a_share_of_the_briefings_is_drawn_as_that_share_of_the_width(qtbot: QtBot) -> None:
    chart = BarChart(EN("console.dashboard.empty"), [Series("", NEUTRAL)])
    qtbot.addWidget(chart)
    chart.resize(700, chart.sizeHint().height())
    bars = [("1 of 2", 1, 2), ("2 of 8", 2, 8)]
    chart.set_bars([Bar(label, (n,), label, of) for label, n, of in bars])
    chart.resize(700, chart.sizeHint().height())
    image = chart.grab().toImage()
    half, quarter = _bar_pixels(image, 0), _bar_pixels(image, 1)
    assert half > 100  # the chart's width less the labels and the words at the ends
    assert quarter == pytest.approx(half / 2, abs=2)  # not both full-width: each tops its own
    # A count without a whole is still scaled against the longest bar
    chart.set_bars([Bar("a", (3,), "3"), Bar("b", (6,), "6")])
    image = chart.grab().toImage()
    assert _bar_pixels(image, 0) == pytest.approx(_bar_pixels(image, 1) / 2, abs=2)


def test_a_label_cut_to_its_room_is_whole_on_hover(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer could not read "How big is the cut for the mild proc…": no tooltip."""
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    long = "How big is the cut for the mild procedure, and where on the back is it made?"
    chart = BarChart(EN("console.dashboard.empty"), [Series("", NEUTRAL)])
    qtbot.addWidget(chart)
    chart.set_bars([Bar(long, (3,), "3 of 8", 8), Bar("Short", (1,), "1 of 8", 8)])
    chart.resize(700, chart.sizeHint().height())
    chart.show()
    chart.grab()  # drawn: the labels cut are known
    first, second = QPoint(20, ROW // 2), QPoint(LABEL_MAX - 20, ROW + ROW // 2)
    assert chart.whole_label(first) == long and chart.whole_label(second) is None
    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda at, text, widget: shown.append(text))
    assert chart.event(QHelpEvent(QEvent.Type.ToolTip, first, chart.mapToGlobal(first)))
    assert shown == [long]


def test_days_the_wrong_way_round_are_said_not_shown_as_nothing(
    qtbot: QtBot, window: ConsoleWindow
) -> None:
    """A reviewer's Nov 9, 2027 to Dec 8, 2026 read "0 briefings started … Nothing in these days"
    on the dashboard, and "No briefings match these filters" in the list, as if that were so."""
    sign_in(qtbot, window)
    view = window.dashboard
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.figures is not None)
    view.set_days(date(2027, 11, 9), date(2026, 12, 8))
    said = EN("console.filter.days-reversed")
    assert view.message.text() == said
    assert view.figures is None and view.summary.text() == "" and view.days.bars == []

    briefings = window.briefings
    window.tabs.setCurrentWidget(briefings)
    bar = briefings.bar
    bar.period.setCurrentIndex(bar.period.findData("between"))
    qtbot.waitUntil(lambda: briefings.model.total == BRIEFINGS)
    bar.first.setDate(QDate(2027, 11, 9))
    bar.first.dateChanged.emit(bar.first.date())
    assert briefings.message.text() == said and briefings.message.isVisible()
    assert briefings.model.rows == [] and briefings.count.text() == ""
