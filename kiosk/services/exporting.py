"""Exporting from the coordinator's desk (no Qt): the same exports as `kiosk records export` (CSV,
JSON, FHIR, the PDFs in a zip) for a date range, with a progress callback and a stop flag; audited
as `records_exported` under the signed-in staff member's name. Every refusal is a StaffError
naming a message; a cancelled export leaves nothing behind."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from kiosk.content.catalog import load_catalog
from kiosk.i18n import Msg, msg
from kiosk.records import (
    ExportCancelled,
    ExportError,
    ExportResult,
    Filters,
    export_csv,
    export_fhir,
    export_json,
    export_pdfs,
    risk_totals,
)
from kiosk.records.fhir_complete import FhirContext
from kiosk.services.errors import StaffError

if TYPE_CHECKING:
    from kiosk.services.console import ConsoleDesk

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "ExportCancelled",
    "ExportRequest",
    "Exported",
    "Exporting",
    "days_problem",
    "formats_ending",
    "target_for",
    "with_suffix_for",
]

log = logging.getLogger(__name__)

FORMATS = ("csv", "csv-acknowledgements", "json", "fhir-bundle", "fhir-ndjson", "pdf-zip")
"""What the desk exports: each a single file (the PDFs as one zip), so a save dialog names it."""
SUFFIXES = {
    "csv": ".csv",
    "csv-acknowledgements": ".csv",
    "json": ".json",
    "fhir-bundle": ".json",
    "fhir-ndjson": ".ndjson",
    "pdf-zip": ".zip",
}


def days_problem(first: date, last: date) -> Msg | None:
    """Why these days cannot be exported, naming the two fields: `first` after `last` is refused,
    as `kiosk records list --from X --to Y` refuses it (swapping them had exported other days than
    staff asked for, under a name staff never gave: a reviewer). None when they can."""
    if first > last:
        return msg(
            "console.export.days-reversed",
            first=msg("console.export.first"),
            last=msg("console.export.last"),
        )
    return None


def formats_ending(target: Path) -> tuple[str, ...]:
    """The formats (of FORMATS) whose ending `target`'s name has, in FORMATS' order: none when it
    has no export's ending (CSV's two share theirs, as JSON and the FHIR Bundle share .json)."""
    return tuple(f for f in FORMATS if SUFFIXES[f] == target.suffix.lower())


def with_suffix_for(fmt: str, chosen: Path) -> Path:
    """The file an export of `fmt` is written to when staff chose `chosen`: a name without an
    export's ending gets this format's (a coordinator who types "november" for the PDFs expects
    "november.zip", which a double-click opens); a name ending in another format's ending is kept,
    for `problem` to refuse (a zip written as "november.json" is opened as JSON, and fails)."""
    if chosen.suffix.lower() in SUFFIXES.values():
        return chosen
    return chosen.with_name(chosen.name + SUFFIXES[fmt])


def target_for(fmt: str, chosen: Path) -> tuple[Path, Msg | None]:
    """The file an export of `fmt` writes for the name staff chose, and why not when the format's
    ending, added, names a file that is there already: the save dialog asked before replacing
    `chosen`, never that one (last month's november.zip would have gone without a word)."""
    target = with_suffix_for(fmt, chosen)
    if target != chosen and target.exists():
        return target, msg("console.export.exists", path=str(target))
    return target, None


@dataclass(frozen=True)
class ExportRequest:
    """One export: its format (of FORMATS), the days (both included; `first` on or before
    `last`, else `Exporting.problem` refuses it), the file."""

    format: str
    first: date
    last: date
    target: Path
    patient: str = ""
    """A piece of one patient's name or MRN (empty: every patient), as `--patient` takes it: one
    patient's record for the chart, without everyone's of those days (a reviewer)."""

    def filters(self) -> Filters:
        # (loaded here: `kiosk records export` reads this module's endings, and the seal's and the
        # PDF's libraries the desk's services bring took 0.7 s of each export)
        from kiosk.services.console import local_midnight

        return Filters(
            since=local_midnight(self.first),
            until=local_midnight(self.last + timedelta(days=1)),
            patient=self.patient.strip() or None,
        )


@dataclass(frozen=True)
class Exported:
    """What was written: the file, how many briefings, how many PDFs were left out (with why, in
    the zip's NOT-INCLUDED.txt), and for the PDFs, how many are in the zip (`pdfs`, None for
    another format): the briefings without one are `briefings - pdfs`, each named in
    NOT-INCLUDED.txt (never signed, or its PDF left out)."""

    path: Path
    briefings: int
    left_out: int
    pdfs: int | None = None

    @property
    def without_pdf(self) -> int:
        """Briefings of the days asked whose PDF is not in the zip (0 for another format)."""
        return 0 if self.pdfs is None else self.briefings - self.pdfs


class Exporting:
    """The desk's exports over the shared store."""

    def __init__(self, desk: ConsoleDesk) -> None:
        self.desk = desk

    def default_name(self, fmt: str, first: date, last: date) -> str:
        """A file name for an export: its format and the days it covers."""
        first, last = min(first, last), max(first, last)
        return f"briefings-{fmt}-{first.isoformat()}-to-{last.isoformat()}{SUFFIXES[fmt]}"

    def problem(self, request: ExportRequest) -> Msg | None:
        """Why the export cannot be written where asked, before any work; None when it can."""
        if request.format not in FORMATS:
            raise ValueError(f"no export format {request.format!r}")
        reversed_days = days_problem(request.first, request.last)
        if reversed_days is not None:
            return reversed_days
        given, wanted = request.target.suffix, SUFFIXES[request.format]
        if given.lower() in SUFFIXES.values() and given.lower() != wanted:
            return msg(
                "console.export.wrong-suffix", name=request.target.name, given=given, suffix=wanted
            )
        folder = request.target.parent
        if not folder.is_dir():
            return msg("console.export.no-folder", folder=str(folder))
        if not os.access(folder, os.W_OK | os.X_OK):
            return msg("console.export.read-only", folder=str(folder))
        if request.target.is_dir():
            return msg("console.export.is-folder", path=str(request.target))
        return None

    def run(
        self,
        staff: str,
        request: ExportRequest,
        progress: Callable[[int, int], None],
        stop: threading.Event,
    ) -> Exported:
        """Write the export (replacing a file staff chose to replace). `progress(done, total)` is
        told as it goes; once `stop` is set it ends with ExportCancelled and nothing written."""
        self.desk.acting(staff)
        problem = self.problem(request)
        if problem is not None:
            raise StaffError(problem)
        if stop.is_set():
            raise ExportCancelled

        def told(done: int, total: int) -> None:
            progress(done, total)
            if stop.is_set():
                raise ExportCancelled

        store, filters, fmt, target = (
            self.desk.store,
            request.filters(),
            request.format,
            request.target,
        )
        now = self.desk.now()
        try:
            result: ExportResult
            if fmt.startswith("csv"):
                result = export_csv(
                    store, target, filters, by=staff, progress=told, now=now, overwrite=True,
                    acknowledgements=fmt != "csv", risk_totals=risk_totals(self.desk.forms.values()),
                )  # fmt: skip
            elif fmt == "json":
                result = export_json(
                    store, target, filters, by=staff, progress=told, now=now, overwrite=True
                )
            elif fmt.startswith("fhir"):
                result = export_fhir(
                    store, target, filters, by=staff, progress=told, now=now, overwrite=True,
                    style=fmt.removeprefix("fhir-"), documents=self.desk.config.documents_dir,
                    context=self._fhir_context(),
                )  # fmt: skip
            else:
                result = export_pdfs(
                    store, target, filters, by=staff, progress=told, now=now, overwrite=True,
                    as_zip=True, documents=self.desk.config.documents_dir,
                )  # fmt: skip
        except ExportError:
            log.error("a console export could not be written (%s)", fmt)
            raise StaffError(msg("console.export.failed", path=str(request.target))) from None
        except (SQLAlchemyError, OSError) as exc:
            log.error("a console export failed: %s", type(exc).__name__)
            raise StaffError(msg("console.export.failed", path=str(request.target))) from None
        log.info("console export: %d briefing(s) as %s", result.briefings, fmt)
        pdfs = result.items if fmt == "pdf-zip" else None
        return Exported(result.path, result.briefings, len(result.warnings), pdfs)

    def _fhir_context(self) -> FhirContext:
        """The clinic's settings and every form in every language (the answers' words), read now."""
        config = self.desk.config
        catalog = load_catalog(config.forms_dirs)
        return FhirContext.of(config.values, catalog.forms.values(), catalog.translations)
