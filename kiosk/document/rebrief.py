"""A re-briefing's PDF: which earlier briefing it follows and what changed since, then only the
screens the patient was shown again (the risks with their new acknowledgements)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel.lists import format_list
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from kiosk.content.schema import ContentKind, Form, ItemList, Section
from kiosk.document.record import AckPart, BriefingRecord, RebriefPart

if TYPE_CHECKING:
    from kiosk.document.story import _Page

CHANGES = (
    ("added", "document.rebrief.added"),
    ("changed", "document.rebrief.changed"),
    ("removed", "document.rebrief.removed"),
)
"""Each kind of change, and the line that lists its screens."""


def rebriefed(
    page: _Page, record: BriefingRecord, form: Form, acks: dict[str, AckPart]
) -> list[Flowable]:
    """The earlier briefing and what changed, then the screens shown again, in path order."""
    rebrief = record.rebriefing
    assert rebrief is not None
    out = earlier_block(page, rebrief, form)
    shown = rebrief.shown()
    out += page.heading(page.words("pdf.read"), page.words("pdf.read-note"))
    for kind, screen in form.content_screens():
        if screen.id not in shown:
            continue
        if kind is ContentKind.RISK:
            assert isinstance(screen, Section)
            out += page.risk(screen, acks.get(screen.id))
        elif isinstance(screen, ItemList):
            out += [*page.heading(screen.title), *page.item_list(screen)]
        else:
            out += page.section(screen)
    return out


def earlier_block(page: _Page, rebrief: RebriefPart, form: Form) -> list[Flowable]:
    w = page.words
    signed = page.when(rebrief.earlier_signed_at) if rebrief.earlier_signed_at else ""
    out = page.heading(w("document.rebrief.title"))
    out.append(
        page.p(
            w(
                "document.rebrief.earlier",
                briefing=page.code(rebrief.earlier_id),
                when=signed,
                version=page.code(rebrief.earlier_version),
                current=page.code(form.version),
            )
        )
    )
    for key, line in CHANGES:
        ids = getattr(rebrief, key)
        if ids:
            titles = [w("pdf.quoted", title=form.title_of(sid)) for sid in ids]
            out.append(page.p(w(line, screens=format_list(titles, locale=w.locale))))
    return out
