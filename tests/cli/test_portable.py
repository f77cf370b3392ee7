"""A data folder copied with `cp -a` to a new place (a restore, a new disk) is whole there: the store
names each PDF relative to the documents folder, so `kiosk doctor` passes and the exports read the
copied PDFs, with the original folder gone. Run as IT would: the real command, its own process."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from sqlalchemy import select

from kiosk.store.models import Document
from tests.cli.test_doctor import kiosk
from tests.cli.test_verify import Two
from tests.cli.test_verify import db_url as db_url
from tests.cli.test_verify import two as two
from tests.document.conftest import signed as signed


def test_a_data_folder_copied_elsewhere_finds_its_own_pdfs(two: Two, tmp_path: Path) -> None:
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

    doctor = kiosk("doctor", **env)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "2 PDF(s) match the SHA-256 stored at sealing" in doctor.stdout
    assert str(copied / "kiosk.db") in doctor.stdout

    pdfs = kiosk("records", "export", "--format", "pdf", "--output", str(tmp_path / "pdfs"), **env)
    assert pdfs.returncode == 0, pdfs.stderr
    assert (tmp_path / "pdfs" / two.a.path.name).read_bytes() == (
        copied / "documents" / two.a.path.name
    ).read_bytes()
    fhir = kiosk(
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
