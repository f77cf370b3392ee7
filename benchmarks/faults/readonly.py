"""The data folder read-only for the user the kiosk runs as.

Root ignores file modes, so the kiosk is run as an unprivileged user: `nobody`
(`setpriv --reuid=nobody --regid=nogroup --clear-groups`), who is given the kiosk's folder and then
loses write access to it (folders 0555, files 0444). Where `nobody` cannot run this Python and this
project (a virtual environment under /root, say), the kiosk runs instead as root with every
capability dropped (`setpriv --bounding-set=-all ...`): uid 0 without CAP_DAC_OVERRIDE is held to
file modes like any user, and the folder stays root's own. The result says which was used.

The product's rule: a kiosk that cannot record must not let a patient start. So `kiosk` must refuse
to start, with one sentence naming the folder, and `kiosk doctor` must name it too; and nothing
stored before may change: the database and its journal files are byte for byte what they were, and
every acknowledgement stored before is there once write access is back.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.faults.common import Result, kiosk_env, make_kiosk, timed

ROOT = Path(__file__).resolve().parents[2]
KIOSK = "import sys; from kiosk.cli import main; sys.exit(main())"
"""`kiosk` itself, with this Python (an interpreter `nobody` can run, unlike a script's #! line)."""
NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
NO_CAPABILITIES = ["setpriv", "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all"]
QT_NOISE = ("propagateSizeHints", "XDG_RUNTIME_DIR")


def run() -> Result:
    """The fault in a folder of its own under the system temp dir (every user can reach that one;
    a test's or the suite's own temporary folder is root's alone)."""
    result = Result("data folder read-only (unprivileged user)")
    with timed(result):
        if os.geteuid() != 0:
            result.runs, result.failures = 1, 1
            result.fail("this fault needs root, to run the kiosk as another user")
            return result
        base = Path(tempfile.mkdtemp(prefix="kiosk-faults-ro-"))
        try:
            os.chmod(base, 0o755)
            _scenario(base, result)
        finally:
            _writable(base)
            shutil.rmtree(base, ignore_errors=True)
    return result


def _as_user(base: Path) -> tuple[list[str], int]:
    """How to run the kiosk unprivileged here, and the uid that must own its folder."""
    # The kiosk's commands start Python again (kiosk doctor does), so a child must be able to too.
    child = "import subprocess, sys; sys.exit(subprocess.run([sys.executable, '-c', 'import kiosk.cli, kiosk.ui.app']).returncode)"
    probe = subprocess.run(
        [*NOBODY, sys.executable, "-c", child],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        check=False,
    )
    if probe.returncode == 0:
        return NOBODY, pwd.getpwnam("nobody").pw_uid
    return NO_CAPABILITIES, 0


def _digests(data: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(data.glob("kiosk.db*"))
    }


def _read_only(path: Path, owner: int) -> None:
    for p in [path, *path.rglob("*")]:
        os.chown(p, owner, -1, follow_symlinks=False)
        p.chmod(0o555 if p.is_dir() else 0o444)


def _writable(path: Path) -> None:
    for p in [path, *path.rglob("*")]:
        if not p.is_symlink():
            p.chmod(p.stat().st_mode | stat.S_IWUSR)


def _scenario(base: Path, result: Result) -> None:
    from benchmarks import robot
    from benchmarks.faults import record, screen
    from kiosk.store import open_store

    config = make_kiosk(base)
    reported: set[record.Ack] = set()
    with screen.kiosk_window(config) as window:  # a briefing stored while all was well
        robot.complete(window, on_acknowledged=lambda b, r: reported.add((b, r)))
    data = config.data_dir
    before = _digests(data)
    wrapper, owner = _as_user(base)
    home = base / "home"
    home.mkdir()
    os.chown(base / "kiosk.toml", owner, -1)
    os.chown(home, owner, -1)
    _read_only(data, owner)
    env = {**os.environ, **kiosk_env(base), "HOME": str(home)}
    env.pop("XDG_RUNTIME_DIR", None)
    result.runs = 1

    def as_owner(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*wrapper, sys.executable, "-c", KIOSK, *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    kiosk = as_owner("--windowed", "--exit-when-ready")
    doctor = as_owner("doctor")
    said = [line for line in kiosk.stderr.splitlines() if not any(n in line for n in QT_NOISE)]
    refusal = [line for line in said if line.startswith("kiosk touchscreen: ")]
    if kiosk.returncode == 0:
        result.fail("the kiosk started on a read-only data folder")
    elif not refusal or str(data) not in refusal[0] or "read-only" not in refusal[0]:
        result.fail(f"the kiosk refused without naming the read-only folder: {said}")
    elif "Traceback" in kiosk.stderr:
        result.fail(f"the kiosk's refusal came with a traceback: {kiosk.stderr[-1500:]}")
    database_line = [
        line for line in doctor.stdout.splitlines() if line.split()[1:2] == ["database"]
    ]
    if doctor.returncode == 0 or not database_line or "read-only" not in database_line[0]:
        result.fail(f"kiosk doctor did not name the read-only folder: {doctor.stdout}")
    after = _digests(data)
    _writable(data)
    if after != before:
        result.fail(
            f"the database files changed: {sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))}"
        )
    store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        result.reported = len(reported)
        result.found = len(reported & record.acks(store))
        result.lost = record.missing_acks(store, reported)
        for problem in record.sound(store, config.documents_dir):
            result.fail(problem)
    finally:
        store.close()
    result.failures = 1 if result.problems else 0
    who = (
        "nobody"
        if wrapper is NOBODY
        else "root without capabilities (nobody cannot run this Python)"
    )
    result.notes.append(f"run as {who}: {' '.join(wrapper)}")
    result.notes.append(f"kiosk exit status {kiosk.returncode}, said: {' / '.join(said)}")
    result.notes += [f"kiosk doctor: {line}" for line in database_line]
