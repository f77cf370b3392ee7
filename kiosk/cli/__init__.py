"""The `kiosk` command: starts the patient kiosk, and holds the tools for coordinators and IT."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from kiosk import __version__

if TYPE_CHECKING:
    from kiosk.config import Config

log = logging.getLogger(__name__)


def touchscreen_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--windowed", action="store_true", help="run in a window instead of fullscreen"
    )
    parser.add_argument(
        "--stay-up",
        action="store_true",
        help="if it cannot start, stay on Welcome saying it is not ready (for a kiosk started at "
        "login: the reason is printed once), instead of exiting",
    )
    # For benchmarks/: the time from start to the first screen painted, and to ready for a patient.
    parser.add_argument("--exit-after-paint", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="the settings file (default: KIOSK_CONFIG, else the platform's)",
    )


class KioskParser(argparse.ArgumentParser):
    """No abbreviated options (`--form` is never `--format`), and a subcommand's unknown argument is
    refused with that subcommand's usage, not the top-level one. Subparsers inherit the class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


def build_parser() -> argparse.ArgumentParser:
    from kiosk.cli import (
        console,
        demo,
        document,
        forms,
        practice,
        records,
        settings,
        speech,
        staff,
        store,
    )

    parser = KioskParser(
        prog="kiosk",
        description="Consent-and-briefing kiosk. Without a command it starts the patient kiosk.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    touchscreen_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    forms.register(commands)
    store.register(commands)
    document.register(commands)
    settings.register(commands)
    staff.register(commands)
    demo.register(commands)
    records.register(commands)
    console.register(commands)
    practice.register(commands)
    speech.register(commands)
    _config_after_the_command(parser)
    return parser


def _config_after_the_command(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> None:
    """`kiosk doctor --config FILE` as well as `kiosk --config FILE doctor`: IT write it either way
    (the first had been refused). Given after the command, it wins; not given, the one before stays.
    Each command's --help also says what it does (kiosk.cli.descriptions)."""
    from kiosk.cli.descriptions import describe

    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {a.dest: a.help for a in action._choices_actions}
        for name, sub in action.choices.items():
            describe((*path, name), sub, helps.get(name))
            if "--config" not in sub._option_string_actions:
                sub.add_argument(
                    "--config", type=Path, metavar="FILE", default=argparse.SUPPRESS,
                    help="the settings file (default: KIOSK_CONFIG, else the platform's)",
                )  # fmt: skip
            _config_after_the_command(sub, (*path, name))


class _NotTouchscreen(Exception):
    pass


class _Tentative(argparse.ArgumentParser):
    """A parser that stays silent on bad arguments, leaving the whole parser to say what is wrong."""

    def error(self, message: str) -> NoReturn:
        raise _NotTouchscreen(message)


def _touchscreen_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when they ask for the touchscreen alone (no command, no --help or --version);
    else None. The touchscreen starts without loading the commands: every import delays Welcome."""
    parser = _Tentative(prog="kiosk", add_help=False, allow_abbrev=False)
    touchscreen_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotTouchscreen:
        return None  # the whole parser says what is wrong
    if rest:
        return None
    args.command = None
    return args


SIGPIPE_STATUS = 141
"""The exit status of a command whose reader closed its output (`kiosk config show | head`): as a
Unix program ended by SIGPIPE (128 + 13), which shells and `set -o pipefail` know."""


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        try:
            args = _touchscreen_args(argv) or build_parser().parse_args(argv)
        except SystemExit:  # --help, or a usage error: said, and its reader may be gone too
            try:
                sys.stdout.flush()
            except BrokenPipeError:
                _output_closed()  # argparse's own status stands (0 for --help)
            raise
        try:
            code = touchscreen(args) if args.command is None else _command(args)
        except Exception as exc:
            if isinstance(exc, BrokenPipeError) or not _refusal(exc):
                raise
            print(f"kiosk {args.command or 'touchscreen'}: {exc}", file=sys.stderr)
            return int(getattr(args, "refused", 1))  # (`kiosk verify` keeps 1 for a changed PDF)
        sys.stdout.flush()  # here, where a closed reader is caught, not at the interpreter's exit
        return code
    except BrokenPipeError:
        return _output_closed()


def _output_closed() -> int:
    """The reader of stdout went away (`| head`): stop quietly, as Python's documentation advises:
    whatever is still buffered goes to the null device, so the exit does not fail on it again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout (a test's capture): nothing is left to flush
        pass
    return SIGPIPE_STATUS


def _refusal(exc: BaseException) -> bool:
    """Whether an error is one of the kiosk's own one-sentence refusals (a setting, a file, the store,
    no display)."""
    from kiosk.config import ConfigError
    from kiosk.ui.probe import NoDisplay  # Qt-free: it decides before Qt is asked

    if isinstance(exc, ConfigError | NoDisplay):
        return True
    from kiosk.cli.store import ERRORS  # loaded only now: the touchscreen starts without it

    return isinstance(exc, ERRORS)


def _command(args: argparse.Namespace) -> int:
    """Run a command; it also writes its start and end to the kiosk's log (its console output is its own).

    A command never logs its arguments: a patient's name or a staff member's can be among them.
    """
    from kiosk.cli.causes import explain_database_errors, said_in_one_sentence
    from kiosk.config import ConfigError, load_config
    from kiosk.logs import COMMANDS_FILE_NAME, start_logging, without_log

    name = " ".join(
        word for word in (args.command, *(getattr(args, a, None) for a in _ACTIONS)) if word
    )
    try:
        config: Config | None = load_config(args.config)
    except ConfigError:
        config = None  # the command reports it; without a config there is no log folder to use
    logs = (
        start_logging(config.data_dir, config["log_level"], file_name=COMMANDS_FILE_NAME)
        if config
        else without_log()
    )
    explain_database_errors(logs.handlers)
    began = time.monotonic()
    log.info("kiosk %s: started (version %s)", name, __version__)
    try:
        result: int = said_in_one_sentence(args.run)(args)  # (every command's database errors)
        sys.stdout.flush()  # a reader gone is found before the status is logged, not after
    except BaseException as exc:
        if isinstance(exc, BrokenPipeError):
            log.info("kiosk %s: its reader closed the output; stopped", name)
        elif _refusal(exc):  # one sentence naming a file or setting, never a person
            log.error("kiosk %s: %s", name, exc)
        else:
            log.error("kiosk %s: ended by %s", name, type(exc).__name__)
        raise
    else:
        log.info("kiosk %s: exit status %d after %.1f s", name, result, time.monotonic() - began)
        return result
    finally:
        logs.close()


_ACTIONS = (
    "forms_command",
    "audit_command",
    "config_command",
    "staff_command",
    "records_command",
    "speech_command",
    "cert_command",
)
"""The attributes where a command's second word (`kiosk staff add`) is kept."""


def touchscreen(args: argparse.Namespace) -> int:
    """`kiosk` alone: the patient touchscreen (Qt is imported only now, so the commands stay quick).

    Its log goes to the data folder (or, if that cannot be written, to stderr after one sentence),
    and an unexpected exception anywhere is logged with its traceback. The settings are read and
    the log started once Welcome is painted, just before the store opens: nothing on Welcome
    depends on them, and their modules (tomllib, logging.handlers) would delay it. A settings file
    the kiosk cannot use is refused then, in the same one sentence.
    """
    from kiosk.ui.probe import qt_loaded

    with qt_loaded():
        from kiosk.ui.app import run

    closers: list[Callable[[], None]] = []

    def open_config() -> Config:
        from kiosk.cli.causes import explain_database_errors
        from kiosk.config import load_config
        from kiosk.logs import install_crash_hooks, start_logging

        config = load_config(args.config)
        logs = start_logging(config.data_dir, config["log_level"], console=sys.stderr)
        explain_database_errors(logs.handlers)
        closers.append(logs.close)
        closers.append(install_crash_hooks(logs))
        log.info(
            "kiosk %s starting: kiosk id %s, %s database, config %s",
            __version__,
            config.kiosk_id,
            "SQLite"
            if config.database_url.partition(":")[0].startswith("sqlite")
            else "PostgreSQL",
            config.path,
        )
        return config

    def stay_up(exc: Exception) -> bool:
        """`--stay-up` (started at login): a refusal is said now, where IT reads it (the journal,
        the log), and the kiosk stays up saying it is not ready (kiosk.ui.app)."""
        if not args.stay_up or not _refusal(exc):
            return False
        print(f"kiosk touchscreen: {exc}", file=sys.stderr, flush=True)
        if closers:  # (the log is started once the settings are read)
            log.error("the kiosk could not start (it stays on Welcome, not ready): %s", exc)
        return True

    try:
        code = run(
            open_config,
            stay_up=stay_up,
            windowed=args.windowed,
            exit_after="paint"
            if args.exit_after_paint
            else "ready"
            if args.exit_when_ready
            else None,
        )
    except BaseException as exc:
        if not closers:  # no log yet: the settings could not be read (said on stderr by main)
            raise
        if _refusal(exc):
            log.error("the kiosk could not start: %s", exc)
        else:
            log.critical("the kiosk stopped: %s", type(exc).__name__)
        raise
    else:
        if closers:
            log.info("kiosk stopped (exit status %d)", code)
        return code
    finally:
        for close in reversed(closers):  # the crash hooks first, then the file
            close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
