"""The `kiosk` command: starts the patient kiosk, and holds the tools for coordinators and IT."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__
from kiosk.cli import demo, document, forms, records, settings, staff, store


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
        result: int = args.run(args)
    except store.ERRORS as exc:
        print(f"kiosk {args.command or 'touchscreen'}: {exc}", file=sys.stderr)
        return 1
    return result


def _touchscreen(args: argparse.Namespace) -> int:
    """`kiosk` alone: the patient touchscreen (Qt is imported only now, so the commands stay quick)."""
    from kiosk.config import load_config
    from kiosk.ui.app import run

    return run(
        load_config(args.config), windowed=args.windowed, exit_after_paint=args.exit_after_paint
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
