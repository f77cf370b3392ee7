"""`kiosk init` makes the signing identity, `kiosk doctor` checks it, `kiosk verify` judges a PDF."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.document.identity import load_signer
from kiosk.document.make import make_document
from kiosk.store import open_store
from tests.document.conftest import FORM, SignedBriefing
from tests.document.conftest import signed as signed


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The kiosk's own embedded database, where `kiosk init` puts it."""
    return f"sqlite:///{tmp_path / 'data' / 'kiosk.db'}"


def test_init_makes_an_owner_only_key_and_doctor_checks_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "init")
    assert code == 0
    key = tmp_path / "data" / "keys" / "kiosk-key.pem"
    assert f"identity  created   {key}" in out
    assert key.stat().st_mode & 0o077 == 0
    assert "identity  kept      " in run(capsys, "init")[1]
    code, out, _ = run(capsys, "doctor")
    assert code == 0, out
    lines = {line.split("  ")[2].strip(): line for line in out.splitlines()}
    assert lines["signing key"].startswith("ok")
    assert "valid until" in lines["signing key"]
    assert lines["fonts"].startswith("ok")


def test_doctor_names_an_unreadable_or_exposed_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "init")
    key = tmp_path / "data" / "keys" / "kiosk-key.pem"
    key.chmod(0o644)
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    line = next(line for line in out.splitlines() if "signing key" in line)
    assert line.startswith("FAIL")
    assert str(key) in line
    key.write_text("not a key")
    key.chmod(0o600)
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert next(line for line in out.splitlines() if "signing key" in line).startswith("FAIL")


def test_verify_accepts_an_intact_pdf_and_refuses_a_changed_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], signed: SignedBriefing
) -> None:
    run(capsys, "init")
    config = load_config()
    briefing_id = signed()
    store = open_store(config.database_url, config.kiosk_id)
    made = make_document(
        store,
        briefing_id,
        {FORM.id: FORM},
        load_signer(config, datetime.now(UTC)),
        config.documents_dir,
        datetime.now(UTC),
    )
    store.close()
    code, out, _ = run(capsys, "verify", str(made.path))
    assert code == 0
    assert out.startswith(f"{made.path}: intact: briefing {briefing_id}")
    data = bytearray(made.path.read_bytes())
    data[data.index(b"stream") + 200] ^= 0x01
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(bytes(data))
    code, _, err = run(capsys, "verify", str(copy))
    assert code == 1
    assert (
        err
        == f"{copy}: NOT intact: the signature does not match the file (it was changed after signing)\n"
    )
    code, _, err = run(capsys, "verify", str(tmp_path / "missing.pdf"))
    assert code == 6  # not checked: no verdict on the PDF
    assert "cannot be read" in err


def test_doctor_repair_makes_pending_pdfs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], signed: SignedBriefing
) -> None:
    run(capsys, "init")
    config_file = tmp_path / "config" / "kiosk.toml"  # the briefing below is made by kiosk-test
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(
        text.replace(f'kiosk_id = "{load_config().kiosk_id}"', 'kiosk_id = "kiosk-test"'),
        encoding="utf-8",
    )
    briefing_id = signed()
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert (
        "FAIL  pending PDFs  1 signed briefing(s) still without a PDF; run `kiosk doctor --repair`"
        in out
    )
    code, out, _ = run(capsys, "doctor", "--repair")
    assert code == 0, out
    assert "ok    repair        1 pending PDF(s) made" in out
    assert "ok    pending PDFs  none" in out
    pdfs = list((tmp_path / "data" / "documents").glob("*.pdf"))
    assert [p.name.endswith(f"{briefing_id}.pdf") for p in pdfs] == [True]
    assert "no PDF was pending" in run(capsys, "doctor", "--repair")[1]


def test_doctor_names_an_unwritable_pdf_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "init")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    config_file = tmp_path / "config" / "kiosk.toml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(
        text.replace('documents_dir = ""', f'documents_dir = "{blocker / "pdfs"}"'),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert f"FAIL  PDF folder    {blocker / 'pdfs'}: cannot be written" in out
