"""`kiosk verify` says what it found, with its own exit status: genuine, a look-alike seal refused by
the trust list, another briefing's PDF filed under this one's name (verify, doctor and export agree),
a briefing not in the store searched, the store's own record damaged; and `kiosk cert show`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text

from kiosk.cli import main
from kiosk.config import Config, load_config
from kiosk.document import keys
from kiosk.document.identity import load_signer
from kiosk.document.make import Made, make_document, pdf_bytes
from kiosk.document.record import load_record
from kiosk.store import Store
from kiosk.store.models import Document
from tests.document.conftest import FORM, SignedBriefing
from tests.document.conftest import signed as signed

NOW = datetime.now(UTC)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The kiosk's own embedded database, where `kiosk init` puts it."""
    return f"sqlite:///{tmp_path / 'data' / 'kiosk.db'}"


@dataclass
class Two:
    config: Config
    store: Store
    a: Made
    b: Made


@pytest.fixture
def two(capsys: pytest.CaptureFixture[str], signed: SignedBriefing, store: Store) -> Two:
    """`kiosk init`, then two signed briefings with their PDFs made by this kiosk."""
    assert main(["init"]) == 0
    capsys.readouterr()
    config = load_config()
    signer = load_signer(config, NOW)
    store.kiosk_id = config.kiosk_id  # the briefings are this kiosk's
    made = [
        make_document(store, signed(name), {FORM.id: FORM}, signer, config.documents_dir, NOW)
        for name in ("Ana Ruiz", "Ben Okafor")
    ]
    return Two(config, store, *made)


def trust_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    code, pem, _ = run(capsys, "cert", "show", "--pem")
    assert code == 0 and pem.startswith("-----BEGIN CERTIFICATE-----")
    path = tmp_path / "kiosk-cert.pem"
    path.write_text(pem)
    return path


def test_cert_show_prints_the_fingerprint_the_pdf_carries(
    two: Two, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "cert", "show")
    assert code == 0
    fingerprint = out.splitlines()[1].split()[1]
    assert len(fingerprint) == 95  # 32 bytes as AB:CD:…
    pages = "".join(page.extract_text() for page in PdfReader(two.a.path).pages)
    assert fingerprint in pages.replace("\n", "")


def test_a_look_alike_seal_is_refused_by_the_trust_list(
    two: Two, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trusted = trust_file(capsys, tmp_path)
    code, out, _ = run(capsys, "verify", str(two.a.path), "--trust", str(trusted))
    assert code == 0
    assert "which the trust list holds" in out
    # The forgery: the true record attached, one risk gone from the pages, sealed with a fresh
    # self-signed key under the very same name.
    forged_key, forged_cert = tmp_path / "forged-key.pem", tmp_path / "forged-cert.pem"
    keys.create_identity(
        forged_key,
        forged_cert,
        clinic=str(two.config["clinic_name"]),
        kiosk_id=two.config.kiosk_id,
        now=NOW,
    )
    forger = keys.load_signer(
        key_path=forged_key, cert_path=forged_cert, pkcs12_path=None, pkcs12_password=None
    )
    with two.store.reading() as session:
        record = load_record(session, two.a.briefing_id)
    fewer = FORM.model_copy(update={"risks": FORM.risks[1:]})
    forged = tmp_path / two.a.path.name
    forged.write_bytes(pdf_bytes(record, fewer, forger))
    code, _, err = run(capsys, "verify", str(forged), "--trust", str(trusted))
    assert code == 1
    assert "which is not in the trust list: a look-alike certificate" in err
    code, _, err = run(capsys, "verify", str(forged))  # and against the store
    assert code == 1
    assert "is not the one stored for briefing" in err


def test_a_pdf_copied_over_another_is_named_by_verify_doctor_and_export(
    two: Two, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    two.b.path.write_bytes(two.a.path.read_bytes())
    code, _, err = run(capsys, "verify", str(two.b.path))
    assert code == 4
    assert (
        f"this is the genuine PDF of briefing {two.a.briefing_id}, filed under briefing "
        f"{two.b.briefing_id}'s name" in err
    )
    said = f"briefing {two.b.briefing_id}: its PDF {two.b.path} is briefing {two.a.briefing_id}'s PDF, copied over it"
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    line = next(line for line in out.splitlines() if "PDF files" in line)
    assert line.startswith("FAIL") and said in line
    target = tmp_path / "out"
    code, _, err = run(
        capsys, "records", "export", "--format", "pdf", "--output", str(target), "--quiet"
    )
    assert said in err or said in (target / "NOT-INCLUDED.txt").read_text()


def test_a_genuine_pdf_checked_against_another_store(
    two: Two, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "elsewhere"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(other))
    assert main(["init"]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "verify", str(two.a.path))
    assert (code, out) == (3, "")
    assert (
        f"briefing {two.a.briefing_id} is not in the store searched ({other / 'kiosk.db'}), "
        "though its seal by CN=" in err
    )


def test_a_lost_signature_row_is_the_store_damaged_not_a_traceback(
    two: Two, capsys: pytest.CaptureFixture[str]
) -> None:
    with two.store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        conn.execute(
            text("DELETE FROM audit_log WHERE action = 'signed' AND subject = :s"),
            {"s": f"briefing:{two.a.briefing_id}"},
        )
    code, _, err = run(capsys, "verify", str(two.a.path))
    assert code == 5
    assert f"the store's own record of briefing {two.a.briefing_id} is damaged" in err
    assert "run `kiosk audit verify`" in err


def test_a_trust_file_that_is_not_a_certificate_is_one_sentence(
    two: Two, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "not-a-cert.pem"
    bad.write_text("hello")
    code, _, err = run(capsys, "verify", str(two.a.path), "--trust", str(bad))
    assert code == 6  # not checked: no verdict on the PDF (1 says it was changed)
    assert (
        err
        == f"kiosk verify: {bad}: is not a PEM certificate; use the file `kiosk cert show --pem` prints.\n"
    )
    assert os.path.exists(two.a.path)


def test_the_trust_setting_verifies_without_a_store(
    two: Two, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hospital's machine: the trust list in its settings file, no store, no --trust."""
    from tests.conftest import set_config

    trusted = trust_file(capsys, tmp_path)
    other = tmp_path / "other-cert.pem"
    keys.create_identity(tmp_path / "other-key.pem", other, clinic="", kiosk_id="k9", now=NOW)
    config_file = Path(os.environ["KIOSK_CONFIG"])
    set_config(config_file, trust=[str(other)])
    code, _, err = run(capsys, "verify", str(two.a.path))
    assert code == 1
    assert "which is not in the trust list: a look-alike certificate" in err
    set_config(config_file, trust=[str(other), str(trusted)])
    code, out, _ = run(capsys, "verify", str(two.a.path))
    assert code == 0
    assert "which the trust list holds" in out
    set_config(config_file, trust=["kiosk-cert.pem"])
    code, _, err = run(capsys, "verify", str(two.a.path))
    assert code == 6
    assert "trust: ['kiosk-cert.pem'] is not allowed; use a list of absolute paths" in err
    assert "Traceback" not in err


def test_a_trust_file_that_cannot_be_read_is_named_with_where_it_was_given(
    two: Two, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reviewer's missing trust file was refused as "/path/missing.pem: the trust file cannot be
    read…", the same words whether it came from --trust or from the settings file."""
    from tests.conftest import set_config

    missing = tmp_path / "missing.pem"
    code, _, err = run(capsys, "verify", str(two.a.path), "--trust", str(missing))
    assert (code, err) == (
        6,
        f"kiosk verify: {missing}: the trust file cannot be read (No such file or directory); "
        "check the path.\n",
    )
    config_file = Path(os.environ["KIOSK_CONFIG"])
    set_config(config_file, trust=[str(missing)])
    code, _, err = run(capsys, "verify", str(two.a.path))
    assert (code, err) == (
        6,
        f"kiosk verify: {config_file}: trust: {missing} cannot be read (No such file or "
        "directory); correct the path in the trust setting or take it out.\n",
    )
    bad = tmp_path / "not-a-cert.pem"
    bad.write_text("hello")
    set_config(config_file, trust=[str(bad)])
    code, _, err = run(capsys, "verify", str(two.a.path))
    assert (code, err) == (
        6,
        f"kiosk verify: {config_file}: trust: {bad} is not a PEM certificate; use the file "
        "`kiosk cert show --pem` prints.\n",
    )


def _kiosk(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process."""
    command = Path(sys.executable).with_name("kiosk")
    return subprocess.run(
        [str(command), *args],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_data_folder_copied_elsewhere_finds_its_own_pdfs(two: Two, tmp_path: Path) -> None:
    """A data folder copied with `cp -a` to a new place (a restore, a new disk) is whole there: the
    store names each PDF relative to the documents folder, so `kiosk doctor` passes and the exports
    read the copied PDFs, with the original folder gone. Run as IT would, each its own process."""
    with two.store.reading() as session:
        stored = session.execute(select(Document.path).order_by(Document.id)).scalars().all()
    assert stored == [two.a.path.name, two.b.path.name]  # relative, no folder of this machine
    two.store.close()
    original = two.config.data_dir
    copied = tmp_path / "restored" / "kiosk-data"
    copied.parent.mkdir()
    subprocess.run(["cp", "-a", str(original), str(copied)], check=True)
    original.rename(tmp_path / "gone")  # nothing may be read from the old place
    env = {"KIOSK_DATA_DIR": str(copied), "KIOSK_CONFIG": os.environ["KIOSK_CONFIG"]}

    doctor = _kiosk("doctor", **env)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "2 PDF(s) match the SHA-256 stored at sealing" in doctor.stdout
    assert str(copied / "kiosk.db") in doctor.stdout

    pdfs = _kiosk("records", "export", "--format", "pdf", "--output", str(tmp_path / "pdfs"), **env)
    assert pdfs.returncode == 0, pdfs.stderr
    assert (tmp_path / "pdfs" / two.a.path.name).read_bytes() == (
        copied / "documents" / two.a.path.name
    ).read_bytes()
    fhir = _kiosk(
        "records", "export", "--format", "fhir", "--output", str(tmp_path / "f.json"), **env
    )
    assert fhir.returncode == 0 and fhir.stderr == "", fhir.stderr
    bundle = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    references = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "DocumentReference"
    ]
    assert len(references) == 2
    assert all("hash" in r["content"][0]["attachment"] for r in references)  # the files were read


def test_a_pdf_that_could_not_be_checked_is_not_said_to_be_changed(
    two: Two, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped path, a folder or a settings file not there exited 1, the status of a changed
    PDF: an auditor's script would read a typo as tampering (a reviewer)."""
    for path in (tmp_path / "none.pdf", tmp_path):
        code, _, err = run(capsys, "verify", str(path))
        assert code == 6 and "cannot be read" in err, err
    code, _, err = run(capsys, "--config", str(tmp_path / "typo.toml"), "verify", str(two.a.path))
    assert code == 6 and "there is no settings file there" in err


def _flipped_in_the_signature(pdf: bytes, found: bytes) -> bytes:
    """One hex digit changed in the signature's /Contents (upper-case hex), where `found` first is."""
    contents = pdf.index(b"/Contents <") + len(b"/Contents <")
    at = pdf.index(found, contents) + 1
    return pdf[:at] + (b"0" if pdf[at : at + 1] != b"0" else b"1") + pdf[at + 1 :]


def test_a_changed_byte_in_the_signature_is_said_plainly(
    two: Two, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reviewer changed one byte of the certificate inside the signature: verify printed the
    library's words cut short ("Signing certificate attribute does not match selected signer's
    certificate for subject"Common Name: demo-kiosk, Organ…")."""
    pdf = two.a.path.read_bytes()
    name = two.config.kiosk_id.encode().hex().upper().encode()  # in the certificate's subject
    for where in (name, b"3082"):  # in the certificate; the container's first DER sequence
        changed = tmp_path / "changed.pdf"
        changed.write_bytes(_flipped_in_the_signature(pdf, where))
        code, out, err = run(capsys, "verify", str(changed))
        assert (code, out) == (1, "")
        assert err == (
            f"{changed}: NOT intact: the signature does not match its certificate or cannot be "
            "read: the file was changed after signing, or it is not a PDF this kiosk sealed\n"
        )
