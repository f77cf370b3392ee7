"""Preparing a briefing from the coordinator's desk for a chosen kiosk (no Qt): the same fields and
rules as staff mode at the kiosk (kiosk.services.staff), the briefing addressed to that kiosk, which
offers it to the next patient who touches Start there."""

from __future__ import annotations

import dataclasses
import logging
from datetime import date

from sqlalchemy.exc import SQLAlchemyError

from kiosk.content.offered import offered_anywhere, offered_in
from kiosk.i18n import Msg, language_name, msg
from kiosk.records import desk as desk_records
from kiosk.services.console import ConsoleDesk
from kiosk.services.same_patient import check_patient
from kiosk.services.signing_plan import Plan, plan_problem
from kiosk.services.staff import (
    NAME_MAX,
    Language,
    Procedure,
    StaffError,
    name_problem_for_staff,
    named,
    procedures_of,
)
from kiosk.store.briefings import ANY_KIOSK, prepare_briefing
from kiosk.store.rules import MAX_AGE_YEARS, MRN_MAX, InputError, clean_mrn

__all__ = ["ANY_KIOSK", "MRN_MAX", "NAME_MAX", "Preparing", "Procedure"]

log = logging.getLogger(__name__)


class Preparing:
    """What the desk's Prepare view asks: where, for which procedure, and the patient's details."""

    def __init__(self, desk: ConsoleDesk) -> None:
        self.desk = desk

    def kiosks(self) -> list[str]:
        def work() -> list[str]:
            with self.desk.store.reading() as session:
                return desk_records.known_kiosks(session)

        return self.desk.guarded("kiosks", work)

    @property
    def witness_required(self) -> bool:
        """Whether a witness signs unless staff say otherwise (the `witness_required` setting)."""
        return bool(self.desk.config["witness_required"])

    def languages(self, form_id: str) -> list[Language]:
        """The languages a briefing on this procedure can be prepared in, as the kiosks offer
        them, the clinic's main language first (none: no such procedure)."""
        form = self.desk.forms.get(form_id)
        if form is None:
            return []
        there = offered_in(
            form, self.desk.translations.get(form_id, {}), self.desk.config.languages
        )
        return named(there)

    @property
    def main_language(self) -> str:
        """The clinic's main language: a briefing in another one is offered an interpreter."""
        desk = self.desk
        return offered_anywhere(desk.forms, desk.translations, desk.config.languages)[0]

    def procedures(self) -> list[Procedure]:
        return procedures_of(self.desk.forms, self.desk.translations, self.main_language)

    def name_problem(self, text: str) -> Msg | None:
        """Why the name cannot go on a briefing (as staff mode says it); None if it can."""
        return name_problem_for_staff(text)

    def birth_problem(self, dob: date | None) -> Msg | None:
        today = self.desk.now().astimezone().date()
        if dob is None:  # (the console has two date fields: this one is named)
            return msg("console.prepare.born-incomplete", hint=msg("console.prepare.date-hint"))
        if dob > today:
            return msg("console.prepare.born-later")
        if (today.year - dob.year) - (
            (today.month, today.day) < (dob.month, dob.day)
        ) > MAX_AGE_YEARS:
            return msg("staff.date-too-old", count=MAX_AGE_YEARS)
        return None

    def problem(
        self, kiosk_id: str, form_id: str | None, name: str, dob: date | None, mrn: str,
        language: str | None = None,
    ) -> Msg | None:  # fmt: skip
        """The first thing to fix before the briefing can be prepared; None when it can be."""
        if not kiosk_id:
            return msg("console.prepare.no-kiosk")
        if form_id is None or form_id not in self.desk.forms:
            return msg("staff.prepare.no-procedure")
        offered = self.languages(form_id) if language is not None else []
        if language is not None and language not in (x.code for x in offered):
            title = self.desk.forms[form_id].title
            names = ", ".join(x.name for x in offered)
            return msg(
                "staff.prepare.language-not-offered",
                language=language_name(language), title=title, offered=names,
            )  # fmt: skip
        found = self.name_problem(name) or self.birth_problem(dob)
        if found is None:
            try:
                clean_mrn(mrn)
            except InputError:
                return msg("staff.prepare.mrn-refused", count=MRN_MAX)
        return found

    def prepare(
        self, staff: str, kiosk_id: str, form_id: str, name: str, dob: date, mrn: str,
        practitioner: str = "", planned_date: date | None = None, plan: Plan | None = None,
        language: str | None = None,
    ) -> str:  # fmt: skip
        """Store a briefing prepared for `kiosk_id` (ANY_KIOSK: the next free kiosk, whichever a
        patient touches Start on first), with who will perform it and when if given; its id.
        StaffError (nothing half-stored) if it cannot be, or if the planned date has passed.
        Audited as briefing_prepared under `staff`, at that kiosk (for any kiosk: at this desk)."""
        self.desk.acting(staff)
        problem = self.problem(kiosk_id, form_id, name, dob, mrn, language)
        if problem is None and practitioner.strip():
            problem = self.name_problem(practitioner)
        if problem is None and planned_date is not None and planned_date < self.desk.now().date():
            problem = msg("staff.prepare.planned-date-past")
        if problem is None and plan is not None:
            problem = plan_problem(plan, self.desk.now())
        if problem is not None:
            raise StaffError(problem)
        check_patient(self.desk.store, name, dob, clean_mrn(mrn), self.desk.now())
        anywhere = kiosk_id == ANY_KIOSK
        there = (
            self.desk.store if anywhere else dataclasses.replace(self.desk.store, kiosk_id=kiosk_id)
        )
        try:
            briefing_id = prepare_briefing(
                there, self.desk.forms[form_id], name=name, date_of_birth=dob,
                mrn=clean_mrn(mrn), staff=staff, now=self.desk.now(), language=language,
                kiosk_id=ANY_KIOSK if anywhere else None,
                practitioner=practitioner.strip() or None, planned_date=planned_date,
                plan=plan,
            )  # fmt: skip
        except InputError:
            raise StaffError(msg("staff.prepare.check-details")) from None
        except (SQLAlchemyError, OSError) as exc:
            # The exception's text can carry SQL parameters (the name): log its kind only.
            log.error("a briefing could not be prepared at the console: %s", type(exc).__name__)
            raise StaffError(msg("staff.prepare.save-failed")) from None
        log.info("briefing %s: prepared at the console for kiosk %s", briefing_id, kiosk_id)
        return briefing_id
