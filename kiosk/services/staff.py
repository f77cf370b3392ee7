"""Staff at the kiosk, without a screen: sign-in, preparing a briefing, the follow-up list, questions
and PDFs. Rows are plain dataclasses; every failure is a `StaffError` naming a message (or, for the
follow-up rules, their own sentence), so the screens never see the store or SQLAlchemy.

Reads are safe on the worker thread (each opens its own session); the screens run them there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from kiosk.content.schema import Form
from kiosk.document.make import DocumentError, Made
from kiosk.document.printable import Unprintable, unprintable
from kiosk.i18n import Msg, language_name, msg
from kiosk.records import followup, withdrawal
from kiosk.records.cosigned import Cosigned, cosigned
from kiosk.records.followup import NOTE_MAX, SEARCH_LIMIT, OpenQuestion
from kiosk.records.listened import Heard, listened
from kiosk.records.query import RecordRow
from kiosk.services.errors import SignedOut, StaffError, StaleError
from kiosk.services.same_patient import check_patient
from kiosk.session.cosign import Plan
from kiosk.station import PREPARED_WINDOW, Station
from kiosk.store.briefings import ANY_KIOSK, prepare_briefing
from kiosk.store.database import Store
from kiosk.store.models import NAME_MAX
from kiosk.store.rules import MRN_MAX, InputError, clean_mrn, clean_name
from kiosk.store.staff import LoginOutcome, is_disabled

if TYPE_CHECKING:
    from kiosk.services.rebriefing import Rebriefs

__all__ = [
    "ANY_KIOSK",
    "NAME_MAX",
    "NOTE_MAX",
    "PREPARED_WINDOW",
    "SEARCH_LIMIT",
    "WITHDRAW_REASONS",
    "Cosigned",
    "FoundBriefings",
    "Heard",
    "Language",
    "OpenQuestion",
    "Procedure",
    "RecordRow",
    "SignIn",
    "SignedOut",
    "StaffDesk",
    "StaffError",
    "StaleError",
]

WITHDRAW_REASONS = withdrawal.REASONS
"""Why staff withdraw a prepared briefing: made for the wrong patient, or no longer wanted."""

log = logging.getLogger(__name__)

STORE_FAILED = "staff.store-failed"
T = TypeVar("T")


@dataclass(frozen=True)
class SignIn:
    """How a sign-in went: the staff member's name once accepted; else how long the account is
    locked for (0 when the name and PIN just do not match)."""

    name: str | None
    locked_minutes: int = 0

    @property
    def ok(self) -> bool:
        return self.name is not None


@dataclass(frozen=True)
class Procedure:
    """A procedure staff can prepare a briefing for."""

    form_id: str
    title: str
    full_name: str


@dataclass(frozen=True)
class Language:
    """A language a procedure is offered in at this kiosk: its code and its own name ("Español")."""

    code: str
    name: str


@dataclass(frozen=True)
class FoundBriefings:
    """What the staff list shows: the rows, and for a search what was searched."""

    rows: list[RecordRow]
    search: str
    now: datetime
    here: str
    """This kiosk's id: a row from another kiosk says which."""


def procedures_of(
    forms: Mapping[str, Form],
    translations: Mapping[str, Mapping[str, Form]] | None = None,
    language: str | None = None,
) -> list[Procedure]:
    """The procedures staff may prepare a briefing on, by title: in staff's `language` where the
    procedure has a translation in it (Spanish staff read "The mild procedure, en Español")."""

    def shown(form: Form) -> Form:
        return (translations or {}).get(form.id, {}).get(language or form.language, form)

    return sorted(
        (Procedure(i, shown(f).title, shown(f).full_name) for i, f in forms.items()),
        key=lambda p: p.title.casefold(),
    )


def named(codes: Iterable[str]) -> list[Language]:
    """Languages by code, each with its own name ("Español"), in the order given."""
    return [Language(code, language_name(code)) for code in codes]


def name_problem_for_staff(text: str) -> Msg | None:
    """Why a name staff typed cannot go on a briefing, in words for staff; None if it can."""
    if not text.strip():
        return msg("staff.prepare.name-empty")
    try:
        cleaned = clean_name(text)
    except InputError:
        return msg("staff.prepare.name-unusable")
    if len(cleaned) < 2:
        return msg("staff.prepare.name-empty")
    why = unprintable(cleaned)
    if why is None:
        return None
    return msg("staff.prepare.emoji" if why is Unprintable.EMOJI else "staff.prepare.unprintable")


def ensure_active(store: Store, staff: str) -> None:
    """Before anything done or shown under `staff`'s name: SignedOut if their account was disabled
    since they signed in (`kiosk staff disable` while they were at the desk or in staff mode)."""
    if is_disabled(store, staff):
        raise SignedOut()


class StaffDesk:
    """One kiosk's staff services, over its Station."""

    def __init__(self, station: Station) -> None:
        self.station = station

    @property
    def kiosk_id(self) -> str:
        return self.station.store.kiosk_id

    def now(self) -> datetime:
        return self.station.clock.now()

    def today(self) -> date:
        return self.station.clock.now().astimezone().date()

    # -- sign-in -----------------------------------------------------------------------

    def names(self) -> list[str]:
        """StaffError when the records cannot be read."""
        return self._read("staff names", self.station.staff_names)

    def sign_in(self, name: str, pin: str) -> SignIn:
        """StaffError when the records cannot be read (the PIN field had just cleared)."""
        result = self._read("sign-in", lambda: self.station.staff_login(name, pin))
        if result.ok:
            return SignIn(result.name)
        if result.outcome is LoginOutcome.LOCKED:
            return SignIn(None, max(1, -(-result.locked_seconds // 60)))
        return SignIn(None)

    def action(self, staff: str, action: str) -> None:
        """StaffError when it cannot be recorded."""
        self._read(action, lambda: self.station.staff_action(staff, action))

    # -- preparing a briefing -----------------------------------------------------------

    def procedures(self) -> list[Procedure]:
        station = self.station
        return procedures_of(station.forms, station.translations, station.staff_language)

    def name_problem(self, text: str) -> Msg | None:
        """Why the name cannot go on a briefing, in words for staff; None if it can."""
        return name_problem_for_staff(text)

    def clean_mrn(self, text: str) -> str | None:
        """The MRN as stored (None when empty); StaffError if the store cannot take it."""
        try:
            return clean_mrn(text)
        except InputError:
            raise StaffError(msg("staff.prepare.mrn-refused", count=MRN_MAX)) from None

    @property
    def witness_required(self) -> bool:
        """Whether a witness signs unless staff say otherwise (the `witness_required` setting)."""
        return self.station.witness_required

    @property
    def main_language(self) -> str:
        """The clinic's main language: a briefing in another one is offered an interpreter."""
        return self.station.staff_language

    @property
    def offered_languages(self) -> tuple[str, ...]:
        """Every language patients may be briefed in here: the staff keys offer their letters."""
        return self.station.offered_languages()

    def languages(self, form_id: str) -> list[Language]:
        """The languages a briefing on this procedure can be prepared in here, the kiosk's main
        language first (what Welcome would offer the patient)."""
        return named(self.station.languages_of(self.station.forms[form_id]))

    def prepare(
        self,
        staff: str,
        form_id: str,
        name: str,
        dob: date,
        mrn: str | None,
        language: str | None = None,
        practitioner: str = "",
        planned_date: date | None = None,
        plan: Plan | None = None,
    ) -> str:
        """Store a prepared briefing, in `language` (default: the kiosk's main language for this
        procedure), with who will perform it and when if given; its id. StaffError (nothing
        half-stored) if it cannot be, if the procedure is not offered in that language here, or
        if the planned date has passed."""
        form = self.station.forms[form_id]
        offered = self.station.languages_of(form)
        language = language or next(iter(offered))
        if language not in offered:
            raise StaffError(
                msg(
                    "staff.prepare.language-not-offered",
                    language=language_name(language),
                    title=form.title,
                    offered=", ".join(language_name(code) for code in offered),
                )
            )
        problem = self.name_problem(name)
        if practitioner.strip() and problem is None:
            problem = self.name_problem(practitioner)
        if planned_date is not None and planned_date < self.now().date():
            problem = problem or msg("staff.prepare.planned-date-past")
        if plan is not None and problem is None:
            from kiosk.services.signing_plan import plan_problem

            problem = plan_problem(plan, self.now())
        if problem is not None:
            raise StaffError(problem)
        self._as(staff, "staff", lambda: None)
        check_patient(self.station.store, name, dob, mrn, self.now())
        try:
            briefing_id = prepare_briefing(
                self.station.store, form, name=name, date_of_birth=dob,
                mrn=mrn, staff=staff, now=self.now(), language=language,
                practitioner=practitioner.strip() or None, planned_date=planned_date,
                plan=plan,
            )  # fmt: skip
        except InputError:
            raise StaffError(msg("staff.prepare.check-details")) from None
        except (SQLAlchemyError, OSError) as exc:
            # The exception's text can carry SQL parameters (the name): log its kind only.
            log.error("a briefing could not be prepared: %s", type(exc).__name__)
            raise StaffError(msg("staff.prepare.save-failed")) from None
        log.info("briefing %s: prepared at the kiosk", briefing_id)
        return briefing_id

    # -- follow-up (reads run on the worker thread) --------------------------------------

    def briefings(self, search: str = "") -> FoundBriefings:
        """Today's briefings and the prepared ones still waiting; or the last 90 days' matching `search`."""
        rows = self._read("staff list", lambda: self.station.briefings_for_staff(search))
        return FoundBriefings(rows, search, self.now(), self.kiosk_id)

    def briefing(self, briefing_id: str) -> RecordRow:
        return self._read("briefing", lambda: self.station.briefing_row(briefing_id))

    def listened(self, briefing_id: str) -> list[Heard]:
        """What the briefing's patient listened to, in order."""
        station = self.station
        return self._read("listened", lambda: listened(station.store, station.forms, briefing_id))

    def cosigned(self, briefing_id: str) -> Cosigned:
        """Who signs beside the briefing's patient, planned and signed; its practitioner and date."""
        store = self.station.store
        return self._read("cosigned", lambda: cosigned(store, briefing_id))

    def open_questions(self) -> list[OpenQuestion]:
        return self._read("open questions", self.station.open_questions)

    def answer(self, staff: str, flag_id: int, note: str) -> None:
        self._as(staff, "answer", lambda: self.station.answer_question(staff, flag_id, note))
        log.info("flag %s: answered", flag_id)

    def print_pdf(self, staff: str, briefing_id: str) -> None:
        """The signed briefing's PDF on the `printer` setting, audited under `staff`."""
        station, config = self.station, self.station.config

        def print_it() -> None:
            row = station.briefing_row(briefing_id)
            followup.print_pdf(
                station.store, row, str(config["printer"]), staff=staff, now=station.clock.now(),
                documents=config.documents_dir,
            )  # fmt: skip

        self._as(staff, "print", print_it)

    def copy_pdf(self, staff: str, briefing_id: str) -> Path:
        """A copy of the signed briefing's PDF in the copies folder, audited under `staff`."""
        station, config = self.station, self.station.config

        def copy_it() -> Path:
            row = station.briefing_row(briefing_id)
            return followup.copy_pdf(
                station.store, row, config.copies_dir, staff=staff, now=station.clock.now(),
                create=not config["copies_dir"],  # the default folder, in the data folder
                documents=config.documents_dir,
            )  # fmt: skip

        return self._as(staff, "copy", copy_it)

    def make_pdf(self, staff: str, briefing_id: str) -> Made:
        return self._as(staff, "make", lambda: self.station.make_pending_pdf(staff, briefing_id))

    @property
    def rebriefs(self) -> Rebriefs:
        """Patients briefed on an older version, and a re-briefing prepared here for one."""
        from kiosk.services.rebriefing import Rebriefs  # it builds on this module's errors

        station = self.station
        days = int(station.config["rebrief_within_days"])
        return Rebriefs(station.store, station.forms, self.now, days, STORE_FAILED)

    def withdraw(self, staff: str, briefing_id: str, reason: str) -> None:
        """Withdraw a briefing still waiting for its patient: no kiosk offers it any more; audited
        under `staff` with the reason (of WITHDRAW_REASONS)."""
        self._as(
            staff,
            "withdraw",
            lambda: withdrawal.withdraw(
                self.station.store, briefing_id, staff=staff, reason=reason, now=self.now()
            ),
        )
        log.info("briefing %s: withdrawn at the kiosk", briefing_id)

    def _as(self, staff: str, what: str, work: Callable[[], T]) -> T:
        """`work` done under `staff`'s name (`_read`), once their account is known not to have been
        disabled since they signed in."""

        def checked() -> T:
            ensure_active(self.station.store, staff)
            return work()

        return self._read(what, checked)

    def _read(self, what: str, work: Callable[[], T]) -> T:
        try:
            return work()
        except followup.StaleError as exc:
            raise StaleError(exc.text) from None
        except (followup.FollowUpError, DocumentError) as exc:
            raise StaffError(exc.text) from None
        except (SQLAlchemyError, OSError) as exc:
            log.error("staff %s failed: %s", what, type(exc).__name__)
            raise StaffError(msg(STORE_FAILED)) from None
