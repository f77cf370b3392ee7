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
from sqlalchemy.orm import Session

from kiosk.files import nearest_existing
from kiosk.store import audit
from kiosk.store.briefings import recover_interrupted
from kiosk.store.database import (
    SCHEMA_HEAD,
    Store,
    StoreError,
    current_revision,
    describe_error,
    integrity_problems,
    open_store,
    place_of,
    refuse_unknown_revision,
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
    return note_settings(store, settings, now, actor).changed


@dataclass(frozen=True)
class Noted:
    """What note_settings recorded: the keys changed since this kiosk's last record (every one when
    it has none), and for a kiosk without one the keys that differ from the newest record of any
    kiosk (None: the database holds none, it is new), so that a renamed kiosk_id is said as such."""

    changed: list[str]
    first: bool
    since_latest: list[str] | None


def note_settings(
    store: Store, settings: dict[str, Any], now: datetime, actor: str = "system"
) -> Noted:
    """record_settings, saying also against what the settings were compared (`kiosk init`)."""
    digests = {key: _digest(value) for key, value in sorted(settings.items())}
    with store.sessions.begin() as session:
        own = _last_settings(session, store.kiosk_id)
        latest = own if own is not None else _last_settings(session, None)
        changed = _differing(digests, own or {})
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
    return Noted(changed, own is None, None if latest is None else _differing(digests, latest))


def _last_settings(session: Session, kiosk_id: str | None) -> dict[str, str] | None:
    """The digests of the newest settings recorded by `kiosk_id` (None: by any kiosk)."""
    query = select(AuditEntry.detail).where(AuditEntry.action == "settings_changed")
    if kiosk_id is not None:
        query = query.where(AuditEntry.kiosk_id == kiosk_id)
    last = session.execute(query.order_by(AuditEntry.seq.desc()).limit(1)).scalar()
    return dict(json.loads(last)["settings"]) if last else None


def _differing(digests: dict[str, str], before: dict[str, str]) -> list[str]:
    return sorted(
        key for key in digests.keys() | before.keys() if digests.get(key) != before.get(key)
    )


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
    rights: Callable[[Store], Check | None] | None = None,
) -> list[Check]:
    """The store's lines of `kiosk doctor`: reachable, migrated, intact, the role's `rights` (on
    PostgreSQL), audit chain (`chain` says how it is proven: by default its own links alone), free
    disk. The migrations are read before any table: on a schema behind this version's (a backup
    restored after an upgrade, the owner's init not run yet) the chain is not read, and said so."""
    checks: list[Check] = []
    try:
        store = open_store(url, kiosk_id, create=False)
    except StoreError as exc:
        checks.append(Check("database", False, str(exc)))
        return [*checks, _free_disk(data_dir)]
    try:
        checks.append(Check("database", True, f"reachable ({place_of(store.engine.url)})"))
        migrations = _migrations(store, url)
        checks.append(migrations)
        problems = integrity_problems(store.engine, full=True)
        checks.append(
            Check("integrity", not problems, "ok" if not problems else "; ".join(problems[:3]))
        )
        found = rights(store) if rights else None
        checks += [found] if found else []
        if not migrations.ok:
            checks.append(
                Check("audit chain", True, "not read until the migrations are done", warning=True)
            )
        else:
            try:
                checks += chain(store) if chain else [_chain(store)]
            except DBAPIError as exc:  # a table the role may not read, say
                checks.append(Check("audit chain", False, f"not read: {describe_error(url, exc)}"))
    finally:
        store.close()
    return [*checks, _free_disk(data_dir)]


def _migrations(store: Store, url: str) -> Check:
    """Whether the schema is this version's: read first, so nothing reads a table it lacks."""
    from kiosk.store.said import schema_behind

    try:
        current = current_revision(store.engine)
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        then = (
            "check the file's permissions"
            if store.is_sqlite
            else "the rights line names what to grant"
        )
        return Check(
            "migrations", False, f"the schema's revision could not be read ({reason}); {then}"
        )
    if current == SCHEMA_HEAD:
        return Check("migrations", True, f"at {current}")
    try:
        refuse_unknown_revision(store.engine, current, url)
    except StoreError as exc:  # made by a newer kiosk
        return Check("migrations", False, str(exc))
    return Check("migrations", False, schema_behind(url, current))


def counted(n: int, thing: str) -> str:
    """`1 audit row`, `2 audit rows` (IT's lines in the terminal are English)."""
    return f"{n} {thing}{'' if n == 1 else 's'}"


def _chain(store: Store) -> Check:
    with store.reading() as session:
        report = audit.verify(session)
    if report.ok:
        return Check(
            "audit chain", True, f"{counted(report.rows, 'row')} intact, head {report.head[:16]}"
        )
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
    store: Store | str, destination: Path, progress: Callable[[int, int], None] | None = None
) -> int:
    """An online, consistent copy of a SQLite store (safe while kiosks write); returns its size in
    bytes. It only reads (its URL is enough: it needs no write access to the data folder, which a
    filesystem remounted read-only denies just when a copy is wanted)."""
    source = sqlite_path(store if isinstance(store, str) else store.engine.url)
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
        src = sqlite3.connect(_read_only_uri(source), uri=True, timeout=10)
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
            checked = dst.execute("PRAGMA integrity_check").fetchone()
            if checked != ("ok",):  # a page-for-page copy: the damage is the database's own
                raise StoreError(_damaged(source, str(checked[0]) if checked else ""))
        finally:
            dst.close()
            src.close()
        with open(temp_name, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temp_name, destination)
    except sqlite3.DatabaseError as exc:
        Path(temp_name).unlink(missing_ok=True)
        if getattr(exc, "sqlite_errorname", None) in DAMAGED:
            raise StoreError(_damaged(source, str(exc))) from None
        raise StoreError(
            f"{destination}: the backup failed ({exc}); check free space there and try again."
        ) from None
    except (OSError, sqlite3.Error) as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise StoreError(
            f"{destination}: the backup failed ({exc}); check free space there and try again."
        ) from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return destination.stat().st_size


DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
"""SQLite's names for a database file that is damaged (or is no database at all)."""


def _damaged(source: Path, reason: str) -> str:
    """A backup refused because the database itself is damaged: as `kiosk doctor` says it. SQLite's
    first words on it, on one line (integrity_check heads its report "*** in database main ***")."""
    said = [line for line in reason.splitlines() if line.strip() and not line.startswith("***")]
    reason = said[0].strip() if said else "its integrity check failed"
    return (
        f"{source}: the database is damaged ({reason}), so no backup was made; it was left "
        "untouched: restore it from an earlier backup and run `kiosk doctor`."
    )


def _read_only_uri(path: Path) -> str:
    """The database opened for reading only. Where its folder cannot be written and no WAL file is
    there (no kiosk has it open), SQLite could not make the shared-memory file a WAL database needs:
    the file is then read as it stands, which is all of it (immutable)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal = path.with_name(f"{path.name}-wal")
    if not os.access(path.parent, os.W_OK | os.X_OK) and not wal.exists():
        uri += "&immutable=1"
    return uri


def record_backup(store: Store, destination: Path, size: int, now: datetime, actor: str) -> None:
    """The audit row of a backup: who copied every record, to where (never a record's content)."""
    with store.sessions.begin() as session:
        audit.append(
            session,
            at=now,
            kiosk_id=store.kiosk_id,
            actor=actor,
            action="backup_made",
            subject="database",
            detail={"path": str(destination), "bytes": size},
        )
