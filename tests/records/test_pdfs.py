"""The PDF export: signed PDFs copied and checked, a SHA256SUMS manifest, and what could not be included named."""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from sqlalchemy import select

from kiosk.records import ExportError, Filters, export_pdfs
from kiosk.records import pdfs as pdfs_module
from kiosk.store.models import AuditEntry
from tests.records.conftest import Made, pdf_path


def cert_sha256(signer_files: tuple[Path, Path]) -> str:
    cert = x509.load_pem_x509_certificate(signer_files[1].read_bytes())
    return cert.fingerprint(hashes.SHA256()).hex()


def test_folder_with_manifest_and_explanations(
    made: Made, tmp_path: Path, signer_files: tuple[Path, Path]
) -> None:
    out = tmp_path / "pdfs"
    result = export_pdfs(made.store, out, Filters(), by="Auditor", documents=made.documents)
    source = pdf_path(made)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [source.name, "SHA256SUMS", "NOT-INCLUDED.txt"]
    )
    assert (out / source.name).read_bytes() == source.read_bytes()
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    sha = cert_sha256(signer_files)
    colons = ":".join(sha[i : i + 2] for i in range(0, 64, 2)).upper()
    assert (out / "SHA256SUMS").read_text() == (  # the certificate, for `kiosk verify --trust`
        f"# {source.name}: sealed by kiosk kiosk-test, certificate SHA-256 {colons}\n"
        f"{digest}  {source.name}\n"
    )
    checked = subprocess.run(
        ["sha256sum", "-c", "--strict", "SHA256SUMS"], cwd=out, capture_output=True, text=True
    )
    assert checked.returncode == 0 and checked.stdout == f"{source.name}: OK\n"
    notes = (out / "NOT-INCLUDED.txt").read_text()
    assert f"briefing {made.typed}: its PDF is still pending" in notes
    assert "3 matching briefing(s) were never signed" in notes
    for unsigned, status in (
        (made.abandoned, "abandoned"), (made.prepared, "prepared"),
        (made.in_progress, "in progress"),
    ):  # fmt: skip
        assert f"briefing {unsigned}: {status}\n" in notes  # each named, as the console says
    assert (result.items, result.briefings, len(result.warnings)) == (1, 5, 1)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_zip_with_manifest(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "pdfs.zip"
    result = export_pdfs(
        made.store,
        target,
        Filters(patient="ana"),
        by="Auditor",
        documents=made.documents,
        as_zip=True,
    )
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        source = pdf_path(made)
        assert sorted(archive.namelist()) == sorted([source.name, "SHA256SUMS"])  # nothing left out
        assert archive.read(source.name) == source.read_bytes()
        assert archive.read("SHA256SUMS").decode().splitlines()[1:] == [
            f"{hashlib.sha256(source.read_bytes()).hexdigest()}  {source.name}"
        ]
    assert result.sha256 == hashlib.sha256(target.read_bytes()).hexdigest()
    assert result.warnings == []


def test_an_altered_or_missing_pdf_is_refused_and_named(made: Made, tmp_path: Path) -> None:
    source = pdf_path(made)
    source.write_bytes(source.read_bytes()[:-10])
    result = export_pdfs(
        made.store, tmp_path / "out", Filters(patient="ana"), by="Auditor", documents=made.documents
    )
    (warning,) = result.warnings
    assert "does not match the SHA-256 stored at signing" in warning and "kiosk verify" in warning
    assert not (tmp_path / "out" / source.name).exists()
    assert (tmp_path / "out" / "SHA256SUMS").read_text() == ""
    source.unlink()
    result = export_pdfs(
        made.store,
        tmp_path / "out2.zip",
        Filters(patient="ana"),
        by="Auditor",
        documents=made.documents,
        as_zip=True,
    )
    assert (
        "cannot be read (No such file or directory); restore it from a backup" in result.warnings[0]
    )


def test_refuses_a_folder_that_holds_files(made: Made, tmp_path: Path) -> None:
    out = tmp_path / "full"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists and is not an empty folder"):
        export_pdfs(made.store, out, Filters(), by="Auditor", documents=made.documents)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert (
        export_pdfs(made.store, empty, Filters(), by="Auditor", documents=made.documents).items == 1
    )  # an empty folder is fine


def test_a_failure_midway_leaves_no_folder(
    made: Made, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdfs_module, "_write", full_disk)
    with pytest.raises(OSError, match="No space left"):
        export_pdfs(made.store, tmp_path / "out", Filters(), by="Auditor", documents=made.documents)
    assert not (tmp_path / "out").exists()
    assert [
        p.name for p in tmp_path.iterdir() if p.name.startswith(".")
    ] == []  # no temporary folder
    with made.store.reading() as session:
        assert (
            session.execute(
                select(AuditEntry).where(AuditEntry.action == "records_exported")
            ).first()
            is None
        )


def test_the_pdf_export_is_audited(made: Made, tmp_path: Path) -> None:
    export_pdfs(made.store, tmp_path / "out", Filters(), by="Auditor", documents=made.documents)
    with made.store.reading() as session:
        entry = session.execute(
            select(AuditEntry).where(AuditEntry.action == "records_exported")
        ).scalar_one()
    detail = json.loads(entry.detail)
    assert (detail["format"], detail["briefings"], detail["items"], detail["left_out"]) == (
        "pdf-folder",
        5,
        1,
        1,
    )
    assert (
        detail["manifest_sha256"]
        == hashlib.sha256((tmp_path / "out" / "SHA256SUMS").read_bytes()).hexdigest()
    )


def test_a_pdf_kept_at_another_kiosk_is_said_to_be_there(made: Made, tmp_path: Path) -> None:
    """Kiosks sharing one database keep their PDFs in their own folders: exported from the desk,
    a PDF made at another kiosk was 'cannot be read; restore it from a backup' (a reviewer)."""
    from dataclasses import replace

    desk = replace(made.store, kiosk_id="desk")  # the same database, another kiosk's settings
    result = export_pdfs(
        desk, tmp_path / "out", Filters(patient="ana"), by="Auditor", documents=tmp_path / "none"
    )
    (warning,) = result.warnings
    assert "restore" not in warning
    assert f"kept at kiosk {made.store.kiosk_id}" in warning and "export it there" in warning
