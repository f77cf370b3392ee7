"""Review: every risk and whether it was acknowledged, and the questions flagged for the surgeon."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.session import Briefing
from kiosk.ui.pages.base import Page, Reading, card, label


class ReviewPage(Page):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label("Review", role="muted"))
        layout.addWidget(label("Before you sign", role="title"))
        self.body = Reading()
        layout.addWidget(self.body, 1)

    def show_briefing(self, briefing: Briefing) -> None:
        form = briefing.form
        self.body.clear()
        self.body.add(label("You have read about each risk:", "heading"))
        frame, inner = card()
        for risk in form.risks:
            if risk.id in briefing.acknowledgements:
                inner.addWidget(label(f"✓  {risk.title}", "done"))
            else:
                inner.addWidget(
                    label(f"✗  {risk.title}: not yet acknowledged. Tap Back to go to it.", "notice")
                )
        self.body.add(frame)
        flagged = [flag_title(briefing, sid) for sid in briefing.flags]
        if flagged:
            self.body.add(label("Your questions for the surgeon:", "heading"))
            frame, inner = card()
            for title in flagged:
                inner.addWidget(label(f"?  {title}", "flag"))
            self.body.add(frame)
            self.body.add(
                label("Your surgeon's team will talk with you about these before the procedure.")
            )
        else:
            self.body.add(
                label(
                    "If you have any questions, tap Back to find the screen, or ask a staff member."
                )
            )
        self.body.add(label("When you are ready, tap Next to sign."))
        self.body.finish()

    def forget(self) -> None:
        self.body.clear()


def flag_title(briefing: Briefing, screen_id: str) -> str:
    """What a flagged screen was about, in the patient's words: its title, or the question asked."""
    form = briefing.form
    try:
        return form.screen(screen_id).title
    except KeyError:
        pass
    try:
        return form.question(screen_id).prompt
    except KeyError:
        return screen_id.replace("-", " ").capitalize()
