"""`kiosk doctor`'s pending PDFs: how many signed briefings still wait for theirs, and with
--repair, each made (the PDF's and the seal's libraries are loaded only for them)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy.exc import DBAPIError

from kiosk.config import Config, ConfigError
from kiosk.content import load_catalog
from kiosk.document.errors import SealError
from kiosk.store import StoreError, open_store
from kiosk.store.checkpoint import checkpoint_path
from kiosk.store.database import describe_error
from kiosk.store.maintenance import Check

log = logging.getLogger("kiosk.cli.store")  # (doctor's lines, as before)


def pending_check(config: Config) -> Check:
    """`kiosk doctor`'s line for the signed briefings whose PDF is still to be made."""
    from kiosk.document.make import pending

    try:
        store = open_store(config.database_url, config.kiosk_id, create=False, at_head=True)
    except StoreError as exc:
        return Check("pending PDFs", False, f"not counted: {exc}")
    try:
        waiting = pending(store)
    except DBAPIError as exc:  # a table the role may not read, say
        return Check(
            "pending PDFs", False, f"not counted: {describe_error(config.database_url, exc)}"
        )
    finally:
        store.close()
    if waiting:
        return Check(
            "pending PDFs",
            False,
            f"{len(waiting)} signed briefing(s) still without a PDF; run `kiosk doctor --repair`",
        )
    return Check("pending PDFs", True, "none")


def repair(config: Config) -> Check:
    """Make every pending PDF (a disk was full, a folder unwritable when the briefing was signed)."""
    from kiosk.document.identity import load_signer
    from kiosk.document.make import make_pending

    now = datetime.now(UTC)
    try:
        store = open_store(config.database_url, config.kiosk_id, create=False, at_head=True)
    except StoreError as exc:
        return Check("repair", False, str(exc))
    try:
        signer = load_signer(config, now)
        catalog = load_catalog(config.forms_dirs)
        made, failed = make_pending(
            store,
            catalog.forms,
            signer,
            config.documents_dir,
            now,
            catalog.translations,
            checkpoint_path(config.database_url, config.data_dir),
            clinic=str(config["clinic_name"]),
        )
    except (SealError, ConfigError) as exc:
        return Check("repair", False, f"pending PDFs not made: {exc}")
    finally:
        store.close()
    if failed:
        log.warning("doctor --repair: %d pending PDF(s) made, %d not", len(made), len(failed))
        for problem in failed:
            log.warning("doctor --repair: %s", problem)
        return Check(
            "repair", False, f"{len(made)} pending PDF(s) made, {len(failed)} not: {failed[0]}"
        )
    for m in made:
        log.info("doctor --repair: briefing %s: pending PDF made", m.briefing_id)
    return Check(
        "repair", True, f"{len(made)} pending PDF(s) made" if made else "no PDF was pending"
    )
