"""`kiosk verify FILE.pdf`: one line saying whether a briefing PDF is intact and matches the record."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.config import load_config
from kiosk.document.verify import verify_pdf
from kiosk.store import open_store


def register(commands: Any) -> None:
    verify = commands.add_parser(
        "verify", help="check a briefing PDF's seal and that it matches the stored record"
    )
    verify.add_argument("file", type=Path, metavar="FILE.pdf")
    verify.set_defaults(run=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"{args.file}: cannot be read ({exc.strerror}); check the path.", file=sys.stderr)
        return 1
    config = load_config(args.config)
    store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        verdict = verify_pdf(data, store)
    finally:
        store.close()
    print(f"{args.file}: {verdict.message}", file=sys.stdout if verdict.intact else sys.stderr)
    return 0 if verdict.intact else 1
