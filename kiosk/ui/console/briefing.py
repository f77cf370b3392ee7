"""One briefing at the console: its facts, and every event in time order (shown, acknowledged with
its seconds, flagged, answered, signed, PDF made, and what staff did)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Words, isolated
from kiosk.services.console import Cosigned, Event, RecordRow
from kiosk.ui.console.describe import briefing_facts, event_text, event_time, who
from kiosk.ui.staff.describe import DOT, kiosk_name

EVENT_COLUMNS = ("console.events.when", "console.events.what", "console.events.who")
EVENTS_SEEN = 4
"""Events the list shows at least, whatever the facts over it take."""


class BriefingPane(QWidget):
    """The briefing chosen in the list: who, where it stands, and its events; one still waiting
    for its patient can be withdrawn."""

    withdraw_wanted = Signal(str)
    """Staff pressed Withdraw on this briefing (its id)."""

    def __init__(self, words: Words) -> None:
        super().__init__()
        self.words = words
        self.briefing_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(words("console.briefing.none"))
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        self.withdraw_button = QPushButton(words("console.briefing.withdraw"))
        self.withdraw_button.setToolTip(words("console.withdraw.why"))
        self.withdraw_button.clicked.connect(
            lambda: self.briefing_id and self.withdraw_wanted.emit(self.briefing_id)
        )
        self.withdraw_button.hide()
        top.addWidget(self.withdraw_button)
        layout.addLayout(top)
        self.note = QLabel()
        self.note.setObjectName("done")
        self.note.hide()
        layout.addWidget(self.note)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        layout.addWidget(self.facts)
        self.events = QTableWidget(0, len(EVENT_COLUMNS))
        self.events.setHorizontalHeaderLabels([words(c) for c in EVENT_COLUMNS])
        self.events.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events.verticalHeader().hide()
        self.events.setAlternatingRowColors(True)
        header = self.events.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # Its first events always in view, however many lines the facts over it take (a briefing
        # with a representative, an interpreter and a witness left it a row and a half).
        frame = 2 * self.events.frameWidth()
        rows = EVENTS_SEEN * self.events.verticalHeader().defaultSectionSize()
        self.events.setMinimumHeight(header.sizeHint().height() + rows + frame)
        layout.addWidget(self.events, 1)

    def show_briefing(
        self, row: RecordRow, events: list[Event], now: datetime, seen: Cosigned | None = None
    ) -> None:
        words = self.words
        if row.briefing_id != self.briefing_id:
            self.tell("")
        self.briefing_id = row.briefing_id
        name = isolated(row.patient_name or words("staff.list.walk-up"))
        self.heading.setText(
            words(
                "console.briefing.heading",
                name=name,
                kiosk=kiosk_name(words, row.kiosk_id),
                count=len(events),
            )
        )
        self.withdraw_button.setVisible(row.status == "prepared")
        # Three facts to a row; who signs beside the patient a row each (their lines have dots
        # of their own, and three to a row hid whose "not signed" was whose).
        lines, signers = briefing_facts(words, row, now, seen or Cosigned())
        rows = [DOT.join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
        self.facts.setText("\n".join([*rows, *signers]))
        self.events.setRowCount(len(events))
        for n, event in enumerate(events):
            cells = (event_time(words, event.at), event_text(words, event), who(words, event))
            for column, text in enumerate(cells):
                self.events.setItem(n, column, QTableWidgetItem(text))
        self.events.scrollToTop()

    def tell(self, text: str) -> None:
        """What staff just did to this briefing (it stays until another briefing is shown)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def event_texts(self) -> list[str]:
        """What the events list shows, a line an event (for tests and screen readers)."""
        items = (self.events.item(n, 1) for n in range(self.events.rowCount()))
        return [item.text() for item in items if item is not None]

    def forget(self) -> None:
        self.briefing_id = None
        self.withdraw_button.hide()
        self.tell("")
        self.heading.setText(self.words("console.briefing.none"))
        self.facts.setText("")
        self.events.clearContents()
        self.events.setRowCount(0)
