"""A briefing's PDF made again after its procedure's content changed: from the version kept."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.document import seal
from kiosk.document.make import DocumentError, make_document
from kiosk.document.record import load_record
from kiosk.document.verify import Outcome, verify_pdf
from kiosk.session import Briefing, Patient
from kiosk.session.rebrief import Rebriefing
from kiosk.store import Recorder, Store
from kiosk.store.briefings import next_prepared, prepare_briefing
from kiosk.store.models import ContentVersionRow
from kiosk.store.rebriefings import prepare_rebriefing
from kiosk.store.versions import keep, kept_versions
from tests.document.conftest import pdf_text
from tests.pdfsig import pdfsig
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
    verdict = verify_pdf(made.path.read_bytes(), store, name=made.path.name)
    assert verdict.outcome is Outcome.INTACT, verdict.message
    report = pdfsig(made.path)  # a standard reader finds the seal valid
    assert report.valid and report.whole_document, report.text


def test_the_kiosk_keeps_each_language_it_offers_when_a_briefing_starts(
    tmp_path: Path, signer: seal.Signer
) -> None:
    """Through the station, as the touchscreen starts a briefing: the Spanish the patient reads is
    kept with the English, so its PDF is made again from it after the forms folder moved on."""
    from tests.shared import open_station

    old, new = two_versions(tmp_path)
    clock = FakeClock(NOW)
    station = open_station(tmp_path, clock, forms_dir=str(old))
    try:
        before = languages(old)
        dob = date(1950, 2, 3)
        briefing_id = prepare_briefing(
            station.store, before["en"], name="Ana Ruiz", date_of_birth=dob, mrn=None,
            staff="Nurse Lee", now=clock.now(), language="es",
        )  # fmt: skip
        b = station.next_briefing()
        assert isinstance(b, Briefing) and b.briefing_id == briefing_id and b.language == "es"
        walk(b, clock, dob)
        first = make_document(
            station.store, briefing_id, {}, signer, tmp_path / "a", NOW
        )  # nothing in the forms folder is needed: both languages were kept at the start
        with station.store.reading() as session:
            kept = {k.language for k in kept_versions(session, "mild")}
        assert kept == {"en", "es"}
        after = languages(new)
        again = make_document(
            station.store, briefing_id, {"mild": after["en"]}, signer, tmp_path / "b", NOW,
            translations={"mild": after},
        )  # fmt: skip
        assert pdf_text(first.path) == pdf_text(again.path) and "Sangrado" in pdf_text(again.path)
    finally:
        station.close()
