"""Records fixtures: a store holding briefings in every state, made through the real engine and store."""

from __future__ import annotations

import copy
import dataclasses
import os
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.content import Form, load_form
from kiosk.content.loader import parse_form
from kiosk.demo import StepClock, signature, walk_through
from kiosk.document import keys
from kiosk.document.make import make_document
from kiosk.session import Briefing, DrawnSignature, Patient, ScreenKind
from kiosk.session.events import AbandonReason
from kiosk.session.signature import TypedSignature
from kiosk.store import Recorder, Store, open_store
from kiosk.store.briefings import prepare_briefing
from kiosk.store.models import Document
from tests.conftest import MILD, SMALL_FORM, Templates, built_for

FORM = load_form(MILD)
PNG = b"\x89PNG\r\n\x1a\n-not-really-a-png-but-bytes"
FORMULA_NAME = '=HYPERLINK("http://evil.example","click")'


@dataclass
class Made:
    """The briefings of the `made` fixture, by role, and the small form used for one of them."""

    store: Store
    completed: str  # Ana Ruiz, 2026-11-20, flagged a risk (open question), drawn signature with PNG, PDF made
    typed: str  # the formula name, 2026-11-21, typed signature attested by Dana Okafor, PDF pending
    abandoned: str  # Zoë Ångström, 2026-11-22, two risks acknowledged then abandoned
    prepared: str  # Ben Okafor, prepared 2026-11-23, never started
    in_progress: str  # 王小明, 2026-11-24, small form, one risk acknowledged
    small: Form
    documents: Path


def _start(
    store: Store, form: Form, name: str, dob: date, mrn: str | None, when: datetime
) -> tuple[Briefing, StepClock, random.Random]:
    rng = random.Random(name)
    clock = StepClock(when, rng)
    briefing_id = prepare_briefing(
        store, form, name=name, date_of_birth=dob, mrn=mrn, staff="Nurse Lee", now=clock.now()
    )
    clock.step()  # the patient comes to the kiosk a moment after staff prepared it
    b = Briefing(form, briefing_id, Recorder(store), clock, patient=Patient(name, dob, mrn))
    return b, clock, rng


def walk_to(
    b: Briefing,
    kind: ScreenKind,
    *,
    flag: str | None = None,
    risks: int = 99,
    clock: StepClock | None = None,
) -> None:
    """Like kiosk.demo.walk_through (a few seconds passing on `clock` before each thing done), but
    stop on the first screen of `kind` (or after `risks` acknowledgements)."""

    def pause() -> None:
        if clock is not None:
            clock.step()

    while b.current.kind is not kind:
        screen = b.current
        pause()
        if screen.kind is ScreenKind.IDENTITY and not b.identity_confirmed:
            assert b.patient is not None
            b.confirm_identity(b.patient.date_of_birth)
        elif screen.kind is ScreenKind.RISK and screen.id not in b.acknowledgements:
            if len(b.acknowledgements) >= risks:
                return
            b.read_to_end()
            pause()
            b.acknowledge_risk()
            if screen.id == flag:
                b.flag_question()
        elif screen.kind is ScreenKind.QUESTION and not b.answers_to(screen.id):
            b.answer_question(b.form.question(screen.id).answer)
        pause()
        b.go_next()


@pytest.fixture(scope="session")
def signer_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("records-keys")
    key, cert = folder / "key.pem", folder / "cert.pem"
    keys.create_identity(
        key, cert, clinic="Test clinic", kiosk_id="kiosk-test", now=datetime.now(UTC)
    )
    return key, cert


@pytest.fixture
def store_template(
    signer_files: tuple[Path, Path], form_data: dict[str, Any]
) -> tuple[str, Callable[[str, Path], Made]]:
    """The `store` of a test that uses `made` is a copy of a database `make_briefings` filled once
    per engine and test process (tests/conftest.py, `db_url`)."""
    assert form_data == SMALL_FORM  # what the template is made from

    def build(url: str, folder: Path) -> Made:
        built = open_store(url, "kiosk-test")
        try:
            made = make_briefings(
                built, folder / "documents", copy.deepcopy(SMALL_FORM), signer_files
            )
        finally:
            built.close()
        shutil.copytree(made.documents, folder / "documents-as-made", symlinks=True)
        return made

    return "made", build


@pytest.fixture
def made(
    store: Store,
    form_data: dict[str, Any],
    store_template: tuple[str, Callable[[str, Path], Made]],
    db_templates: Templates,
) -> Made:
    """`make_briefings` on this test's store: its database is a copy of the template's, and the
    documents folder (whose PDF the database names by its path) is put back as it was made."""
    template: Made = built_for(store, db_templates, store_template[0])
    as_made = template.documents.with_name("documents-as-made")
    if template.documents.exists():  # a test may have altered, removed or locked its files
        for folder, _, _ in os.walk(template.documents):
            os.chmod(folder, 0o755)
        shutil.rmtree(template.documents)
    shutil.copytree(as_made, template.documents, symlinks=True)
    return dataclasses.replace(template, store=store, small=parse_form(form_data, "small.toml"))


def make_briefings(
    store: Store, documents: Path, form_data: dict[str, Any], signer_files: tuple[Path, Path]
) -> Made:
    """Five briefings, one in each state (see `Made`), the first with its PDF made and sealed."""
    small = parse_form(form_data, "small.toml")

    b, clock, rng = _start(
        store, FORM, "Ana Ruiz", date(1950, 5, 6), "MRN-1001", datetime(2026, 11, 20, 9, tzinfo=UTC)
    )
    walk_to(b, ScreenKind.SIGN, flag=FORM.risks[2].id, clock=clock)
    strokes = signature(rng).strokes
    b.read_to_end()
    clock.step()
    b.sign(DrawnSignature(strokes, image_png=PNG))
    completed = b.briefing_id
    signer = keys.load_signer(
        key_path=signer_files[0], cert_path=signer_files[1], pkcs12_path=None, pkcs12_password=None
    )
    make_document(store, completed, {FORM.id: FORM}, signer, documents, datetime.now(UTC))

    b, clock, _ = _start(
        store, FORM, FORMULA_NAME, date(1961, 1, 2), "@MRN-2", datetime(2026, 11, 21, 9, tzinfo=UTC)
    )
    walk_to(b, ScreenKind.SIGN, clock=clock)
    b.read_to_end()
    clock.step()
    b.sign(TypedSignature(FORMULA_NAME, "Dana Okafor"))
    typed = b.briefing_id

    b, clock, _ = _start(
        store, FORM, "Zoë Ångström", date(1944, 2, 3), None, datetime(2026, 11, 22, 9, tzinfo=UTC)
    )
    walk_to(b, ScreenKind.DONE, risks=2, clock=clock)
    clock.step()
    b.abandon(AbandonReason.STAFF)
    abandoned = b.briefing_id

    prepared = prepare_briefing(
        store,
        FORM,
        name="Ben Okafor",
        date_of_birth=date(1970, 7, 8),
        mrn="MRN-4004",
        staff="Nurse Lee",
        now=datetime(2026, 11, 23, 9, tzinfo=UTC),
    )

    b, clock, _ = _start(
        store, small, "王小明", date(1980, 8, 9), "MRN-5005", datetime(2026, 11, 24, 9, tzinfo=UTC)
    )
    walk_to(b, ScreenKind.DONE, risks=1, clock=clock)
    in_progress = b.briefing_id
    return Made(store, completed, typed, abandoned, prepared, in_progress, small, documents)


def walk_whole(store: Store, form: Form, name: str, when: datetime) -> str:
    """One more complete briefing the demo's way (for tests that need a few of the same kind)."""
    b, clock, rng = _start(store, form, name, date(1955, 1, 1), None, when)
    walk_through(b, rng, clock=clock)
    return b.briefing_id


def pdf_path(made: Made) -> Path:
    """Where the completed briefing's PDF is."""
    with made.store.reading() as session:
        path = session.execute(
            select(Document.path).where(Document.briefing_id == made.completed)
        ).scalar_one()
    assert path is not None
    return made.documents / path  # stored relative to the documents folder
