"""Each PDF drawn in a process of its own (kiosk.document.drawing): sealed and filed as before, each
by a fresh child that exits after it, and drawn here when that process cannot run."""

from __future__ import annotations

import logging
import os
import signal
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.content import load_form
from kiosk.document import seal
from kiosk.document.drawing import DrawingProcess
from kiosk.document.drawn import rehearsal
from kiosk.document.make import make_document, pdf_bytes
from kiosk.document.verify import verify_pdf
from kiosk.store import Store
from tests.conftest import MILD
from tests.document.conftest import FORM, SignedBriefing, pdf_text

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


@pytest.fixture
def drawing() -> Iterator[DrawingProcess]:
    process = DrawingProcess([FORM], retire_after=2)  # (no rehearsal: no signer given)
    process.start()
    yield process
    process.close()


def waiting(process: DrawingProcess) -> int:
    """The pid of the child that draws the next PDF."""
    child = process._next
    assert child is not None and child.process.pid is not None, "no child waits for a PDF"
    return child.process.pid


def test_pdfs_are_drawn_and_sealed_by_a_child_retired_after_a_few(
    store: Store,
    signed: SignedBriefing,
    signer: seal.Signer,
    tmp_path: Path,
    drawing: DrawingProcess,
) -> None:
    drawn_by: list[int] = []
    for name in ("Zoë Ångström-Łukasiewicz", "김민준", "Nguyễn Thị Minh Khai"):
        briefing_id = signed(name=name)
        drawn_by.append(waiting(drawing))
        made = make_document(
            store, briefing_id, {FORM.id: FORM}, signer, tmp_path, NOW, draw=drawing.draw
        )
        verdict = verify_pdf(made.path.read_bytes(), store, name=made.path.name)
        assert verdict.intact, verdict.message
        assert name in " ".join(pdf_text(made.path).split())
    first, second, third = drawn_by
    assert os.getpid() not in drawn_by
    assert first == second != third  # the first child drew two, then retired
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)  # and is gone, with what it kept
    assert waiting(drawing) == third


def test_a_pdf_is_drawn_here_when_its_process_dies(
    store: Store,
    signed: SignedBriefing,
    signer: seal.Signer,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    process = DrawingProcess([FORM])
    process.start()
    try:
        os.kill(waiting(process), signal.SIGKILL)  # the child waiting for the next PDF is killed
        briefing_id = signed()
        with caplog.at_level(logging.WARNING):
            made = make_document(
                store, briefing_id, {FORM.id: FORM}, signer, tmp_path, NOW, draw=process.draw
            )
        verdict = verify_pdf(made.path.read_bytes(), store, name=made.path.name)
        assert verdict.intact, verdict.message
        (said,) = [r.getMessage() for r in caplog.records if "drawn in the kiosk" in r.getMessage()]
        assert "its own could not run" in said and "\n" not in said
        assert process._next is not None
    finally:
        process.close()


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_each_forms_rehearsal_is_drawn_and_sealed(
    language: str, signer: seal.Signer, tmp_path: Path
) -> None:
    """What a child draws as it starts, for every language shipped: a whole, sealed PDF."""
    form = load_form(MILD.with_name(f"{language}.toml"))
    pdf = pdf_bytes(rehearsal(form), form, signer)
    verdict = verify_pdf(pdf, None)
    assert verdict.intact, verdict.message
    (tmp_path / "r.pdf").write_bytes(pdf)
    text = unicodedata.normalize("NFKC", " ".join(pdf_text(tmp_path / "r.pdf").split()))
    assert "\ufffd" not in text
    if language != "ar":  # (Arabic's words come back in their joined forms: the title is checked
        assert form.risks[-1].title in text  # by the PDF tests of that language)
