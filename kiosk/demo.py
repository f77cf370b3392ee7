"""Synthetic briefings made through the real engine, store and PDF: for trying exports, and for benchmarks."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from kiosk.content.schema import Form
from kiosk.document import keys
from kiosk.document.make import make_document
from kiosk.files import make_private_dirs, nearest_existing
from kiosk.session import Briefing, DrawnSignature, Patient, Point, ScreenKind, Stroke
from kiosk.session.clock import Clock
from kiosk.store import Recorder, Store, open_store
from kiosk.store.briefings import prepare_briefing
from kiosk.store.versions import keep

MARKER = "DEMO-DATA.txt"
"""The file that marks a data folder as demo data; `kiosk demo` refuses any folder with real records."""

NAMES = (
    "Ana Ruiz", "Ben Okafor", "Zoë Ångström", "Nguyễn Thị Lan", "Αλέξανδρος Πάππας", "Анна Соколова",
    "דוד לוי", "محمد حسن", "王小明", "山田 花子", "Seán O'Brien", "María José García",
)  # fmt: skip


class DemoError(Exception):
    """The demo cannot run here; one sentence naming the folder and what to do."""


class StepClock:
    """A synthetic patient's clock: it stands still while the engine reads it, and moves on by a
    few seconds at each `step()`, the time a person takes to read and tap before each thing they do.

    Wall time and the monotonic count are two readings of one instant, so every duration the
    engine keeps (a risk's seconds on screen) matches the timestamps kept beside it. It once moved
    on at every monotonic look: a risk acknowledged at 15:45:21.036, shown at 15:45:19.885, was
    kept as 5.1 s on screen, the look that measured it a step past the acknowledgement."""

    def __init__(self, start: datetime, rng: random.Random) -> None:
        self._start = start
        self._rng = rng
        self._seconds = 0.0

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._seconds)

    def monotonic(self) -> float:
        return self._seconds

    def step(self) -> None:
        """A few seconds pass, on both readings at once."""
        self._seconds += self._rng.uniform(0.5, 4.0)


def signature(rng: random.Random) -> DrawnSignature:
    """A plausible finger signature: two flowing strokes."""
    phase = rng.uniform(0, math.pi)
    first = tuple(Point(20 + i * 5, 70 + 28 * math.sin(i / 3 + phase), i * 14) for i in range(50))
    second = tuple(Point(60 + i * 6, 110 - i * 3, 900 + i * 14) for i in range(20))
    return DrawnSignature((Stroke(first), Stroke(second)))


def walk_through(
    b: Briefing,
    rng: random.Random,
    *,
    flag_risk: str | None = None,
    wrong_first: bool = True,
    clock: StepClock | None = None,
) -> None:
    """Take a started-or-new briefing from wherever it is to signed, doing what each screen asks;
    with the briefing's `clock` (a StepClock), a few seconds pass before each thing done."""

    def pause() -> None:
        if clock is not None:
            clock.step()

    while b.current.kind is not ScreenKind.DONE:
        screen = b.current
        pause()
        if screen.kind is ScreenKind.IDENTITY and not b.identity_confirmed:
            assert b.patient is not None
            b.confirm_identity(b.patient.date_of_birth)
        elif screen.kind is ScreenKind.RISK and screen.id not in b.acknowledgements:
            b.read_to_end()
            pause()
            b.acknowledge_risk()
            if screen.id == flag_risk:
                pause()
                b.flag_question()
        elif screen.kind is ScreenKind.QUESTION and not b.answers_to(screen.id):
            question = b.form.question(screen.id)
            if wrong_first and screen.id == b.form.questions[0].id:
                b.answer_question(next(c.id for c in question.choices if c.id != question.answer))
                pause()
                b.go_next()  # back from the teaching screen
                pause()
            b.answer_question(question.answer)
        elif screen.kind is ScreenKind.SIGN:
            b.read_to_end()
            pause()
            b.sign(signature(rng))
            continue
        pause()
        b.go_next()


@dataclass(frozen=True)
class DemoResult:
    folder: Path
    briefings: int
    pdfs: int


def fill_demo(
    folder: Path,
    form: Form,
    count: int,
    start: datetime,
    *,
    seed: int = 1,
    pdfs: bool = True,
    progress: Callable[[int, int], None] | None = None,
    translations: Mapping[str, Form] | None = None,
    language: str | None = None,
) -> DemoResult:
    """Make `count` completed briefings in the demo folder (its own database, key and PDFs), in
    `language` (one of the form's own or its `translations`, by language; default the form's)."""
    languages = {form.language: form, **(translations or {})}
    language = language or form.language
    if language not in languages:
        raise DemoError(
            f"the {form.id} procedure is not offered in {language!r}; "
            f"choose one of: {', '.join(languages)}."
        )
    database = folder / "kiosk.db"
    if database.exists() and not (folder / MARKER).exists():
        raise DemoError(
            f"{folder}: holds a database that is not demo data; kiosk demo never writes beside real "
            "records: choose another folder with --data-dir."
        )
    try:
        make_private_dirs(folder)  # synthetic, yet as private as a data folder
        (folder / MARKER).write_text(
            "Synthetic briefings made by `kiosk demo`: not patients.\n", encoding="utf-8"
        )
    except OSError as exc:
        raise DemoError(
            f"{folder}: the demo folder cannot be written ({_why(folder, exc)}); "
            "choose another folder with --data-dir."
        ) from None
    store = open_store(f"sqlite:///{database}", "demo-kiosk")
    try:
        signer = None
        if pdfs:
            key, cert = folder / "keys" / "kiosk-key.pem", folder / "keys" / "kiosk-cert.pem"
            if not key.exists():
                keys.create_identity(
                    key, cert, clinic="Demo clinic", kiosk_id="demo-kiosk", now=start
                )
            signer = keys.load_signer(
                key_path=key, cert_path=cert, pkcs12_path=None, pkcs12_password=None
            )
        rng = random.Random(seed)
        made = 0
        for n in range(count):
            clock = StepClock(start + timedelta(minutes=7 * n), rng)
            briefing_id = one_briefing(store, form, rng, clock, languages, language)
            if signer is not None:
                make_document(
                    store,
                    briefing_id,
                    {form.id: form},
                    signer,
                    folder / "documents",
                    clock.now(),  # once signed: each PDF after its own briefing, not at the start
                    translations={form.id: languages},
                )
                made += 1
            if progress:
                progress(n + 1, count)
        return DemoResult(folder, count, made)
    finally:
        store.close()


def _why(folder: Path, exc: OSError) -> str:
    """Why `folder` cannot be made or written: a file in the way, else the system's words."""
    existing = nearest_existing(folder)
    if existing.exists() and not existing.is_dir():
        return f"{'it' if existing == folder else existing} is a file, not a folder"
    return exc.strerror or type(exc).__name__


def one_briefing(
    store: Store,
    form: Form,
    rng: random.Random,
    clock: Clock,
    languages: Mapping[str, Form] | None = None,
    language: str | None = None,
) -> str:
    name = rng.choice(NAMES)
    dob = date(rng.randint(1935, 1975), rng.randint(1, 12), rng.randint(1, 28))
    mrn = f"DEMO-{rng.randint(100000, 999999)}"
    briefing_id = prepare_briefing(
        store,
        form,
        name=name,
        date_of_birth=dob,
        mrn=mrn,
        staff="Demo coordinator",
        now=clock.now(),
        language=language,
    )
    keep(store, [form, *(languages or {}).values()], form, clock.now())
    step = clock if isinstance(clock, StepClock) else None
    if step is not None:
        step.step()  # the patient comes to the kiosk a moment after staff prepared it
    b = Briefing(
        form,
        briefing_id,
        Recorder(store),
        clock,
        patient=Patient(name, dob, mrn),
        languages=languages,
        language=language,
    )
    flag = rng.choice([None, None, *(r.id for r in form.risks)])
    walk_through(b, rng, flag_risk=flag, wrong_first=rng.random() < 0.3, clock=step)
    return briefing_id
