"""Versions kept: each version a briefing was given on is kept whole by its hash, each screen's
own hash recorded with what was shown, and an old PDF made again after the forms folder changed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from kiosk.content.versions import SnapshotError, form_of, screen_hashes, snapshot
from kiosk.store import Store
from kiosk.store.models import ScreenShownRow
from kiosk.store.versions import find_kept, keep, kept_form, kept_versions
from tests.shared import walk_in_languages
from tests.versions_forms import languages, two_versions

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_a_snapshot_makes_the_same_form_again_or_refuses_a_damaged_one(tmp_path: Path) -> None:
    old, new = two_versions(tmp_path)
    for form in [*languages(old).values(), *languages(new).values()]:
        snap = snapshot(form)
        assert form_of(snap.content, snap.pictures, snap.content_sha256) == form
    snap = snapshot(languages(old)["en"])
    with pytest.raises(SnapshotError, match="does not hash"):
        form_of(snap.content.replace(b"Bleeding", b"Bleedin"), snap.pictures, snap.content_sha256)
    with pytest.raises(SnapshotError, match="damaged"):
        form_of(snap.content, {}, snap.content_sha256)


def test_each_version_is_kept_once_and_read_back_exactly(store: Store, tmp_path: Path) -> None:
    old, new = two_versions(tmp_path)
    before, after = languages(old), languages(new)
    assert keep(store, before.values(), before["en"], NOW) == [
        f.content_sha256 for f in before.values()
    ]
    assert keep(store, before.values(), before["en"], NOW) == []
    keep(store, after.values(), after["en"], NOW)
    with store.reading() as session:
        assert kept_form(session, before["es"].content_sha256) == before["es"]
        assert find_kept(session, "mild", "1.0.0", None) == before["en"]
        assert find_kept(session, "mild", "1.1.0", "es") == after["es"]
        assert find_kept(session, "mild", "2.0.0", None) is None
        assert [(k.version, k.language) for k in kept_versions(session, "mild")] == [
            ("1.0.0", "en"), ("1.0.0", "es"), ("1.1.0", "en"), ("1.1.0", "es"),
        ]  # fmt: skip
    with store.engine.connect() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("DELETE FROM content_versions"))


def test_each_screen_shown_is_recorded_with_its_own_hash_per_language(
    store: Store, tmp_path: Path
) -> None:
    old, _ = two_versions(tmp_path)
    forms = languages(old)
    briefing_id = walk_in_languages(store, forms, "en", switch_to="es", switch_after_risks=3)
    with store.reading() as session:
        rows = session.scalars(
            select(ScreenShownRow).where(ScreenShownRow.briefing_id == briefing_id)
        ).all()
    seen = {(r.screen_id, r.language): r for r in rows}
    en, es = screen_hashes(forms["en"]), screen_hashes(forms["es"])
    assert seen["about", "en"].screen_sha256 == en["about"]
    assert ("about", "es") not in seen
    assert seen["sign", "es"].screen_sha256 == es["sign"]
    assert seen["sign", "es"].content_sha256 == forms["es"].content_sha256
    switched_on = forms["en"].risks[3].id  # the screen the patient switched language on
    assert {lang for sid, lang in seen if sid == switched_on} == {"en", "es"}
    assert "welcome" not in {sid for sid, _ in seen}
