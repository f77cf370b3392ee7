"""Who signs beside the patient, as staff give it when preparing (at the kiosk or the console):
checked in one sentence per field for staff, before anything is stored (no Qt)."""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from kiosk.i18n import Msg, msg
from kiosk.services.staff import STORE_FAILED, name_problem_for_staff
from kiosk.session.cosign import Interpreter, Plan, Representative, check_plan, represent
from kiosk.session.signers import InterpreterMode, SignerError
from kiosk.store import planned
from kiosk.store.failures import RecordError
from kiosk.store.rules import InputError

if TYPE_CHECKING:
    from kiosk.session.flow import Briefing
    from kiosk.station import Station

log = logging.getLogger(__name__)

__all__ = ["Interpreter", "InterpreterMode", "Plan", "Representative", "plan_problem"]

MISSING = {
    ("representative", "name"): "staff.prepare.rep-name",
    ("representative", "role"): "staff.prepare.rep-relationship",
    ("representative", "reason"): "staff.prepare.rep-reason",
    ("interpreter", "name"): "staff.prepare.interp-name",
    ("interpreter", "interpreter_id"): "staff.prepare.interp-id",
    ("interpreter", "language"): "staff.prepare.interp-language",
    ("interpreter", "mode"): "staff.prepare.interp-mode",
}
"""What staff are told for each missing field of a signer."""


def plan_problem(plan: Plan, now: datetime) -> Msg | None:
    """The first thing to fix in what staff said about who signs; None when it can be stored."""
    for kind, who in (("representative", plan.representative), ("interpreter", plan.interpreter)):
        if who is None:
            continue
        if not who.name.strip():
            return msg(MISSING[(kind, "name")])
        try:
            check_plan(Plan(**{kind: who}), now)  # type: ignore[arg-type]
        except SignerError as exc:
            return msg(MISSING[(kind, exc.field)])
        problem = name_problem_for_staff(who.name)
        if problem is not None:
            return problem
    return None


def name_representative(
    station: Station, b: Briefing, rep: Representative, staff: str
) -> Msg | None:
    """Staff name a representative for the briefing under way, at the kiosk: None once stored and
    the briefing addressed to them (they sign for the patient); else what to tell staff."""
    now = station.clock.now()
    problem = plan_problem(Plan(representative=rep), now)
    if problem is not None:
        return problem
    try:
        planned.name_representative(station.store, b.briefing_id, rep, staff=staff, at=now)
    except RecordError:
        return msg("staff.represent.ended")
    except InputError:
        return msg(MISSING[("representative", "name")])
    except (SQLAlchemyError, OSError) as exc:
        log.error(
            "briefing %s: naming a representative failed: %s", b.briefing_id, type(exc).__name__
        )
        return msg(STORE_FAILED)
    represent(b, rep, partial(station.cosigning, b.briefing_id))
    log.info("briefing %s: a representative signs for the patient", b.briefing_id)
    return None
