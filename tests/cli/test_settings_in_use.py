"""Settings the file format allows but this kiosk cannot honour, and settings IT gets wrong: each is
named with its value and the choices (never a secret's value), by `kiosk doctor` and at start."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import SETTINGS, ConfigError, Setting, load_config, parse_settings
from kiosk.startup import start_kiosk
from tests.conftest import set_config

KIOSK = Path(sys.executable).with_name("kiosk")
LINE = re.compile(r"^(ok  |WARN|FAIL)  (\S.*?)  +(\S.*)$")


def doctor(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, tuple[str, str]]]:
    code = main(["doctor"])
    out = capsys.readouterr().out
    return code, {m[2]: (m[1], m[3]) for m in map(LINE.match, out.splitlines()) if m}


@pytest.fixture
def config_file(capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["init"]) == 0
    capsys.readouterr()
    return load_config().path


def test_doctor_names_a_walk_up_procedure_the_kiosk_does_not_have(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_config(config_file, walk_up_mode=True, walk_up_procedure="nope")
    code, lines = doctor(capsys)
    assert code == 1
    assert lines["config"] == (
        "FAIL",
        f"{config_file}: walk_up_procedure: 'nope' is not a procedure this kiosk has, so walk-up "
        "patients are sent to staff; use one of mild.",
    )
    assert [name for name, (label, _) in lines.items() if label == "FAIL"] == ["config"]


def test_a_walk_up_procedure_is_not_asked_for_while_walk_up_is_off(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_config(config_file, walk_up_mode=False, walk_up_procedure="nope")
    assert doctor(capsys)[1]["config"] == ("ok  ", f"{config_file} (readable)")


@pytest.mark.parametrize(
    ("languages", "said"),
    [
        ("xx, fr", "names xx, fr, which no procedure here is offered in (Welcome offers en)"),
        ("es, xx", "names xx, which no procedure here is offered in (Welcome offers es alone)"),
    ],
)
def test_doctor_names_languages_no_procedure_is_offered_in(
    config_file: Path, capsys: pytest.CaptureFixture[str], languages: str, said: str
) -> None:
    set_config(config_file, languages=languages)
    code, lines = doctor(capsys)
    assert code == 1
    assert lines["config"] == (
        "FAIL",
        f"{config_file}: languages: {languages!r} {said}; use some of en, ar, es, the main one "
        "first, or leave it empty for all of them.",
    )


def test_languages_written_as_a_list_are_read_and_checked_as_the_text_would_be(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """IT writes a list, as `trust` beside it is one: it is taken, and a code no procedure is
    offered in is named as before (a reviewer's `languages = ["xx"]` was "must be text in quotes")."""
    set_config(config_file, languages=["xx"])
    assert 'languages = ["xx"]' in config_file.read_text(encoding="utf-8")
    assert load_config().languages == ("xx",)
    code, lines = doctor(capsys)
    assert code == 1
    assert lines["config"] == (
        "FAIL",
        f"{config_file}: languages: 'xx' names xx, which no procedure here is offered in (Welcome "
        "offers en); use some of en, ar, es, the main one first, or leave it empty for all of them.",
    )
    set_config(config_file, languages=["es", "en"])
    assert load_config().languages == ("es", "en")
    assert doctor(capsys)[1]["config"] == ("ok  ", f"{config_file} (readable)")


def test_doctor_names_a_trust_file_verify_could_not_read(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reviewer's `trust` setting named a missing file: doctor said all was well, and only
    `kiosk verify` found it, without naming the setting."""
    missing, folder = tmp_path / "missing.pem", tmp_path / "certs"
    folder.mkdir()
    assert main(["cert", "show", "--pem"]) == 0
    good = tmp_path / "kiosk.pem"
    good.write_text(capsys.readouterr().out, encoding="utf-8")
    set_config(config_file, trust=[str(good), str(missing), str(folder)])
    code, lines = doctor(capsys)
    assert code == 1
    assert lines["config"] == (
        "FAIL",
        f"{config_file}: trust: {missing} cannot be read (No such file or directory); correct "
        f"the path in the trust setting or take it out; trust: {folder} cannot be read (Is a "
        "directory); correct the path in the trust setting or take it out.",
    )
    set_config(config_file, trust=[str(good)])
    assert doctor(capsys)[1]["config"] == ("ok  ", f"{config_file} (readable)")


def test_the_kiosk_logs_both_at_start_and_runs_on(
    config_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    set_config(config_file, walk_up_mode=True, walk_up_procedure="nope", languages="xx, fr")
    caplog.set_level(logging.INFO, logger="kiosk")
    started = start_kiosk(load_config(), datetime.now(UTC))
    started.store.close()
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == [
        f"setting: {config_file}: walk_up_procedure: 'nope' is not a procedure this kiosk has, "
        "so walk-up patients are sent to staff; use one of mild.",
        f"setting: {config_file}: languages: 'xx, fr' names xx, fr, which no procedure here is "
        "offered in (Welcome offers en); use some of en, ar, es, the main one first, or leave it "
        "empty for all of them.",
    ]


@pytest.mark.parametrize("setting", [s for s in SETTINGS if s.secret], ids=lambda s: s.name)
def test_a_refused_secret_setting_is_named_without_its_value(setting: Setting) -> None:
    name = setting.name
    with pytest.raises(ConfigError) as refused:
        parse_settings({name: "hunter2"}, "kiosk.toml")
    assert str(refused.value).startswith(f"kiosk.toml: {name}: this value is not allowed; use ")
    assert "hunter2" not in str(refused.value)


def test_every_password_setting_is_secret() -> None:
    words = ("password", "secret", "passphrase", "token")
    assert all(s.secret for s in SETTINGS if any(w in s.name for w in words))


def test_a_pkcs12_password_written_into_the_file_is_never_printed(config_file: Path) -> None:
    set_config(config_file, signing_pkcs12_password="hunter2")
    for command in (["config", "show"], ["doctor"], []):
        result = subprocess.run(
            [str(KIOSK), *command],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 1, command
        assert "signing_pkcs12_password: this value is not allowed" in result.stdout + result.stderr
        assert "hunter2" not in result.stdout + result.stderr, command
    logs = config_file.parent.parent / "data" / "logs"
    assert all("hunter2" not in f.read_text() for f in logs.iterdir())


def test_a_data_dir_that_is_a_file_is_one_sentence_naming_the_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KIOSK_DATA_DIR")
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("")
    set_config(tmp_path / "config" / "kiosk.toml", data_dir=str(a_file))
    said = (
        f"{tmp_path / 'config' / 'kiosk.toml'}: data_dir: {a_file} is a file, not a folder; set "
        "data_dir to the kiosk's data folder (or to a new one for `kiosk init` to make), or leave "
        "it empty for the default."
    )
    assert main(["init"]) == 1
    assert capsys.readouterr().err == f"kiosk init: {said}\n"
    code, lines = doctor(capsys)
    assert code == 1
    assert lines["config"] == ("FAIL", said)


def test_a_backup_into_a_folder_asks_for_a_file_name_inside_it(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "bk"
    folder.mkdir()
    assert main(["backup", str(folder)]) == 1
    err = capsys.readouterr().err
    assert re.fullmatch(
        rf"kiosk backup: {re.escape(str(folder))}: is a folder; give the name of a new file "
        rf"inside it, e\.g\. {re.escape(str(folder))}/kiosk-\d{{4}}-\d\d-\d\d\.db\n",
        err,
    ), err
    assert list(folder.iterdir()) == []
