"""`kiosk forms`: check procedure files as their editors change them, and list the procedures found."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.columns import pad, width
from kiosk.cli.forms_diff import register_diff
from kiosk.config import load_config
from kiosk.content import Form, FormError, Problem, load_catalog, load_form
from kiosk.content.catalog import Procedure, form_files, load_procedure, procedure_folders
from kiosk.content.loader import FORM_SUFFIX


def register(commands: Any) -> None:
    forms = commands.add_parser("forms", help="check and list procedure content files")
    sub = forms.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    check = sub.add_parser(
        "check", help="validate procedure files (all shipped forms if none given)"
    )
    check.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="a procedure content file (.toml), a procedure's folder (its files, one per "
        "language) or a forms folder to check; none: every shipped and clinic form",
    )
    check.set_defaults(run=run_check)
    listing = sub.add_parser("list", help="list the procedures the kiosk can show")
    listing.set_defaults(run=run_list)
    register_diff(sub)


def _every_file(folders: list[Path]) -> list[Path]:
    """The form files in the folders: those directly in them, then those of their procedure folders."""
    return [
        *form_files(folders),
        *(f for sub in procedure_folders(folders) for f in form_files([sub])),
    ]


def _named_files(named: list[Path]) -> list[Path]:
    """The files to check for the paths given: a file itself; a folder's form files (a procedure's
    folder holds them, a forms folder holds them and procedure folders)."""
    files: list[Path] = []
    for path in named:
        # (a file missing or unreadable, or a folder with no form files, is said by the check)
        files += (path.is_dir() and _every_file([path])) or [path]
    return files


def run_check(args: argparse.Namespace) -> int:
    folders = load_config(args.config).forms_dirs
    files = _named_files(args.files) if args.files else _every_file(folders)
    if not files:
        print(
            f"kiosk forms check: no form files found in {' or '.join(map(str, folders))}",
            file=sys.stderr,
        )
        return 1
    failed = 0
    procedures: dict[Path, Procedure] = {}
    for path in files:
        form, found = _check(path, procedures)
        for problem in found:
            print(problem, file=sys.stderr)
        if form is None or any(not p.warning for p in found):
            failed += 1
            continue
        what = f"{form.id} version {form.version}, {form.language}"
        if form.translation is not None:
            what += f", translated from version {form.translation.source_version}"
        print(f"{path}: ok — {what}, content sha256 {form.content_sha256[:12]}")
    if failed:
        print(
            f"{failed} of {len(files)} file(s) have problems; fix the lines above and run the check again.",
            file=sys.stderr,
        )
        return 1
    return 0


def _check(path: Path, procedures: dict[Path, Procedure]) -> tuple[Form | None, list[Problem]]:
    """The file's form and what is wrong with it; a translation is checked against its source,
    the file without a [translation] table in its folder."""
    if path.is_dir():
        said = (
            f"holds no procedure files ({FORM_SUFFIX}); name a form file, a procedure's "
            "folder or a forms folder"
        )
        return None, [Problem(str(path), "", said)]
    try:
        form = load_form(path)
    except FormError as exc:
        return None, list(exc.problems)
    if form.translation is None:
        return form, []
    folder = path.parent
    if folder not in procedures:
        procedures[folder] = load_procedure(folder)
    found = procedures[folder].checked.get(path)
    if found is None:  # a file named from elsewhere: its folder's files are not it
        found = [Problem(str(path), "", f"is a translation, but {folder} does not hold it")]
    return form, found


def run_list(args: argparse.Namespace) -> int:
    catalog = load_catalog(load_config(args.config).forms_dirs)
    rows = [
        (
            form.id,
            form.version,
            form.title,
            f"{len(form.steps)} steps, {len(form.risks)} risks; "
            + ", ".join([form.language, *sorted(catalog.translations.get(form.id, {}))]),
            str(catalog.sources[form.id]),
        )
        for form in catalog.forms.values()
    ]
    if rows:
        widths = [max(width(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            print(
                "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=False))
                + "  "
                + row[4]
            )
    else:
        print("No procedures found.")
    for problem in (*catalog.problems, *catalog.warnings):
        print(problem, file=sys.stderr)
    if catalog.problems:
        print(
            "Some procedure files were left out; run `kiosk forms check` on them.", file=sys.stderr
        )
        return 1
    return 0
