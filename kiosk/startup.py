"""What the kiosk does when it starts, once Welcome is painted and before Start answers: store
checked and migrated, changed settings audited, briefings a crash left open closed as abandoned,
and pending PDFs made."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from kiosk.config import Config, ConfigError
from kiosk.content import load_catalog
from kiosk.content.offered import offered_anywhere
from kiosk.content.schema import Form
from kiosk.document.anchor import anchor
from kiosk.document.identity import load_signer
from kiosk.document.make import Made, make_pending
from kiosk.document.seal import SealError, Signer
from kiosk.store.checkpoint import checkpoint_path
from kiosk.store.database import Store
from kiosk.store.maintenance import start
from kiosk.store.models import BriefingRow
from kiosk.store.rights import rights_check

log = logging.getLogger(__name__)

HALF_WRITTEN = re.compile(r"\.\d{4}-\d{2}-\d{2}-(?P<briefing>[0-9a-f-]{36})\.pdf\.[0-9a-f]+\.tmp")
"""A PDF's temporary file (kiosk.files.install_file: `.NAME.HEX.tmp` beside NAME), left behind
when the kiosk stopped in the middle of writing it."""


@dataclass
class Started:
    store: Store
    recovered: list[str]
    """Briefings found in progress (a crash) and now abandoned."""
    made: list[Made]
    """PDFs that were pending (a full disk, say) and are now made."""
    problems: list[str]
    """Sentences for staff: PDFs still pending and why, forms that did not load. The kiosk runs on;
    the briefings are safe."""
    forms: dict[str, Form]
    """The procedures found, loaded once for the whole run."""
    signer: Signer | None
    """The kiosk's seal, loaded once; None when it could not be (`signer_problem` says why)."""
    signer_problem: str | None
    translations: dict[str, dict[str, Form]] = field(default_factory=dict)
    """Each procedure's translations that check clean, by procedure id and language."""


def start_kiosk(config: Config, now: datetime) -> Started:
    """Open the store as the kiosk does at start; StoreError (one sentence) if it cannot be used."""
    store, recovered = start(config.database_url, config.kiosk_id, now, config.masked())
    log.info(
        "store open and migrated; %d briefing(s) left in progress closed as abandoned",
        len(recovered),
    )
    for briefing_id in recovered:
        log.warning("briefing %s: was in progress at start (a crash?); now abandoned", briefing_id)
    swept = sweep_half_written(store, config.documents_dir)
    if swept:
        log.info("%d half-written PDF file(s) a crash left were removed", len(swept))
    catalog = load_catalog(config.forms_dirs)
    form_problems = [str(p) for p in catalog.problems]
    log.info("procedures loaded: %s", ", ".join(sorted(catalog.forms)) or "none")
    for problem in form_problems:
        log.warning("procedure not loaded: %s", problem)
    for warning in catalog.warnings:
        log.warning("procedure content: %s", warning)
    for problem in setting_problems(config, catalog.forms, catalog.translations):
        log.error("setting: %s: %s", config.path, problem)
    rights = rights_check(store)
    if rights is not None and not rights.ok:
        log.error("database rights: %s", rights.detail)
    try:
        signer = load_signer(config, now)
    except (SealError, ConfigError) as exc:
        log.error("the signing key could not be loaded, so pending PDFs were not made: %s", exc)
        problems = [f"pending PDFs were not made: {exc}", *form_problems]
        return Started(
            store, recovered, [], problems, catalog.forms, None, str(exc), catalog.translations
        )
    anchor_file = checkpoint_path(config.database_url, config.data_dir)
    made, failed = make_pending(
        store, catalog.forms, signer, config.documents_dir, now, catalog.translations, anchor_file,
        clinic=str(config["clinic_name"]),
    )  # fmt: skip
    anchor(store, anchor_file, signer, now)  # the settings and recoveries recorded at start
    log.info("pending PDFs: %d made, %d still pending", len(made), len(failed))
    for m in made:
        log.info("briefing %s: pending PDF made", m.briefing_id)
    for problem in failed:
        log.warning("pending PDF not made: %s", problem)
    return Started(
        store,
        recovered,
        made,
        failed + form_problems,
        catalog.forms,
        signer,
        None,
        catalog.translations,
    )


def setting_problems(
    config: Config, forms: Mapping[str, Form], translations: Mapping[str, Mapping[str, Form]]
) -> list[str]:
    """Settings that name what this kiosk does not have, each a sentence naming the setting, its
    value and the choices (the settings file is for the caller to name): a forms_dir not there, a
    walk-up procedure not loaded (walk-up patients would be told to ask staff), languages no
    procedure is offered in (Welcome would leave them out). The kiosk runs on, as the screens fall
    back, and logs them at start; `kiosk doctor` fails on them."""
    problems = []
    # A forms_dir that is not there: the kiosk shows the shipped forms alone, never the clinic's
    # (its default, in the data folder, may well be missing: only a set one is named).
    folder = Path(str(config["forms_dir"])).expanduser()
    if config["forms_dir"] and not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        problems.append(
            f"forms_dir: {folder} {what}, so the kiosk shows only the procedures it ships; correct "
            "forms_dir to the folder of the clinic's procedure files, or leave it empty for the "
            "default."
        )
    walk_up = str(config["walk_up_procedure"])
    if config["walk_up_mode"] and walk_up not in forms:
        choices = ", ".join(sorted(forms)) or "none: no procedure is loaded (`kiosk forms check`)"
        problems.append(
            f"walk_up_procedure: {walk_up!r} is not a procedure this kiosk has, so "
            f"walk-up patients are sent to staff; use one of {choices}."
        )
    offered = offered_anywhere(forms, translations, ())
    unknown = [code for code in config.languages if code not in offered]
    if forms and unknown:
        left = [code for code in config.languages if code in offered]
        then = f"Welcome offers {', '.join(left)} alone" if left else f"Welcome offers {offered[0]}"
        problems.append(
            f"languages: {config['languages']!r} names {', '.join(unknown)}, "
            f"which no procedure here is offered in ({then}); use some of {', '.join(offered)}, "
            "the main one first, or leave it empty for all of them."
        )
    return problems


def sweep_half_written(store: Store, folder: Path) -> list[Path]:
    """Remove the temporary files of PDFs this kiosk was writing when it stopped (a crash, a power
    cut): they hold a patient's name and no record points at them (a PDF whose write was cut short
    is still pending, and is made again). Only this kiosk's briefings, and only at its start, when
    none of its PDFs can be being written. Returns what was removed."""
    try:
        found = [
            (m["briefing"], p) for p in folder.iterdir() if (m := HALF_WRITTEN.fullmatch(p.name))
        ]
    except OSError:  # no documents folder yet, or one that cannot be read: make_pending will say so
        return []
    if not found:
        return []
    with store.reading() as session:
        mine = set(
            session.execute(
                select(BriefingRow.id).where(
                    BriefingRow.id.in_({b for b, _ in found}),
                    BriefingRow.kiosk_id == store.kiosk_id,
                )
            ).scalars()
        )
    removed = []
    for briefing_id, path in found:
        if briefing_id in mine:
            try:
                path.unlink()
            except OSError as exc:
                log.warning("%s: a half-written PDF could not be removed (%s)", path, exc.strerror)
            else:
                removed.append(path)
    return removed
