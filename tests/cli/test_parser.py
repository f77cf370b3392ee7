"""The `kiosk` command's parser as a whole: no abbreviations, each subcommand's own usage on an
error, and every positional argument described in --help (walked over the whole tree)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from kiosk.cli import build_parser, main


def _parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ("kiosk",)
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


def test_the_tree_is_walked() -> None:
    paths = {path for path, _ in _parsers(build_parser())}
    assert {("kiosk",), ("kiosk", "records", "export"), ("kiosk", "staff", "add")} <= paths
    assert len(paths) > 20


def test_no_parser_takes_abbreviations() -> None:
    loose = [path for path, p in _parsers(build_parser()) if p.allow_abbrev]
    assert loose == []


def test_every_positional_is_described() -> None:
    bare = [
        (path, action.dest)
        for path, parser in _parsers(build_parser())
        for action in parser._actions
        if not action.option_strings
        and not isinstance(action, argparse._SubParsersAction)
        and not action.help
    ]
    assert bare == []


def test_an_abbreviated_option_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["records", "export", "--form", "2026-01-01"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "usage: kiosk records export" in err
    assert "--form" in err


def test_a_subcommands_bad_option_shows_its_own_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["staff", "add", "Ann", "--bogus"])
    err = capsys.readouterr().err
    assert err.startswith("usage: kiosk staff add")
    assert "unrecognized arguments: --bogus" in err


def test_the_touchscreen_takes_no_abbreviation(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--window"])
    assert "unrecognized arguments: --window" in capsys.readouterr().err


def test_the_settings_file_may_be_named_before_or_after_the_command() -> None:
    """A reviewer's `kiosk doctor --no-display --config FILE` was refused ("unrecognized
    arguments"), where PRODUCT.md has IT choose the settings file by `--config`."""
    parser = build_parser()
    anywhere = [p for path, p in _parsers(parser) if "--config" not in p._option_string_actions]
    assert anywhere == []  # every command and subcommand takes it
    after = parser.parse_args(["doctor", "--no-display", "--config", "a.toml"])
    assert str(after.config) == "a.toml"
    before = parser.parse_args(["--config", "b.toml", "records", "list"])
    assert str(before.config) == "b.toml"  # not reset by the subcommand's own option
    both = parser.parse_args(["--config", "b.toml", "staff", "list", "--config", "a.toml"])
    assert str(both.config) == "a.toml"
    assert parser.parse_args(["staff", "list"]).config is None
