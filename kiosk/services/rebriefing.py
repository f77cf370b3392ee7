"""Re-briefing for staff, at the kiosk (staff mode) and at the coordinator's desk: the patients
briefed on an older version of a procedure whose procedure is still ahead, and a re-briefing
prepared for one of them (audited as briefing_prepared, naming the earlier briefing)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from kiosk.content.schema import Form
from kiosk.i18n import msg
from kiosk.services.staff import StaffError, StaleError, ensure_active
from kiosk.store.database import Store
from kiosk.store.rebriefings import Outdated, RebriefError, outdated, prepare_rebriefing

__all__ = ["Outdated", "Rebriefs"]

log = logging.getLogger(__name__)

GONE = "staff.rebrief.gone"


class Rebriefs:
    """Who to brief again, and a re-briefing prepared; failures are a StaffError naming a message."""

    def __init__(
        self,
        store: Store,
        forms: Mapping[str, Form],
        now: Callable[[], datetime],
        within_days: int,
        failed: str,
        kiosk_id: str | None = None,
    ) -> None:
        self.store = store
        self.forms = forms
        self.now = now
        self.within_days = within_days
        self.failed = failed
        """The message id said when the store cannot be read or written."""
        self.kiosk_id = kiosk_id
        """Where a re-briefing waits: None for this store's kiosk, else that kiosk (or any)."""

    def outdated(self) -> list[Outdated]:
        """Read on the worker thread: the patients to brief again, soonest planned date first."""
        try:
            return outdated(self.store, self.forms, self.now(), self.within_days)
        except (SQLAlchemyError, OSError) as exc:
            log.error("the re-briefing list could not be read: %s", type(exc).__name__)
            raise StaffError(msg(self.failed)) from None

    def prepare(self, staff: str, row: Outdated, language: str | None = None) -> str:
        """Prepare a re-briefing for the patient of `row` on the procedure's current version (in
        `language`; None: as the store chooses); its id. StaleError if that briefing is no
        longer one to brief again (briefed again meanwhile)."""
        form = self.forms.get(row.form_id)
        if form is None:
            raise StaleError(msg(GONE))
        try:
            ensure_active(self.store, staff)
            briefing_id = prepare_rebriefing(
                self.store, row.briefing_id, form, staff=staff, now=self.now(),
                language=language, kiosk_id=self.kiosk_id,
            )  # fmt: skip
        except RebriefError:
            raise StaleError(msg(GONE)) from None
        except (SQLAlchemyError, OSError) as exc:
            log.error("a re-briefing could not be prepared: %s", type(exc).__name__)
            raise StaffError(msg("staff.prepare.save-failed")) from None
        log.info("briefing %s: a re-briefing of %s prepared", briefing_id, row.briefing_id)
        return briefing_id
