"""Terminal tables with Korean and Japanese names line up: a wide letter takes two columns."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kiosk.cli import main
from kiosk.cli.columns import pad, table, width
from kiosk.config import load_config
from kiosk.content import load_form
from kiosk.store import open_store
from kiosk.store.briefings import prepare_briefing
from kiosk.store.staff import add_staff
from tests.conftest import MILD

NAMES = ["김민준", "山田 太郎", "やまだ はなこ", "Ana Ruiz", "Zoë Ångström"]


def test_width_counts_wide_and_full_width_letters_twice() -> None:
    assert [width(n) for n in NAMES] == [6, 9, 13, 8, 12]
    assert width("ＡＢ") == 4  # full-width Latin (F)
    assert width("ﾔﾏﾀﾞ") == 4  # half-width katakana (H) take one each
    assert width("e\u0301") == 1  # a combining accent takes none
    assert pad("김민준", 8) == "김민준  "
    assert table([["김민준", "x"], ["Ana", "y"]]).splitlines() == ["김민준  x", "Ana     y"]


def _column_of(line: str, cell: str) -> int:
    """The terminal column where `cell` starts on `line`."""
    return width(line[: line.index(cell)])


def test_records_list_aligns_korean_and_japanese_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["init"]) == 0
    config = load_config()
    store = open_store(config.database_url, config.kiosk_id, create=False)
    now = datetime.now(UTC)
    born = [date(1950 + n, 1 + n, 10 + n) for n in range(len(NAMES))]
    try:
        for n, (name, dob) in enumerate(zip(NAMES, born, strict=True)):
            prepare_briefing(
                store, load_form(MILD), name=name, date_of_birth=dob, mrn=None,
                staff="Nurse Lee", now=now - timedelta(minutes=n),
            )  # fmt: skip
    finally:
        store.close()
    capsys.readouterr()
    assert main(["records", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:-1]
    assert len(lines) == len(NAMES)
    starts = {
        _column_of(next(x for x in lines if name in x), dob.isoformat())
        for name, dob in zip(NAMES, born, strict=True)
    }
    assert len(starts) == 1, "\n".join(lines)


def test_staff_list_aligns_korean_and_japanese_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    config = load_config()
    store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        for name in NAMES:
            add_staff(store, name, "4821", datetime.now(UTC))
    finally:
        store.close()
    capsys.readouterr()
    assert main(["staff", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(NAMES)
    assert {_column_of(line, "active") for line in lines} == {max(map(width, NAMES)) + 2}
