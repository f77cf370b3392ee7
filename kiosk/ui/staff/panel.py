"""What every staff follow-up screen shares: a title row with a way back, a body, a message line,
and reads run off the screen's thread whose late answers are dropped once staff moved on."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Text, Words, msg
from kiosk.services.staff import STORE_FAILED, StaffDesk, StaffError
from kiosk.ui.icons import Glyph
from kiosk.ui.jobs import Jobs
from kiosk.ui.pages.base import button, label
from kiosk.ui.staff.arrows import point
from kiosk.ui.staff.fit import keys_give_way
from kiosk.ui.theme import Look

log = logging.getLogger(__name__)


class Panel(QWidget):
    """A staff screen: a title row with "Staff menu" (its arrow drawn), a body, and a message line."""

    closed = Signal()

    def __init__(self, desk: StaffDesk, jobs: Jobs, words: Words, title: Text) -> None:
        super().__init__()
        self.desk = desk
        self.jobs = jobs
        self.words = words
        self._asked = 0
        """Which read's answer this panel waits for: forgetting, or asking again, drops the others."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.top = QHBoxLayout()
        self.top.setSpacing(16)
        self.title = label(words.text(title), "title")
        self.top.addWidget(self.title, 1)
        self.menu_button = button(words("staff.panel.menu"), None, self.go_back)
        self.top.addWidget(self.menu_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(self.top)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        layout.addLayout(self.body, 1)
        self.message = label(role="notice")
        self.message.hide()
        layout.addWidget(self.message)

    def set_look(self, look: Look) -> None:
        """The way back's arrow in this look, pointing as staff's language reads."""
        point(self.menu_button, look, Glyph.BACK, right_to_left=self.words.right_to_left)

    def go_back(self) -> None:
        """The title row's button: back to where staff came from."""
        self.closed.emit()

    def unsay(self) -> None:
        """What was said goes, if anything was (`rows.gone_on_typing`)."""
        if self.message.text():
            self.say("")

    def say(self, text: Text, role: str = "notice") -> None:
        shown = self.words.text(text)
        self.message.setProperty("role", role)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(shown)
        self.message.setVisible(bool(shown))
        keys_give_way(self)

    def read(
        self,
        work: Callable[[], Any],
        arrived: Callable[[Any], None],
        refused: Callable[[Text], None] | None = None,
    ) -> None:
        """Run a read on the worker thread; `arrived(result)` on the screen's thread if this panel
        still waits for it, else `refused(what to tell staff)` (by default, said on the panel)."""
        self._asked += 1
        asked = self._asked

        def done(result: Any) -> None:
            if asked == self._asked:
                arrived(result)

        def failed(exc: Exception) -> None:
            if asked != self._asked:
                return
            if isinstance(exc, StaffError):
                told: Text = exc.text
            else:
                log.error("a staff read failed: %s", type(exc).__name__)
                told = msg(STORE_FAILED)
            (refused or self.say)(told)

        self.jobs.run(work, done, failed)

    def drop_reads(self) -> None:
        """Whatever is being read for this panel is no longer wanted (staff left, or moved on)."""
        self._asked += 1
