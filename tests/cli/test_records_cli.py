"""`kiosk records list` and `kiosk records export`, run as a coordinator or IT would run them."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.cli import main
from kiosk.cli import records as records_cli
from kiosk.records import check_export
from kiosk.records.withdrawal import withdraw
from kiosk.store.models import AuditEntry
from tests.records.conftest import FORMULA_NAME, Made


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Days on the command line are local days: make local UTC, so the fixture's 09:00 UTC is that day."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def made(utc: None, made: Made) -> Made:
    """The commands' briefings (tests/cli/conftest.py), made with local days in UTC."""
    return made


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def listed(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    code, out, err = run(capsys, "records", "list", "--format", "json", *argv)
    assert (code, err) == (0, "")
    return [r["briefing_id"] for r in json.loads(out)]


def test_list_as_an_aligned_table(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "records", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == [
        "when",
        "status",
        "patient",
        "born",
        "MRN",
        "procedure",
        "lang",
        "risks",
        "open",
        "PDF",
        "kiosk",
        "briefing",
    ]
    assert lines[-1] == "5 briefing(s)"
    body = lines[1:-1]
    assert len(body) == 5
    assert body[0].startswith("2026-11-20 09:") and "Ana Ruiz" in body[0] and "8/8" in body[0]
    assert " en " in body[0]  # the briefing's language
    # The small form is not installed: its version kept in the store counts its risks.
    assert "in progress" in body[4] and "王小明" in body[4] and "1/2" in body[4]
    # aligned on screen: the born column starts at the same terminal column on every line
    starts = {
        records_cli.width(line[: line.index(dob)])
        for line, dob in zip(
            body,
            ["1950-05-06", "1961-01-02", "1944-02-03", "1970-07-08", "1980-08-09"],
            strict=True,
        )
    }
    assert len(starts) == 1
    withdraw(
        made.store, made.prepared, staff="Sam Carter", reason="not-wanted", now=datetime.now(UTC)
    )
    out = run(capsys, "records", "list")[1]  # as the desk says it ("abandoned" had been listed)
    assert "withdrawn" in next(line for line in out.splitlines() if made.prepared in line)
    assert listed(capsys, "--status", "withdrawn") == [made.prepared]  # it had been refused
    assert made.prepared not in listed(capsys, "--status", "abandoned")


def test_list_filters(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    assert listed(capsys, "--status", "completed") == [made.completed, made.typed]
    assert listed(capsys, "--status", "in-progress,prepared") == [made.prepared, made.in_progress]
    assert listed(capsys, "--status", "in_progress", "--status", "abandoned") == [
        made.abandoned,
        made.in_progress,
    ]
    assert listed(capsys, "--from", "2026-11-21", "--to", "2026-11-22") == [
        made.typed,
        made.abandoned,
    ]
    assert listed(capsys, "--to", "2026-11-20") == [made.completed]
    assert listed(capsys, "--procedure", "small") == [made.in_progress]
    assert listed(capsys, "--patient", "ZOË") == [made.abandoned]
    assert listed(capsys, "--patient", "mrn-1001") == [made.completed]
    assert listed(capsys, "--open-questions") == [made.completed]
    code, out, _ = run(capsys, "records", "list", "--patient", "nobody")
    assert (code, out) == (0, "no briefings match\n")


def test_days_at_the_calendar_edges_are_bounds_not_tracebacks(
    made: Made, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    every = listed(capsys)
    assert len(every) == 5
    assert listed(capsys, "--from", "0001-01-01") == every
    assert listed(capsys, "--to", "9999-12-31") == every
    assert listed(capsys, "--from", "0001-01-01", "--to", "9999-12-31") == every
    assert listed(capsys, "--to", "0001-01-01") == []
    assert listed(capsys, "--from", "9999-12-31") == []
    target = tmp_path / "all.csv"
    code, out, err = run(
        capsys,
        "records",
        "export",
        "--from",
        "0001-01-01",
        "--to",
        "9999-12-31",
        "--output",
        str(target),
    )
    assert (code, err) == (0, "") and out.startswith("exported 5 briefing(s) as csv")


def test_list_json_rows(made: Made, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "records", "list", "--format", "json", "--status", "completed")
    rows = json.loads(out)
    assert code == 0 and rows[0]["patient_name"] == "Ana Ruiz" and rows[0]["risks_total"] == 8
    assert rows[1]["patient_name"] == FORMULA_NAME and rows[1]["pdf_status"] == "pending"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--from", "2026-13-01"],
            "kiosk records list: --from: '2026-13-01' is not a date; write it as YYYY-MM-DD, for example 2026-11-23.\n",
        ),
        (
            ["--to", "yesterday"],
            "kiosk records list: --to: 'yesterday' is not a date; write it as YYYY-MM-DD, for example 2026-11-23.\n",
        ),
        (
            ["--status", "done"],
            "kiosk records list: --status: 'done' is not a status; use prepared, in-progress, completed, abandoned or withdrawn.\n",
        ),
        (
            ["--from", "2026-11-22", "--to", "2026-11-20"],
            "kiosk records list: --to: is before --from; give the earlier day with --from.\n",
        ),
        (
            ["--procedure", "nosuch"],
            "kiosk records list: --procedure: 'nosuch' is not a procedure; use one of: mild, small.\n",
        ),
    ],
)
def test_bad_list_options_are_one_sentence(
    made: Made, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert run(capsys, "records", "list", *argv) == (2, "", message)


def test_export_csv_audited_under_the_login_name(
    made: Made, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records_cli.getpass, "getuser", lambda: "itadmin")
    target = tmp_path / "out.csv"
    code, out, err = run(
        capsys,
        "records",
        "export",
        "--from",
        "2026-11-20",
        "--to",
        "2026-11-21",
        "--output",
        str(target),
    )
    assert (code, err) == (0, "")  # no progress bar: standard error is not a terminal
    assert out == f"exported 2 briefing(s) as csv: 2 rows in {target}\n"
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["briefing_id"] for r in rows] == [made.completed, made.typed]
    assert rows[0]["risks_total"] == "8"
    with made.store.reading() as session:
        entry = session.execute(
            select(AuditEntry).where(AuditEntry.action == "records_exported")
        ).scalar_one()
    assert entry.actor == "itadmin"
    assert json.loads(entry.detail)["filters"]["since"].startswith("2026-11-20T00:00:00")


def test_export_every_format(
    made: Made, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    by = ["--by", "Dana Okafor"]
    code, out, _ = run(
        capsys, "records", "export", "--acknowledgements", "--output", str(tmp_path / "a.csv"), *by
    )
    assert code == 0 and out.startswith("exported 5 briefing(s) as csv: 19 rows")
    code, out, _ = run(
        capsys, "records", "export", "--format", "json", "--output", str(tmp_path / "a.json"), *by
    )
    assert code == 0 and check_export(tmp_path / "a.json", made.store).ok
    code, out, _ = run(
        capsys, "records", "export", "--format", "fhir", "--output", str(tmp_path / "b.json"), *by
    )
    assert code == 0 and json.loads((tmp_path / "b.json").read_text())["resourceType"] == "Bundle"
    code, out, _ = run(
        capsys,
        "records",
        "export",
        "--format",
        "fhir",
        "--fhir-style",
        "ndjson",
        "--output",
        str(tmp_path / "b.ndjson"),
        *by,
    )
    assert code == 0 and out.startswith(
        "exported 5 briefing(s) as fhir-ndjson: 17 resources"
    )  # with the quiz
    code, out, _ = run(
        capsys,
        "records",
        "export",
        "--format",
        "pdf",
        "--status",
        "completed",
        "--patient",
        "ana",
        "--zip",
        "--output",
        str(tmp_path / "p.zip"),
        *by,
    )
    assert (code, out) == (
        0,
        f"exported 1 briefing(s) as pdf-zip: 1 PDFs in {tmp_path / 'p.zip'}\n",
    )
    code, out, err = run(
        capsys, "records", "export", "--format", "pdf", "--output", str(tmp_path / "pdfs"), *by
    )
    assert code == 1  # a signed briefing's PDF is pending: said, and the exit status says so too
    assert (
        err
        == f"kiosk records export: briefing {made.typed}: its PDF is still pending (not made yet); run `kiosk doctor --repair` on the kiosk {made.store.kiosk_id}, then export again\n"
    )
    assert out.endswith("(1 left out or incomplete, named above)\n")
    with made.store.reading() as session:
        actors = (
            session.execute(select(AuditEntry.actor).where(AuditEntry.action == "records_exported"))
            .scalars()
            .all()
        )
    assert actors == ["Dana Okafor"] * 6


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        ([], 2, "--output: is required; name the file (or, for PDFs, the folder) to write."),
        (
            ["--format", "xml", "--output", "x"],
            2,
            "--format: 'xml' is not a format; use csv, json, fhir or pdf.",
        ),
        (
            ["--format", "fhir", "--fhir-style", "xml", "--output", "x"],
            2,
            "--fhir-style: 'xml' is not a style; use bundle or ndjson.",
        ),
        (
            ["--format", "json", "--acknowledgements", "--output", "x"],
            2,
            "--acknowledgements: goes with --format csv only.",
        ),
        (["--zip", "--output", "x"], 2, "--zip: goes with --format pdf only."),
        (
            ["--fhir-style", "ndjson", "--output", "x.csv"],
            2,
            "--fhir-style: goes with --format fhir only.",
        ),
        (
            ["--procedure", "nosuch", "--output", "x"],
            2,
            "--procedure: 'nosuch' is not a procedure; use one of: mild, small.",
        ),
        (
            ["--status", "finished", "--output", "x"],
            2,
            "--status: 'finished' is not a status; use prepared, in-progress, completed, abandoned or withdrawn.",
        ),
        (["--by", " ", "--output", "x"], 2, "--by: must not be empty; type the full name."),
    ],
)
def test_bad_export_options_are_one_sentence(
    made: Made, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    assert run(capsys, "records", "export", *argv) == (
        code,
        "",
        f"kiosk records export: {message}\n",
    )


def test_export_output_problems(
    made: Made, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "no" / "such" / "out.csv"
    code, out, err = run(capsys, "records", "export", "--output", str(missing))
    assert (code, out) == (1, "")
    assert (
        err
        == f"kiosk records export: --output: the folder {missing.parent} does not exist; create it first or choose another place.\n"
    )
    existing = tmp_path / "out.csv"
    existing.write_text("old", encoding="utf-8")
    code, _, err = run(capsys, "records", "export", "--output", str(existing))
    assert (
        code == 1
        and "already exists; choose another name, or add --overwrite to replace it." in err
    )
    assert run(capsys, "records", "export", "--output", str(existing), "--overwrite")[0] == 0


def test_no_database_is_one_sentence(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "records", "list")  # never `kiosk init`ed
    assert code == 1 and out == "" and err.startswith("kiosk records: ") and err.count("\n") == 1


def test_progress_bar_only_on_a_terminal_and_not_when_quiet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with records_cli.progress_bar(quiet=False) as progress:
        assert progress is None  # pytest's standard error is not a terminal

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    with records_cli.progress_bar(quiet=True) as progress:
        assert progress is None
    with records_cli.progress_bar(quiet=False) as progress:
        assert progress is not None
        for done in range(1, 4):
            progress(done, 3)
    assert screen.getvalue() == ""  # a quick export shows no bar
    monkeypatch.setattr(records_cli, "PROGRESS_DELAY", 0)
    with records_cli.progress_bar(quiet=False) as progress:
        assert progress is not None
        for done in range(1, 4):
            progress(done, 3)
    assert (
        "/3 [" in screen.getvalue() and "briefing/s" in screen.getvalue()
    )  # the bar, on standard error
