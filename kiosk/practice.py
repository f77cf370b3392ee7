"""Practice mode: the touchscreen on a data folder of its own, with a sample patient ready to walk.

`kiosk practice` sets the folder up the first time (settings, database, signing key, a staff
account) and prepares a briefing for the sample patient whenever none is waiting, so a newcomer can
walk a whole briefing, as often as they like, without any real record being touched. Everything
made there says PRACTICE: every screen (a banner with the sample patient's details and how to open
staff mode) and every page of every PDF.

What makes a record a practice one is the kiosk it was made at: `PRACTICE_KIOSK_ID`. The practice
folder is the real data folder's name with `-practice` added, beside it, and holds a marker file
(`MARKER`); `kiosk practice` refuses to use a folder holding a database without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from kiosk.config import SETTINGS, Config, load_config, render_config
from kiosk.content.schema import Form
from kiosk.files import install_file
from kiosk.store.briefings import next_prepared, prepare_briefing
from kiosk.store.database import Store

PRACTICE_KIOSK_ID = "practice"
"""The kiosk id of practice mode: a briefing made at this kiosk is practice, never a real record."""
MARKER = "PRACTICE-DATA.txt"


@dataclass(frozen=True)
class Sample:
    """The sample patient and the practice staff account, shown on every practice screen."""

    name: str = "Alex Sample"
    date_of_birth: date = date(1951, 3, 14)
    mrn: str = "PRACTICE-0001"
    staff: str = "Practice Staff"
    pin: str = "2468"


SAMPLE = Sample()


class PracticeError(Exception):
    """Practice mode cannot use this folder; one sentence naming it and what to do."""


def is_practice(kiosk_id: str) -> bool:
    return kiosk_id == PRACTICE_KIOSK_ID


def practice_folder(config: Config) -> Path:
    """Beside the real data folder: its name with -practice added."""
    return config.data_dir.with_name(config.data_dir.name + "-practice")


def write_settings(folder: Path) -> Path:
    """The practice folder and its settings file (made once; kept after), and the settings file's
    path. PracticeError if the folder holds a database that is not a practice one."""
    marker = folder / MARKER
    if (folder / "kiosk.db").exists() and not marker.exists():
        raise PracticeError(
            f"{folder} holds a database that is not practice data; move it away, or start "
            "practice with another --config"
        )
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not marker.exists():
            text = "Practice data made by `kiosk practice`: sample patients, never real records.\n"
            install_file(marker, text.encode(), 0o600, overwrite=False)
        path = folder / "kiosk.toml"
        if not path.exists():
            values = {s.name: s.default for s in SETTINGS}
            values.update(kiosk_id=PRACTICE_KIOSK_ID, data_dir=str(folder), clinic_name="Practice")
            install_file(path, render_config(values).encode(), 0o600, overwrite=False)
    except OSError as exc:
        raise PracticeError(
            f"{folder}: the practice folder cannot be written ({exc.strerror}); check its "
            "permissions, or start practice with another --config"
        ) from None
    return path


def set_up(path: Path, now: datetime) -> Config:
    """Everything a practice briefing needs, in the folder of the settings file at `path`: the
    database, the signing key and the practice staff account; the settings in use."""
    from kiosk.document.identity import ensure_identity
    from kiosk.store import open_store
    from kiosk.store.maintenance import record_settings
    from kiosk.store.staff import add_staff, list_staff

    config = load_config(path)
    if config["database_url"] or config.kiosk_id != PRACTICE_KIOSK_ID:
        # Practice records live in the practice folder's own database, and nowhere else.
        raise PracticeError(
            f"{path}: practice keeps its records in its own folder's database, under the kiosk id "
            f"{PRACTICE_KIOSK_ID!r}; remove database_url and set kiosk_id back, or delete the file "
            "to have it made again"
        )
    store = open_store(config.database_url, config.kiosk_id)
    try:
        record_settings(store, config.masked(), now, actor="kiosk practice")
        if SAMPLE.staff not in {s.name for s in list_staff(store)}:
            add_staff(store, SAMPLE.staff, SAMPLE.pin, now, actor="kiosk practice")
    finally:
        store.close()
    ensure_identity(config, now)
    return config


def prepare_sample(store: Store, form: Form, now: datetime, window: timedelta) -> bool:
    """A briefing for the sample patient, unless one is already waiting (prepared since
    `now - window`); whether one was prepared."""
    if next_prepared(store, now - window) is not None:
        return False
    prepare_briefing(
        store,
        form,
        name=SAMPLE.name,
        date_of_birth=SAMPLE.date_of_birth,
        mrn=SAMPLE.mrn,
        staff=SAMPLE.staff,
        now=now,
    )
    return True
