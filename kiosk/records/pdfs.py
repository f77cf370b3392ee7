"""The PDF export: the signed briefing PDFs copied into a new folder or a zip, with a SHA256SUMS manifest."""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path, PureWindowsPath

from kiosk.records.output import (
    ExportResult,
    audit_detail,
    check_target,
    pending_file,
    pending_folder,
    publish,
)
from kiosk.records.query import Filters, Progress, RecordRow, find_records
from kiosk.store.checkpoint import colons
from kiosk.store.database import Store
from kiosk.store.models import BriefingStatus

MANIFEST = "SHA256SUMS"
NOT_INCLUDED = "NOT-INCLUDED.txt"


class PdfUnusable(Exception):
    """A briefing's PDF cannot be handed out: `kind` is "pending", "unreadable", "misfiled" or
    "altered"; each caller words it for its reader (`reason`: the OS's, for an unreadable file;
    the briefing whose PDF it is, for a misfiled one)."""

    def __init__(self, kind: str, path: Path | None, reason: str = "") -> None:
        super().__init__(kind)
        self.kind = kind
        self.path = path
        self.reason = reason


def pdf_file(stored: str, documents: Path) -> Path:
    """Where a PDF is: the store keeps its path relative to the documents folder (a data folder
    copied or restored elsewhere finds its own files); a row written before that (an absolute
    path, from a kiosk not yet upgraded) is taken as it is."""
    path = Path(stored)
    return path if path.is_absolute() or PureWindowsPath(stored).is_absolute() else documents / path


def read_sealed(row: RecordRow, documents: Path) -> tuple[Path, bytes]:
    """The PDF's file (in `documents`, the documents folder) and bytes, which must match the
    SHA-256 stored when it was sealed; else PdfUnusable. The one place that decides whether a PDF
    may leave the kiosk."""
    if row.pdf_status != "made" or not row.pdf_path:
        raise PdfUnusable("pending", None)
    path = pdf_file(row.pdf_path, documents)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PdfUnusable("unreadable", path, exc.strerror or str(exc)) from None
    if hashlib.sha256(data).hexdigest() != row.pdf_sha256:
        from kiosk.document.verify import briefing_of  # (the seal's libraries: only for this)

        other = briefing_of(data)
        if other is not None and other != row.briefing_id:
            raise PdfUnusable("misfiled", path, other)
        raise PdfUnusable("altered", path)
    return path, data


def sealed_by(row: RecordRow, name: str) -> str:
    """The manifest's comment line naming the kiosk certificate that sealed the file, for whoever
    checks it (`kiosk verify FILE --trust CERT.pem`); `sha256sum -c` skips lines starting with #.
    Empty for a PDF sealed before the store kept its certificate."""
    if not row.certificate_sha256:
        return ""
    return f"# {name}: sealed by kiosk {row.kiosk_id}, certificate SHA-256 {colons(row.certificate_sha256)}\n"


def misfiled(briefing_id: str, path: Path | None, other: str) -> str:
    """The sentence `kiosk verify`, `kiosk doctor` and the export give for another briefing's PDF
    found under this briefing's name."""
    return (
        f"briefing {briefing_id}: its PDF {path} is briefing {other}'s PDF, copied over it; "
        "restore this briefing's PDF from a backup"
    )


def _read_checked(row: RecordRow, documents: Path, here: str) -> tuple[bytes | None, str | None]:
    """The PDF's bytes if it is there and matches the stored SHA-256; else why it is left out.
    `here` is the kiosk exporting: another kiosk's PDF is in that kiosk's documents folder."""
    who = f"briefing {row.briefing_id}"
    try:
        return read_sealed(row, documents)[1], None
    except PdfUnusable as problem:
        if problem.kind == "pending":
            return None, (
                f"{who}: its PDF is still pending (not made yet); run `kiosk doctor --repair` on "
                f"the kiosk {row.kiosk_id}, then export again"
            )
        if problem.kind == "unreadable" and row.kiosk_id != here:  # kiosks sharing a database
            return None, (
                f"{who}: its PDF is kept at kiosk {row.kiosk_id}, not here ({problem.path} is not "
                f"on this computer); export it there: `kiosk records export --format pdf` on "
                f"{row.kiosk_id}"
            )
        if problem.kind == "unreadable":
            return None, (
                f"{who}: its PDF {problem.path} cannot be read ({problem.reason}); restore it "
                "from a backup"
            )
        if problem.kind == "misfiled":
            return (
                None,
                f"{misfiled(row.briefing_id, problem.path, problem.reason)}; it was not copied",
            )
        return None, (
            f"{who}: its PDF {problem.path} does not match the SHA-256 stored at signing (changed "
            "or replaced); it was not copied: check it with `kiosk verify`"
        )


def export_pdfs(
    store: Store,
    target: Path,
    filters: Filters,
    *,
    by: str,
    documents: Path,
    as_zip: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
    overwrite: bool = False,
) -> ExportResult:
    """Copy each completed briefing's PDF (from `documents`, the documents folder), checked
    against its stored SHA-256, with a manifest.

    Only completed briefings have PDFs: others are counted, not copied. A completed briefing
    whose PDF is pending, missing or altered is left out and named in NOT-INCLUDED.txt and in
    the result's warnings. The folder (or zip) appears whole or not at all.
    """
    check_target(target, overwrite=overwrite, folder=not as_zip)
    now = now or datetime.now(UTC)
    with store.reading() as session:
        rows = find_records(session, filters)
    signed = [r for r in rows if r.status == BriefingStatus.COMPLETED]
    unsigned = len(rows) - len(signed)
    sums: list[str] = []
    warnings: list[str] = []

    def files() -> Iterator[tuple[str, bytes]]:
        for done, row in enumerate(signed, start=1):
            data, problem = _read_checked(row, documents, store.kiosk_id)
            if problem:
                warnings.append(problem)
            else:
                assert data is not None and row.pdf_path is not None
                name = Path(row.pdf_path).name
                sums.append(f"{sealed_by(row, name)}{row.pdf_sha256}  {name}\n")
                yield name, data
            if progress:
                progress(done, len(signed))

    def notes() -> bytes:
        lines = [f"{w}\n" for w in warnings]
        if unsigned:  # each named: the console's count of briefings without a PDF points here
            lines.append(
                f"{unsigned} matching briefing(s) were never signed (prepared, in progress, "
                "abandoned or withdrawn) and have no PDF:\n"
            )
            lines += [
                f"briefing {r.briefing_id}: {r.status_word}\n"
                for r in rows
                if r.status != BriefingStatus.COMPLETED
            ]
        return "".join(lines).encode()

    if as_zip:
        with pending_file(target) as out:
            with zipfile.ZipFile(out.handle, "w") as archive:
                for name, data in files():
                    archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
                archive.writestr(MANIFEST, "".join(sums), compress_type=zipfile.ZIP_DEFLATED)
                if warnings or unsigned:
                    archive.writestr(NOT_INCLUDED, notes(), compress_type=zipfile.ZIP_DEFLATED)
            out.finish()
            sha = _sha256_file(out.tmp)
            detail = audit_detail(
                "pdf-zip", filters.for_audit(), len(rows), len(sums), sha256=sha,
                left_out=len(warnings),
            )  # fmt: skip
            publish(store, out.tmp, target, by=by, now=now, detail=detail)
        return ExportResult(target, "pdf-zip", len(rows), len(sums), sha, warnings)
    with pending_folder(target) as folder:
        for name, data in files():
            _write(folder / name, data)
        _write(folder / MANIFEST, "".join(sums).encode())
        if warnings or unsigned:
            _write(folder / NOT_INCLUDED, notes())
        manifest_sha = hashlib.sha256("".join(sums).encode()).hexdigest()
        detail = audit_detail(
            "pdf-folder", filters.for_audit(), len(rows), len(sums),
            manifest_sha256=manifest_sha, left_out=len(warnings),
        )  # fmt: skip
        publish(store, folder, target, by=by, now=now, detail=detail)
    return ExportResult(target, "pdf-folder", len(rows), len(sums), None, warnings)


def _write(path: Path, data: bytes) -> None:
    """A new file (never one already there) for the kiosk's user alone: it holds patients' records."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, 0o600)  # whatever the umask
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
