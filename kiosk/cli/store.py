"""`kiosk init`, `kiosk doctor`, `kiosk audit verify` and `kiosk backup`: the store, for IT."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.config import SETTINGS, Config, ConfigError, config_path, load_config, render_config
from kiosk.content import load_catalog
from kiosk.document.identity import ensure_identity, identity_checks, load_signer
from kiosk.document.make import make_pending, pending
from kiosk.document.seal import SealError
from kiosk.files import install_file, nearest_existing
from kiosk.store import StoreError, audit, open_store
from kiosk.store.maintenance import Check, backup, record_settings, store_checks


def register(commands: Any) -> None:
    init = commands.add_parser(
        "init", help="create the config, data folder and database (safe to run twice)"
    )
    init.set_defaults(run=run_init)
    doctor = commands.add_parser("doctor", help="check the installation, one line per check")
    doctor.add_argument("--repair", action="store_true", help="also make every PDF still pending")
    doctor.set_defaults(run=run_doctor)
    audit_cmd = commands.add_parser("audit", help="the audit log")
    audit_sub = audit_cmd.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit_sub.add_parser(
        "verify", help="walk the audit chain and name the first row that does not fit"
    )
    verify.set_defaults(run=run_audit_verify)
    backup_cmd = commands.add_parser("backup", help="an online, consistent copy of the database")
    backup_cmd.add_argument("path", type=Path, metavar="PATH")
    backup_cmd.set_defaults(run=run_backup)


def run_init(args: argparse.Namespace) -> int:
    path = config_path(args.config)
    if path.exists():
        print(f"config    kept      {path}")
    else:
        values = {s.name: s.default for s in SETTINGS}
        values["kiosk_id"] = Config(path, values, exists=False).kiosk_id
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            install_file(path, render_config(values).encode(), 0o600, overwrite=False)
        except OSError as exc:
            print(
                f"kiosk init: {path}: cannot write the config ({exc.strerror}); check the folder's permissions or use --config.",
                file=sys.stderr,
            )
            return 1
        print(f"config    created   {path}")
    config = load_config(args.config)
    data_dir = config.data_dir
    existed = data_dir.is_dir()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(
            f"kiosk init: {data_dir}: cannot create the data folder ({exc.strerror}); set data_dir or KIOSK_DATA_DIR.",
            file=sys.stderr,
        )
        return 1
    print(f"data      {'kept   ' if existed else 'created'}   {data_dir}")
    store = open_store(config.database_url, config.kiosk_id)
    changed = record_settings(store, config.masked(), datetime.now(UTC), actor="kiosk init")
    if changed:
        print(f"settings  recorded  {len(changed)} changed setting(s) noted in the audit log")
    with store.reading() as session:
        rows = audit.verify(session).rows
    store.close()
    print(f"database  ready     {_where(config)} (migrated, {rows} audit rows)")
    state, where = ensure_identity(config, datetime.now(UTC))
    print(f"identity  {state.ljust(7)}   {where}")
    return 0


def _where(config: Config) -> str:
    from kiosk.store.database import sqlite_path

    path = sqlite_path(config.database_url)
    return str(path) if path else "PostgreSQL (database_url)"


def run_doctor(args: argparse.Namespace) -> int:
    checks: list[Check] = []
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        checks.append(Check("config", False, str(exc).replace("\n", "; ")))
    else:
        state = "readable" if config.exists else "not found, using defaults; run `kiosk init`"
        checks.append(Check("config", config.exists, f"{config.path} ({state})"))
        checks += store_checks(config.database_url, config.kiosk_id, config.data_dir)
        checks += [Check(*line) for line in identity_checks(config, datetime.now(UTC))]
        checks.append(_documents_folder(config.documents_dir))
        if args.repair:
            checks.append(_repair(config))
        checks.append(_pending(config))
    width = max(len(c.name) for c in checks)
    for check in checks:
        print(f"{'ok  ' if check.ok else 'FAIL'}  {check.name.ljust(width)}  {check.detail}")
    failed = [c for c in checks if not c.ok]
    if failed:
        print(f"{len(failed)} check(s) failed.", file=sys.stderr)
        return 1
    return 0


def _documents_folder(folder: Path) -> Check:
    probe = nearest_existing(folder)
    if probe.is_dir() and os.access(probe, os.W_OK | os.X_OK):
        return Check("PDF folder", True, f"{folder} is writable")
    return Check(
        "PDF folder",
        False,
        f"{folder}: cannot be written; give the kiosk's user write access or set documents_dir",
    )


def _pending(config: Config) -> Check:
    try:
        store = open_store(config.database_url, config.kiosk_id, create=False)
    except StoreError as exc:
        return Check("pending PDFs", False, f"not counted: {exc}")
    try:
        waiting = pending(store)
    finally:
        store.close()
    if waiting:
        return Check(
            "pending PDFs",
            False,
            f"{len(waiting)} signed briefing(s) still without a PDF; run `kiosk doctor --repair`",
        )
    return Check("pending PDFs", True, "none")


def _repair(config: Config) -> Check:
    """Make every pending PDF (a disk was full, a folder unwritable when the briefing was signed)."""
    now = datetime.now(UTC)
    try:
        store = open_store(config.database_url, config.kiosk_id, create=False)
    except StoreError as exc:
        return Check("repair", False, str(exc))
    try:
        signer = load_signer(config, now)
        forms = load_catalog(config.forms_dirs).forms
        made, failed = make_pending(store, forms, signer, config.documents_dir, now)
    except (SealError, ConfigError) as exc:
        return Check("repair", False, f"pending PDFs not made: {exc}")
    finally:
        store.close()
    if failed:
        return Check(
            "repair", False, f"{len(made)} pending PDF(s) made, {len(failed)} not: {failed[0]}"
        )
    return Check(
        "repair", True, f"{len(made)} pending PDF(s) made" if made else "no PDF was pending"
    )


def run_audit_verify(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        with store.reading() as session:
            report = audit.verify(session)
    finally:
        store.close()
    if report.ok:
        print(f"audit chain intact: {report.rows} rows, head {report.head}")
        return 0
    print(f"audit chain broken at row {report.broken_at}: {report.reason}.", file=sys.stderr)
    return 1


def run_backup(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        size = backup(store, args.path)
    finally:
        store.close()
    print(
        f"backup written: {args.path} ({size // 1024} KB) at {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC"
    )
    return 0


ERRORS = (ConfigError, StoreError, SealError)
