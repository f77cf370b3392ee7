"""The briefing as a state machine: where the patient is, what may come next, and what must be recorded."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from kiosk.session import identity
from kiosk.session.blockers import blocker_of
from kiosk.session.clock import Clock
from kiosk.session.events import (
    Abandoned,
    AbandonReason,
    BriefingStarted,
    Event,
    EventSink,
    LanguageChanged,
    Listened,
    QuestionAnswered,
    QuestionFlagged,
    RiskAcknowledged,
    Signed,
)
from kiosk.session.idle import Inactivity
from kiosk.session.kinds import IdleState, ScreenKind, Status
from kiosk.session.signature import Signature
from kiosk.session.state import (
    IDENTITY_ATTEMPTS,
    Acknowledgement,
    Answer,
    Blocker,
    FlowError,
    IdleTimes,
    Patient,
    Screen,
)
from kiosk.session.walk import Revisit, Walk

if TYPE_CHECKING:  # the content's models (pydantic) load with the store, after the first screen
    from kiosk.content.schema import Form
    from kiosk.session.cosign import Cosigning


class Briefing(Walk):
    """One patient's briefing. Screens draw its state and call its intents; it decides the flow.

    Every intent that must be recorded hands its event to the sink first and changes state only
    after the sink accepted it, so nothing is shown as done that was not stored.
    Its place on the path and the time on each screen are kept by Walk (kiosk.session.walk).
    """

    def __init__(
        self,
        form: Form,
        briefing_id: str,
        sink: EventSink,
        clock: Clock,
        *,
        patient: Patient | None = None,
        idle: IdleTimes | None = None,
        languages: Mapping[str, Form] | None = None,
        language: str | None = None,
        cosign: Cosigning | None = None,
    ) -> None:
        self.source = form
        """The procedure in the language it is written in: its version is what is briefed."""
        self.languages: dict[str, Form] = {form.language: form, **(languages or {})}
        """The procedure in each language the patient may choose (its screens the same in each)."""
        self.form = self.languages.get(language or form.language, form)
        """The procedure in the language of the screens now."""
        self.briefing_id = briefing_id
        self.patient = patient
        self.walk_up = patient is None
        """No briefing was prepared: the patient typed who they are (`enter_identity`)."""
        self.idle = idle or IdleTimes()
        self._sink, self._clock = sink, clock
        self.status = Status.NOT_STARTED
        self.identity_confirmed = False
        self.identity_attempts = 0
        self.acknowledgements: dict[str, Acknowledgement] = {}
        self.flags: list[str] = []
        self.answers: list[Answer] = []
        self.signature: Signature | None = None
        self._revisited: set[str] = set()
        self.read_whole: dict[str, datetime] = {}
        """When each risk's and the signing statement's whole text was first on screen, by id."""
        self._inactivity = Inactivity(clock)
        super().__init__(self.form, clock)
        self.cosign = cosign
        """Who signs beside the patient, and the steps after signing (kiosk.session.cosign)."""
        if cosign is not None:
            self.screens = cosign.path(self.screens)

    # -- what the screens read -------------------------------------------------------------

    @property
    def language(self) -> str:
        """The language of the screens now."""
        return self.form.language

    @property
    def identity_locked(self) -> bool:
        return self.identity_attempts >= IDENTITY_ATTEMPTS and not self.identity_confirmed

    @property
    def risks_outstanding(self) -> list[str]:
        return [
            r.id
            for r in self.form.risks
            if r.id not in self.acknowledgements and self.on_path(r.id)
        ]

    @property
    def reviewed(self) -> list[str]:
        """The screens Review offers to see again, by id: each risk on the path, each flagged."""
        return [*(r.id for r in self.form.risks if self.on_path(r.id)), *self.flags]

    def is_flagged(self, screen_id: str) -> bool:
        return screen_id in self.flags

    def has_read(self, screen_id: str) -> bool:
        """Whether the screen's whole text has been on screen (risks and the signing statement)."""
        return screen_id in self.read_whole

    def answers_to(self, question_id: str) -> list[Answer]:
        return [a for a in self.answers if a.question_id == question_id]

    def blocker(self) -> Blocker | None:
        """Why going forward is not possible right now, or None if it is."""
        return blocker_of(self)

    def can_go_back(self) -> bool:
        return self.status not in (Status.COMPLETED, Status.ABANDONED) and (
            self._revisit is not None or self._index > 0
        )

    # -- intents ---------------------------------------------------------------------------

    def go_next(self) -> Screen:
        """Move forward one screen, or raise FlowError naming what must happen first."""
        self._inactivity.touch()
        blocker = self.blocker()
        if blocker:
            raise FlowError(f"cannot go on from {self.current.id}: {blocker.value}", blocker)
        if self._revisit:
            return self._end_revisit()
        if self.status is Status.NOT_STARTED:
            self._emit(
                BriefingStarted(
                    **self._shown(),
                    form_id=self.source.id,
                    form_version=self.source.version,
                    procedure_sha256=self.source.content_sha256,
                    witness_planned=self.cosign is not None and self.cosign.plan.witness,
                )
            )
            self.status = Status.IN_PROGRESS
        return self._move_to(self._index + 1)

    def go_back(self) -> Screen:
        """Move back one screen (from a screen seen again: back to its question, or to Review).
        Always allowed in a briefing."""
        self._inactivity.touch()
        if not self.can_go_back():
            raise FlowError(f"cannot go back from {self.current.id}")
        if self._revisit:
            return self._end_revisit()
        screen = self._move_to(self._index - 1)
        if screen.kind is ScreenKind.WELCOME:
            # Whoever touches Start next may not be the patient who walked away: they prove who
            # they are again (the birth date, walk-up too) before any screen of the briefing.
            self.identity_confirmed = False
        return screen

    def see_again(self, screen_id: str) -> Screen:
        """A risk or a flagged screen tapped on Review: shown again (a risk may be acknowledged
        there) until Next ("Back to the summary") or Back returns to Review."""
        self._inactivity.touch()
        self._require(ScreenKind.REVIEW)
        if screen_id not in self.reviewed:
            raise FlowError(f"{screen_id!r} is not on the review")
        screen = next(s for s in self.screens if s.id == screen_id)
        self._start_revisit(Revisit(self._index, screen))
        return screen

    def confirm_identity(self, date_of_birth: date) -> bool:
        """Check the birth date the patient typed against the prepared briefing. True if it matches."""
        self._inactivity.touch()
        self._require(ScreenKind.IDENTITY)
        return identity.confirm(self, date_of_birth, self._emit)

    def enter_identity(self, name: str, date_of_birth: date) -> None:
        """Walk-up mode: the patient tells the kiosk who they are."""
        self._inactivity.touch()
        self._require(ScreenKind.IDENTITY)
        identity.enter(self, name, date_of_birth, self._emit)

    def dispute_identity(self) -> None:
        """“This is not me” on a prepared briefing: recorded; staff find the patient's own."""
        self._require(ScreenKind.IDENTITY)
        identity.dispute(self, self._emit)

    def read_to_end(self) -> None:
        """The current screen's whole text has now been on screen (scrolled to its end, or it fits).

        A risk can be acknowledged, and the briefing signed, only after its text was; the time is
        kept with the acknowledgement. Screens that need no reading take this and keep nothing."""
        screen = self.current
        if screen.kind in (ScreenKind.RISK, ScreenKind.SIGN):
            self.read_whole.setdefault(screen.id, self._clock.now())

    def acknowledge_risk(self) -> Acknowledgement:
        """“I understand this risk” on the current risk screen, once its whole text has been on
        screen. Stored at once; a repeat tap changes nothing."""
        self._inactivity.touch()
        screen = self._require(ScreenKind.RISK)
        if screen.id in self.acknowledgements:
            return self.acknowledgements[screen.id]
        if screen.id not in self.read_whole:
            raise FlowError(f"risk {screen.id} was not read to its end", Blocker.RISK_NOT_READ)
        ack = Acknowledgement(
            risk_id=screen.id,
            shown_at=self._times.first_shown(screen.id),
            read_to_end_at=self.read_whole[screen.id],
            acknowledged_at=self._clock.now(),
            seconds_on_screen=round(self.seconds_on(screen.id), 3),
        )
        self._emit(
            RiskAcknowledged(
                **self._shown(ack.acknowledged_at),
                risk_id=ack.risk_id,
                shown_at=ack.shown_at,
                read_to_end_at=ack.read_to_end_at,
                seconds_on_screen=ack.seconds_on_screen,
            )
        )
        self.acknowledgements[screen.id] = ack
        return ack

    def flag_question(self) -> None:
        """“I have a question about this”: flags the current screen for the surgeon, once."""
        self._inactivity.touch()
        self._require_live()
        screen_id = self.current.id
        if screen_id in self.flags:
            return
        self._emit(QuestionFlagged(**self._shown(), screen_id=screen_id))
        self.flags.append(screen_id)

    def listened(self, event: Listened) -> None:
        """What the patient listened to (kiosk.session.listening decides what and when): stored."""
        self._require_live()
        self._emit(event)

    def answer_question(self, choice_id: str) -> Answer:
        """Record an answer. A wrong first answer sends the patient to the screen that teaches it."""
        self._inactivity.touch()
        screen = self._require(ScreenKind.QUESTION)
        question = self.form.question(screen.id)
        if choice_id not in {c.id for c in question.choices}:
            raise FlowError(f"{choice_id!r} is not a choice of question {question.id}")
        correct = choice_id == question.answer
        revisit = None  # (seen again from Review, a wrong answer is asked again there)
        if not correct and question.id not in self._revisited and not self.revisiting:
            teaching = next(s for s in self.screens if s.id == question.teaches)
            revisit = Revisit(self._index, teaching)
        answer = Answer(
            question.id, choice_id, correct, attempt=len(self.answers_to(question.id)) + 1
        )
        self._emit(
            QuestionAnswered(
                **self._shown(),
                question_id=question.id,
                choice_id=choice_id,
                correct=correct,
                attempt=answer.attempt,
                revisit_screen_id=revisit.screen.id if revisit else None,
            )
        )
        self.answers.append(answer)
        if revisit:
            self._revisited.add(question.id)
            self._start_revisit(revisit)
        return answer

    def sign(self, signature: Signature) -> None:
        """Sign the briefing, exactly once; it is then complete and the done screen shows."""
        self._inactivity.touch()
        if self.status is Status.COMPLETED:
            raise FlowError("this briefing is already signed", Blocker.FINISHED)
        self._require(ScreenKind.SIGN)
        if self.risks_outstanding:
            raise FlowError("risks not acknowledged", Blocker.RISKS_OUTSTANDING)
        if self.current.id not in self.read_whole:
            raise FlowError("the signing statement was not read", Blocker.STATEMENT_NOT_READ)
        problem = signature.problem()
        if problem:
            raise FlowError(f"signature refused: {problem}", message_id=problem)
        if self.cosign is not None:  # a representative signs: their own row first
            self.cosign.before_signed(getattr(signature, "image_png", None))
        self._emit(
            Signed(
                **self._shown(),
                signature=signature,
                screen_times=self.screen_times(),
                screens_shown=self.screens_shown(self.languages),
            )
        )
        self.signature = signature
        self.status = Status.COMPLETED
        self._move_to(self._index + 1)

    def cosigned(self) -> Screen:
        """A signer after the patient was stored (kiosk.session.cosign decides): the next step."""
        return self._move_to(self._index + 1)

    def now(self) -> datetime:
        return self._clock.now()

    def switch_language(self, language: str) -> Screen:
        """Show every screen from now on in `language`, staying on the same screen. Recorded while
        the briefing is under way; before it starts, the briefing simply starts in it."""
        self._inactivity.touch()
        form = self.languages.get(language)
        if form is None:
            raise FlowError(f"the procedure is not offered in {language!r}")
        if form is self.form:
            return self.current
        if self.status is Status.IN_PROGRESS:
            self._emit(LanguageChanged(**self._shown(form=form), screen_id=self.current.id))
        self.form = form
        # Words read to their end in the other language are new words now: a risk not yet
        # acknowledged, and the signing statement, wait until these have all been on screen.
        for screen_id in [s for s in self.read_whole if s not in self.acknowledgements]:
            del self.read_whole[screen_id]
        self._see()
        return self.current

    def abandon(self, reason: AbandonReason) -> None:
        """End the briefing unfinished, keeping what was acknowledged. Nothing to do if it never started."""
        if self.status is not Status.IN_PROGRESS:
            return
        shown = self.screens_shown(self.languages)
        self._emit(
            Abandoned(
                briefing_id=self.briefing_id,
                at=self._clock.now(),
                reason=reason,
                screens_shown=shown,
            )
        )
        self.status = Status.ABANDONED

    # -- inactivity ------------------------------------------------------------------------

    def still_here(self) -> None:
        """The patient answered “Are you still there?”, or touched the screen."""
        self._inactivity.touch()

    def seconds_left(self) -> float:
        """While “Are you still there?” shows: seconds until the briefing ends for inactivity."""
        return self._inactivity.seconds_left(self.idle)

    def check_idle(self) -> IdleState:
        """Called on a timer: warn after the first idle time, abandon after the second."""
        if self.status is not Status.IN_PROGRESS:
            return IdleState.ENDED if self.status is Status.ABANDONED else IdleState.ACTIVE
        state = self._inactivity.state(self.idle)
        if state is IdleState.ENDED:  # (locked by wrong birth dates: said so, staff read why)
            locked = self.identity_locked
            self.abandon(AbandonReason.IDENTITY if locked else AbandonReason.INACTIVITY)
        return state

    # -- internals -------------------------------------------------------------------------

    def _shown(self, at: datetime | None = None, form: Form | None = None) -> dict[str, Any]:
        """What every event of a screen carries: the briefing, the time, and the language and
        content hash of the screen it happened on."""
        shown = form or self.form
        return {
            "briefing_id": self.briefing_id,
            "at": at or self._clock.now(),
            "language": shown.language,
            "content_sha256": shown.content_sha256,
        }

    def _emit(self, event: Event) -> None:
        self._sink.record(event)

    def _require_live(self) -> None:
        if self.status is not Status.IN_PROGRESS:
            raise FlowError(f"the briefing is {self.status.value}", Blocker.FINISHED)

    def _require(self, kind: ScreenKind) -> Screen:
        self._require_live()
        screen = self.current
        if screen.kind is not kind:
            raise FlowError(f"not on a {kind.value} screen (on {screen.id})")
        return screen
