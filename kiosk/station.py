"""The kiosk between patients, without a screen: which briefing comes next, its PDF, and staff sign-in.

The touchscreen (kiosk.ui) holds one Station for its whole run. Everything here is plain Python,
so the decisions the screens rely on are tested without Qt.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from kiosk.config import Config
from kiosk.content.offered import offered_anywhere, offered_in
from kiosk.content.schema import Form
from kiosk.document.make import Made
from kiosk.document.maker import PdfMaker
from kiosk.document.printable import name_problem
from kiosk.document.seal import Signer
from kiosk.practice import SAMPLE, Sample, is_practice, prepare_sample
from kiosk.records import followup
from kiosk.records.query import RecordRow
from kiosk.running import Running
from kiosk.session import Briefing, IdleTimes, Patient
from kiosk.session.clock import Clock
from kiosk.session.cosign import Cosigning, Plan
from kiosk.session.rebrief import Rebriefing
from kiosk.session.screen import ScreenModel
from kiosk.speech.listening import Audio
from kiosk.startup import start_kiosk
from kiosk.store import Recorder, Store, audit, database
from kiosk.store.briefings import Waiting, next_prepared
from kiosk.store.checkpoint import checkpoint_path
from kiosk.store.failures import busy, not_saved
from kiosk.store.planned import StoreCosigners, planned_of
from kiosk.store.staff import LoginResult, check_pin, list_staff
from kiosk.store.versions import keep
from kiosk.unavailable import NO_BRIEFING, NOT_READY, UNREACHABLE, Unavailable, not_set_up

log = logging.getLogger(__name__)

PREPARED_WINDOW = timedelta(hours=24)
"""A prepared briefing waits this long for its patient; older ones are left for staff to look at."""

TAP_WAIT_MS = 100
"""How long a patient's tap waits for a database another program holds before the screen says it is
saving and tries again (kiosk.session.saving): never the whole busy timeout on the screen's thread."""


class Station:
    """One kiosk: its store, its procedures and its signing key, and what it offers the next patient."""

    running: Running | None = None  # the data folder's lock while this kiosk runs (`open`)
    _told: str | None = None  # what the log was last told is missing here (once, not per tap)

    def __init__(
        self,
        config: Config,
        store: Store,
        forms: Mapping[str, Form],
        clock: Clock,
        *,
        signer: Signer | None = None,
        signer_problem: str | None = None,
        problems: list[str] | None = None,
        translations: Mapping[str, Mapping[str, Form]] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.forms = dict(forms)
        self.translations = {k: dict(v) for k, v in (translations or {}).items()}
        """Each procedure's translations that check clean, by procedure id and language."""
        self.clock = clock
        self.problems = list(problems or [])
        """Sentences for staff gathered at start (PDFs still pending, forms that did not load)."""
        self.recorder = Recorder(store, wait_ms=TAP_WAIT_MS)
        self.audio = Audio(config.data_dir)
        """The read-aloud audio rendered for the procedures (`kiosk speech render`)."""
        self.sound = True
        """Whether this machine plays sound: False once the touchscreen finds no output (Listen
        and reading aloud are then not offered: their words marked in silence misled)."""
        self.pdfs = PdfMaker(
            store, self.forms, self.translations, lambda: self.clock.now(), signer, signer_problem,
            folder=config.documents_dir,
            checkpoint=checkpoint_path(config.database_url, config.data_dir),
            clinic=str(config["clinic_name"]),
        )  # fmt: skip

    def screen_model(self) -> ScreenModel:
        """The patient's screen model for this kiosk: its clock, languages and reading aloud."""
        clock = self.clock
        model = ScreenModel(
            today=lambda: clock.now().astimezone().date(),
            now=clock.now,
            monotonic=clock.monotonic,
            not_saved=not_saved,
            busy=busy,
            saving_seconds=database.BUSY_TIMEOUT_MS / 1000,  # no sooner than the store gave up
            check_name=name_problem,
            typed_signature=self.typed_signature,
        )
        model.offer_languages(self.offered_languages())
        model.offer_read_aloud(self.read_aloud_offered, bool(self.config["read_aloud"]))
        return model

    @classmethod
    def open(cls, config: Config, clock: Clock) -> Station:
        """Start as the kiosk does: store checked and migrated, crashes recovered, pending PDFs
        made. Raises StoreError or ConfigError (one sentence each) when the kiosk cannot run."""
        # Before the crash recovery: one kiosk to a folder, and to a SQLite file.
        running = Running(config.data_dir, database.sqlite_path(config.database_url))
        with running.released_on_error():
            started = start_kiosk(config, clock.now())
            station = cls(
                config,
                started.store,
                started.forms,
                clock,
                signer=started.signer,
                signer_problem=started.signer_problem,
                problems=started.problems,
                translations=started.translations,
            )
        station.running = running
        return station

    def close(self) -> None:
        try:
            self.pdfs.close()
            self.store.close()
        finally:
            if self.running is not None:
                self.running.release()

    # -- settings the screens need ---------------------------------------------------------

    @property
    def idle(self) -> IdleTimes:
        return IdleTimes(
            warning_after=float(self.config["idle_warning_seconds"]),
            end_after_warning=float(self.config["idle_end_seconds"]),
        )

    @property
    def walk_up(self) -> bool:
        return bool(self.config["walk_up_mode"])

    @property
    def typed_signature(self) -> bool:
        return bool(self.config["typed_signature"])

    def languages_of(self, form: Form) -> dict[str, Form]:
        """The procedure in every language this kiosk offers patients (kiosk.content.offered)."""
        return offered_in(form, self.translations.get(form.id, {}), self.config.languages)

    def offered_languages(self) -> tuple[str, ...]:
        """The languages Welcome offers, the clinic's main one first (kiosk.content.offered)."""
        return offered_anywhere(self.forms, self.translations, self.config.languages)

    @property
    def read_aloud_offered(self) -> bool:
        """Whether any procedure a patient may be briefed on here has its audio rendered, in
        any language offered (so Welcome offers reading every screen aloud)."""
        return self.sound and any(
            self.audio.voice(translated) is not None
            for form in self.forms.values()
            for translated in self.languages_of(form).values()
        )

    @property
    def staff_language(self) -> str:
        """The language staff read on the kiosk: the clinic's main one (the first offered)."""
        return self.offered_languages()[0]

    # -- the next patient ------------------------------------------------------------------

    def next_briefing(self) -> Briefing | Unavailable:
        """The briefing for whoever touches Start: the oldest one prepared here, else a walk-up
        one. The records out of reach (a database server down), Welcome says so: Start had done
        nothing, and the error had gone unhandled."""
        try:
            return self._next_briefing()
        except (SQLAlchemyError, OSError) as exc:  # (its text may hold a name: not its args)
            said = (
                database.describe_error(self.config.database_url, exc)
                if isinstance(exc, DBAPIError)
                else type(exc).__name__
            )
            return Unavailable(UNREACHABLE, f"the records could not be read: {said}")

    def _next_briefing(self) -> Briefing | Unavailable:
        waiting = self._next_waiting()
        if waiting is None and self.practice and not self.walk_up:
            waiting = self._sample()  # (walk-up tried in practice: the patient types who they are)
        if waiting is not None:
            form = self.forms[waiting.form_id]
            p = waiting.patient
            languages = self.languages_of(form)
            keep(self.store, [form, *languages.values()], form, self.clock.now())
            kind, more = (
                (Briefing, {})
                if waiting.changes is None
                else (Rebriefing, {"changes": waiting.changes})
            )
            return kind(
                form,
                waiting.briefing_id,
                self.recorder,
                self.clock,
                patient=Patient(p.name, p.date_of_birth, p.mrn),
                idle=self.idle,
                languages=languages,
                # the language staff chose, if this kiosk offers it; else the kiosk's first
                language=waiting.language
                if waiting.language in languages
                else next(iter(languages)),
                **more,
                cosign=self.cosigning(
                    waiting.briefing_id, planned_of(self.store, waiting.briefing_id)
                ),
            )
        if not self.walk_up:
            return self._not_set_up() or Unavailable(NO_BRIEFING)
        form_id = str(self.config["walk_up_procedure"])
        walk_up = self.forms.get(form_id)
        if walk_up is None:
            return Unavailable(
                NO_BRIEFING,
                f"{self.config.path}: walk_up_procedure: {form_id!r} is not a procedure this kiosk has; "
                f"use one of {', '.join(sorted(self.forms)) or 'none (no procedure loaded)'}.",
            )
        languages = self.languages_of(walk_up)
        keep(self.store, [walk_up, *languages.values()], walk_up, self.clock.now())
        briefing_id = str(uuid.uuid4())
        return Briefing(
            walk_up,
            briefing_id,
            self.recorder,
            self.clock,
            idle=self.idle,
            languages=languages,
            language=next(iter(languages)),
            cosign=self.cosigning(briefing_id, Plan(witness=self.witness_required)),
        )

    @property
    def witness_required(self) -> bool:
        """A witness on every briefing by default (the `witness_required` setting)."""
        return bool(self.config["witness_required"])

    def cosigning(self, briefing_id: str, plan: Plan) -> Cosigning | None:
        """The steps after signing for this plan (None when the patient signs alone)."""
        if plan.empty:
            return None
        cosigners = StoreCosigners(self.store, briefing_id, self.clock, wait_ms=TAP_WAIT_MS)
        return Cosigning(plan, cosigners, self.clock)

    def _not_set_up(self) -> Unavailable | None:
        """Why nobody could have prepared a briefing here, if nobody has set this kiosk up: the
        patient is asked for staff; the log tells IT what is missing and its command, once."""
        missing = (
            "settings"
            if not self.config.exists
            else "key"
            if self.pdfs.signer is None
            else "staff"
            if not any(s.active for s in list_staff(self.store))
            else None
        )
        if missing is None:
            return None
        told, self._told = self._told, not_set_up(missing)
        return Unavailable(NOT_READY, None if told == self._told else self._told)

    @property
    def practice(self) -> bool:
        """Practice mode (`kiosk practice`): a sample patient, PRACTICE on every screen and PDF."""
        return is_practice(self.config.kiosk_id)

    @property
    def sample(self) -> Sample | None:
        """In practice mode, the sample patient and staff account every screen shows."""
        return SAMPLE if self.practice else None

    def _next_waiting(self) -> Waiting | None:
        """The next briefing prepared here whose content this kiosk has. One prepared for content
        it no longer has (its form updated since) is passed over, and staff are told in the log:
        it stood first in line, and no patient behind it could start."""
        passed: list[str] = []
        since = self.clock.now() - PREPARED_WINDOW
        while (waiting := next_prepared(self.store, since, passed)) is not None:
            form = self.forms.get(waiting.form_id)
            if form is not None and form.content_sha256 == waiting.content_sha256:
                return waiting
            log.warning(
                "briefing %s was prepared for %s content this kiosk no longer has: passed over; "
                "prepare it again for the current version", waiting.briefing_id, waiting.form_id,
            )  # fmt: skip
            passed.append(waiting.briefing_id)
        return None

    def _sample(self) -> Waiting | None:
        """In practice mode, a briefing for the sample patient whenever none is waiting."""
        form = self.forms.get(str(self.config["walk_up_procedure"]))
        if form is None:
            return None
        prepare_sample(self.store, form, self.clock.now(), PREPARED_WINDOW)
        return self._next_waiting()

    # -- after signing ---------------------------------------------------------------------

    def make_pdf(self, briefing_id: str) -> Made:
        """Make and seal the signed briefing's PDF; DocumentError (one sentence for staff) if it cannot.

        Safe to call from a worker thread: it touches no screen, and one PDF is made at a time.
        """
        return self.pdfs.make(briefing_id)

    # -- staff -----------------------------------------------------------------------------

    def staff_names(self) -> list[str]:
        """Active staff accounts, for the sign-in screen."""
        return sorted((s.name for s in list_staff(self.store) if s.active), key=str.casefold)

    def staff_login(self, name: str, pin: str) -> LoginResult:
        """Check a staff member's PIN (audited, with lockout after repeated failures)."""
        return check_pin(self.store, name, pin, self.clock.now())

    def staff_action(self, staff: str, action: str, detail: dict[str, Any] | None = None) -> None:
        """Record something a signed-in staff member did at the kiosk, under their name."""
        audit.record(
            self.store, at=self.clock.now(), actor=staff, action=action,
            subject=f"kiosk:{self.store.kiosk_id}", detail=detail or {},
        )  # fmt: skip

    # -- staff follow-up (each action audited under the staff member's name) ---------------

    def briefings_for_staff(self, search: str = "") -> list[RecordRow]:
        """Today's briefings and the prepared ones still waiting; or those matching `search`."""
        return followup.briefings_for_staff(self.store, self.forms, self.clock.now(), search)

    def briefing_row(self, briefing_id: str) -> RecordRow:
        return followup.record_of(self.store, self.forms, briefing_id)

    def open_questions(self) -> list[followup.OpenQuestion]:
        return followup.open_questions(self.store, self.forms)

    def answer_question(self, staff: str, flag_id: int, note: str) -> None:
        followup.answer_question(self.store, flag_id, staff=staff, note=note, now=self.clock.now())

    def print_copy(self, briefing_id: str) -> None:
        """“Print my copy” (offered on Done when `patient_copy` is set): the signed briefing's PDF
        on `printer`, audited as patient_copy_printed. FollowUpError (one sentence) if it cannot
        be printed."""
        followup.print_pdf(
            self.store, self.briefing_row(briefing_id), str(self.config["printer"]),
            staff="patient", now=self.clock.now(), documents=self.config.documents_dir,
            action="patient_copy_printed",
        )  # fmt: skip

    def make_pending_pdf(self, staff: str, briefing_id: str) -> Made:
        """Make a signed briefing's pending PDF now (the disk was full, the key missing at signing).

        Only this kiosk makes its own briefings' PDFs (with its key, in its folder), and only once:
        the row is read again under the PDF lock, so a PDF the patient's job made meanwhile is not
        made twice. FollowUpError or DocumentError (one sentence) if it is not made."""

        def still_pending() -> None:
            row = self.briefing_row(briefing_id)
            if row.kiosk_id != self.store.kiosk_id:
                raise followup.FollowUpError("problem.pdf-made-elsewhere", kiosk=row.kiosk_id)
            if row.pdf_status != "pending":
                raise followup.StaleError("problem.pdf-already-made")

        made = self.pdfs.make(briefing_id, first=still_pending)
        followup.audit_briefing(
            self.store, briefing_id, "pdf_made_by_staff", staff, self.clock.now(),
            {"sha256": made.sha256, "file": made.path.name},
        )  # fmt: skip
        return made

    def ended_by_staff(self, staff: str, briefing_id: str) -> None:
        """Staff ended the briefing under way at this kiosk: on its history, under their name."""
        followup.audit_briefing(
            self.store, briefing_id, "briefing_ended_by_staff", staff, self.clock.now(), {}
        )

    def __enter__(self) -> Station:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
