"""`kiosk forms check` and `kiosk forms list`, run as the clinic staff would run them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.conftest import MILD, ROOT, mild_pictures


def test_check_passes_on_the_shipped_forms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", "check"]) == 0
    out = capsys.readouterr().out
    assert f"{MILD}: ok — mild version" in out


def test_check_names_each_problem_on_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MILD.read_text(encoding="utf-8")
    broken = mild_pictures(tmp_path) / "mild-copy.toml"
    first_risk_title = text.index('title = "', text.index("[[risks]]"))
    end = text.index("\n", first_risk_title)
    broken.write_text(
        'reviewer = "Dr Who"\n' + text[:first_risk_title] + 'title = ""' + text[end:],
        encoding="utf-8",
    )
    assert main(["forms", "check", str(MILD), str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"{broken}: reviewer: is not a known key; check its spelling or remove it",
        f"{broken}: risks[0].title: must not be empty",
        "1 of 2 file(s) have problems; fix the lines above and run the check again.",
    ]
    assert f"{MILD}: ok" in captured.out


def test_check_a_procedure_folder_or_a_forms_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = MILD.parent  # the layout the README describes: forms/mild/en.toml, es.toml, ...
    files = sorted(folder.glob("*.toml"))
    assert len(files) > 1
    for named in (folder, folder.parent):
        assert main(["forms", "check", str(named)]) == 0
        out = capsys.readouterr().out
        assert [line.split(": ok — ")[0] for line in out.splitlines()] == [str(f) for f in files]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["forms", "check", str(empty)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{empty}: holds no procedure files (.toml); name a form file, a procedure's folder or "
        "a forms folder",
        "1 of 1 file(s) have problems; fix the lines above and run the check again.",
    ]


def test_check_with_no_forms_found(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "forms").mkdir()
    monkeypatch.setattr("kiosk.config.bundled_forms_dir", lambda: tmp_path / "forms")
    assert main(["forms", "check"]) == 1
    assert "no form files found" in capsys.readouterr().err


def test_list_shows_the_procedures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", "list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("mild  1.3.0")
    assert "7 steps, 8 risks" in out


def test_list_reports_broken_files_but_still_lists(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mild_pictures(tmp_path)
    (tmp_path / "a.toml").write_text(MILD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.toml").write_text("nonsense", encoding="utf-8")
    monkeypatch.setattr("kiosk.config.bundled_forms_dir", lambda: tmp_path)
    assert main(["forms", "list"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("mild")
    assert f"{tmp_path / 'b.toml'}: is not valid TOML" in captured.err


def test_list_with_nothing_found(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "forms").mkdir()
    monkeypatch.setattr("kiosk.config.bundled_forms_dir", lambda: tmp_path / "forms")
    assert main(["forms", "list"]) == 0
    assert capsys.readouterr().out == "No procedures found.\n"


def test_a_second_procedure_needs_only_a_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MILD.read_text(encoding="utf-8")
    forms = tmp_path / "forms"
    forms.mkdir()
    (mild_pictures(forms) / "mild.toml").write_text(text, encoding="utf-8")
    other = text.replace('id = "mild"', 'id = "other"', 1).replace(
        'title = "The mild procedure"', 'title = "Other"', 1
    )
    (forms / "other.toml").write_text(other, encoding="utf-8")
    monkeypatch.setattr("kiosk.config.bundled_forms_dir", lambda: forms)
    assert main(["forms", "list"]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["mild", "other"]


def test_the_installed_command_runs() -> None:
    kiosk = Path(sys.executable).with_name("kiosk")
    result = subprocess.run(
        [str(kiosk), "forms", "check", str(ROOT / "forms" / "mild" / "en.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "ok — mild" in result.stdout
