"""Headings kept on one page with what follows them: a heading never ends a page.

ReportLab's own `keepWithNext` joins a heading to the next flowable only when that one may go into
a KeepTogether: a block already kept together (a pictured screen, a risk with its acknowledgement,
a question with its answers) is not, so its heading stayed at the bottom of a page while the block
moved to the next one (a reviewer, in the Spanish PDF). Here every run of headings (a flowable
whose style or own flag says keep-with-next: h1 and its note, h2, h3) is joined to what follows
it; a following KeepTogether is opened into the one made (one level only: ReportLab breaks the
page before any KeepTogether that holds another), or, when it has a `led_by(headings)`, makes it
with the headings first (a pictured screen stays one, whose picture may be drawn smaller)."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether  # type: ignore[import-untyped]
from reportlab.platypus.doctemplate import ActionFlowable  # type: ignore[import-untyped]
from reportlab.platypus.flowables import CondPageBreak  # type: ignore[import-untyped]


def opened(flowable: Flowable) -> list[Flowable]:
    """A KeepTogether's flowables; any other flowable alone."""
    return list(flowable._content) if isinstance(flowable, KeepTogether) else [flowable]


def leads(flowable: Flowable) -> bool:
    """Whether `flowable` is a heading: kept with the flowable after it."""
    return not isinstance(flowable, KeepTogether) and bool(flowable.getKeepWithNext())


def kept_with_next(story: list[Flowable]) -> list[Flowable]:
    """`story` with each run of headings and the flowable after it in one KeepTogether (a page
    break, or nothing after them, leaves them as they are)."""
    out: list[Flowable] = []
    heads: list[Flowable] = []
    for flowable in story:
        if leads(flowable):
            heads.append(flowable)
        elif heads and not isinstance(flowable, ActionFlowable | CondPageBreak):
            led_by = getattr(flowable, "led_by", None)  # a block of its own kind (a picture's)
            out.append(led_by(heads) if led_by else KeepTogether([*heads, *opened(flowable)]))
            heads = []
        else:
            out += [*heads, flowable]
            heads = []
    return out + heads
