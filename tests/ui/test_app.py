"""`kiosk` alone starts the touchscreen on the embedded store; a store it cannot use is one sentence.

Run as a real process: the application's own event loop must not run inside the test's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

KIOSK = Path(sys.executable).with_name("kiosk")


def run_kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return run([str(KIOSK), *args])


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-c", code])


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_bare_kiosk_starts_the_touchscreen_and_paints_its_first_screen(tmp_path: Path) -> None:
    result = run_kiosk("--windowed", "--exit-when-ready")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "kiosk.db").exists()
    assert "Traceback" not in result.stderr


def test_a_database_that_is_not_one_is_named_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "data" / "kiosk.db"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not a database" * 100)
    result = run_kiosk("--exit-when-ready")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "propagateSizeHints" not in line]
    assert len(lines) == 1 and lines[0].startswith("kiosk touchscreen: ") and str(db) in lines[0]
    assert db.read_bytes() == b"this is not a database" * 100


def test_welcome_is_painted_before_the_store_is_even_loaded(tmp_path: Path) -> None:
    """The first screen waits for nothing it does not draw: a store that is not one is not looked at
    before Welcome is painted (it is refused once the kiosk goes on to open it, above)."""
    db = tmp_path / "data" / "kiosk.db"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not a database")
    result = run_kiosk("--windowed", "--exit-after-paint")
    assert result.returncode == 0, result.stderr
    assert db.read_bytes() == b"this is not a database"


def test_the_first_screen_loads_no_store_no_pdf_and_no_commands() -> None:
    """What Welcome needs is Qt, the settings and the frame. SQLAlchemy, Alembic, pyHanko, reportlab,
    pydantic and the commands load after it is painted (kiosk.ui.app): keep it so."""
    probe = (
        "import sys; import kiosk.cli, kiosk.ui.app; "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'alembic', 'pyhanko', 'reportlab', 'pydantic', 'logging.handlers') "
        "or m.startswith(('kiosk.cli.', 'kiosk.store', 'kiosk.document', 'kiosk.content', "
        "'kiosk.station', 'kiosk.records', 'kiosk.logs', 'logging.handlers')))))"
    )
    done = run_python(probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []


def test_a_failure_while_building_the_screens_ends_the_kiosk_instead_of_freezing_welcome(
    tmp_path: Path,
) -> None:
    """Welcome is up before the other screens are built: should building them fail, the kiosk must
    end (with the failure logged) rather than stay on a Welcome that never answers."""
    assert run_kiosk("init").returncode == 0
    probe = (
        "import sys; from kiosk.ui.window import KioskWindow\n"
        "def broken(self, station, interaction=None): raise RuntimeError('a page failed')\n"
        "KioskWindow.attach = broken\n"
        "from kiosk.cli import main; sys.exit(main(['--windowed']))\n"
    )
    done = run_python(probe)
    assert done.returncode != 0
    assert "RuntimeError" in done.stderr
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "CRITICAL kiosk.cli: the kiosk stopped: RuntimeError" in log


def test_started_at_login_a_kiosk_that_cannot_start_stays_up_saying_it_is_not_ready(
    tmp_path: Path,
) -> None:
    """Under systemd a settings file the kiosk cannot use ended it, Welcome came and went every
    five seconds and the desktop showed between; from an autostart entry, the desktop stayed. With
    `--stay-up` (the README's unit and entry) it stays up, Welcome saying it is not ready, and the
    sentence for IT is said at once (the journal). The probe closes it once Welcome says so."""
    config = tmp_path / "bad.toml"
    config.write_text("idle_warning_seconds = 0\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from kiosk.ui.window import KioskWindow\n"
        "styled = KioskWindow.apply_look\n"
        "def look(self):\n"
        "    styled(self)\n"
        "    if self.unready is not None and self.welcome.message.isVisibleTo(self):\n"
        "        print('WELCOME SAYS', self.welcome.message.text(), flush=True)\n"
        "        self.allow_close = True\n"
        "        QTimer.singleShot(0, self.close)\n"
        "KioskWindow.apply_look = look\n"
        "from kiosk.cli import main\n"
        f"sys.exit(main(['--config', {str(config)!r}, '--windowed', '--stay-up']))\n"
    )
    done = run_python(probe)
    assert done.returncode == 1
    from kiosk.i18n import words_for
    from kiosk.unavailable import NOT_READY

    assert done.stdout.splitlines() == [f"WELCOME SAYS {words_for('en')(NOT_READY)}"]
    said = [line for line in done.stderr.splitlines() if line.startswith("kiosk touchscreen: ")]
    assert said and "idle_warning_seconds" in said[0]
    assert "Traceback" not in done.stderr
