"""Why a briefing ended unsigned, as staff read it: in words of their language for every reason
the kiosk stores. A briefing a crash left open read "Abandoned (interrupted)", the store's own
code, even in Spanish and Arabic."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from kiosk.i18n import words_for
from kiosk.records.query import Filters, find_records
from kiosk.session.events import AbandonReason
from kiosk.store.briefings import recover_interrupted
from kiosk.ui.staff.describe import status_text
from tests.records.conftest import Made

LATER = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_every_stored_end_reason_reads_as_words(made: Made, language: str) -> None:
    assert recover_interrupted(made.store, LATER) == [made.in_progress]
    with made.store.reading() as session:
        rows = {r.briefing_id: r for r in find_records(session, Filters())}
    recovered, abandoned = rows[made.in_progress], rows[made.abandoned]
    words = words_for(language)
    reasons = [recovered.end_reason, *(reason.value for reason in AbandonReason)]
    for reason in reasons:
        row = dataclasses.replace(abandoned, end_reason=reason)
        said = status_text(words, row, LATER)
        raw = words("staff.status.abandoned-why", reason=reason)
        assert said != raw, f"{reason!r} shown as the store's code: {said!r}"
    assert status_text(words, recovered, LATER) == words(
        "staff.status.abandoned-why", reason=words("staff.end.crash")
    )
