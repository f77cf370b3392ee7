"""The kiosk's start: a crashed briefing is closed as abandoned and a pending PDF is made."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.document.make import pending
from kiosk.session import Briefing, Patient, ScreenKind
from kiosk.startup import start_kiosk
from kiosk.store import Recorder, open_store
from kiosk.store.briefings import prepare_briefing
from tests.document.conftest import DOB, FORM, SignedBriefing
from tests.document.conftest import signed as signed
from tests.session.fakes import FakeClock


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'data' / 'kiosk.db'}"


def test_start_closes_crashed_briefings_and_makes_pending_pdfs(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    signed: SignedBriefing,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()
    config_file = tmp_path / "config" / "kiosk.toml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(
        text.replace(f'kiosk_id = "{load_config().kiosk_id}"', 'kiosk_id = "kiosk-test"'),
        encoding="utf-8",
    )
    config = load_config()
    done = signed()  # signed while the disk was full: its PDF is pending
    store = open_store(config.database_url, config.kiosk_id)
    clock = FakeClock()
    crashed = prepare_briefing(
        store, FORM, name="Ana Ruiz", date_of_birth=DOB, mrn=None, staff="Nurse", now=clock.now()
    )
    b = Briefing(FORM, crashed, Recorder(store), clock, patient=Patient("Ana Ruiz", DOB))
    b.go_next()
    b.confirm_identity(DOB)
    while b.current.kind is not ScreenKind.RISK:
        b.go_next()
    b.read_to_end()
    b.acknowledge_risk()  # ...and then the power went
    store.close()

    started = start_kiosk(config, datetime.now(UTC))
    try:
        assert started.recovered == [crashed]
        assert [m.briefing_id for m in started.made] == [done]
        assert started.problems == []
        assert pending(started.store) == []
        assert started.made[0].path.parent == config.documents_dir
    finally:
        started.store.close()


def test_start_without_a_usable_key_says_so_and_keeps_going(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    config = load_config()
    os.chmod(config.signing_key, 0o600)
    config.signing_key.write_text("not a key")
    started = start_kiosk(config, datetime.now(UTC))
    try:
        assert started.made == []
        assert len(started.problems) == 1
        assert started.problems[0].startswith("pending PDFs were not made: ")
        assert "signing_key" in started.problems[0]
    finally:
        started.store.close()


def test_start_logs_a_forms_dir_that_is_not_there(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Only doctor had named it: the kiosk showed the shipped forms alone, its log silent."""
    from tests.conftest import set_config

    assert main(["init"]) == 0
    missing = tmp_path / "nonexistent" / "forms"
    set_config(load_config().path, forms_dir=str(missing))
    with caplog.at_level("ERROR", logger="kiosk.startup"):
        started = start_kiosk(load_config(), datetime.now(UTC))
    started.store.close()
    said = [
        r.getMessage()
        for r in caplog.records
        if r.name == "kiosk.startup" and r.levelname == "ERROR" and "forms_dir:" in r.getMessage()
    ]
    assert len(said) == 1 and f"forms_dir: {missing} does not exist" in said[0]
