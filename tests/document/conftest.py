"""PDF fixtures: a kiosk identity, and signed briefings made through the real engine and store."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.content import Form, load_form
from kiosk.document import keys, seal
from kiosk.session import Briefing, DrawnSignature, Patient, Point, ScreenKind, Stroke
from kiosk.store import Recorder, Store
from kiosk.store.briefings import prepare_briefing
from tests.conftest import MILD
from tests.session.fakes import FakeClock

FORM = load_form(MILD)
DOB = date(1951, 3, 14)
FLAGGED = "risk-dural-tear"


def wave() -> DrawnSignature:
    first = tuple(Point(20 + i * 4, 60 + 30 * math.sin(i / 3), i * 15) for i in range(60))
    second = tuple(Point(90 + i * 3, 100 - i * 2, 1000 + i * 15) for i in range(25))
    return DrawnSignature((Stroke(first), Stroke(second)))


@pytest.fixture(scope="session")
def signer(tmp_path_factory: pytest.TempPathFactory) -> seal.Signer:
    folder = tmp_path_factory.mktemp("keys")
    key, cert = folder / "key.pem", folder / "cert.pem"
    keys.create_identity(
        key, cert, clinic="St Anne's Clinic", kiosk_id="kiosk-7", now=datetime.now(UTC)
    )
    return keys.load_signer(key_path=key, cert_path=cert, pkcs12_path=None, pkcs12_password=None)


SignedBriefing = Callable[..., str]


@pytest.fixture
def signed(store: Store) -> SignedBriefing:
    """Make a whole briefing for `name` through the engine and store: a flag, one wrong answer, signed."""

    def make(name: str = "Zoë Ångström-Łukasiewicz", form: Form = FORM, **plan: Any) -> str:
        clock = FakeClock(datetime(2026, 11, 23, 14, 0, tzinfo=UTC))
        briefing_id = prepare_briefing(
            store,
            form,
            name=name,
            date_of_birth=DOB,
            mrn="MRN-0042",
            staff="Nurse Lee",
            now=clock.now(),
            **plan,
        )
        b = Briefing(form, briefing_id, Recorder(store), clock, patient=Patient(name, DOB))
        b.go_next()
        b.confirm_identity(DOB)
        b.go_next()
        while b.current.kind is not ScreenKind.QUESTION:
            clock.advance(11)
            if b.current.kind is ScreenKind.RISK:
                b.read_to_end()
                b.acknowledge_risk()
                if b.current.id == FLAGGED:  # a question flagged after the acknowledgement
                    clock.advance(3)
                    b.flag_question()
            b.go_next()
        first = form.questions[0]
        b.answer_question(next(c.id for c in first.choices if c.id != first.answer))
        clock.advance(20)
        b.go_next()
        b.answer_question(first.answer)
        b.go_next()
        while b.current.kind is ScreenKind.QUESTION:
            b.answer_question(form.question(b.current.id).answer)
            b.go_next()
        b.go_next()
        b.read_to_end()
        b.sign(wave())
        return briefing_id

    return make


def pdf_text(path: Path) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
