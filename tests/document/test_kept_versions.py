"""A briefing's PDF made again after its procedure's content changed: from the version kept."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.document import seal
from kiosk.document.make import DocumentError, make_document
from kiosk.document.record import load_record
from kiosk.session import Patient
from kiosk.session.rebrief import Rebriefing
from kiosk.store import Recorder, Store
from kiosk.store.briefings import next_prepared
from kiosk.store.models import ContentVersionRow
from kiosk.store.rebriefings import prepare_rebriefing
from kiosk.store.versions import keep
from tests.document.conftest import pdf_text
from tests.session.fakes import FakeClock
from tests.shared import walk_in_languages
from tests.versions_forms import brief, languages, two_versions, walk

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


def test_a_rebriefing_pdf_names_the_earlier_briefing_and_what_changed(
    store: Store, tmp_path: Path, signer: seal.Signer
) -> None:
    old, new = two_versions(tmp_path)
    before, after = languages(old), languages(new)
    dob = date(1950, 2, 3)
    earlier = brief(store, before["en"], "Ana Ruiz", dob, mrn="M-1", planned=date(2026, 12, 10))
    later = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    rebrief = prepare_rebriefing(store, earlier, after["en"], staff="Nurse Lee", now=later)
    waiting = next_prepared(store, later.replace(hour=0))
    assert waiting is not None and waiting.changes is not None
    clock = FakeClock(later)
    walk(
        Rebriefing(
            after["en"], rebrief, Recorder(store), clock, patient=Patient("Ana Ruiz", dob),
            changes=waiting.changes,
        ),
        clock,
        dob,
    )  # fmt: skip
    made = make_document(store, rebrief, {"mild": after["en"]}, signer, tmp_path / "pdf", NOW)
    text = " ".join(pdf_text(made.path).split())
    assert f"This briefing follows briefing {earlier}, signed November 23, 2026" in text
    assert "on content version 1.0.0" in text and "now version 1.1.0" in text
    assert "New: “Blood clot”." in text and "Changed: “Bleeding”." in text
    assert "Very rarely, you may need a blood transfusion." in text
    assert "Nerve injury" not in text and "Check your understanding" not in text
    assert "Acknowledged" in text
    with store.reading() as session:
        record = load_record(session, rebrief)
    assert record.rebriefing is not None and record.rebriefing.earlier_id == earlier
    assert b'"rebriefing"' in record.to_json()
