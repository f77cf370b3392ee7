"""Who signs beside the patient, as staff planned it, and the steps after the signature that record
them: the representative signs on the sign page for the patient; then an interpreter attests and a
staff member witnesses with their name and PIN, each on a screen of its own, before the PDF is made.

Plain Python, no Qt and no store: the store is reached through `Cosigners`, which the station gives.
Each signer is stored the moment they sign, and the briefing moves on only after the store took it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from kiosk.session.clock import Clock
from kiosk.session.kinds import ScreenKind, Status
from kiosk.session.signers import InterpreterMode, Signer, SignerError, SignerKind, check
from kiosk.session.state import FlowError, Screen

if TYPE_CHECKING:
    from kiosk.session.flow import Briefing

STEPS = (ScreenKind.INTERPRETER, ScreenKind.WITNESS)
"""The screens after the signature, in the order they come."""


@dataclass(frozen=True)
class Representative:
    """A legally authorized representative who reads the briefing and signs for the patient."""

    name: str
    relationship: str
    reason: str
    """Why the patient cannot sign."""


@dataclass(frozen=True)
class Interpreter:
    """An interpreter who helped (in person, by phone or by video) and attests after the signature."""

    name: str
    interpreter_id: str
    """Their ID or agency."""
    language: str
    mode: InterpreterMode


@dataclass(frozen=True)
class Plan:
    """Who staff said will sign beside (or for) the patient, when they prepared the briefing."""

    representative: Representative | None = None
    interpreter: Interpreter | None = None
    witness: bool = False

    @property
    def steps(self) -> tuple[ScreenKind, ...]:
        """The screens after the signature this plan needs."""
        wanted = {ScreenKind.INTERPRETER: self.interpreter is not None}
        wanted[ScreenKind.WITNESS] = self.witness
        return tuple(kind for kind in STEPS if wanted[kind])

    @property
    def empty(self) -> bool:
        return self.representative is None and self.interpreter is None and not self.witness

    def representative_signer(self, at: datetime, image_png: bytes | None = None) -> Signer:
        r = self.representative
        assert r is not None
        return Signer(
            SignerKind.REPRESENTATIVE, r.name, at, role=r.relationship, reason=r.reason,
            image_png=image_png,
        )  # fmt: skip

    def interpreter_signer(self, at: datetime, image_png: bytes | None = None) -> Signer:
        i = self.interpreter
        assert i is not None
        return Signer(
            SignerKind.INTERPRETER, i.name, at, interpreter_id=i.interpreter_id,
            language=i.language, mode=i.mode, image_png=image_png,
        )  # fmt: skip


def check_plan(plan: Plan, at: datetime) -> Plan:
    """The plan if each signer in it holds what their kind needs, else SignerError naming the field
    (`name`, `role`, `reason`, `interpreter_id`, `language`, `mode`)."""
    signers = []
    if plan.representative is not None:
        signers.append(plan.representative_signer(at))
    if plan.interpreter is not None:
        signers.append(plan.interpreter_signer(at))
    for signer in signers:
        if not signer.name.strip():
            raise SignerError("name", f"give the {signer.kind.value}'s name.")
        check(signer)
    return plan


@dataclass(frozen=True)
class Witnessed:
    """How a witness's name and PIN went: accepted, or how long their account is locked for (0
    when the name and PIN just do not match)."""

    ok: bool
    locked_minutes: int = 0


class Cosigners(Protocol):
    """What the steps need of the store (the station gives one per briefing)."""

    def add(self, signer: Signer) -> None:
        """Store the signer with its audit row, or raise (nothing stored)."""

    def witness(self, name: str, pin: str) -> Witnessed:
        """Check a staff member's PIN (locked out as a staff sign-in) and store them as witness."""

    def staff_names(self) -> Sequence[str]:
        """The staff who may witness, to choose from."""


class Cosigning:
    """The plan of one briefing and what has been recorded of it."""

    def __init__(self, plan: Plan, cosigners: Cosigners, clock: Clock) -> None:
        self.plan = plan
        self.cosigners = cosigners
        self._clock = clock
        self.represented = False
        """The representative's row is stored (a second tap on Sign does not store it again)."""
        self._staff: tuple[str, ...] | None = None

    def staff_names(self) -> tuple[str, ...]:
        """Who may witness, read from the store once (the witness step is drawn again on every
        change: a refused PIN, a name chosen)."""
        if self._staff is None:
            self._staff = tuple(self.cosigners.staff_names())
        return self._staff

    def path(self, screens: Sequence[Screen]) -> tuple[Screen, ...]:
        """The patient's path with this plan's steps between signing and done."""
        steps = [Screen(kind, kind.value) for kind in self.plan.steps]
        out = list(screens)
        at = next(n for n, s in enumerate(out) if s.kind is ScreenKind.DONE)
        return tuple(out[:at] + steps + out[at:])

    def before_signed(self, image_png: bytes | None) -> None:
        """The representative signs on the sign page: their row first (once), then the signature."""
        if self.plan.representative is None or self.represented:
            return
        self.cosigners.add(self.plan.representative_signer(self._clock.now(), image_png))
        self.represented = True


def _on(b: Briefing, kind: ScreenKind) -> Cosigning:
    c = b.cosign
    if c is None or b.status is not Status.COMPLETED or b.current.kind is not kind:
        raise FlowError(f"not on the {kind.value} step (on {b.current.id})")
    return c


def attest_interpreter(b: Briefing, image_png: bytes | None = None) -> None:
    """The interpreter attests (a tap; `image_png` if they drew too): stored, then the next step."""
    c = _on(b, ScreenKind.INTERPRETER)
    c.cosigners.add(c.plan.interpreter_signer(b.now(), image_png))
    b.cosigned()


def witness(b: Briefing, name: str, pin: str) -> Witnessed:
    """A staff member witnesses with their name and PIN: stored (and on to the next step) when it
    matches; else nothing is stored and the outcome says why."""
    c = _on(b, ScreenKind.WITNESS)
    outcome = c.cosigners.witness(name, pin)
    if outcome.ok:
        b.cosigned()
    return outcome


def represent(
    b: Briefing, rep: Representative, cosigning: Callable[[Plan], Cosigning | None]
) -> None:
    """Staff named a representative while the briefing is under way (the store took it): from now
    on it is addressed to them, and they sign for the patient, their row stored first as a
    planned representative's is. `cosigning(plan)` makes the steps for a briefing that had none."""
    if b.status is not Status.IN_PROGRESS:
        raise FlowError(f"briefing {b.briefing_id} is {b.status.value}, not in progress")
    if b.cosign is None:
        b.cosign = cosigning(Plan(representative=rep))
    else:
        b.cosign.plan = replace(b.cosign.plan, representative=rep)
    for screen in b.screens:  # the statement now starts with theirs: read whole again
        if screen.kind is ScreenKind.SIGN:
            b.read_whole.pop(screen.id, None)


def staff_names(b: Briefing) -> tuple[str, ...]:
    return b.cosign.staff_names() if b.cosign is not None else ()
