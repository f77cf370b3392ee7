"""`kiosk records list` and `kiosk records export`: briefings for coordinators, the chart and audits."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from kiosk.cli.columns import table
from kiosk.cli.columns import width as width  # (tests measure the table with it)
from kiosk.config import load_config
from kiosk.content import load_catalog
from kiosk.records import (
    ExportError,
    ExportResult,
    Filters,
    RecordRow,
    export_csv,
    export_fhir,
    export_json,
    export_pdfs,
    find_records,
    risk_totals,
)
from kiosk.records.fhir_complete import FhirContext
from kiosk.records.query import STATUSES, procedure_ids
from kiosk.store import InputError, Store, open_store
from kiosk.store.rules import clean_name

FORMATS = ("csv", "json", "fhir", "pdf")
FHIR_BUNDLE = ".fhir.json"  # a FHIR Bundle's ending here (on the desk, .json is JSON's too)
KINDS: dict[str | None, str] = {"csv": "CSV", "json": "JSON", "fhir-ndjson": "FHIR NDJSON"}
KINDS |= {"fhir-bundle": "a FHIR Bundle", "pdf-zip": "a zip of PDFs", None: "a folder of PDFs"}
ITEMS = {"csv": "rows", "json": "records", "pdf-zip": "PDFs", "pdf-folder": "PDFs"}
PROGRESS_DELAY = 0.5
"""Seconds an export runs before its progress bar appears: a quick one shows none."""
STATUS_WORDS = {s.replace("_", "-"): s for s in STATUSES}


class UsageError(Exception):
    """A bad option value: one sentence naming the option and what to write instead."""


def register(commands: Any) -> None:
    records = commands.add_parser("records", help="list and export briefing records")
    actions = records.add_subparsers(dest="records_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the briefings that match, as a table or JSON")
    _filters(listing)
    listing.add_argument(
        "--format", choices=("table", "json"), default="table", help="table (default) or json"
    )
    listing.set_defaults(run=run_list)
    export = actions.add_parser(
        "export", help="write the matching briefings as CSV, JSON, FHIR R4 or their PDFs"
    )
    _filters(export)
    export.add_argument(
        "--format", help="csv, json, fhir or pdf (default: as --output's ending says, else csv)"
    )
    export.add_argument(
        "--fhir-style", help="with --format fhir: bundle (one Bundle) or ndjson (for a .ndjson)"
    )
    export.add_argument(
        "--acknowledgements",
        action="store_true",
        help="CSV: one row per risk acknowledgement instead of one per briefing",
    )
    export.add_argument(
        "--zip", action="store_true", help="PDF: one zip file instead of a new folder"
    )
    export.add_argument("--output", type=Path, metavar="PATH", help="the file (or folder) to write")
    export.add_argument("--overwrite", action="store_true", help="replace an existing output file")
    export.add_argument(
        "--by", metavar="NAME", help="who exports, for the audit log (default: your login name)"
    )
    export.add_argument("--quiet", action="store_true", help="no progress bar")
    export.set_defaults(run=run_export)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="date_from", metavar="DATE", help="from this day (YYYY-MM-DD, local time)"
    )
    parser.add_argument(
        "--to", dest="date_to", metavar="DATE", help="up to and including this day (YYYY-MM-DD)"
    )
    several = "(repeat or comma-separate for several)"
    statuses = f"prepared, in-progress, completed, abandoned or withdrawn {several}"
    parser.add_argument("--status", action="append", metavar="STATUS", help=statuses)
    parser.add_argument("--procedure", metavar="ID", help="the procedure (form) id, e.g. mild")
    parser.add_argument("--patient", metavar="TEXT", help="part of the patient's name or MRN")
    parser.add_argument(
        "--open-questions",
        action="store_true",
        help="only briefings with flagged questions not yet answered",
    )


def _day(option: str, text: str | None, *, end: bool) -> datetime | None:
    """Midnight starting (or, for --to, ending) the day, in this machine's time zone."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"{option}: {text!r} is not a date; write it as YYYY-MM-DD, for example 2026-11-23."
        ) from None
    if end:
        if day == date.max:
            return None  # up to the calendar's last day: no end at all
        day += timedelta(days=1)
    midnight = datetime.combine(day, time())
    try:
        return midnight.astimezone()
    except (ValueError, OverflowError, OSError):
        # A day at the calendar's edge (year 1, or past what the system's clock can place): the
        # local offset cannot be found or would leave the calendar, and there UTC's is as good.
        return midnight.replace(tzinfo=UTC)


def parse_filters(args: argparse.Namespace) -> Filters:
    since = _day("--from", args.date_from, end=False)
    until = _day("--to", args.date_to, end=True)
    if since and until and until <= since:
        raise UsageError("--to: is before --from; give the earlier day with --from.")
    statuses = set()
    for given in args.status or ():
        for word in given.split(","):
            key = word.strip().lower().replace("_", "-").replace(" ", "-")
            if key not in STATUS_WORDS:
                raise UsageError(
                    f"--status: {word.strip()!r} is not a status; use prepared, in-progress, "
                    "completed, abandoned or withdrawn."
                )
            statuses.add(STATUS_WORDS[key])
    patient = args.patient.strip() if args.patient else None
    return Filters(
        since=since,
        until=until,
        statuses=frozenset(statuses),
        form_id=args.procedure,
        patient=patient or None,
        open_questions=args.open_questions,
    )


def _open(args: argparse.Namespace) -> tuple[Store, list[Any]]:
    config = load_config(args.config)
    catalog = load_catalog(config.forms_dirs)
    # every language of every form: risk totals and the FHIR answers' words by content hash
    forms = [
        *catalog.forms.values(),
        *(f for by in catalog.translations.values() for f in by.values()),
    ]
    return open_store(config.database_url, config.kiosk_id, create=False, at_head=True), forms


def _check_procedure(session: Session, forms: list[Any], wanted: str | None) -> None:
    """A --procedure that names no procedure here is refused (else nothing would simply match)."""
    if wanted is None:
        return
    known = procedure_ids(session, forms)
    if wanted not in known:
        known_ones = f"use one of: {', '.join(known)}" if known else "there are none here yet"
        raise UsageError(f"--procedure: {wanted!r} is not a procedure; {known_ones}.")


def _fail(action: str, message: str, code: int = 1) -> int:
    print(f"kiosk records {action}: {message}", file=sys.stderr)
    return code


# -- list --------------------------------------------------------------------------------------


def _when(moment: datetime | None) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}" if moment else "-"


def _list_rows(found: list[RecordRow]) -> list[list[str]]:
    head = ["when", "status", "patient", "born", "MRN", "procedure", "lang", "risks", "open", "PDF"]
    rows = [[*head, "kiosk", "briefing"]]
    for r in found:
        total = "?" if r.risks_total is None else str(r.risks_total)
        rows.append(
            [
                _when(r.happened_at),
                r.status_word,
                r.patient_name or "-",
                r.date_of_birth.isoformat() if r.date_of_birth else "-",
                r.mrn or "-",
                f"{r.form_id} {r.form_version}",
                r.language,
                f"{r.risks_acknowledged}/{total}",
                str(r.open_questions),
                r.pdf_status or "-",
                r.kiosk_id,
                r.briefing_id,
            ]
        )
    return rows


def run_list(args: argparse.Namespace) -> int:
    try:
        filters = parse_filters(args)
    except UsageError as exc:
        return _fail("list", str(exc), 2)
    store, forms = _open(args)
    try:
        with store.reading() as session:
            _check_procedure(session, forms, filters.form_id)
            found = find_records(session, filters, risk_totals(forms))
    except UsageError as exc:
        return _fail("list", str(exc), 2)
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps([r.to_json() for r in found], ensure_ascii=False, indent=1))
        return 0
    if not found:
        print("no briefings match")
        return 0
    print(table(_list_rows(found)))
    print(f"{len(found)} briefing(s)")
    return 0


# -- export ------------------------------------------------------------------------------------


@contextmanager
def progress_bar(quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A tqdm bar on standard error that shows only if the export takes more than a moment."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm  # type: ignore[import-untyped]

    bar: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(
                total=total, unit="briefing", delay=PROGRESS_DELAY, file=sys.stderr, leave=False
            )
        bar.update(done - bar.n)

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()


def _check_export_args(args: argparse.Namespace) -> None:
    if args.format not in (None, *FORMATS):
        raise UsageError(f"--format: {args.format!r} is not a format; use csv, json, fhir or pdf.")
    if args.fhir_style not in (None, "bundle", "ndjson"):
        raise UsageError(f"--fhir-style: {args.fhir_style!r} is not a style; use bundle or ndjson.")
    if args.output is None:
        raise UsageError(
            "--output: is required; name the file (or, for PDFs, the folder) to write."
        )
    _format_from_output(args)
    if args.fhir_style is not None and args.format != "fhir":
        raise UsageError("--fhir-style: goes with --format fhir only.")
    if args.acknowledgements and args.format != "csv":
        raise UsageError("--acknowledgements: goes with --format csv only.")
    if args.zip and args.format != "pdf":
        raise UsageError("--zip: goes with --format pdf only.")


def _format_from_output(args: argparse.Namespace) -> None:
    """--format (--fhir-style, --zip) by --output's ending if not given; a name for another refused."""
    from kiosk.services.exporting import SUFFIXES, formats_ending

    given = {"--format": args.format, "--fhir-style": args.fhir_style, "--zip": args.zip}
    bundle = args.output.name.lower().endswith(FHIR_BUNDLE)
    named = "fhir-bundle" if bundle else next(iter(formats_ending(args.output)), None)
    args.format = args.format or (named.partition("-")[0] if named else "csv")
    if args.format == "fhir" and args.fhir_style is None:
        args.fhir_style = "ndjson" if named == "fhir-ndjson" else "bundle"
    args.zip = args.zip or (args.format == "pdf" and named == "pdf-zip")
    writes = {"fhir": f"fhir-{args.fhir_style}", "pdf": "pdf-zip" if args.zip else None}
    wrote = writes.get(args.format, args.format)  # None: a folder of PDFs
    if named in (None, wrote) or (named, wrote) == ("json", "fhir-bundle"):
        return  # a Bundle may be any .json, as on the desk
    stem = args.output.name[: -len(FHIR_BUNDLE if bundle else args.output.suffix)]
    better = stem + (FHIR_BUNDLE if wrote == "fhir-bundle" else SUFFIXES.get(wrote or "", ""))
    raise UsageError(
        f"--output: {args.output} is a name for {KINDS[named]}, not {KINDS[wrote]}; name it {better}, "
        f"or leave out {' and '.join(o for o, v in given.items() if v)} to write {KINDS[named]}."
    )


def run_export(args: argparse.Namespace) -> int:
    try:
        _check_export_args(args)
        filters = parse_filters(args)
    except UsageError as exc:
        return _fail("export", str(exc), 2)
    try:
        by = clean_name(args.by or _login_name(), "--by")
    except InputError as exc:
        return _fail("export", f"{exc}.", 2)
    output = args.output.expanduser().absolute()
    store, forms = _open(args)
    try:
        with store.reading() as session:
            _check_procedure(session, forms, filters.form_id)
        with progress_bar(args.quiet) as progress:
            result = _export(args, store, forms, filters, output, by, progress)
    except UsageError as exc:
        return _fail("export", str(exc), 2)
    except (ExportError, InputError) as exc:
        return _fail("export", str(exc) if str(exc).endswith(".") else f"{exc}.")
    except OSError as exc:
        return _fail(
            "export",
            f"{output}: could not be written ({exc.strerror or exc}); nothing was left behind: "
            "free some space or choose another folder.",
        )
    finally:
        store.close()
    for warning in result.warnings:
        print(f"kiosk records export: {warning}", file=sys.stderr)
    print(_summary(result))
    return 1 if result.warnings and args.format == "pdf" else 0


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment or the password database
        return "unknown user"


def _export(
    args: argparse.Namespace,
    store: Store,
    forms: list[Any],
    filters: Filters,
    output: Path,
    by: str,
    progress: Callable[[int, int], None] | None,
) -> ExportResult:
    common: dict[str, Any] = {
        "by": by,
        "progress": progress,
        "now": datetime.now(UTC),
        "overwrite": args.overwrite,
    }
    if args.format == "csv":
        return export_csv(
            store,
            output,
            filters,
            acknowledgements=args.acknowledgements,
            risk_totals=risk_totals(forms),
            **common,
        )
    if args.format == "json":
        return export_json(store, output, filters, **common)
    config = load_config(args.config)
    documents = config.documents_dir  # the PDFs' paths are stored relative to it
    if args.format == "fhir":
        context = FhirContext.of(config.values, forms)
        return export_fhir(
            store,
            output,
            filters,
            style=args.fhir_style or "bundle",
            documents=documents,
            context=context,
            **common,
        )
    return export_pdfs(store, output, filters, as_zip=args.zip, documents=documents, **common)


def _summary(result: ExportResult) -> str:
    what = ITEMS.get(result.format, "resources")  # FHIR's
    line = f"exported {result.briefings} briefing(s) as {result.format}: {result.items} {what} in {result.path}"
    if result.warnings:
        line += f" ({len(result.warnings)} left out or incomplete, named above)"
    return line
