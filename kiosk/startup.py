"""What the kiosk does when it starts, before the first screen: store checked and migrated, changed
settings audited, briefings a crash left open closed as abandoned, and pending PDFs made."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from kiosk.config import Config, ConfigError
from kiosk.content import load_catalog
from kiosk.content.schema import Form
from kiosk.document.identity import load_signer
from kiosk.document.make import Made, make_pending
from kiosk.document.seal import SealError, Signer
from kiosk.store.database import Store
from kiosk.store.maintenance import start

log = logging.getLogger(__name__)


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


def start_kiosk(config: Config, now: datetime) -> Started:
    """Open the store as the kiosk does at start; StoreError (one sentence) if it cannot be used."""
    store, recovered = start(config.database_url, config.kiosk_id, now, config.masked())
    log.info(
        "store open and migrated; %d briefing(s) left in progress closed as abandoned",
        len(recovered),
    )
    for briefing_id in recovered:
        log.warning("briefing %s: was in progress at start (a crash?); now abandoned", briefing_id)
    catalog = load_catalog(config.forms_dirs)
    form_problems = [str(p) for p in catalog.problems]
    log.info("procedures loaded: %s", ", ".join(sorted(catalog.forms)) or "none")
    for problem in form_problems:
        log.warning("procedure not loaded: %s", problem)
    try:
        signer = load_signer(config, now)
    except (SealError, ConfigError) as exc:
        log.error("the signing key could not be loaded, so pending PDFs were not made: %s", exc)
        problems = [f"pending PDFs were not made: {exc}", *form_problems]
        return Started(store, recovered, [], problems, catalog.forms, None, str(exc))
    made, failed = make_pending(store, catalog.forms, signer, config.documents_dir, now)
    log.info("pending PDFs: %d made, %d still pending", len(made), len(failed))
    for m in made:
        log.info("briefing %s: pending PDF made", m.briefing_id)
    for problem in failed:
        log.warning("pending PDF not made: %s", problem)
    return Started(store, recovered, made, failed + form_problems, catalog.forms, signer, None)
