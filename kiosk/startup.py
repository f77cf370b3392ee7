"""What the kiosk does when it starts, before the first screen: store checked and migrated, changed
settings audited, briefings a crash left open closed as abandoned, and pending PDFs made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.config import Config, ConfigError
from kiosk.content import load_catalog
from kiosk.document.identity import load_signer
from kiosk.document.make import Made, make_pending
from kiosk.document.seal import SealError
from kiosk.store.database import Store
from kiosk.store.maintenance import start


@dataclass
class Started:
    store: Store
    recovered: list[str]
    """Briefings found in progress (a crash) and now abandoned."""
    made: list[Made]
    """PDFs that were pending (a full disk, say) and are now made."""
    problems: list[str]
    """Sentences for staff: PDFs still pending and why. The kiosk runs on; the briefings are safe."""


def start_kiosk(config: Config, now: datetime) -> Started:
    """Open the store as the kiosk does at start; StoreError (one sentence) if it cannot be used."""
    store, recovered = start(config.database_url, config.kiosk_id, now, config.masked())
    try:
        signer = load_signer(config, now)
    except (SealError, ConfigError) as exc:
        return Started(store, recovered, [], [f"pending PDFs were not made: {exc}"])
    made, failed = make_pending(
        store, load_catalog(config.forms_dirs).forms, signer, config.documents_dir, now
    )
    return Started(store, recovered, made, failed)
