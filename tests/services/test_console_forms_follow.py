"""The desk follows a forms update without a restart: when a file in the forms folders changes, the
procedures are read again (once), and who to brief again follows; forms that do not load cleanly
leave the procedures as they were. A re-briefing is given in the language staff choose, at first
that of the patient's last briefing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.services.console import ConsoleDesk, StaffError
from kiosk.store import open_store
from kiosk.store.models import BriefingRow
from tests.conftest import set_config
from tests.session.fakes import FakeClock
from tests.versions_forms import brief, languages, two_versions

NOW = datetime.now(UTC)


@pytest.fixture
def folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """(the forms folder the settings name, now holding mild 1.0.0; a folder holding 1.1.0), and
    Ana Ruiz briefed on 1.0.0 in English, Luis Vega in Spanish."""
    old, new = two_versions(tmp_path)
    forms = tmp_path / "forms"
    shutil.copytree(old, forms)
    assert main(["init"]) == 0
    capsys.readouterr()
    set_config(tmp_path / "config" / "kiosk.toml", forms_dir=str(forms))
    config = load_config()
    store = open_store(config.database_url, config.kiosk_id)
    for name, language in (("Ana Ruiz", "en"), ("Luis Vega", "es")):
        brief(
            store, languages(old)[language], name, date(1950, 2, 3), mrn=f"M-{name}",
            planned=(NOW + timedelta(days=9)).date(), when=NOW - timedelta(days=1),
        )  # fmt: skip
    store.close()
    return forms, new


@pytest.fixture
def desk(folders: tuple[Path, Path]) -> Iterator[ConsoleDesk]:
    opened = ConsoleDesk.open(load_config(), FakeClock(NOW))
    yield opened
    opened.close()


def _update(forms: Path, new: Path) -> None:
    """The forms update as a clinic makes it: the procedure's folder replaced by the new one."""
    shutil.rmtree(forms / "mild")
    shutil.copytree(new / "mild", forms / "mild")


def test_a_forms_update_is_followed_without_a_restart(
    desk: ConsoleDesk, folders: tuple[Path, Path]
) -> None:
    forms, new = folders
    assert "Ana Ruiz" not in [r.name for r in desk.rebriefs.outdated()]  # on the version shown
    assert desk.follow_forms() is False  # nothing changed: nothing read
    _update(forms, new)
    assert desk.follow_forms() is True
    assert desk.forms["mild"].version == "1.1.0"
    assert "Ana Ruiz" in [r.name for r in desk.rebriefs.outdated()]
    assert desk.follow_forms() is False  # read once per change


def test_forms_that_do_not_load_cleanly_leave_the_procedures_as_they_were(
    desk: ConsoleDesk, folders: tuple[Path, Path]
) -> None:
    forms, _ = folders
    (forms / "mild" / "en.toml").write_text('id = "mild"\nversion = ', encoding="utf-8")
    assert desk.follow_forms() is False
    assert desk.forms["mild"].version == "1.0.0"


def test_a_rebriefing_is_given_in_the_patient_s_last_language_or_the_one_chosen(
    desk: ConsoleDesk, folders: tuple[Path, Path]
) -> None:
    forms, new = folders
    _update(forms, new)
    desk.follow_forms()
    rebriefs = desk.rebriefs
    (row,) = [r for r in rebriefs.outdated() if r.name == "Luis Vega"]
    assert [x.code for x in rebriefs.languages(row)] == ["en", "es"]
    assert rebriefs.language(row) == "es"
    with pytest.raises(StaffError) as refused:
        rebriefs.prepare("Sam Carter", row, "ar")  # not offered in this version
    assert refused.value.text.id == "staff.prepare.language-not-offered"
    briefing_id = rebriefs.prepare("Sam Carter", row, "en")
    with desk.store.reading() as s:
        prepared = s.get(BriefingRow, briefing_id)
        assert prepared is not None and prepared.language == "en"
        assert prepared.form_version == "1.1.0" and prepared.kiosk_id == "*"
