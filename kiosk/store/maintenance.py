"""Keeping a store healthy: start-up recovery, the health checks behind `kiosk doctor`, online backup."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from kiosk.files import nearest_existing
from kiosk.store import audit
from kiosk.store.briefings import recover_interrupted
from kiosk.store.database import (
    Store,
    StoreError,
    current_revision,
    describe_error,
    head_revision,
    integrity_problems,
    open_store,
    place_of,
    sqlite_path,
)
from kiosk.store.models import AuditEntry

MIN_FREE_BYTES = 500 * 1024 * 1024
"""Below this much free space in the data folder, `kiosk doctor` fails: PDFs and the database need room."""


def start(
    url: str, kiosk_id: str, now: datetime, settings: dict[str, Any]
) -> tuple[Store, list[str]]:
    """What the kiosk does when it starts: check, migrate, note changed settings, close what a crash left open."""
    store = open_store(url, kiosk_id)
    try:
        record_settings(store, settings, now)
        return store, recover_interrupted(store, now)
    except DBAPIError as exc:  # another program holds the lock, the disk filled up
        store.close()
        raise StoreError(describe_error(url, exc)) from None


def record_settings(
    store: Store, settings: dict[str, Any], now: datetime, actor: str = "system"
) -> list[str]:
    """Audit the settings this kiosk runs with whenever they differ from the last ones recorded.

    The row names the changed keys and a digest of every value, never the values themselves
    (a database URL may hold a password). Returns the changed keys.
    """
    digests = {key: _digest(value) for key, value in sorted(settings.items())}
    with store.sessions.begin() as session:
        last = session.execute(
            select(AuditEntry.detail)
            .where(AuditEntry.action == "settings_changed", AuditEntry.kiosk_id == store.kiosk_id)
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        ).scalar()
        before = json.loads(last)["settings"] if last else {}
        changed = sorted(
            key for key in digests.keys() | before.keys() if digests.get(key) != before.get(key)
        )
        if changed:
            audit.append(
                session,
                at=now,
                kiosk_id=store.kiosk_id,
                actor=actor,
                action="settings_changed",
                subject=f"kiosk:{store.kiosk_id}",
                detail={"changed": changed, "settings": digests},
            )
    return changed


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    warning: bool = False
    """Printed WARN: worth acting on, but the kiosk works (doctor does not fail on it)."""

    @property
    def label(self) -> str:
        return "FAIL" if not self.ok else "WARN" if self.warning else "ok  "


def store_checks(
    url: str,
    kiosk_id: str,
    data_dir: Path,
    chain: Callable[[Store], list[Check]] | None = None,
) -> list[Check]:
    """The store's lines of `kiosk doctor`: reachable, migrated, intact, audit chain (`chain` says
    how it is proven: by default its own links alone), free disk."""
    checks: list[Check] = []
    try:
        store = open_store(url, kiosk_id, create=False)
    except StoreError as exc:
        checks.append(Check("database", False, str(exc)))
        return [*checks, _free_disk(data_dir)]
    try:
        checks.append(Check("database", True, f"reachable ({place_of(store.engine.url)})"))
        current, head = current_revision(store.engine), head_revision(store.engine)
        checks.append(
            Check(
                "migrations",
                current == head,
                f"at {head}"
                if current == head
                else f"at {current}, the code needs {head}: run `kiosk init`",
            )
        )
        problems = integrity_problems(store.engine, full=True)
        checks.append(
            Check("integrity", not problems, "ok" if not problems else "; ".join(problems[:3]))
        )
        checks += chain(store) if chain else [_chain(store)]
    finally:
        store.close()
    return [*checks, _free_disk(data_dir)]


def _chain(store: Store) -> Check:
    with store.reading() as session:
        report = audit.verify(session)
    if report.ok:
        return Check("audit chain", True, f"{report.rows} rows intact, head {report.head[:16]}")
    return Check(
        "audit chain",
        False,
        f"broken at row {report.broken_at}: {report.reason}; run `kiosk audit verify`",
    )


def _free_disk(folder: Path) -> Check:
    free = shutil.disk_usage(nearest_existing(folder)).free
    mb = free // (1024 * 1024)
    if free < MIN_FREE_BYTES:
        return Check(
            "free disk",
            False,
            f"only {mb} MB free in {folder}; free at least {MIN_FREE_BYTES // 2**20} MB",
        )
    return Check("free disk", True, f"{mb} MB free in {folder}")


def backup(
    store: Store, destination: Path, progress: Callable[[int, int], None] | None = None
) -> int:
    """An online, consistent copy of a SQLite store (safe while kiosks write); returns its size in bytes."""
    source = sqlite_path(store.engine.url)
    if source is None:
        raise StoreError(
            "kiosk backup copies the embedded SQLite database; for PostgreSQL use "
            "`pg_dump --format=custom --file=BACKUP.dump DBNAME` on the database server."
        )
    if destination.exists():
        raise StoreError(
            f"{destination}: already exists; choose a new file name so no backup is overwritten."
        )
    folder = destination.parent
    if not folder.is_dir():
        raise StoreError(f"{folder}: no such folder; create it or choose another path.")
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{destination.name}.", suffix=".part", dir=folder
        )
    except OSError as exc:
        raise StoreError(
            f"{folder}: cannot write the backup there ({exc.strerror}); choose a writable folder."
        ) from None
    os.close(handle)
    try:
        src = sqlite3.connect(source, timeout=10)
        dst = sqlite3.connect(temp_name)
        try:
            src.backup(
                dst,
                pages=1024,
                progress=(lambda _s, left, total: progress(total - left, total))
                if progress
                else None,
            )
            dst.execute("PRAGMA journal_mode=DELETE")
            if dst.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise StoreError(
                    f"{destination}: the copy failed its integrity check; try again and run `kiosk doctor`."
                )
        finally:
            dst.close()
            src.close()
        with open(temp_name, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temp_name, destination)
    except (OSError, sqlite3.Error) as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise StoreError(
            f"{destination}: the backup failed ({exc}); check free space there and try again."
        ) from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return destination.stat().st_size
