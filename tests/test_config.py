"""Settings: declared once, a missing file means defaults, a bad value names the file, key and what is allowed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.config import SETTINGS, ConfigError, config_path, load_config, render_config
from tests.conftest import set_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_setting_is_declared_with_a_description() -> None:
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)
    assert all(s.description.endswith(".") for s in SETTINGS)
    for s in SETTINGS:
        assert s.check(s.default) is None or s.default == "", s.name


def test_config_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert config_path(tmp_path / "x.toml") == tmp_path / "x.toml"
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "env.toml"))
    assert config_path() == tmp_path / "env.toml"
    monkeypatch.delenv("KIOSK_CONFIG")
    assert config_path().name == "kiosk.toml"


def unnamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No --config, no KIOSK_CONFIG: the platform's usual place, here an empty folder."""
    monkeypatch.delenv("KIOSK_CONFIG")
    monkeypatch.setattr("platformdirs.user_config_dir", lambda *a, **k: str(tmp_path / "usual"))


def test_a_missing_file_at_the_usual_place_means_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unnamed(tmp_path, monkeypatch)
    config = load_config()
    assert not config.exists and config.path == tmp_path / "usual" / "kiosk.toml"
    assert config["idle_warning_seconds"] == 90
    assert config.kiosk_id  # the computer's name
    assert (
        config.database_url == f"sqlite:///{tmp_path / 'data' / 'kiosk.db'}"
    )  # KIOSK_DATA_DIR from conftest


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "k.toml", f'data_dir = "{tmp_path / "cfg-data"}"\n')
    assert load_config(path).data_dir == tmp_path / "data"  # the environment wins
    monkeypatch.delenv("KIOSK_DATA_DIR")
    assert load_config(path).data_dir == tmp_path / "cfg-data"
    unnamed(tmp_path, monkeypatch)
    assert load_config().data_dir.name == "briefing-kiosk"


def test_a_settings_file_named_but_missing_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer mistyped --config (and KIOSK_CONFIG): the command read the default data folder's
    records and said "no briefings match"; `audit verify` said "intact" of another store."""
    typo = tmp_path / "typo-kiosk.tmol"
    with pytest.raises(ConfigError) as named:
        load_config(typo)
    assert str(named.value).startswith(f"--config {typo}: there is no settings file there")
    monkeypatch.setenv("KIOSK_CONFIG", str(typo))
    with pytest.raises(ConfigError) as env:
        load_config()
    assert str(env.value).startswith(f"KIOSK_CONFIG={typo}: there is no settings file there")


def test_rendered_file_reads_back_the_same(tmp_path: Path) -> None:
    values = {s.name: s.default for s in SETTINGS} | {
        "kiosk_id": "front-desk",
        "clinic_name": 'St. "Mary"\\ Clinic',
    }
    path = write(tmp_path / "k.toml", render_config(values))
    assert load_config(path).values == values
    assert tomllib.loads(path.read_text(encoding="utf-8"))["walk_up_mode"] is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("idle_seconds = 5", "idle_seconds: is not a known setting (did you mean idle_"),
        ("colour = 1", "colour: is not a known setting (known: kiosk_id, "),  # nothing near
        ('idle_warning_seconds = "90"', "idle_warning_seconds: must be a whole number."),
        (
            "idle_warning_seconds = 0",
            "idle_warning_seconds: 0 is not allowed; use a whole number of seconds from 1 to 600 "
            "(10 minutes): the privacy wipe must not wait longer with a patient's details on an "
            "unattended screen.",
        ),
        (  # so long the privacy wipe would never come
            "idle_warning_seconds = 99999999999999999999",
            "idle_warning_seconds: 99999999999999999999 is not allowed; use a whole number of "
            "seconds from 1 to 600 (10 minutes)",
        ),
        ("idle_warning_seconds = 601", "idle_warning_seconds: 601 is not allowed; use a whole"),
        (
            "idle_end_seconds = 86400",
            "idle_end_seconds: 86400 is not allowed; use a whole number of seconds from 1 to 300 "
            "(5 minutes): the privacy wipe must not wait longer with a patient's details on an "
            "unattended screen.",
        ),
        (  # staff mode's list would overflow the calendar looking so far back
            "rebrief_within_days = 99999999999999999999",
            "rebrief_within_days: 99999999999999999999 is not allowed; use a whole number of days "
            "from 1 to 3650 (10 years).",
        ),
        ("walk_up_mode = 1", "walk_up_mode: must be true or false (lowercase, without quotes)."),
        (
            'witness_required = "yes"',
            "witness_required: must be true or false (lowercase, without quotes).",
        ),
        ('kiosk_id = "front desk"', "kiosk_id: 'front desk' is not allowed; use 1 to 64 letters"),
        (
            'log_level = "LOUD"',
            "log_level: 'LOUD' is not allowed; use one of DEBUG, INFO, WARNING, ERROR.",
        ),
        (
            'database_url = "mysql://x"',
            "database_url: this value is not allowed; use empty (the embedded SQLite file)",
        ),
    ],
)
def test_bad_values_name_file_key_and_what_is_allowed(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path / "k.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: {expected}")


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ('languages = "es, en"', ("es", "en")),
        ('languages = ["es", "en"]', ("es", "en")),
        ('languages = [" ar "]', ("ar",)),
        ("languages = []", ()),
        ('languages = ""', ()),
    ],
)
def test_languages_are_text_or_a_list(tmp_path: Path, text: str, codes: tuple[str, ...]) -> None:
    assert load_config(write(tmp_path / "k.toml", text)).languages == codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "languages = 5",
            'languages: must be language codes in quotes, as text (languages = "en, es") or as '
            'a list (languages = ["en", "es"]).',
        ),
        (
            'languages = ["en", 5]',
            'languages: must be language codes in quotes, as text (languages = "en, es") or as '
            'a list (languages = ["en", "es"]).',
        ),
        ('languages = ["en", "en"]', "languages: ['en', 'en'] is not allowed; use language codes"),
        ('languages = ["EN"]', "languages: ['EN'] is not allowed; use language codes"),
        ('languages = "en; es"', "languages: 'en; es' is not allowed; use language codes"),
    ],
)
def test_languages_written_wrongly_say_how_to_write_them(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path / "k.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: {expected}")
    assert str(caught.value).count("\n") == 0


def test_every_bad_value_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path / "k.toml", "a = 1\nb = 2\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert len(str(caught.value).splitlines()) == 2


def test_unreadable_or_broken_files(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.toml", "# kiosk\n\nfoo bar\n")
    with pytest.raises(
        ConfigError, match=r"broken.toml: line 3 is not valid TOML .*; fix that line\."
    ):
        load_config(broken)
    # a known setting's value TOML cannot read: the setting named, and how its value is written
    yes = write(tmp_path / "yes.toml", 'clinic_name = "Riverside"\nwalk_up_mode = yes\n')
    with pytest.raises(ConfigError) as caught:
        load_config(yes)
    assert str(caught.value) == (
        f"{yes}: line 2: walk_up_mode = yes: walk_up_mode must be true or false (lowercase, "
        "without quotes); fix that line."
    )
    bare = write(tmp_path / "bare.toml", "clinic_name = Riverside Clinic\n")
    with pytest.raises(
        ConfigError,
        match=r"line 1: clinic_name = Riverside Clinic: clinic_name must be text in double quotes",
    ):
        load_config(bare)
    secret = write(tmp_path / "secret.toml", "database_url = postgresql://k:hunter2@db/kiosk\n")
    with pytest.raises(ConfigError) as caught:
        load_config(secret)
    assert "database_url must be" in str(caught.value) and "hunter2" not in str(caught.value)
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(ConfigError, match=r"folder.toml: cannot be read"):
        load_config(folder)


def test_the_settings_reference_is_generated_from_the_declarations() -> None:
    from kiosk.config import settings_reference
    from tests.conftest import ROOT

    assert (ROOT / "docs" / "SETTINGS.md").read_text(encoding="utf-8") == settings_reference(), (
        "docs/SETTINGS.md is out of date: run `python -m kiosk.config > docs/SETTINGS.md`"
    )
    assert all(f"| `{s.name}` |" in settings_reference() for s in SETTINGS)


def test_config_show_hides_the_database_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import main

    path = write(
        tmp_path / "k.toml",
        'database_url = "postgresql+psycopg://kiosk:S3cret@db.local/kiosk"\nclinic_name = "North"\n',
    )
    assert main(["--config", str(path), "config", "show"]) == 0
    out = capsys.readouterr().out
    assert "S3cret" not in out
    assert 'database_url            = "postgresql+psycopg://kiosk:***@db.local/kiosk"  # set' in out
    assert 'clinic_name             = "North"  # set' in out
    assert "idle_warning_seconds    = 90  # default" in out


def test_a_bad_secret_value_is_not_echoed(tmp_path: Path) -> None:
    path = write(tmp_path / "k.toml", 'database_url = "mysql://kiosk:S3cret@db/kiosk"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "S3cret" not in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        'data_dir = "relative/data"',
        'database_url = "sqlite:///relative.db"',
        'signing_key = "keys/k.pem"',
    ],
)
def test_relative_paths_are_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError, match="absolute"):
        load_config(write(tmp_path / "k.toml", text))


def test_the_console_reads_the_clinics_main_language(tmp_path: Path) -> None:
    from kiosk.cli.console import console_language

    path = tmp_path / "kiosk.toml"
    path.write_text(
        render_config({**{s.name: s.default for s in SETTINGS}, "kiosk_id": "desk"}),
        encoding="utf-8",
    )
    for languages, main in (("", "en"), ("es, en", "es"), ("ar", "ar"), ("fr, es", "es")):
        set_config(path, languages=languages)
        assert console_language(load_config(path)) == main, languages
