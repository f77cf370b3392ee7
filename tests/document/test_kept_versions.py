"""A briefing's PDF made again after its procedure's content changed: from the version kept."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.document import seal
from kiosk.document.make import DocumentError, make_document
from kiosk.store import Store
from kiosk.store.models import ContentVersionRow
from kiosk.store.versions import keep
from tests.document.conftest import pdf_text
from tests.shared import walk_in_languages
from tests.versions_forms import languages, two_versions

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_a_pdf_made_on_1_0_0_is_made_again_the_same_after_the_upgrade(
    store: Store, tmp_path: Path, signer: seal.Signer
) -> None:
    old, new = two_versions(tmp_path)
    before, after = languages(old), languages(new)
    keep(store, before.values(), before["en"], NOW)  # as the kiosk does when the briefing starts
    briefing_id = walk_in_languages(store, before, "es")
    first = make_document(
        store, briefing_id, {"mild": before["en"]}, signer, tmp_path / "a", NOW,
        translations={"mild": before},
    )  # fmt: skip
    # the forms folder now holds 1.1.0 only: the kept 1.0.0 is what the PDF is made from
    again = make_document(
        store, briefing_id, {"mild": after["en"]}, signer, tmp_path / "b", NOW,
        translations={"mild": after},
    )  # fmt: skip
    assert pdf_text(first.path) == pdf_text(again.path)
    assert "transfusión" not in pdf_text(again.path)
    with store.reading() as session:
        assert session.scalar(select(ContentVersionRow.form_version).where(
            ContentVersionRow.content_sha256 == before["es"].content_sha256
        )) == "1.0.0"  # fmt: skip


def test_a_briefing_from_before_versions_were_kept_uses_the_forms_folder_if_unchanged(
    store: Store, tmp_path: Path, signer: seal.Signer
) -> None:
    old, new = two_versions(tmp_path)
    before, after = languages(old), languages(new)
    briefing_id = walk_in_languages(store, before, "es")  # its Spanish was never kept
    made = make_document(
        store, briefing_id, {"mild": before["en"]}, signer, tmp_path / "a", NOW,
        translations={"mild": before},
    )  # fmt: skip
    assert "Sangrado" in pdf_text(made.path)
    with pytest.raises(DocumentError, match="mild"):
        make_document(
            store, briefing_id, {"mild": after["en"]}, signer, tmp_path / "b", NOW,
            translations={"mild": after},
        )  # fmt: skip
