"""The `kiosk` command: starts the patient kiosk, and holds the tools for coordinators and IT."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__
from kiosk.cli import demo, document, forms, records, settings, staff, store
from kiosk.config import Config, ConfigError, load_config
from kiosk.logs import COMMANDS_FILE_NAME, install_crash_hooks, start_logging, without_log

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Consent-and-briefing kiosk. Without a command it starts the patient kiosk.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--windowed", action="store_true", help="run in a window instead of fullscreen"
    )
    parser.add_argument(  # for benchmarks/: the time from start to the first screen painted
        "--exit-after-paint", action="store_true", help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="the settings file (default: KIOSK_CONFIG, else the platform's)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    forms.register(commands)
    store.register(commands)
    document.register(commands)
    settings.register(commands)
    staff.register(commands)
    demo.register(commands)
    records.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _touchscreen(args)
        return _command(args)
    except store.ERRORS as exc:
        print(f"kiosk {args.command or 'touchscreen'}: {exc}", file=sys.stderr)
        return 1


def _command(args: argparse.Namespace) -> int:
    """Run a command; it also writes its start and end to the kiosk's log (its console output is its own).

    A command never logs its arguments: a patient's name or a staff member's can be among them.
    """
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
    began = time.monotonic()
    log.info("kiosk %s: started (version %s)", name, __version__)
    try:
        result: int = args.run(args)
    except store.ERRORS as exc:  # one sentence naming a file or setting, never a person
        log.error("kiosk %s: %s", name, exc)
        raise
    except BaseException as exc:
        log.error("kiosk %s: ended by %s", name, type(exc).__name__)
        raise
    else:
        log.info("kiosk %s: exit status %d after %.1f s", name, result, time.monotonic() - began)
        return result
    finally:
        logs.close()


_ACTIONS = ("forms_command", "audit_command", "config_command", "staff_command", "records_command")
"""The attributes where a command's second word (`kiosk staff add`) is kept."""


def _touchscreen(args: argparse.Namespace) -> int:
    """`kiosk` alone: the patient touchscreen (Qt is imported only now, so the commands stay quick).

    Its log goes to the data folder (or, if that cannot be written, to stderr after one sentence),
    and an unexpected exception anywhere is logged with its traceback.
    """
    from kiosk.store.database import sqlite_path
    from kiosk.ui.app import run

    config = load_config(args.config)
    logs = start_logging(config.data_dir, config["log_level"], console=sys.stderr)
    restore_hooks = install_crash_hooks(logs)
    log.info(
        "kiosk %s starting: kiosk id %s, %s database, config %s",
        __version__,
        config.kiosk_id,
        "SQLite" if sqlite_path(config.database_url) else "PostgreSQL",
        config.path,
    )
    try:
        code = run(config, windowed=args.windowed, exit_after_paint=args.exit_after_paint)
    except store.ERRORS as exc:
        log.error("the kiosk could not start: %s", exc)
        raise
    except BaseException as exc:
        log.critical("the kiosk stopped: %s", type(exc).__name__)
        raise
    else:
        log.info("kiosk stopped (exit status %d)", code)
        return code
    finally:
        restore_hooks()
        logs.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
