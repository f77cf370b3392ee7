"""Welcome: choose a language, touch to start. Nothing personal is ever shown here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout

from kiosk.session.kinds import ScreenKind
from kiosk.ui.pages.base import Page, button, centred, label
from kiosk.ui.widgets.languages import LanguageButtons

if TYPE_CHECKING:
    from kiosk.i18n import Words
    from kiosk.session.view import Action, View


class WelcomePage(Page):
    """Shown between patients. `start` asks the window for the next briefing; `language` says
    which language was tapped (each is offered by its own name, when there is more than one)."""

    kinds = frozenset({ScreenKind.WELCOME})
    start = Signal()
    language = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        self.languages = LanguageButtons()
        self.languages.chosen.connect(self.language.emit)
        self.languages.hide()
        layout.addWidget(self.languages, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.title = label(role="title")
        self.intro = label()
        self.message = label(role="notice")
        for text in (self.title, self.intro):
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addLayout(centred(text))
        self.start_button = button("", "primary", self.start.emit)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        policy = self.message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # a message never moves Start
        self.message.setSizePolicy(policy)
        self.message.hide()
        layout.addLayout(centred(self.message))
        layout.addStretch(2)

    def draw(self, view: View, words: Words) -> None:
        width = self.line_px()
        for text in (self.title, self.intro, self.message):
            text.setMaximumWidth(width)
        self.title.setText(words.text(view.title or ""))
        self.intro.setText("\n\n".join(words.text(p) for p in view.paragraphs))
        if view.primary is not None:
            self.start_button.setText(words(view.primary[1].label))
        self.message.setText(words(view.message) if view.message else "")
        self.message.setVisible(view.message is not None)
        self.languages.draw(view.languages)
        self.languages.ensurePolished()
        for b in self.languages.buttons.values():
            b.ensurePolished()
        self.languages.fit(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.languages.fit(self.width())

    def submit(self, action: Action) -> None:
        self.start.emit()

    def forget(self) -> None:
        self.message.setText("")
        self.message.hide()
