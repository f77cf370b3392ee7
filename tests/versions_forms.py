"""A procedure changed from 1.0.0 to 1.1.0, built from the shipped mild folder in a test's folder:
one risk changed (bleeding), one added (blood clot), in English and Spanish."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from kiosk.content.catalog import load_procedure
from kiosk.content.schema import Form
from kiosk.session import Briefing, Patient
from kiosk.store import Recorder, Store
from kiosk.store.briefings import prepare_briefing
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.shared import walk

SHIPPED = "1.3.0"
"""The version of the shipped mild folder, which the test folders take the place of."""
CHANGED = "risk-bleeding"
ADDED = "risk-blood-clot"

_BLEEDING = {
    "en.toml": (
        "In most cases, any bleeding is small.",
        "In most cases, any bleeding is small. Very rarely, you may need a blood transfusion.",
    ),
    "es.toml": (
        "En la mayoría de los casos, el sangrado es poco.",
        "En la mayoría de los casos, el sangrado es poco. Muy rara vez, puede necesitar una "
        "transfusión de sangre.",
    ),
}
_CLOT = {
    "en.toml": (
        '[[risks]]\nid = "risk-blood-clot"\ntitle = "Blood clot"\nbody = """\n'
        "After any surgery, a blood clot can form in a leg vein. Walk a little each day and "
        'tell your team at once if a leg swells or hurts.\n"""\n\n'
    ),
    "es.toml": (
        '[[risks]]\nid = "risk-blood-clot"\ntitle = "Coágulo de sangre"\nbody = """\n'
        "Después de cualquier cirugía, se puede formar un coágulo en una vena de la pierna. "
        "Camine un poco cada día y avise a su equipo enseguida si una pierna se hincha o le "
        'duele.\n"""\n\n'
    ),
}


def mild_folder(target: Path, version: str, *, upgraded: bool) -> Path:
    """The shipped mild folder (English and Spanish) at `version`, upgraded or not; returns it."""
    folder = target / "mild"
    shutil.copytree(MILD.parent, folder)
    (folder / "ar.toml").unlink()
    for name in ("en.toml", "es.toml"):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        text = text.replace(f'version = "{SHIPPED}"', f'version = "{version}"')
        if upgraded:
            old, new = _BLEEDING[name]
            assert old in text
            text = text.replace(old, new).replace("[options]", _CLOT[name] + "[options]", 1)
        path.write_text(text, encoding="utf-8")
    return folder


def two_versions(tmp_path: Path) -> tuple[Path, Path]:
    """Forms folders holding mild 1.0.0 and mild 1.1.0."""
    old, new = tmp_path / "forms-1.0.0", tmp_path / "forms-1.1.0"
    mild_folder(old, "1.0.0", upgraded=False)
    mild_folder(new, "1.1.0", upgraded=True)
    return old, new


def languages(forms_dir: Path) -> dict[str, Form]:
    """The procedure in a forms folder, by language (the source's first)."""
    procedure = load_procedure(forms_dir / "mild")
    assert procedure.source is not None and not procedure.problems(), procedure.problems()
    return {procedure.source.language: procedure.source, **procedure.translations}


def brief(
    store: Store,
    form: Form,
    name: str,
    date_of_birth: date,
    *,
    mrn: str | None = None,
    planned: date | None = None,
    when: datetime = datetime(2026, 11, 23, 14, 0, tzinfo=UTC),
) -> str:
    """A whole briefing on `form`, prepared (and kept) as staff and the kiosk do, signed."""
    clock = FakeClock(when)
    briefing_id = prepare_briefing(
        store, form, name=name, date_of_birth=date_of_birth, mrn=mrn, staff="Nurse Lee",
        now=clock.now(), planned_date=planned,
    )  # fmt: skip
    b = Briefing(form, briefing_id, Recorder(store), clock, patient=Patient(name, date_of_birth))
    walk(b, clock, date_of_birth)
    return briefing_id
