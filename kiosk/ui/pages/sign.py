"""Sign: what signing means, the printed name, date and time, and a pad for a finger.

A patient who cannot draw may type their name instead, which a staff member confirms with their PIN.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout

from kiosk.session import Briefing, Status, TypedSignature
from kiosk.ui.pages.base import Page, button, centred, label
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.signature_pad import SignaturePad

CANNOT_DRAW = "I cannot sign with my finger"
DRAW_INSTEAD = "Sign with my finger instead"
NEEDS_STAFF = "A staff member must confirm a typed signature. Please ask one to come over."


def when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local:%-d %B %Y}, {local:%H:%M}"


class SignPage(Page):
    primary_text = "Sign"

    def __init__(
        self,
        now: Callable[[], datetime],
        attest: Callable[[], str | None] | None,
    ) -> None:
        """`attest` asks a staff member to confirm a typed signature and returns their name (None if
        no one did); None when the clinic does not offer typed signatures."""
        super().__init__()
        self._now = now
        self._attest = attest
        self._typed = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.statement = label()
        layout.addWidget(self.statement)
        self.who = label(role="heading")
        layout.addWidget(self.who)
        self.pad = SignaturePad()
        layout.addWidget(self.pad, 1)
        self.typed = QLineEdit()
        self.typed.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.typed.setPlaceholderText("Type your full name")
        self.keyboard = OnScreenKeyboard(self.typed)
        self.typed_row = QHBoxLayout()
        self.typed_row.addWidget(self.typed, 1)
        layout.addLayout(self.typed_row)
        layout.addLayout(centred(self.keyboard))
        self.row = QHBoxLayout()
        self.clear = button("Clear", None, self._clear)
        self.switch = button(CANNOT_DRAW, None, self._switch)
        self.message = label(role="notice")
        self.message.hide()
        self.row.addWidget(self.clear)
        self.row.addWidget(self.message, 1)
        self.row.addWidget(self.switch)
        layout.addLayout(self.row)
        self.pad.changed.connect(lambda: self.say(""))
        self._show_mode()

    def show_briefing(self, briefing: Briefing) -> None:
        paragraphs = [p.strip() for p in briefing.form.signing.statement.split("\n\n")]
        self.statement.setText("\n".join(paragraphs))
        name = briefing.patient.name if briefing.patient else ""
        self.who.setText(f"{name}    ·    {when(self._now())}")

    def _show_mode(self) -> None:
        self.pad.setVisible(not self._typed)
        self.clear.setVisible(not self._typed)
        self.typed.setVisible(self._typed)
        self.keyboard.setVisible(self._typed)
        self.statement.setVisible(not self._typed)
        self.switch.setText(DRAW_INSTEAD if self._typed else CANNOT_DRAW)
        # Typed, the switch sits beside the name field: the keyboard needs the room.
        (self.typed_row if self._typed else self.row).addWidget(self.switch)
        self.switch.setVisible(self._attest is not None)

    def _switch(self) -> None:
        self._typed = not self._typed
        self.say("")
        self._show_mode()

    def _clear(self) -> None:
        self.pad.clear()
        self.say("")

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def primary(self, briefing: Briefing) -> bool:
        if briefing.status is not Status.IN_PROGRESS:
            return True  # a second tap on Sign: the briefing is already signed
        if self._typed:
            return self._sign_typed(briefing)
        signature = self.pad.signature()
        problem = signature.problem()
        if problem:
            self.say(problem)
            return True
        if self.attempt(lambda: briefing.sign(signature)):
            self.changed.emit()
        return True

    def _sign_typed(self, briefing: Briefing) -> bool:
        typed = self.typed.text().strip()
        if not typed:
            self.say("Please type your full name.")
            return True
        staff = self._attest() if self._attest else None
        if not staff:
            self.say(NEEDS_STAFF)
            return True
        signature = TypedSignature(typed_name=typed, attested_by=staff)
        if self.attempt(lambda: briefing.sign(signature)):
            self.changed.emit()
        return True

    def forget(self) -> None:
        self.pad.clear()
        self.typed.setText("")  # not clear(): that can be undone
        self._typed = False
        self._show_mode()
        self.statement.setText("")
        self.who.setText("")
        self.say("")
