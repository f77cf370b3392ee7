"""`kiosk demo --briefings N [--language LANG]`: a separate demo data folder filled with synthetic,
complete briefings, in a language the procedure is offered in."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.config import load_config
from kiosk.content import load_catalog


def register(commands: Any) -> None:
    demo = commands.add_parser(
        "demo", help="fill a separate demo data folder with synthetic briefings"
    )
    demo.add_argument(
        "--briefings", type=int, default=20, metavar="N", help="how many (default 20)"
    )
    demo.add_argument(
        "--data-dir", type=Path, help="the demo folder (default: the data folder's name + -demo)"
    )
    demo.add_argument("--procedure", default="mild", help="the procedure id (default mild)")
    demo.add_argument(
        "--language",
        metavar="LANG",
        help="the language the briefings are given in, e.g. es (default: the procedure's own)",
    )
    demo.add_argument(
        "--no-pdf", action="store_true", help="skip making the PDFs (faster, for export trials)"
    )
    demo.set_defaults(run=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    if args.data_dir is not None and not args.data_dir.is_absolute():
        # refused as a relative KIOSK_DATA_DIR or data_dir is: the `KIOSK_DATA_DIR=FOLDER kiosk ...`
        # printed at the end must name this folder from whatever folder it is run in
        print(
            f"kiosk demo: --data-dir {args.data_dir} is a relative path; give the demo folder as an "
            f"absolute path, for example {args.data_dir.expanduser().absolute()}.",
            file=sys.stderr,
        )
        return 1
    # (loaded here: it brings the PDF's and the seal's libraries, a second of every other command)
    from kiosk.demo import DemoError, fill_demo

    config = load_config(args.config)
    folder: Path = args.data_dir or config.data_dir.with_name(config.data_dir.name + "-demo")
    if args.briefings < 1:
        print("kiosk demo: --briefings must be 1 or more.", file=sys.stderr)
        return 1
    catalog = load_catalog(config.forms_dirs)
    form = catalog.forms.get(args.procedure)
    if form is None:
        print(
            f"kiosk demo: no procedure {args.procedure!r}; see `kiosk forms list`.", file=sys.stderr
        )
        return 1
    start = datetime.now(UTC) - timedelta(days=1)

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{total} briefings", end="", file=sys.stderr, flush=True)

    try:
        result = fill_demo(
            folder,
            form,
            args.briefings,
            start,
            pdfs=not args.no_pdf,
            progress=progress,
            translations=catalog.translations.get(form.id, {}),
            language=args.language,
        )
    except DemoError as exc:
        print(f"kiosk demo: {exc}", file=sys.stderr)
        return 1
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{result.briefings} demo briefings ({result.pdfs} PDFs) in {folder}")
    print(f"use them with: KIOSK_DATA_DIR={folder} kiosk ...")
    return 0
