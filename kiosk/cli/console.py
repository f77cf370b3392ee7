"""`kiosk console`: the coordinator's desk window, on the same records as the kiosks."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.config import Config


def register(commands: Any) -> None:
    console = commands.add_parser(
        "console",
        help="the coordinator's desk: a desktop window over the kiosks' records (staff sign in)",
    )
    console.set_defaults(run=run_console)


def run_console(args: argparse.Namespace) -> int:
    from kiosk.config import load_config
    from kiosk.services.console import ConsoleDesk
    from kiosk.session import SystemClock
    from kiosk.ui.probe import qt_loaded

    with qt_loaded():
        from kiosk.ui.console.app import run

    config = load_config(args.config)
    return run(lambda: ConsoleDesk.open(config, SystemClock()), console_language(config))


def console_language(config: Config) -> str:
    """Staff read the clinic's main language at their desk, as in staff mode: the first the
    kiosks offer (the `languages` setting) that the kiosk has words for; else English."""
    from kiosk.i18n import SOURCE, languages

    offered = [c.strip() for c in str(config["languages"]).split(",") if c.strip()]
    return next((c for c in offered if c in languages()), SOURCE)
