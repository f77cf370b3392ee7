"""`kiosk init`, `kiosk doctor`, `kiosk audit verify` and `kiosk backup`: the store, for IT."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import stat
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.cli.backup import run_backup
from kiosk.cli.pending import pending_check, repair
from kiosk.cli.settings import settings_checks
from kiosk.cli.speech import listen_offered, read_aloud_check, sound_check
from kiosk.cli.staff import staff_check
from kiosk.config import SETTINGS, Config, ConfigError, config_path, load_config, render_config
from kiosk.content import Catalog, load_catalog
from kiosk.document.errors import SealError
from kiosk.files import install_file, nearest_existing
from kiosk.logs import log_folder
from kiosk.store import StoreError, audit, open_store
from kiosk.store.atrest import at_rest
from kiosk.store.checkpoint import checkpoint_path
from kiosk.store.database import sqlite_path
from kiosk.store.maintenance import Check, Noted, counted, note_settings, store_checks
from kiosk.store.rights import rights_check

log = logging.getLogger(__name__)

DISPLAY_TIMEOUT = 15
"""Seconds `kiosk doctor` waits for Qt to open the display before it calls the display unusable."""


def register(commands: Any) -> None:
    init = commands.add_parser(
        "init", help="create the config, data folder and database (safe to run twice)"
    )
    init.set_defaults(run=run_init)
    doctor = commands.add_parser("doctor", help="check the installation, one line per check")
    doctor.add_argument("--repair", action="store_true", help="also make every PDF still pending")
    doctor.add_argument(
        "--no-display",
        action="store_true",
        help="leave out the display check (run over SSH or from a monitoring script, where the "
        "kiosk's screen is not this session's)",
    )
    doctor.set_defaults(run=run_doctor)
    audit_cmd = commands.add_parser("audit", help="the audit log")
    audit_sub = audit_cmd.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit_sub.add_parser(
        "verify", help="walk the audit chain and name the first row that does not fit"
    )
    verify.set_defaults(run=run_audit_verify)
    backup_cmd = commands.add_parser("backup", help="an online, consistent copy of the database")
    backup_cmd.add_argument(
        "path", type=Path, metavar="PATH", help="the file to write the copy to (it must not exist)"
    )
    backup_cmd.set_defaults(run=run_backup)


def run_init(args: argparse.Namespace) -> int:
    from kiosk.document.identity import ensure_identity

    path = config_path(args.config)
    if path.exists():
        print(f"config    kept      {path}")
        log.info("init: config kept: %s", path)
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
        log.info("init: config created: %s", path)
    config = load_config(args.config)
    data_dir = config.data_dir
    existed = data_dir.is_dir()
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # patient records: owner only
    except OSError as exc:
        print(
            f"kiosk init: {data_dir}: cannot create the data folder ({exc.strerror}); set data_dir or KIOSK_DATA_DIR.",
            file=sys.stderr,
        )
        return 1
    private = existed and _make_private(data_dir)
    said = " (closed to other users of this machine: they could open it)" if private else ""
    print(f"data      {'kept   ' if existed else 'created'}   {data_dir}{said}")
    log.info("init: data folder %s: %s%s", "kept" if existed else "created", data_dir, said)
    store = open_store(config.database_url, config.kiosk_id)
    noted = note_settings(store, config.masked(), datetime.now(UTC), actor="kiosk init")
    if noted.changed:
        print(f"settings  recorded  {_settings_noted(noted, config.kiosk_id)}")
        log.info("init: settings noted in the audit log: %s", ", ".join(noted.changed))
    with store.reading() as session:
        rows = audit.verify(session).rows
    rights = rights_check(store)
    store.close()
    print(f"database  ready     {_where(config)} (migrated, {counted(rows, 'audit row')})")
    log.info("init: database ready: %s (migrated, %s)", _where(config), counted(rows, "audit row"))
    if rights and not rights.ok:
        print(f"rights    missing   {rights.detail}", file=sys.stderr)
        log.error("init: %s", rights.detail)
    state, where = ensure_identity(config, datetime.now(UTC))
    print(f"identity  {state.ljust(7)}   {where}")
    log.info("init: signing identity %s: %s", state, where)
    _anchor(config)
    return 0 if rights is None or rights.ok else 1


def _settings_noted(noted: Noted, kiosk_id: str) -> str:
    """What `kiosk init` noted of the settings: every one for a new database, else which changed."""
    if not noted.first:
        return f"{counted(len(noted.changed), 'setting')} changed: {', '.join(noted.changed)}"
    every = f"all {len(noted.changed)} settings noted in the audit log"
    if noted.since_latest is None:  # a new database
        return every
    since = noted.since_latest
    differ = f"; {counted(len(since), 'setting')} changed since the last: {', '.join(since)}"
    return f"{every}, the first under kiosk_id {kiosk_id}{differ if since else ''}"


def _anchor(config: Config) -> None:
    """A first signed checkpoint of the audit chain, so that rows removed from now on are caught."""
    from kiosk.document.anchor import anchor
    from kiosk.document.identity import load_signer

    now = datetime.now(UTC)
    store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        anchor(
            store,
            checkpoint_path(config.database_url, config.data_dir),
            load_signer(config, now),
            now,
        )
    finally:
        store.close()


def _where(config: Config) -> str:
    path = sqlite_path(config.database_url)
    return str(path) if path else "PostgreSQL (database_url)"


def run_doctor(args: argparse.Namespace) -> int:
    from kiosk.cli.proof import proof_checks
    from kiosk.document.identity import identity_checks

    checks: list[Check] = []
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        checks.append(Check("config", False, _one_line(exc, config_path(args.config))))
    else:
        catalog = load_catalog(config.forms_dirs)  # read once, for the settings, forms and audio
        checks += settings_checks(config, catalog)
        store_lines = store_checks(
            config.database_url,
            config.kiosk_id,
            config.data_dir,
            lambda store: [*proof_checks(store, config), staff_check(store)],
            rights_check,
        )
        checks += store_lines
        store_usable = all(c.ok for c in store_lines if c.name in ("database", "migrations"))
        checks += [Check(*line) for line in identity_checks(config, datetime.now(UTC))]
        checks.append(
            _writable(
                "data folder", config.data_dir, "give the kiosk's user write access or set data_dir"
            )
        )
        checks.append(
            _writable(
                "PDF folder",
                config.documents_dir,
                "give the kiosk's user write access or set documents_dir",
            )
        )
        checks.append(_copies(config))
        checks.append(
            _writable(
                "log folder",
                log_folder(config.data_dir),
                "give the kiosk's user write access (until then the kiosk logs to stderr)",
            )
        )
        if args.repair:
            checks.append(repair(config))
        if store_usable:  # else the database line has said why nothing can be counted
            checks.append(pending_check(config))
        checks.append(_forms(catalog))
        checks.append(read_aloud_check(config, catalog))
        if listen_offered(config, catalog):  # can Listen be heard where it is offered?
            checks.append(sound_check())
        checks.append(_at_rest(config.data_dir))
    if not args.no_display:
        checks.append(_display())
    width = max(len(c.name) for c in checks)
    for check in checks:
        print(f"{check.label}  {check.name.ljust(width)}  {check.detail}")
    failed = [c for c in checks if not c.ok]
    for check in failed:
        log.warning("doctor: %s failed: %s", check.name, check.detail)
    log.info("doctor: %d checks, %d failed", len(checks), len(failed))
    if failed:
        print(f"{len(failed)} check(s) failed.", file=sys.stderr)
        return 1
    return 0


def _one_line(exc: ConfigError, path: Path) -> str:
    """Every problem of the config file on one line, the file named once."""
    prefix = f"{path}: "
    problems = str(exc).splitlines()
    if not all(p.startswith(prefix) for p in problems):
        return "; ".join(problems)
    return prefix + "; ".join(p.removeprefix(prefix).rstrip(".") for p in problems) + "."


def cannot_make_in(parent: Path) -> str | None:
    """Why no folder can be made in `parent` (the system's words), or None when one can.

    Rights alone do not tell: root may write anywhere by them, yet nothing can be made in /proc
    or on a read-only disk. So a folder is made there and removed at once, as `kiosk init` would.
    """
    if not os.access(parent, os.W_OK | os.X_OK):
        return os.strerror(errno.EACCES)
    try:
        trial = tempfile.mkdtemp(prefix=".kiosk-doctor-", dir=parent)
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    os.rmdir(trial)
    return None


def _make_private(folder: Path) -> bool:
    """Close `folder` to other users (not its group: IT may share it with one, and `kiosk init` is
    run again) if it is this user's and open to them: a data folder made before `kiosk init` kept
    its 755 and the patients' records in it. Whether it was; the doctor names a group's access."""
    if os.name != "posix":
        return False
    found = folder.stat()
    mode = stat.S_IMODE(found.st_mode)
    if not mode & 0o007 or found.st_uid != os.getuid():
        return False
    try:
        os.chmod(folder, mode & 0o770)
    except OSError:
        return False  # the doctor's data folder line says so, with the command
    return True


def _writable(name: str, folder: Path, advice: str) -> Check:
    """A folder the kiosk writes to: it can be written, or made where it does not exist yet."""
    if folder.exists() and not folder.is_dir():
        return Check(name, False, f"{folder}: is a file, not a folder; move it aside")
    probe = nearest_existing(folder)
    if probe.is_dir() and probe != folder:  # (it read "is writable" of a folder that was not there)
        why = cannot_make_in(probe)
        if why is None:
            return Check(name, True, f"{folder} does not exist yet; it can be made in {probe}")
        return Check(
            name, False, f"{folder} does not exist and cannot be made in {probe} ({why}); {advice}"
        )
    if probe.is_dir() and os.access(probe, os.W_OK | os.X_OK):
        mode = stat.S_IMODE(folder.stat().st_mode)
        if os.name == "posix" and mode & 0o077:  # made before the kiosk made its folders 700
            return Check(
                name,
                True,
                f"{folder} is writable, but other users of this machine can open it "
                f"(mode {mode:o}); run: chmod 700 {folder}",
                warning=True,
            )
        return Check(name, True, f"{folder} is writable")
    return Check(name, False, f"{folder}: cannot be written; {advice}")


def _copies(config: Config) -> Check:
    """Where staff mode saves PDF copies: a folder set in copies_dir (a share, a USB drive) must be
    there, since the kiosk never makes one in its place; the default one is made when first used."""
    advice = "give the kiosk's user write access or set copies_dir"
    folder = config.copies_dir
    if config["copies_dir"] and not folder.exists():
        return Check(
            "PDF copies",
            False,
            f"{folder} (copies_dir) does not exist, so staff cannot save copies there; connect "
            "the drive or share, or create the folder, or leave copies_dir empty for the default",
        )
    return _writable("PDF copies", folder, advice)


def _at_rest(folder: Path) -> Check:
    """A warning, never a failure: the data folder not on an encrypted volume, when that can be told."""
    found = at_rest(folder)
    return Check("at rest", True, found.detail, warning=found.encrypted is False)


def _display() -> Check:
    """Can Qt open the display the kiosk would use? First what the kiosk itself checks before it
    starts Qt (a display variable, the xcb plugin's libraries: kiosk.ui.probe), then Qt itself, asked
    in a process of its own (python -m kiosk.ui.probe), since Qt ends the process it runs in when it
    cannot. Qt's own words are only passed on when the kiosk cannot tell the cause itself."""
    from kiosk.ui.probe import PROBE, WHAT_TO_DO, display_problem  # Qt-free

    problem = display_problem()
    if problem:
        return Check("display", False, problem)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "kiosk.ui.probe"],
            capture_output=True,
            text=True,
            timeout=DISPLAY_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Check(
            "display", False, f"Qt did not open a display within {DISPLAY_TIMEOUT} s; {WHAT_TO_DO}"
        )
    fields = result.stdout.split()
    if result.returncode == 0 and len(fields) == 4:
        platform, width, height, ratio = fields
        scale = "" if float(ratio) == 1 else f" at {float(ratio):g}× scale"
        return Check("display", True, f"{platform}, {width}×{height}{scale}")
    lines = result.stderr.splitlines()
    own = [line.removeprefix(PROBE).strip() for line in lines if line.startswith(PROBE)]
    if own:  # the probe's process sees what this one did not (it has the same variables)
        return Check("display", False, own[0])
    reasons = [
        line.split(": ", 1)[-1].strip().rstrip(".")
        for line in lines
        if line.startswith("qt.qpa.") and "Could not load the Qt platform plugin" not in line
    ]
    if reasons:
        return Check("display", False, f"no display (Qt: {'; '.join(reasons[:2])}); {WHAT_TO_DO}")
    last = [line.strip() for line in lines if line.strip()]
    if last:  # not Qt refusing a display: the probe itself failed (a missing library, say)
        return Check("display", False, f"the display check failed: {last[-1]}")
    return Check("display", False, f"no display; {WHAT_TO_DO}")


def _forms(catalog: Catalog) -> Check:
    """The procedures the kiosk would offer: every form file loads (a broken one is never replaced)."""
    if catalog.problems:
        more = len(catalog.problems) - 1
        extra = f" (and {more} more problem(s): kiosk forms check)" if more else ""
        return Check("forms", False, f"{catalog.problems[0]}{extra}")
    return Check("forms", True, ", ".join(sorted(catalog.forms)) or "no procedure found")


def run_audit_verify(args: argparse.Namespace) -> int:
    from kiosk.cli.proof import proof_of

    config = load_config(args.config)
    store = open_store(config.database_url, config.kiosk_id, create=False, at_head=True)
    try:
        report, anchored, agreed = proof_of(store, config)
    finally:
        store.close()
    if not report.ok:
        log.error("audit verify: chain broken at row %s: %s", report.broken_at, report.reason)
        print(f"audit chain broken at row {report.broken_at}: {report.reason}.", file=sys.stderr)
    for finding, what in (
        (anchored, "audit chain incomplete"),
        (agreed, "audit and events disagree"),
    ):
        if not finding.ok:
            log.error("audit verify: %s: %s", what, finding.detail)
            print(f"{what}: {finding.detail}.", file=sys.stderr)
    if not (report.ok and anchored.ok and agreed.ok):
        return 1
    print(
        f"audit chain intact: {counted(report.rows, 'row')}, head {report.head}; {anchored.detail}; {agreed.detail}"
    )
    log.info("audit verify: chain intact, %d rows, head %s", report.rows, report.head)
    return 0


ERRORS = (ConfigError, StoreError, SealError)
