"""The desk's export refuses, before any work, days given the wrong way round and a file name
ending in another format's ending; a name without an ending is given the format's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.i18n import msg, words_for
from kiosk.services.exporting import (
    FORMATS,
    SUFFIXES,
    Exporting,
    ExportRequest,
    days_problem,
    target_for,
    with_suffix_for,
)

EN = words_for("en")
FIRST, LAST = date(2026, 11, 8), date(2026, 10, 7)
CHECKS = Exporting(None)  # type: ignore[arg-type]  # its checks read no store


def test_days_the_wrong_way_round_are_refused_naming_both_fields(tmp_path: Path) -> None:
    said = days_problem(FIRST, LAST)
    assert said == msg(
        "console.export.days-reversed",
        first=msg("console.export.first"),
        last=msg("console.export.last"),
    )
    assert EN(said).startswith("“From” is a later day than “Up to and including”:")
    assert days_problem(LAST, FIRST) is None and days_problem(LAST, LAST) is None
    request = ExportRequest("csv", FIRST, LAST, tmp_path / "out.csv")
    assert CHECKS.problem(request) == said
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_name_without_an_ending_gets_the_formats(fmt: str, tmp_path: Path) -> None:
    wanted = SUFFIXES[fmt]
    assert with_suffix_for(fmt, tmp_path / "november") == tmp_path / f"november{wanted}"
    assert with_suffix_for(fmt, tmp_path / "nov.2026") == tmp_path / f"nov.2026{wanted}"
    assert with_suffix_for(fmt, tmp_path / f"n{wanted.upper()}") == tmp_path / f"n{wanted.upper()}"


def test_a_name_ending_in_another_formats_ending_is_refused(tmp_path: Path) -> None:
    chosen = with_suffix_for("pdf-zip", tmp_path / "november.json")
    assert chosen == tmp_path / "november.json"  # kept, to be refused: never november.json.zip
    request = ExportRequest("pdf-zip", LAST, FIRST, chosen)
    said = CHECKS.problem(request)
    assert said == msg(
        "console.export.wrong-suffix", name="november.json", given=".json", suffix=".zip"
    )
    fhir = ExportRequest("fhir-bundle", LAST, FIRST, tmp_path / "bundle.json")
    assert CHECKS.problem(fhir) is None


def test_a_file_the_added_ending_would_name_is_never_replaced_unasked(tmp_path: Path) -> None:
    """The save dialog asked about "november"; the export then wrote november.zip over last
    month's, without a word (a reviewer). A file staff chose themselves is theirs to replace."""
    (tmp_path / "november.zip").write_bytes(b"last month's")
    target, said = target_for("pdf-zip", tmp_path / "november")
    assert target == tmp_path / "november.zip"
    assert said == msg("console.export.exists", path=str(tmp_path / "november.zip"))
    assert target_for("pdf-zip", tmp_path / "november.zip") == (tmp_path / "november.zip", None)
    assert target_for("pdf-zip", tmp_path / "december") == (tmp_path / "december.zip", None)
