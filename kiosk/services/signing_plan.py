"""Who signs beside the patient, as staff give it when preparing (at the kiosk or the console):
checked in one sentence per field for staff, before anything is stored (no Qt)."""

from __future__ import annotations

from datetime import datetime

from kiosk.i18n import Msg, msg
from kiosk.services.staff import name_problem_for_staff
from kiosk.session.cosign import Interpreter, Plan, Representative, check_plan
from kiosk.session.signers import InterpreterMode, SignerError

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
