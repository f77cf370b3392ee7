"""Staff name a legally authorized representative during the patient's briefing, before the
signature (the patient cannot sign, and someone may sign for them): their name, relationship and
why the patient cannot sign, on the same lines and keyboard as when preparing a briefing. Saved,
the briefing is addressed to the representative from the screen it was on, and they sign."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout

from kiosk.i18n import Words, msg
from kiosk.services.staff import StaffDesk
from kiosk.ui.jobs import Jobs
from kiosk.ui.pages.base import button, label
from kiosk.ui.staff.panel import Panel
from kiosk.ui.staff.plan_steps import RepresentativeStep
from kiosk.ui.staff.rows import gone_on_typing


class RepresentPanel(Panel):
    """The representative's lines, and Save; what to fix is said on the panel's message line."""

    named = Signal(object)
    """Staff saved a representative (a Representative), not yet checked or stored."""

    def __init__(self, desk: StaffDesk, jobs: Jobs, words: Words) -> None:
        super().__init__(desk, jobs, words, msg("staff.represent.title"))
        self.note = label(words("staff.represent.note"), "muted")
        self.body.addWidget(self.note)
        self.step = RepresentativeStep(words)
        self.body.addWidget(self.step, 1)
        # What to fix is said beside Save, so saying it takes none of the keyboard's height.
        row = QHBoxLayout()
        row.setSpacing(16)
        outer = self.layout()
        assert outer is not None
        outer.removeWidget(self.message)
        row.addWidget(self.message, 1)
        self.save_button = button(words("staff.represent.save"), "primary", self.save)
        row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.body.addLayout(row)
        gone_on_typing(self.step, self.unsay)  # (it stood, asking for the relationship, over "son")

    def save(self) -> None:
        self.named.emit(self.step.representative())

    def forget(self) -> None:
        self.step.wipe()
        self.say("")
