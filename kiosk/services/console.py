"""The coordinator's desk (`kiosk console`) without a screen: the store the kiosks share, staff
sign-in, the list across kiosks, a briefing's events, and the flagged questions. Every read is a
short read-only transaction (a kiosk's tap never waits for the console); every action is audited
under the signed-in staff member's name. Failures are a `StaffError` naming a message.

Opening the store never migrates it nor touches a kiosk's briefings: that is each kiosk's own
start (`kiosk init`, `kiosk`), not a desk's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from kiosk.config import Config
from kiosk.content import load_catalog
from kiosk.content.schema import Form
from kiosk.i18n import msg
from kiosk.records import desk, flags, followup, timeline, withdrawal
from kiosk.records.cosigned import Cosigned, cosigned
from kiosk.records.desk import Cursor, DeskFilters
from kiosk.records.flags import Flag, Which
from kiosk.records.query import WITHDRAWN, RecordRow, risk_totals
from kiosk.records.timeline import Event
from kiosk.services.staff import SignIn, StaffError, StaleError, ensure_active
from kiosk.session.clock import Clock
from kiosk.store import audit
from kiosk.store.database import SCHEMA_HEAD, Store, StoreError, current_revision, open_store
from kiosk.store.models import BriefingStatus
from kiosk.store.staff import LoginOutcome, check_pin, is_disabled, list_staff

if TYPE_CHECKING:
    from kiosk.services.desk_rebriefs import DeskRebriefs

__all__ = [
    "WITHDRAWN",
    "WITHDRAW_REASONS",
    "BriefingStatus",
    "ConsoleDesk",
    "Cosigned",
    "Cursor",
    "DeskFilters",
    "Event",
    "Flag",
    "Listed",
    "RecordRow",
    "SignIn",
    "StaffError",
    "StaleError",
    "Which",
]

WITHDRAW_REASONS = withdrawal.REASONS

log = logging.getLogger(__name__)

STORE_FAILED = "console.store-failed"
T = TypeVar("T")
Fingerprint = tuple[tuple[str, int, int, int], ...]
"""Every file under the forms folders: its path, when it was written and changed, its size (a copy
that keeps its source's time still changes its ctime)."""


def forms_fingerprint(folders: list[Path]) -> Fingerprint:
    """What the forms folders hold now, without reading a file: it moves when a form changes."""
    try:
        found = [(str(p), *_written(p)) for f in folders if f.is_dir() for p in f.rglob("*")]
    except OSError:  # a file removed as it was listed: differs from any, so read again next time
        return ()
    return tuple(sorted(found))


def _written(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size


@dataclass(frozen=True)
class Listed:
    """A page of the list: its rows, where the next page starts (None: no more), and for a first
    page how many briefings the filters select in all."""

    rows: list[RecordRow]
    next: Cursor | None
    total: int | None


@dataclass(frozen=True)
class Choices:
    """What the filters offer: the kiosks and procedures that have briefings in the store."""

    kiosks: list[str]
    forms: list[str]


PERIODS = ("today", "week", "month", "quarter", "all", "between")
"""The date ranges the list offers: today, the last 7, 30 or 90 days, every date, or between two."""
_PERIOD_DAYS = {"today": 0, "week": 6, "month": 29, "quarter": 89}


def local_midnight(day: date) -> datetime:
    """The start of `day` in this computer's zone (aware)."""
    return datetime(day.year, day.month, day.day).astimezone()


def period_bounds(
    period: str, today: date, first: date, last: date
) -> tuple[datetime | None, datetime | None]:
    """(since, until) for a period of PERIODS; `first` and `last` (both included, in either
    order) for "between"; (None, None) for every date."""
    if period == "all":
        return None, None
    if period == "between":
        first, last = min(first, last), max(first, last)
        return local_midnight(first), local_midnight(last + timedelta(days=1))
    start = today - timedelta(days=_PERIOD_DAYS[period])
    return local_midnight(start), None


class ConsoleDesk:
    """One console's services over the shared store."""

    def __init__(
        self,
        config: Config,
        store: Store,
        forms: dict[str, Form],
        clock: Clock,
        translations: Mapping[str, Mapping[str, Form]] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.forms = forms
        self.clock = clock
        self.translations = {k: dict(v) for k, v in (translations or {}).items()}
        """Each procedure's translations that check clean, by procedure id and language."""
        self._totals = risk_totals(forms.values())
        self._forms_seen: Fingerprint | None = None
        """The forms folders as they were when the forms were read (None: not read from them)."""

    @classmethod
    def open(cls, config: Config, clock: Clock) -> ConsoleDesk:
        """Open the store the kiosks use, as it is; StaffError (one sentence) if it cannot be used."""
        try:
            store = open_store(config.database_url, config.kiosk_id, create=False)
        except StoreError as exc:
            raise StaffError(msg("console.store-unusable", reason=str(exc))) from None
        try:
            revision = current_revision(store.engine)
        except (SQLAlchemyError, StoreError) as exc:
            store.close()
            raise StaffError(msg("console.store-unusable", reason=type(exc).__name__)) from None
        if revision != SCHEMA_HEAD:
            store.close()
            raise StaffError(msg("console.store-other-version", found=revision or "-"))
        seen = forms_fingerprint(config.forms_dirs)
        catalog = load_catalog(config.forms_dirs)
        desk = cls(config, store, dict(catalog.forms), clock, catalog.translations)
        desk._forms_seen = seen
        return desk

    def follow_forms(self) -> bool:
        """Read the procedures again (on the worker thread) when a file in the forms folders changed
        since they were read: a forms update needs no restart. True when they were. Forms that do
        not load cleanly (a file half saved) leave them as they were until the files change again."""
        if self._forms_seen is None:
            return False  # given its forms, not read from the folders (tests)
        seen = forms_fingerprint(self.config.forms_dirs)
        if seen == self._forms_seen:
            return False
        self._forms_seen = seen
        try:
            catalog = load_catalog(self.config.forms_dirs)
        except OSError as exc:
            log.error("the forms could not be read again: %s", type(exc).__name__)
            return False
        if catalog.problems:
            log.warning("the forms changed but do not load cleanly: the desk keeps the earlier")
            return False
        # Each replaced whole: a read or an action sees the procedures before or after, not half.
        self.translations = {k: dict(v) for k, v in catalog.translations.items()}
        self._totals = risk_totals(catalog.forms.values())
        self.forms = dict(catalog.forms)
        log.info("the forms changed: the desk read %d procedures again", len(self.forms))
        return True

    def close(self) -> None:
        self.store.close()

    @property
    def idle_seconds(self) -> int:
        """How long the console stays signed in without a touch of mouse or keyboard: the kiosk's
        own idle time (its warning and its end added up)."""
        return int(self.config["idle_warning_seconds"]) + int(self.config["idle_end_seconds"])

    def now(self) -> datetime:
        return self.clock.now()

    @property
    def rebriefs(self) -> DeskRebriefs:
        """Patients briefed on an older version (of the procedures as the desk has them now), and a
        re-briefing prepared for the next free kiosk (whichever a patient touches Start on first)."""
        from kiosk.services.desk_rebriefs import DeskRebriefs

        return DeskRebriefs(self)

    # -- staff -------------------------------------------------------------------------------

    def names(self) -> list[str]:
        return self._read(
            "staff",
            lambda: sorted((s.name for s in list_staff(self.store) if s.active), key=str.casefold),
        )

    def sign_in(self, name: str, pin: str) -> SignIn:
        """Check a staff member's PIN (audited, with the kiosks' lockout)."""
        result = self._read("sign-in", lambda: check_pin(self.store, name, pin, self.now()))
        if result.ok:
            self.action(result.name or name, "console_signed_in")
            return SignIn(result.name)
        if result.outcome is LoginOutcome.LOCKED:
            return SignIn(None, max(1, -(-result.locked_seconds // 60)))
        return SignIn(None)

    def disabled(self, staff: str) -> bool:
        """Whether `staff`'s account was disabled (since they signed in)."""
        return self._read("staff", lambda: is_disabled(self.store, staff))

    def acting(self, staff: str) -> None:
        """Before anything done or shown under `staff`'s name: SignedOut if their account was
        disabled since they signed in."""
        self._read("staff", lambda: ensure_active(self.store, staff))

    def action(
        self,
        staff: str,
        action: str,
        detail: dict[str, Any] | None = None,
        briefing_id: str | None = None,
    ) -> None:
        """Record something a signed-in staff member did at the console, under their name."""
        subject = (
            followup.briefing_subject(briefing_id)
            if briefing_id
            else f"console:{self.store.kiosk_id}"
        )
        self._read(
            action,
            lambda: audit.record(
                self.store,
                at=self.now(),
                actor=staff,
                action=action,
                subject=subject,
                detail=detail or {},
            ),
        )

    # -- the list ----------------------------------------------------------------------------

    def choices(self) -> Choices:
        def work() -> Choices:
            with self.store.reading() as session:
                return Choices(desk.kiosks(session), desk.form_ids(session))

        return self._read("choices", work)

    def listing(
        self, filters: DeskFilters, after: Cursor | None = None, limit: int | None = None
    ) -> Listed:
        """A page of briefings (at least a page, `limit` rows when more: a list read again keeps
        what it showed); the first page (`after` None) also counts them all."""

        def work() -> Listed:
            with self.store.reading() as session:
                patients = None
                if filters.search.strip():
                    try:
                        patients = desk.matching_patients(session, filters.search)
                    except desk.TooBroad:
                        raise StaffError(msg("console.list.too-broad")) from None
                found = desk.page(
                    session, filters, self._totals, after, max(limit or 0, desk.PAGE), patients
                )
                total = desk.count(session, filters, patients) if after is None else None
            return Listed(found.rows, found.next, total)

        return self._read("list", work)

    def change_token(self) -> int:
        """Moves whenever anything is recorded anywhere (cheap: poll it)."""

        def work() -> int:
            with self.store.reading() as session:
                return desk.change_token(session)

        return self._read("poll", work)

    # -- one briefing ------------------------------------------------------------------------

    def briefing(self, staff: str, briefing_id: str) -> tuple[RecordRow, list[Event]]:
        """A briefing's row and its events, oldest first; the look is audited."""

        def work() -> tuple[RecordRow, list[Event]]:
            self.acting(staff)
            row = followup.record_of(self.store, self.forms, briefing_id)
            with self.store.reading() as session:
                events = timeline.timeline(session, briefing_id, self.forms)
            return row, events

        found = self._read("briefing", work)
        self.action(staff, "console_briefing_viewed", briefing_id=briefing_id)
        return found

    def cosigned(self, briefing_id: str) -> Cosigned:
        """Who signs beside the briefing's patient, planned and signed; its practitioner and date."""
        return self._read("cosigned", lambda: cosigned(self.store, briefing_id))

    # -- questions ---------------------------------------------------------------------------

    def flags(self, which: Which) -> list[Flag]:
        def work() -> list[Flag]:
            with self.store.reading() as session:
                return flags.flags(session, self.forms, which)

        return self._read("questions", work)

    def answer(self, staff: str, flag_id: int, note: str) -> None:
        self.acting(staff)
        self._read(
            "answer",
            lambda: followup.answer_question(
                self.store, flag_id, staff=staff, note=note, now=self.now()
            ),
        )
        log.info("flag %s: answered at the console", flag_id)

    def tell_surgeon(self, staff: str, flag_id: int) -> None:
        self.acting(staff)
        self._read(
            "surgeon told",
            lambda: flags.tell_surgeon(self.store, flag_id, staff=staff, now=self.now()),
        )
        log.info("flag %s: surgeon told, marked at the console", flag_id)

    # -- withdrawing a prepared briefing ------------------------------------------------------

    def withdraw(self, staff: str, briefing_id: str, reason: str) -> None:
        """Withdraw a briefing still waiting for its patient (reason: of WITHDRAW_REASONS); audited
        under `staff`. StaleError if a patient started it meanwhile."""
        self.acting(staff)
        self._read(
            "withdraw",
            lambda: withdrawal.withdraw(
                self.store, briefing_id, staff=staff, reason=reason, now=self.now()
            ),
        )
        log.info("briefing %s: withdrawn at the console", briefing_id)

    def guarded(self, what: str, work: Callable[[], T]) -> T:
        """Run a read or write on the store; StaffError (a message) if it fails."""
        return self._read(what, work)

    def _read(self, what: str, work: Callable[[], T]) -> T:
        try:
            return work()
        except followup.StaleError as exc:
            raise StaleError(exc.text) from None
        except followup.FollowUpError as exc:
            raise StaffError(exc.text) from None
        except (SQLAlchemyError, OSError) as exc:
            # The exception's text can carry SQL parameters (a name): log its kind only.
            log.error("console %s failed: %s", what, type(exc).__name__)
            raise StaffError(msg(STORE_FAILED)) from None
