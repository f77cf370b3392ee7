"""What a briefing's patient listened to, for staff: one line per Listen, the screen named as the
patient saw it (no Qt)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from kiosk.content.schema import Form
from kiosk.store.database import Store
from kiosk.store.listenings import listening_rows
from kiosk.store.models import BriefingRow


@dataclass(frozen=True)
class Heard:
    """One Listen: on which screen (`title`: a reading screen's or question's words, None for the
    kiosk's own screens, named by `screen_id`), when, and how far."""

    screen_id: str
    title: str | None
    started_at: datetime
    completed: bool
    heard: int
    sentences: int
    automatic: bool
    voice: str


def listened(store: Store, forms: Mapping[str, Form], briefing_id: str) -> list[Heard]:
    """The briefing's listenings in the order heard (empty: none, or no such briefing)."""
    with store.reading() as session:
        form_id = session.execute(
            select(BriefingRow.form_id).where(BriefingRow.id == briefing_id)
        ).scalar()
        rows = listening_rows(session, briefing_id)
        form = forms.get(form_id or "")
        return [
            Heard(
                r.screen_id,
                _title(form, r.screen_id),
                r.started_at,
                r.completed,
                r.heard,
                r.sentences,
                r.automatic,
                r.voice,
            )
            for r in rows
        ]


def _title(form: Form | None, screen_id: str) -> str | None:
    if form is None:
        return None
    title = form.title_of(screen_id)
    return None if title == screen_id else title
