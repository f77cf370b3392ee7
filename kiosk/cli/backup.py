"""`kiosk backup`: an online, consistent copy of the SQLite database, its audit checkpoint beside it,
and the backup's audit row. It only reads the database: a data folder this user cannot write (a
filesystem remounted read-only) is when IT needs a copy most, so the copy is made all the same and
one line says why the audit log could not record it."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from kiosk.config import Config, load_config
from kiosk.files import install_file
from kiosk.store import StoreError, open_store
from kiosk.store.checkpoint import checkpoint_path
from kiosk.store.database import check_sqlite_file, describe_error, sqlite_path
from kiosk.store.maintenance import backup, record_backup

log = logging.getLogger(__name__)


def run_backup(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    if args.path.is_dir():
        raise StoreError(
            f"{args.path}: is a folder; give the name of a new file inside it, e.g. "
            f"{args.path / f'kiosk-{datetime.now(UTC):%Y-%m-%d}.db'}"
        )
    source = sqlite_path(config.database_url)
    if source is not None:  # (PostgreSQL: backup says to use pg_dump)
        check_sqlite_file(source)
        if not source.exists():
            raise StoreError(f"{source}: there is no database here yet; run `kiosk init` first.")
    size = backup(config.database_url, args.path)  # it only reads: a read-only data folder is fine
    print(
        f"backup written: {args.path} ({size // 1024} KB) at {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC"
    )
    log.info("backup written: %s (%d KB)", args.path, size // 1024)
    _record_backup(config, args.path, size)
    anchor_file = checkpoint_path(config.database_url, config.data_dir)
    if anchor_file.is_file():  # the proof of how far the chain went travels with the copy
        copy = args.path.with_name(f"{args.path.name}.{anchor_file.name}")
        try:
            install_file(copy, anchor_file.read_bytes(), 0o600, overwrite=False)
        except OSError as exc:
            print(
                f"{copy}: the audit checkpoint was not copied ({exc.strerror}); copy "
                f"{anchor_file} beside the backup yourself.",
                file=sys.stderr,
            )
            return 1
        print(f"checkpoint copied: {copy} (restore it beside the database as {anchor_file.name})")
        log.info("backup: audit checkpoint copied: %s", copy)
    return 0


def _record_backup(config: Config, copy: Path, size: int) -> None:
    """The backup's audit row; a backup that cannot be recorded (the data folder read-only, say)
    stands all the same, and one line says why it is not in the audit log."""
    try:
        store = open_store(config.database_url, config.kiosk_id, create=False, at_head=True)
        try:
            record_backup(store, copy, size, datetime.now(UTC), actor="kiosk backup")
        finally:
            store.close()
    except (StoreError, DBAPIError) as exc:
        reason = describe_error(config.database_url, exc) if isinstance(exc, DBAPIError) else exc
        print(f"warning: the backup was not recorded in the audit log: {reason}", file=sys.stderr)
        log.warning("backup: not recorded in the audit log: %s", reason)
