"""The `View` of Review ("Before you sign"): each risk, ticked or crossed, and each flagged question,
every one a row to tap to see its screen again; and that screen's way back. Pure functions, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kiosk.i18n import msg
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import NEXT, Action, Line, Mark, Offer, Tone, View

if TYPE_CHECKING:
    from kiosk.session.flow import Briefing


@dataclass(frozen=True)
class Row(Line):
    """A line of Review that is tapped to see `screen_id` again (Briefing.see_again)."""

    screen_id: str = ""


BACK_TO_SUMMARY = Offer(msg("review.back-to-summary"))
"""The main action of a screen seen again from Review: back there, in one tap."""


def from_review(b: Briefing) -> bool:
    """Whether the screen on show was tapped on Review to be seen again (Next and Back return)."""
    return b.revisiting and b.place.kind is ScreenKind.REVIEW


def seen_from_review(b: Briefing, view: View) -> View:
    """A screen tapped on Review: as it is on the path (a risk may be acknowledged there), but its
    main action goes back to Review."""
    if not from_review(b) or view.primary is None or view.primary[0] is not Action.NEXT:
        return view
    return replace(view, primary=(Action.NEXT, BACK_TO_SUMMARY))


def review_view(b: Briefing) -> View:
    """Each risk on the path, ticked or crossed, then each flagged question: every one a `Row`."""
    lines: list[Line] = [Line(msg("review.risks"), Tone.PLAIN)]
    for risk in (r for r in b.form.risks if b.on_path(r.id)):
        if risk.id in b.acknowledgements:
            lines.append(Row(risk.title, Tone.DONE, Mark.TICK, screen_id=risk.id))
        else:
            missing = msg("review.risk-missing", title=risk.title)
            lines.append(Row(missing, Tone.NOTICE, Mark.CROSS, screen_id=risk.id))
    if b.flags:
        lines.append(Line(msg("review.questions")))
        lines += [Row(b.form.title_of(s), Tone.FLAG, Mark.QUESTION, screen_id=s) for s in b.flags]
        closing = (msg("review.questions-follow-up"), msg("review.ready"))
    else:
        closing = (msg("review.no-questions"), msg("review.ready"))
    return View(
        kind=ScreenKind.REVIEW,
        screen_id="review",
        heading=msg("review.heading"),
        title=msg("review.title"),
        lines=tuple(lines),
        paragraphs=closing,
        primary=(Action.NEXT, NEXT),
    )
