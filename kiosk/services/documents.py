"""A briefing's PDF at the coordinator's desk (no Qt): its pages rendered (pypdfium2) from the file
checked against the SHA-256 stored when it was sealed, a copy saved where staff choose, printing
audited, and a pending PDF made when this desk runs on the kiosk that signed the briefing (its key,
its folder). Every refusal is a StaffError naming a message."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from kiosk.config import ConfigError
from kiosk.content import load_catalog
from kiosk.document.identity import load_signer
from kiosk.document.make import DocumentError, make_document
from kiosk.document.seal import SealError
from kiosk.files import install_file
from kiosk.i18n import msg
from kiosk.records import followup
from kiosk.records.pdfs import PdfUnusable, read_sealed
from kiosk.records.query import RecordRow
from kiosk.services.console import ConsoleDesk, StaffError, StaleError

log = logging.getLogger(__name__)

POINTS_PER_INCH = 72.0
_MAKING = threading.Lock()
"""One PDF made at a time by this desk (the kiosk's own job may be making others)."""


@dataclass(frozen=True)
class Page:
    """A page as pixels: RGB, three bytes a pixel, `stride` bytes a row."""

    width: int
    height: int
    stride: int
    pixels: bytes


@dataclass(frozen=True)
class Shown:
    """What the PDF view shows of a briefing: its row, its pages (none while it has no PDF), and
    whether this desk can make its pending PDF (it runs as the kiosk that signed it)."""

    row: RecordRow
    pages: list[Page]
    can_make: bool


class DeskDocuments:
    """The desk's PDF actions over the shared store."""

    def __init__(self, desk: ConsoleDesk) -> None:
        self.desk = desk

    def row(self, briefing_id: str) -> RecordRow:
        return self.desk.guarded(
            "pdf row", lambda: followup.record_of(self.desk.store, self.desk.forms, briefing_id)
        )

    def show(self, briefing_id: str, width: int) -> Shown:
        """The briefing's PDF pages, each `width` pixels wide (none while it has no PDF)."""
        row = self.row(briefing_id)
        if row.pdf_status != "made":
            here = row.kiosk_id == self.desk.store.kiosk_id
            return Shown(row, [], here and row.pdf_status == "pending")
        data = self._sealed(row)
        return Shown(row, list(render(data, width=width)), False)

    def pages_at(self, staff: str, briefing_id: str, dpi: int) -> Iterator[Page]:
        """The pages at `dpi` (for a printer, by `staff`), one at a time."""
        self.desk.acting(staff)
        yield from render(self._sealed(self.row(briefing_id)), dpi=dpi)

    def save_copy(self, staff: str, briefing_id: str, target: Path) -> Path:
        """Write the sealed PDF, byte for byte, to `target` (replacing a file staff chose to
        replace); audited as pdf_copied under `staff`."""
        self.desk.acting(staff)
        data = self._sealed(self.row(briefing_id))
        try:
            install_file(target, data, 0o600, overwrite=True)
        except OSError as exc:
            log.error("a PDF copy could not be written: %s", type(exc).__name__)
            raise StaffError(msg("console.pdf.copy-failed", path=str(target))) from None
        self.desk.action(staff, "pdf_copied", {"file": target.name}, briefing_id)
        return target

    def printed(self, staff: str, briefing_id: str, printer: str) -> None:
        self.desk.action(staff, "pdf_printed", {"printer": printer or "default"}, briefing_id)

    def make(self, staff: str, briefing_id: str) -> None:
        """Make, seal and file a signed briefing's pending PDF, as its kiosk would (its key, its
        folder); audited as pdf_made_by_staff under `staff`."""
        self.desk.acting(staff)
        config, store = self.desk.config, self.desk.store
        with _MAKING:
            row = self.row(briefing_id)
            if row.kiosk_id != store.kiosk_id:
                raise StaffError(msg("problem.pdf-made-elsewhere", kiosk=row.kiosk_id))
            if row.pdf_status != "pending":
                raise StaleError(msg("problem.pdf-already-made"))
            now = self.desk.now()
            try:
                signer = load_signer(config, now)
            except (SealError, ConfigError, OSError) as exc:
                raise StaffError(msg("problem.no-signing-key", reason=str(exc))) from None
            translations = load_catalog(config.forms_dirs).translations
            try:
                made = make_document(
                    store, briefing_id, self.desk.forms, signer, config.documents_dir, now,
                    translations=translations, clinic=str(config["clinic_name"]),
                )  # fmt: skip
            except DocumentError as exc:
                raise StaffError(exc.text) from None
        self.desk.action(
            staff, "pdf_made_by_staff", {"sha256": made.sha256, "file": made.path.name}, briefing_id
        )
        log.info("briefing %s: its pending PDF made at the console", briefing_id)

    def _sealed(self, row: RecordRow) -> bytes:
        try:
            return read_sealed(row, self.desk.config.documents_dir)[1]
        except PdfUnusable as problem:
            if problem.kind == "pending":
                raise StaleError(msg("console.pdf.pending")) from None
            if problem.kind == "unreadable":  # named as missing here where it was made here
                here = row.kiosk_id == self.desk.store.kiosk_id
                said = "console.pdf.unreadable-here" if here else "console.pdf.unreadable"
                path, why = str(problem.path), problem.reason
                raise StaffError(msg(said, kiosk=row.kiosk_id, path=path, reason=why)) from None
            raise StaffError(msg("console.pdf.altered", path=str(problem.path))) from None


def render(data: bytes, *, width: int | None = None, dpi: int | None = None) -> Iterator[Page]:
    """Each page of the PDF as RGB pixels: `width` pixels wide, or at `dpi`."""
    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            scale = width / page.get_width() if width else (dpi or 96) / POINTS_PER_INCH
            bitmap = page.render(
                scale=scale,
                rev_byteorder=True,  # RGB, as QImage.Format_RGB888 reads it
                force_bitmap_format=pdfium_c.FPDFBitmap_BGR,
                fill_color=(255, 255, 255, 255),
            )
            yield Page(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            bitmap.close()
            page.close()
    finally:
        document.close()
