"""The screen model: the one object the patient's pages bind to (as napari's widgets bind to
`dims.events`). It holds at most one briefing, turns each tap into the flow's intent, and emits
`events.changed` once per change; `view` is then the whole current screen, as data.

How a tap travels: a widget emits an intent → the model asks the briefing, which stores first and
then changes state → the model emits one change → the page draws `view`. Nothing goes back up."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from math import ceil
from typing import TYPE_CHECKING

from kiosk.i18n import Msg, msg, words_for
from kiosk.session import views
from kiosk.session.cosign_model import CosignSteps
from kiosk.session.events import AbandonReason
from kiosk.session.kinds import IdleState, ScreenKind, Status
from kiosk.session.listening import Listens
from kiosk.session.preferences import Preferences
from kiosk.session.saving import SAVING_SECONDS, Attempts
from kiosk.session.view import Action, Copy, Filing, IdentityStep, View, welcome
from kiosk.session.views import Local, identity_step, language_choices, tries_left, view_of

if TYPE_CHECKING:
    from kiosk.session.entry import DateEntry
    from kiosk.session.flow import Briefing
    from kiosk.session.signature import Signature

log = logging.getLogger(__name__)
Intent = Callable[[], object]

DONE_SECONDS, DONE_WARNING = 45.0, 20
"""The done screen returns to Welcome on its own after this long, saying so for its last seconds."""


class ScreenModel(Preferences):
    """What the patient's screen shows and allows, and every decision behind it."""

    def __init__(
        self,
        *,
        today: Callable[[], date],
        monotonic: Callable[[], float],
        not_saved: Callable[[BaseException], bool],
        check_name: Callable[[str], str | None],
        now: Callable[[], datetime],
        typed_signature: bool = False,
        done_seconds: float = DONE_SECONDS,
        language: str = "en",
        busy: Callable[[BaseException], bool] = lambda exc: False,
        saving_seconds: float = SAVING_SECONDS,
    ) -> None:
        """`not_saved(exc)` tells a store failure (the patient may tap again) from a bug; `busy(exc)`
        one the same tap may be tried again for (another program held the database);
        `check_name(name)` gives the message id of why a typed name cannot be used, or None."""
        super().__init__(language)
        self.briefing: Briefing | None = None
        self._today, self._monotonic = today, monotonic
        self._attempts = Attempts(
            not_saved=not_saved, busy=busy, monotonic=monotonic, seconds=saving_seconds
        )
        self._check_name, self._now = check_name, now
        self._local = Local(typed_signature_offered=typed_signature)
        self._done_seconds = done_seconds
        self._done_since: float | None = None
        self.listening = Listens(lambda: self.briefing, now, not_saved)
        self.cosign = CosignSteps(self)  # the steps after the signature: interpreter, witness

    # -- what the pages read ----------------------------------------------------------------

    @property
    def view(self) -> View:
        if self._view is None:
            b = self.briefing
            view = view_of(b, self._local) if b is not None else welcome(self._local.message)
            languages = language_choices(self._offered, b, self.words)
            choosing = self._local.choosing_language and bool(languages)
            view = replace(view, languages=languages, choosing_language=choosing)
            offered, aloud = self._read_aloud[0], self.read_aloud
            self._view = replace(view, read_aloud_offered=offered, read_aloud=aloud)
        if self._view.kind is ScreenKind.SIGN:  # the time the signature will carry: now
            return replace(self._view, moment=self._now())
        return self._view

    @property
    def kind(self) -> ScreenKind:
        return self.briefing.current.kind if self.briefing is not None else ScreenKind.WELCOME

    def choose_language(self, language: str) -> None:
        """The patient chose a language (on Welcome, or atop any screen): the same screen in it from
        now on. Mid-briefing it is stored first, like every step; one not offered changes nothing."""
        if (b := self.briefing) is None:
            if language in self._offered:
                self._chosen, self.words = language, words_for(language)
            self._changed()
            return

        def switched() -> None:
            self.words = words_for(b.language)
            # Signing, the statement is to be read again in its new words: typing a name, it stands
            # under the keys (or behind a button there), so the patient types on (sent back to the
            # finger's box, they had to find "I cannot sign with my finger" again).
            self._local = replace(self._local, choosing_language=False, message=None)

        self._attempt(lambda: b.switch_language(language), switched)
        self._changed()

    # -- the next patient ---------------------------------------------------------------------

    def unavailable(self, message: Msg) -> None:
        """No briefing can start now: Welcome says why."""
        self._say(message)

    def begin(self, briefing: Briefing) -> bool:
        """Start `briefing` for the patient who touched Start. False (and Welcome says why) if the
        store did not take its start; nothing is kept then, and the next touch tries afresh."""
        self.briefing = briefing
        self._local = Local(
            typing_name=briefing.patient is None,
            typed_signature_offered=self._local.typed_signature_offered,
        )
        if self._chosen in briefing.languages:  # chosen on Welcome: it starts in it
            briefing.switch_language(self._chosen)
        if self.words.language.split("-")[0] != briefing.language:  # (the pseudo-locale is English)
            self.words = words_for(briefing.language)
        if self._attempt(briefing.go_next, hold=False):  # Welcome: the patient touches Start again
            self._changed()
            return True
        if briefing.status is Status.NOT_STARTED:
            self.briefing = None
        self._changed()
        return False

    # -- the patient's intents ----------------------------------------------------------------

    def do(self, action: Action) -> None:
        """An action that needs nothing but the tap (Next, Back, the flag, acknowledge, …)."""
        if (b := self.briefing) is None:
            return
        if action in (Action.NEXT, Action.FINISH) and self.kind is ScreenKind.DONE:
            self.end()
            return
        handlers: dict[Action, Callable[[], object]] = {
            Action.NEXT: lambda: self._run(b.go_next),
            Action.START: lambda: self._run(b.go_next),  # back on Welcome, the briefing under way
            Action.BACK: self._back,
            Action.FLAG: lambda: self._run(b.flag_question),
            Action.ACKNOWLEDGE: lambda: self._run(b.acknowledge_risk),
            Action.NOT_ME: self._not_me,
            Action.TYPE_INSTEAD: lambda: self._typed_signature(True),
            Action.DRAW_INSTEAD: lambda: self._typed_signature(False),
            Action.CLEAR_SIGNATURE: lambda: self._say(None),
            Action.SIGNATURE_DRAWN: lambda: self._say(self._local.message if self.saving else None),
            Action.DATE_TYPED: lambda: self._say(None),
            Action.NAME_TYPED: lambda: self._say(None),
            Action.STILL_HERE: self.still_here,
            Action.LANGUAGES: self._toggle_languages,
            Action.PRINT_COPY: self.events.print_copy.emit,
        }
        if (handler := handlers.get(action)) is None:
            raise ValueError(f"{action} needs more than a tap (or is not a patient's action)")
        handler()

    def read_to_end(self) -> None:
        """The page: the screen's whole text has been on screen (risks and the statement wait)."""
        if (b := self.briefing) is None or b.has_read(b.current.id):
            return
        b.read_to_end()  # risks and the statement wait for it; other screens keep nothing
        if b.has_read(b.current.id):
            self._local = replace(self._local, message=None)  # "read it to the end first" is done
            self._changed()

    def waited(self, action: Action) -> None:
        """A greyed action tapped (a disabled button gets no click): why it waits, if it says."""
        offer = self.view.offer(action)
        if self.briefing is not None and offer is not None and not offer.enabled and offer.waiting:
            self._say(offer.waiting)

    def answer(self, choice_id: str) -> None:
        if (b := self.briefing) is not None:
            self._run(lambda: b.answer_question(choice_id))

    def confirm_birth_date(self, entry: DateEntry) -> bool:
        """The date typed: once it matches (walk-up: is a real date), the first screen follows.
        True when the date was taken (matched or not): the page clears the keypad."""
        if (b := self.briefing) is None:
            return False
        self._local = replace(self._local, again=False)  # whoever is here typed this one
        dob, problem = entry.check(self._today())
        if dob is None:
            self._say(problem or msg("date.incomplete"))
            return False
        if b.patient is None:
            name = self._local.typed_name
            # Confirmed: on to the first screen at once.
            if self._attempt(lambda: b.enter_identity(name, dob), lambda: self._run(b.go_next)):
                return True
            self._changed()
            return False
        matched: list[bool] = []
        if self._attempt(
            lambda: matched.append(b.confirm_identity(dob)), lambda: self._matched(b, matched[-1])
        ):
            return True
        self._changed()
        return False

    def _matched(self, b: Briefing, matched: bool) -> None:
        if matched:
            self._run(b.go_next)  # confirmed: on to the first screen at once
            return
        no_match = msg("identity.no-match", count=tries_left(b))
        self._local = replace(self._local, message=None if b.identity_locked else no_match)
        self._changed()

    def enter_name(self, name: str) -> None:
        """Walk-up mode: the name typed, on to the date of birth (or why the name cannot be used)."""
        if (b := self.briefing) is None or identity_step(b, self._local) is not IdentityStep.NAME:
            return
        problem = self._check_name(name)
        if problem is not None:
            self._say(msg(problem))
            return
        self._local = replace(self._local, typing_name=False, typed_name=name.strip(), message=None)
        self._changed()

    def sign(self, signature: Signature) -> None:
        """Sign, once: a second tap on a signed briefing does nothing."""
        if (b := self.briefing) is None or b.status is not Status.IN_PROGRESS:
            return
        problem = signature.problem()
        if problem:
            self._say(msg(problem))
            return
        self.listening.interrupted()  # recorded while the briefing can still take it
        self._run(lambda: b.sign(signature))  # stored: the done screen, counting its seconds

    def still_here(self) -> None:
        """A touch, or “Yes, I am here”."""
        if (b := self.briefing) is None:
            return
        b.still_here()
        if self._local.still_there is not None:
            self._local = replace(self._local, still_there=None)
            self._changed()

    # -- time ----------------------------------------------------------------------------------

    def tick(self) -> None:
        """Once a second: “Are you still there?”, the end of an idle session, the done screen's return."""
        if (b := self.briefing) is None:
            return
        if b.status is Status.COMPLETED:
            since = self._done_since  # the steps after signing wait for their signers
            if b.current.kind is ScreenKind.DONE and since is not None:
                left = ceil(self._done_seconds - (self._monotonic() - since))
                if left <= 0:
                    self.end()
                elif left <= DONE_WARNING and left != self._local.done_left:  # said, not sprung
                    self._local = replace(self._local, done_left=left)
                    self._changed()
            return
        try:
            state = b.check_idle()
        except Exception as exc:  # the store could not take the abandonment: wipe the screen anyway
            log.error("briefing %s: abandoning failed: %s", b.briefing_id, type(exc).__name__)
            state = IdleState.ENDED
        if state is IdleState.ENDED:
            log.info("briefing %s: ended by the idle time", b.briefing_id)
            self.end()
            return
        seconds = round(b.seconds_left()) if state is IdleState.WARNING else None
        if seconds != self._local.still_there:
            self._local = replace(self._local, still_there=seconds)
            self._changed()

    # -- after signing -----------------------------------------------------------------------

    def filed(self, briefing_id: str, filing: Filing, staff_note: Msg | None = None) -> None:
        """The PDF's state for the done screen (only if that briefing is still on screen)."""
        if (b := self.briefing) is None or b.briefing_id != briefing_id:
            return
        self._local = replace(self._local, filing=filing, staff_note=staff_note)
        self._changed()

    def copied(self, briefing_id: str, copy: Copy) -> None:
        """“Print my copy” offered, printing, printed or failed (if that briefing is on screen)."""
        if (b := self.briefing) is not None and b.briefing_id == briefing_id:
            self._local = replace(self._local, copy=copy)
            self._changed()

    def end(self) -> None:
        """The patient is gone: forget the briefing; every page wipes what it showed."""
        self._attempts.drop()
        self.listening.end_session()
        self.briefing = None
        self._done_since = None
        self._chosen = None
        self._local = Local(typed_signature_offered=self._local.typed_signature_offered)
        self.words = words_for(self._language)  # the next patient starts in the clinic's language
        self.read_aloud = self._read_aloud[1]  # and with the clinic's choice of reading aloud
        self._changed()
        self.events.ended.emit()

    # -- internals -------------------------------------------------------------------------

    def _back(self) -> None:
        if (b := self.briefing) is None:
            return
        if identity_step(b, self._local) is IdentityStep.BIRTH_DATE and b.patient is None:
            # Walk-up: from the birth date back to the name, before going back a screen.
            self._local = replace(self._local, typing_name=True, message=None)
            self._changed()
            return
        if b.can_go_back():
            self._run(b.go_back)
        if b.current.kind is ScreenKind.WELCOME:  # the name typed goes: someone else may be next
            new = b.patient is None
            self._local = replace(self._local, typing_name=new, typed_name="", again=True)

    def _not_me(self) -> None:
        """Asked once first (a mis-tap had waited for staff). A prepared briefing's patient is someone
        else: recorded; staff find theirs (its name and keys go, the words back to Welcome's). A
        walk-up's: theirs ends, a new one starts."""
        b = self.briefing
        if (question := views.not_me_question(b, self._local)) is not None:
            self._say(question)  # any other tap says another thing, or nothing: asked again
        elif b is None or not b.walk_up:
            if b is not None and self._attempt(b.dispute_identity):
                self.words = words_for(self._chosen or self._language)
                self._local = replace(self._local, not_me=True, message=None)
            self._changed()
        elif not self._attempt(lambda: b.abandon(AbandonReason.SOMEONE_ELSE), self.end):
            self._changed()

    def _toggle_languages(self) -> None:
        self._local = replace(self._local, choosing_language=not self._local.choosing_language)
        self._changed()

    def _typed_signature(self, on: bool) -> None:
        if self._local.typed_signature_offered:
            self._local = replace(self._local, typed_signature=on, message=None)
            self._changed()

    def _say(self, message: Msg | None) -> None:
        self._local = replace(self._local, message=message)
        self._changed()

    def _run(self, intent: Callable[[], object]) -> bool:
        """An intent of the briefing, then one change: its new screen, or why nothing happened."""
        done = self._attempt(intent)
        if done:
            self._stored()
        self._changed()
        return done

    def _stored(self) -> None:
        """A tap was stored. Once signed, each stored step (the signature, then the interpreter's
        and the witness's) starts the done screen's time afresh: staff may take a while to come."""
        self._local = replace(self._local, message=None, done_left=None)
        if (b := self.briefing) is not None and b.status is Status.COMPLETED:
            self._done_since = self._monotonic()

    def _attempt(self, intent: Intent, then: Intent | None = None, *, hold: bool = True) -> bool:
        """Run an intent (and `then`, once it is stored); a refusal, a failed save or a save still
        waiting for the database becomes the message line (the briefing's state is unchanged then:
        it changes only after the store accepted)."""
        tried = self._attempts.attempt(intent, then, hold=hold)
        if not tried.stored:
            self._local = replace(self._local, message=tried.message)
            return False
        if then is not None:
            then()
        return True

    # -- a tap the database held up --------------------------------------------------------

    @property
    def saving(self) -> bool:
        """A tap waits for the database: the page calls `retry` a few times a second."""
        return self._attempts.pending is not None

    def retry(self) -> None:
        """Try the held-up tap again; the screen changes only once it is stored (or given up)."""
        tried = self._attempts.retry()
        if tried is None:
            return
        if tried.stored:
            self._stored()
            if tried.then is not None:
                tried.then()
        else:
            self._local = replace(self._local, message=tried.message)
        self._changed()
