"""The Dashboard view: for one procedure version and a date range, briefings per day, how they
ended (and where abandoned ones stopped), the median minutes, seconds on each screen, the screens
most flagged and the questions most missed on the first try; each chart saved as CSV. The figures
come from kiosk.services.dashboard (read on the worker thread); this view only draws them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from babel.dates import format_date
from PySide6.QtCore import QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Msg, Words, msg
from kiosk.services.console import ConsoleDesk
from kiosk.services.dashboard import DeskDashboard, Figures, Tally, Version
from kiosk.ui.console.ask import DeskQuestions
from kiosk.ui.console.charts import Bar, BarChart, Box, BoxChart, Series
from kiosk.ui.console.day_field import DayField, tell_of
from kiosk.ui.console.reads import Reads, tell
from kiosk.ui.jobs import Jobs

DEFAULT_DAYS = 30
COMPLETED, ABANDONED, IN_PROGRESS, WITHDRAWN = "#2e7d32", "#c62828", "#f9a825", "#757575"
NEUTRAL = "#1565c0"
FRAME_SCREENS = {
    "welcome": "console.dashboard.screen.welcome",
    "identity": "console.dashboard.screen.identity",
    "review": "console.dashboard.screen.review",
    "sign": "console.dashboard.screen.sign",
    "done": "console.dashboard.screen.done",
    "": "console.dashboard.screen.none",
}
"""Screens of every briefing that are not the procedure's content, and the place before any."""
TITLES = {
    "days": "console.dashboard.days",
    "outcomes": "console.dashboard.outcomes",
    "seconds": "console.dashboard.seconds",
    "flagged": "console.dashboard.flagged",
    "missed": "console.dashboard.missed",
}


class DashboardView(QWidget):
    def __init__(
        self, jobs: Jobs, words: Words, staff: Callable[[], str | None], ask: DeskQuestions
    ) -> None:
        super().__init__()
        self.words = words
        self.staff = staff
        self.ask = ask
        self.reads = Reads(jobs)
        self.saves = Reads(jobs)
        self.dashboard: DeskDashboard | None = None
        self.figures: Figures | None = None
        self._stale = True
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(words("console.dashboard.version")))
        self.version = QComboBox()
        self.version.currentIndexChanged.connect(self._changed)
        top.addWidget(self.version)
        self.first = DayField(words)
        self.last = DayField(words)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._changed)
        tell_of((self.first, self.last), self.say)
        top.addWidget(self.first)
        top.addWidget(QLabel(words("console.filter.to")))
        top.addWidget(self.last)
        top.addStretch(1)
        outer.addLayout(top)
        self.summary = QLabel()
        self.summary.setObjectName("heading")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.message = QLabel()
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        body = QWidget()
        column = QVBoxLayout(body)
        empty = words("console.dashboard.empty")
        series = [
            Series(words("staff.status.completed"), COMPLETED),
            Series(words("staff.status.abandoned"), ABANDONED),
            Series(words("staff.status.in-progress"), IN_PROGRESS),
        ]
        self.days = BarChart(empty, series)
        self.outcomes = BarChart(
            empty, [*series, Series(words("staff.status.withdrawn"), WITHDRAWN)]
        )
        self.seconds = BoxChart(empty, words("console.dashboard.seconds-unit"), words.number)
        self.flagged = BarChart(empty, [Series("", NEUTRAL)])
        self.missed = BarChart(empty, [Series("", NEUTRAL)])
        self.charts = {
            "days": self.days, "outcomes": self.outcomes, "seconds": self.seconds,
            "flagged": self.flagged, "missed": self.missed,
        }  # fmt: skip
        self.save_buttons: dict[str, QPushButton] = {}
        for key, chart in self.charts.items():
            head = QHBoxLayout()
            title = QLabel(words(TITLES[key]))
            title.setObjectName("heading")
            head.addWidget(title, 1)
            button = QPushButton(words("console.dashboard.save-csv"))
            button.clicked.connect(lambda _=False, k=key: self.save_csv(k))
            head.addWidget(button)
            self.save_buttons[key] = button
            column.addLayout(head)
            column.addWidget(chart)
        column.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(body)
        outer.addWidget(self.scroller, 1)
        self.forget()

    def start(self, desk: ConsoleDesk) -> None:
        self.dashboard = dashboard = DeskDashboard(desk)
        today = desk.now().astimezone().date()
        self.set_days(today - timedelta(days=DEFAULT_DAYS - 1), today)
        self._stale = True
        self.reads.run(dashboard.versions, self._versions, self.say)

    def set_days(self, first: date, last: date) -> None:
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self._changed()

    def _versions(self, versions: list[Version]) -> None:
        self.version.blockSignals(True)
        self.version.clear()
        for v in versions:
            label = self.words(
                "console.dashboard.version-choice", form=v.form_id, version=v.form_version,
                sha=v.content_sha256[:8], count=v.briefings,
            )  # fmt: skip
            self.version.addItem(label, v)
        self.version.blockSignals(False)
        if not versions:
            self.say(msg("console.dashboard.no-versions"))
        self._changed()

    def _changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the figures for the version and days chosen (the look is audited)."""
        dashboard, staff, version = self.dashboard, self.staff(), self.version.currentData()
        if dashboard is None or staff is None or not isinstance(version, Version):
            return
        self._stale = False
        first, last = self.first.day(), self.last.day()
        if first > last:  # "nothing in these days" had been said of days the wrong way round
            self._blank()
            self.say(msg("console.filter.days-reversed"))
            return
        self.say(msg("console.reading"), done=True)
        self.reads.run(
            lambda: dashboard.figures(staff, version, first, last), self.show_figures, self.say
        )

    def show_figures(self, figures: Figures) -> None:
        words = self.words
        self.figures = figures
        self.say(None)
        minutes = figures.median_minutes
        self.summary.setText(
            words(
                "console.dashboard.summary",
                count=figures.completed + figures.abandoned + figures.in_progress,
                completed=figures.completed, abandoned=figures.abandoned,
                withdrawn=figures.withdrawn,
                minutes=words("console.dashboard.minutes", minutes=round(minutes, 1))
                if minutes is not None else "–",
            )
        )  # fmt: skip
        self.days.set_bars(
            [
                Bar(
                    format_date(d.day, format="medium", locale=words.locale),
                    (d.completed, d.abandoned, d.in_progress),
                    words.number(d.completed + d.abandoned + d.in_progress),
                )
                for d in figures.days
            ]
        )
        outcomes = [
            Bar(
                words("staff.status.completed"),
                (figures.completed,),
                words.number(figures.completed),
            )
        ]
        for t in figures.abandoned_where:
            outcomes.append(
                Bar(
                    words("console.dashboard.abandoned-at", screen=self.screen_name(t)),
                    (0, t.count),
                    words.number(t.count),
                )
            )
        if figures.in_progress:
            outcomes.append(
                Bar(
                    words("staff.status.in-progress"),
                    (0, 0, figures.in_progress),
                    words.number(figures.in_progress),
                )
            )
        if figures.withdrawn:
            outcomes.append(
                Bar(
                    words("staff.status.withdrawn"),
                    (0, 0, 0, figures.withdrawn),
                    words.number(figures.withdrawn),
                )
            )
        self.outcomes.set_bars(outcomes if figures.completed or len(outcomes) > 1 else [])
        self.seconds.set_boxes(
            [
                Box(
                    self.screen_name(Tally(s.screen_id, s.title, s.count, s.count)),
                    (s.low, s.q1, s.median, s.q3, s.high),
                    words("console.dashboard.median-seconds", seconds=round(s.median, 1)),
                )
                for s in figures.screen_seconds
            ]
        )
        self.flagged.set_bars(self._tallies(figures.most_flagged, "console.dashboard.flagged-of"))
        self.missed.set_bars(self._tallies(figures.most_missed, "console.dashboard.missed-of"))
        for button in self.save_buttons.values():
            button.setEnabled(True)

    def _tallies(self, tallies: list[Tally], words_id: str) -> list[Bar]:
        return [
            Bar(
                self.screen_name(t), (t.count,), self.words(words_id, count=t.of, n=t.count), t.of
            )  # a share of the briefings (or first answers): drawn as that share of the width
            for t in tallies
        ]

    def screen_name(self, tally: Tally) -> str:
        """A screen's name: its title in the content, or the catalog's words for the kiosk's own."""
        frame = FRAME_SCREENS.get(tally.screen_id)
        if frame is not None and tally.title in ("", tally.screen_id):
            return self.words(frame)
        return tally.title

    def save_csv(self, chart: str) -> None:
        dashboard, staff, figures = self.dashboard, self.staff(), self.figures
        if dashboard is None or staff is None or figures is None:
            return
        v = figures.version
        name = f"dashboard-{chart}-{v.form_id}-{v.form_version}.csv".replace("/", "-")
        target = self.ask.save_path(
            self, self.words("console.dashboard.save-title"), self.ask.home / name
        )
        if target is None:
            return
        self.saves.run(
            lambda: dashboard.save_csv(staff, figures, chart, target),
            lambda path: self.say(msg("console.dashboard.saved", path=str(path)), done=True),
            self.say,
        )

    def say(self, told: Msg | None, done: bool = False) -> None:
        tell(self.message, self.words(told) if told else "", done)

    def forget(self) -> None:
        """Sign-out: no figure stays on screen."""
        self.reads.drop()
        self.saves.drop()
        self.dashboard = None
        self.version.clear()
        self._blank()
        self.say(None)

    def _blank(self) -> None:
        """No figures on screen (signed out, or days asked the wrong way round)."""
        self.figures = None
        self.summary.setText("")
        self.days.set_bars([])
        self.outcomes.set_bars([])
        self.seconds.set_boxes([])
        self.flagged.set_bars([])
        self.missed.set_bars([])
        for button in self.save_buttons.values():
            button.setEnabled(False)
