"""The content a briefing was given on, found by its hash: this computer's forms first, else the
version the store kept when the briefing was given (kiosk.store.versions). After a procedure was
updated, the questions, the events and the staff lists had shown screen ids ("risk-dural-tear")
where the patient had read titles ("Nerve injury")."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from kiosk.content.schema import Form
from kiosk.content.versions import SnapshotError
from kiosk.store.versions import kept_form


class Contents:
    """Forms by content hash, read from the store at most once each while `session` is open."""

    def __init__(self, session: Session, forms: Iterable[Form]) -> None:
        self._session = session
        self._found: dict[str, Form | None] = {f.content_sha256: f for f in forms}

    def __call__(self, content_sha256: str | None) -> Form | None:
        """The content under this hash; None if neither this computer nor the store has it."""
        if content_sha256 is None:
            return None
        if content_sha256 not in self._found:
            try:
                self._found[content_sha256] = kept_form(self._session, content_sha256)
            except SnapshotError:  # a damaged kept row: the ids it is, as before
                self._found[content_sha256] = None
        return self._found[content_sha256]
