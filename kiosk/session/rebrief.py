"""A re-briefing: the procedure's content changed after the patient was briefed, so they are shown
only the screens that are new or changed (new and changed risks acknowledged afresh), then the
review and the signing. The flow is the Briefing's (kiosk.session.flow) on a shorter path."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kiosk.session.clock import Clock
from kiosk.session.events import EventSink
from kiosk.session.flow import Briefing
from kiosk.session.kinds import ScreenKind
from kiosk.session.state import Screen
from kiosk.session.walk import patient_path

if TYPE_CHECKING:
    from kiosk.content.schema import Form

SHOWN = ("added", "changed")
"""What happened to a screen for a re-briefing to show it."""
ALWAYS = frozenset(
    {ScreenKind.WELCOME, ScreenKind.IDENTITY, ScreenKind.REVIEW, ScreenKind.SIGN, ScreenKind.DONE}
)
"""The screens every re-briefing has: who the patient is, the review and the signing."""


def rebrief_path(form: Form, changes: Mapping[str, list[str]]) -> tuple[Screen, ...]:
    """The patient's path of a re-briefing: the reading screens that were added or changed, in the
    order a whole briefing shows them, between identity and the review (no comprehension
    questions: they were answered on the earlier briefing)."""
    shown = {sid for what in SHOWN for sid in changes.get(what, [])}
    return tuple(s for s in patient_path(form) if s.kind in ALWAYS or s.id in shown)


class Rebriefing(Briefing):
    """A briefing of only what changed since an earlier one (`earlier_id`): the same intents, the
    same recording, on the path `rebrief_path` gives; each shown screen is marked new or changed."""

    def __init__(
        self,
        form: Form,
        briefing_id: str,
        sink: EventSink,
        clock: Clock,
        *,
        changes: Mapping[str, list[str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(form, briefing_id, sink, clock, **kwargs)
        self.screens = rebrief_path(form, changes)
        self.changes = {sid: what for what in SHOWN for sid in changes.get(what, [])}
