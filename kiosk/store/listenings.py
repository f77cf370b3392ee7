"""A briefing's listening rows (what the patient listened to), read once for the PDF and staff."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import ListeningRow


def listening_rows(session: Session, briefing_id: str) -> Sequence[ListeningRow]:
    """The briefing's listenings in the order heard."""
    return (
        session.execute(
            select(ListeningRow)
            .where(ListeningRow.briefing_id == briefing_id)
            .order_by(ListeningRow.number)
        )
        .scalars()
        .all()
    )
