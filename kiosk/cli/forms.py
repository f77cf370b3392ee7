"""`kiosk forms`: check procedure files as their editors change them, and list the procedures found."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.config import load_config
from kiosk.content import FormError, load_catalog, load_form
from kiosk.content.catalog import form_files


def register(commands: Any) -> None:
    forms = commands.add_parser("forms", help="check and list procedure content files")
    sub = forms.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    check = sub.add_parser(
        "check", help="validate procedure files (all shipped forms if none given)"
    )
    check.add_argument("files", nargs="*", type=Path, metavar="FILE")
    check.set_defaults(run=run_check)
    listing = sub.add_parser("list", help="list the procedures the kiosk can show")
    listing.set_defaults(run=run_list)


def run_check(args: argparse.Namespace) -> int:
    folders = load_config(args.config).forms_dirs
    files: list[Path] = args.files or form_files(folders)
    if not files:
        print(
            f"kiosk forms check: no form files found in {' or '.join(map(str, folders))}",
            file=sys.stderr,
        )
        return 1
    failed = 0
    for path in files:
        try:
            form = load_form(path)
        except FormError as exc:
            failed += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        print(
            f"{path}: ok — {form.id} version {form.version}, content sha256 {form.content_sha256[:12]}"
        )
    if failed:
        print(
            f"{failed} of {len(files)} file(s) have problems; fix the lines above and run the check again.",
            file=sys.stderr,
        )
        return 1
    return 0


def run_list(args: argparse.Namespace) -> int:
    catalog = load_catalog(load_config(args.config).forms_dirs)
    rows = [
        (
            form.id,
            form.version,
            form.title,
            f"{len(form.steps)} steps, {len(form.risks)} risks",
            str(catalog.sources[form.id]),
        )
        for form in catalog.forms.values()
    ]
    if rows:
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            print(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
                + "  "
                + row[4]
            )
    else:
        print("No procedures found.")
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    if catalog.problems:
        print(
            "Some procedure files were left out; run `kiosk forms check` on them.", file=sys.stderr
        )
        return 1
    return 0
