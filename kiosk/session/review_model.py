"""The screen model's part for Review's rows: a risk or a flagged question tapped there is shown
again (kiosk.session.flow `see_again`), then the model emits one change; from that screen, Next
("Back to the summary") and Back return to Review as any screen seen again does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.session.kinds import ScreenKind

if TYPE_CHECKING:
    from kiosk.session.screen import ScreenModel


def see_again(model: ScreenModel, screen_id: str) -> None:
    """Review's row for `screen_id` tapped (a tap on any other screen does nothing)."""
    b = model.briefing
    if b is not None and b.current.kind is ScreenKind.REVIEW:
        model._run(lambda: b.see_again(screen_id))
