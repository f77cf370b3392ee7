"""`kiosk demo`: synthetic complete briefings through the real engine, store and PDF, never beside real ones."""

from __future__ import annotations

import errno
import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.content import load_form
from kiosk.demo import MARKER, DemoError, fill_demo
from kiosk.document.verify import verify_pdf
from kiosk.store import audit, open_store
from kiosk.store.models import (
    BriefingRow,
    Document,
    QuestionFlag,
    RiskAcknowledgement,
    SignatureRow,
)
from tests.conftest import MILD

FORM = load_form(MILD)
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def test_demo_briefings_are_complete_sealed_and_verifiable(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = fill_demo(folder, FORM, 4, START, seed=7)
    assert (result.briefings, result.pdfs) == (4, 4)
    assert (folder / MARKER).is_file()
    store = open_store(f"sqlite:///{folder / 'kiosk.db'}", "demo-kiosk", create=False)
    try:
        with store.reading() as s:
            statuses = s.execute(select(BriefingRow.status)).scalars().all()
            assert statuses == ["completed"] * 4
            assert s.execute(
                select(func.count()).select_from(RiskAcknowledgement)
            ).scalar_one() == 4 * len(FORM.risks)
            assert s.execute(select(func.count()).select_from(QuestionFlag)).scalar_one() >= 0
            paths = s.execute(select(Document.path)).scalars().all()
            assert audit.verify(s).ok
        for path in paths:
            assert verify_pdf((folder / "documents" / path).read_bytes(), store).intact
    finally:
        store.close()
    again = fill_demo(folder, FORM, 2, START, pdfs=False)  # a demo folder can be filled again
    assert again.pdfs == 0


def test_demo_never_writes_beside_real_records(tmp_path: Path) -> None:
    real = tmp_path / "data"
    open_store(f"sqlite:///{real / 'kiosk.db'}", "front-desk").close()
    with pytest.raises(DemoError, match="holds a database that is not demo data"):
        fill_demo(real, FORM, 1, START)
    assert not (real / MARKER).exists()


def test_the_demo_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--briefings", "2", "--no-pdf"]) == 0
    out = capsys.readouterr().out
    folder = tmp_path / "data-demo"  # beside KIOSK_DATA_DIR (tests/conftest.py)
    assert out.splitlines() == [
        f"2 demo briefings (0 PDFs) in {folder}",
        f"use them with: KIOSK_DATA_DIR={folder} kiosk ...",
    ]
    assert main(["demo", "--briefings", "0"]) == 1
    assert main(["demo", "--procedure", "nope"]) == 1
    assert main(["init"]) == 0
    capsys.readouterr()
    assert main(["demo", "--briefings", "1", "--data-dir", str(tmp_path / "data")]) == 1
    assert "not demo data" in capsys.readouterr().err


def test_demo_briefings_in_a_language_and_an_unknown_one_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "demo-es"
    es = load_form(MILD.with_name("es.toml"))
    result = fill_demo(folder, FORM, 1, START, translations={"es": es}, language="es")
    assert result.pdfs == 1
    store = open_store(f"sqlite:///{folder / 'kiosk.db'}", "demo-kiosk", create=False)
    try:
        with store.reading() as s:
            assert s.execute(select(BriefingRow.language)).scalars().all() == ["es"]
            given = s.execute(select(RiskAcknowledgement.language)).scalars().all()
            assert set(given) == {"es"}
            (path,) = s.execute(select(Document.path)).scalars().all()
        assert verify_pdf((folder / "documents" / path).read_bytes(), store).intact
    finally:
        store.close()
    assert main(["demo", "--briefings", "1", "--language", "xx", "--no-pdf",
                 "--data-dir", str(tmp_path / "other")]) == 1  # fmt: skip
    said = capsys.readouterr().err.strip()
    assert said.startswith(
        "kiosk demo: the mild procedure is not offered in 'xx'; choose one of: en"
    )
    assert "\n" not in said and not (tmp_path / "other").exists()


def test_a_demo_folder_that_cannot_be_written_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not a folder\n", encoding="utf-8")

    def demo(folder: Path) -> str:
        assert main(["demo", "--briefings", "1", "--no-pdf", "--data-dir", str(folder)]) == 1
        said = capsys.readouterr().err
        assert said.count("\n") == 1 and "Traceback" not in said
        return said

    assert demo(afile) == (
        f"kiosk demo: {afile}: the demo folder cannot be written (it is a file, not a folder); "
        "choose another folder with --data-dir.\n"
    )
    assert demo(afile / "sub") == (
        f"kiosk demo: {afile / 'sub'}: the demo folder cannot be written ({afile} is a file, "
        "not a folder); choose another folder with --data-dir.\n"
    )

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)  # as on a read-only disk (root passes chmod)
    assert demo(tmp_path / "ro" / "demo") == (
        f"kiosk demo: {tmp_path / 'ro' / 'demo'}: the demo folder cannot be written "
        f"({os.strerror(errno.EROFS)}); choose another folder with --data-dir.\n"
    )
    assert afile.read_text(encoding="utf-8") == "not a folder\n"


def test_a_new_demo_folder_is_private(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "demo"
    fill_demo(folder, FORM, 1, START, pdfs=False)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700


def test_each_demo_pdf_is_made_after_its_own_briefing(tmp_path: Path) -> None:
    """A reviewer's events read "PDF made and sealed" at 6:09 PM before "Prepared" at 8:15 PM:
    every PDF was dated at the first briefing's start."""
    folder = tmp_path / "demo"
    fill_demo(folder, FORM, 3, START, seed=7)
    store = open_store(f"sqlite:///{folder / 'kiosk.db'}", "demo-kiosk", create=False)
    try:
        with store.reading() as s:
            rows = s.execute(
                select(BriefingRow.created_at, BriefingRow.ended_at, Document.made_at).join(
                    Document, Document.briefing_id == BriefingRow.id
                )
            ).all()
    finally:
        store.close()
    assert len(rows) == 3
    for created, ended, made in rows:
        assert created <= ended <= made


def test_every_demo_duration_matches_its_timestamps(tmp_path: Path) -> None:
    """A reviewer's Spanish demo briefing kept a risk shown at 15:45:19.885 and acknowledged at
    15:45:21.036 as 5.125 s on screen: the demo clock moved its seconds on without its wall time."""
    folder = tmp_path / "demo"
    es = load_form(MILD.with_name("es.toml"))
    fill_demo(folder, FORM, 6, START, pdfs=False, translations={"es": es}, language="es")
    store = open_store(f"sqlite:///{folder / 'kiosk.db'}", "demo-kiosk", create=False)
    try:
        with store.reading() as s:
            acks = s.execute(
                select(
                    RiskAcknowledgement.shown_at,
                    RiskAcknowledgement.acknowledged_at,
                    RiskAcknowledgement.seconds_on_screen,
                )
            ).all()
            signed = s.execute(
                select(
                    BriefingRow.started_at, SignatureRow.signed_at, SignatureRow.screen_times_json
                ).join(SignatureRow, SignatureRow.briefing_id == BriefingRow.id)
            ).all()
    finally:
        store.close()
    assert len(acks) == 6 * len(FORM.risks) and len(signed) == 6
    for shown, acknowledged, seconds in acks:
        assert seconds > 0
        assert (acknowledged - shown).total_seconds() == pytest.approx(seconds, abs=0.002)
    for started, signed_at, times in signed:  # every moment from the start is on some screen
        first, *after = json.loads(times)  # it starts as the patient leaves the first screen
        on_screens = sum(spent for _, _, spent in after)
        assert started is not None and first[2] > 0
        assert (signed_at - started).total_seconds() == pytest.approx(on_screens, abs=0.05)
