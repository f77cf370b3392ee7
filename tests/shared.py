"""Helpers more than one test module uses (test modules never import each other)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from pathlib import Path

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content import Form
from kiosk.demo import signature
from kiosk.session import Briefing, Patient, ScreenKind
from kiosk.station import Station
from kiosk.store import Recorder, Store
from kiosk.store.briefings import prepare_briefing
from tests.conftest import set_config
from tests.session.fakes import FakeClock


def open_station(tmp_path: Path, clock: FakeClock, **settings: object) -> Station:
    """A station on a data folder `kiosk init` made (run in a test's own folder), with these settings."""
    assert main(["init"]) == 0
    set_config(tmp_path / "config" / "kiosk.toml", **settings)
    return Station.open(load_config(), clock)


def fake_lp(folder: Path, script: str) -> None:
    """A print spooler `lp` in `folder` that runs `script` (put the folder first on PATH)."""
    folder.mkdir(exist_ok=True)
    lp = folder / "lp"
    lp.write_text(f"#!/bin/sh\n{script}\n")
    lp.chmod(0o755)


def walk_in_languages(
    store: Store,
    languages: dict[str, Form],
    language: str,
    *,
    switch_to: str | None = None,
    switch_after_risks: int = 3,
    name: str = "María José García",
    when: datetime | None = None,
) -> str:
    """A whole briefing through the real engine and store, prepared and started in `language`;
    with `switch_to`, the patient switches language after `switch_after_risks` acknowledgements
    (the risk after them flagged first, in the first language). Returns its id."""
    source = next(f for f in languages.values() if f.translation is None)
    clock = FakeClock(when or datetime(2026, 11, 23, 14, 0, tzinfo=UTC))
    dob = date(1948, 3, 14)
    briefing_id = prepare_briefing(
        store, source, name=name, date_of_birth=dob, mrn="MRN-77", staff="Nurse Lee",
        now=clock.now(), language=language,
    )  # fmt: skip
    b = Briefing(
        source, briefing_id, Recorder(store), clock, patient=Patient(name, dob),
        languages=languages, language=language,
    )  # fmt: skip
    while b.current.kind is not ScreenKind.DONE:
        screen = b.current
        clock.advance(7)
        if screen.kind is ScreenKind.IDENTITY and not b.identity_confirmed:
            b.confirm_identity(dob)
        elif screen.kind is ScreenKind.RISK and screen.id not in b.acknowledgements:
            if switch_to and len(b.acknowledgements) == switch_after_risks:
                b.flag_question()
                b.switch_language(switch_to)
            b.read_to_end()
            b.acknowledge_risk()
        elif screen.kind is ScreenKind.QUESTION and not b.answers_to(screen.id):
            b.answer_question(b.form.question(screen.id).answer)
        elif screen.kind is ScreenKind.SIGN:
            b.read_to_end()
            b.sign(signature(random.Random(1)))
            continue
        b.go_next()
    return briefing_id
