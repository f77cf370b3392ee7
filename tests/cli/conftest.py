"""The `kiosk` commands' tests: a kiosk set up by `kiosk init`, with briefings in every state."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.store import Store, open_store
from tests.records.conftest import Made, make_briefings


@pytest.fixture
def made(capsys: pytest.CaptureFixture[str], form_data: dict[str, Any]) -> Iterator[Made]:
    """`kiosk init`, then briefings in every state, one with its PDF made and sealed here."""
    assert main(["init"]) == 0
    capsys.readouterr()
    config = load_config(None)
    store: Store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        yield make_briefings(
            store, config.documents_dir, form_data, (config.signing_key, config.signing_certificate)
        )
    finally:
        store.close()
