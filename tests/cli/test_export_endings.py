"""`kiosk records export` writes the format its --output's ending names: without --format it takes
the format from the ending (`--output new.json` had written CSV into new.json, exit 0), and with a
--format it refuses a name ending in another format's ending (JSON had gone into a .csv), as the
coordinator's desk refuses it: one sentence naming the file and what to do, nothing written."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from kiosk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_without_format_the_outputs_ending_names_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()
    written = {
        "new.json": "json",
        "nov.fhir.json": "fhir-bundle",
        "nov.ndjson": "fhir-ndjson",
        "nov.zip": "pdf-zip",
        "NOV.CSV": "csv",
        "no-ending": "csv",
    }
    for name, fmt in written.items():
        target = tmp_path / name
        code, out, err = run(capsys, "records", "export", "--output", str(target))
        assert (code, err) == (0, ""), name
        assert out.startswith(f"exported 0 briefing(s) as {fmt}:"), name
    assert json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))["format"].startswith(
        "kiosk-records-export/"
    )
    assert json.loads((tmp_path / "nov.fhir.json").read_text())["resourceType"] == "Bundle"
    assert zipfile.is_zipfile(tmp_path / "nov.zip")
    # --format pdf with a .zip name is one zip, not a folder called nov.zip
    code, out, _ = run(
        capsys, "records", "export", "--format", "pdf", "--output", str(tmp_path / "p.zip")
    )
    assert code == 0 and out.startswith("exported 0 briefing(s) as pdf-zip:")
    assert zipfile.is_zipfile(tmp_path / "p.zip")
    # a FHIR Bundle may be any .json, as on the desk; the style follows a .ndjson name
    code, out, _ = run(
        capsys, "records", "export", "--format", "fhir", "--output", str(tmp_path / "b.json")
    )
    assert code == 0 and out.startswith("exported 0 briefing(s) as fhir-bundle:")
    code, out, _ = run(
        capsys, "records", "export", "--format", "fhir", "--output", str(tmp_path / "b.ndjson")
    )
    assert code == 0 and out.startswith("exported 0 briefing(s) as fhir-ndjson:")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--format", "json", "--output", "out/x.csv"],
            "out/x.csv is a name for CSV, not JSON; name it x.json, or leave out --format to write CSV.",
        ),
        (
            ["--format", "csv", "--output", "new.json"],
            "new.json is a name for JSON, not CSV; name it new.csv, or leave out --format to write JSON.",
        ),
        (
            ["--format", "json", "--output", "nov.fhir.json"],
            "nov.fhir.json is a name for a FHIR Bundle, not JSON; name it nov.json, or leave out --format to write a FHIR Bundle.",
        ),
        (
            ["--format", "fhir", "--output", "x.csv"],
            "x.csv is a name for CSV, not a FHIR Bundle; name it x.fhir.json, or leave out --format to write CSV.",
        ),
        (
            ["--format", "fhir", "--fhir-style", "bundle", "--output", "x.ndjson"],
            "x.ndjson is a name for FHIR NDJSON, not a FHIR Bundle; name it x.fhir.json, or leave out --format and --fhir-style to write FHIR NDJSON.",
        ),
        (
            ["--fhir-style", "bundle", "--output", "x.ndjson"],
            "x.ndjson is a name for FHIR NDJSON, not a FHIR Bundle; name it x.fhir.json, or leave out --fhir-style to write FHIR NDJSON.",
        ),
        (
            ["--format", "pdf", "--output", "nov.csv"],
            "nov.csv is a name for CSV, not a folder of PDFs; name it nov, or leave out --format to write CSV.",
        ),
        (
            ["--format", "pdf", "--zip", "--output", "NOV.JSON"],
            "NOV.JSON is a name for JSON, not a zip of PDFs; name it NOV.zip, or leave out --format and --zip to write JSON.",
        ),
    ],
)
def test_a_name_for_another_format_is_refused_in_one_sentence(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    before = sorted(tmp_path.rglob("*"))
    code, out, err = run(capsys, "records", "export", *argv)
    assert (code, out, err) == (2, "", f"kiosk records export: --output: {message}\n")
    assert sorted(tmp_path.rglob("*")) == before  # nothing written
