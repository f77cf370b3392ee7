"""Export files written whole or not at all, and each finished export recorded in the audit log."""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from kiosk.files import fsync_dir
from kiosk.store import audit
from kiosk.store.database import Store
from kiosk.store.rules import clean_name

ACTION = "records_exported"
SUBJECT = "records"


class ExportError(Exception):
    """The export cannot be written; one sentence naming the file or option and what to do."""


class ExportCancelled(Exception):
    """Raised by an export's progress callback to stop it: its temporary file or folder is removed,
    nothing is published under the target's name and nothing is audited."""


@dataclass
class ExportResult:
    """What an export wrote: the file or folder, how many briefings, and anything left out."""

    path: Path
    format: str
    briefings: int
    items: int
    """Rows (CSV), resources (FHIR), PDFs, or briefings (JSON) written."""
    sha256: str | None = None
    """Of the file written (None for a folder of PDFs)."""
    warnings: list[str] = field(default_factory=list)


def check_target(target: Path, *, overwrite: bool, folder: bool = False) -> None:
    """Refuse, before any work, an output whose folder is missing or that would replace something."""
    parent = target.parent
    if not parent.is_dir():
        raise ExportError(
            f"--output: the folder {parent} does not exist; create it first or choose another place."
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(
            f"--output: the folder {parent} cannot be written; choose a folder you can write to."
        )
    if folder:
        if target.exists() and not (target.is_dir() and not any(target.iterdir())):
            raise ExportError(
                f"--output: {target} already exists and is not an empty folder; "
                "choose a new folder name."
            )
    elif target.is_dir():
        raise ExportError(f"--output: {target} is a folder; give a file name.")
    elif target.exists() and not overwrite:
        raise ExportError(
            f"--output: {target} already exists; choose another name, or add --overwrite to replace it."
        )


class PendingFile:
    """A temporary file beside the target; `publish` moves it into place, else it is removed."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        fd = os.open(
            self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600
        )
        self.handle: IO[bytes] = os.fdopen(fd, "wb", buffering=1 << 20)
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.handle.write(data)

    def finish(self) -> None:
        """Flush and fsync: after this the bytes are on disk, under the temporary name."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.chmod(self.tmp, 0o600)

    def discard(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        self.tmp.unlink(missing_ok=True)


@contextmanager
def pending_file(target: Path) -> Iterator[PendingFile]:
    """Write into the yielded file; any failure removes it, so no partial export is ever left."""
    try:
        pending = PendingFile(target)
    except OSError as exc:
        raise ExportError(
            f"--output: cannot write in {target.parent} ({exc.strerror}); choose another folder."
        ) from None
    try:
        yield pending
    except BaseException:
        pending.discard()
        raise
    if pending.tmp.exists():  # not published by the caller: a programming slip, never a half file
        pending.discard()


@contextmanager
def pending_folder(target: Path) -> Iterator[Path]:
    """A temporary folder beside the target, removed whole if anything fails before `publish_folder`."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        tmp.mkdir(mode=0o700)
    except OSError as exc:
        raise ExportError(
            f"--output: cannot write in {target.parent} ({exc.strerror}); choose another folder."
        ) from None
    try:
        yield tmp
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def publish(
    store: Store,
    source: Path,
    target: Path,
    *,
    by: str,
    now: datetime,
    detail: dict[str, Any],
) -> None:
    """Move the finished file or folder into place and add the audit row, as one step.

    The audit row and the rename happen inside one transaction: if the rename fails nothing is
    audited; if the commit fails the file is taken back out again.
    """
    actor = clean_name(by, "--by")
    moved = False
    try:
        with store.sessions.begin() as session:
            audit.append(
                session,
                at=now,
                kiosk_id=store.kiosk_id,
                actor=actor,
                action=ACTION,
                subject=SUBJECT,
                detail=detail,
            )
            session.flush()
            if source.is_dir():
                if target.is_dir():
                    target.rmdir()  # checked empty before the export began
                os.rename(source, target)
            else:
                os.replace(source, target)
            moved = True
            fsync_dir(target.parent)
    except BaseException:
        if moved:
            if target.is_dir():
                shutil.rmtree(target, ignore_errors=True)
            else:
                target.unlink(missing_ok=True)
        raise


def audit_detail(
    fmt: str, filters: dict[str, Any], count: int, items: int, **more: Any
) -> dict[str, Any]:
    """What an export's audit row says: format, filters (no patient text), counts; never a name."""
    return {"format": fmt, "filters": filters, "briefings": count, "items": items, **more}
