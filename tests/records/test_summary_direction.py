"""A briefing's two lines in staff mode's list keep their parts in order whatever the name's script:
an Arabic name before an MRN of digits read "1:53 PM · 1234 · محمد علي" (a reviewer), the digits
taken into the name's right-to-left run. A right-to-left name is set apart (FSI … PDI); a
left-to-right one is left as it is."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from kiosk.i18n import words_for
from kiosk.records.query import Filters, find_records
from kiosk.ui.staff.describe import DOT, summary
from tests.records.conftest import Made

LATER = datetime(2026, 12, 1, tzinfo=UTC)


def test_a_right_to_left_name_is_set_apart_from_the_mrn_after_it(made: Made) -> None:
    with made.store.reading() as session:
        row = next(iter(find_records(session, Filters())))
    words = words_for("en")
    arabic = dataclasses.replace(row, patient_name="محمد علي", mrn="1234", language="ar")
    who, state = summary(words, arabic, LATER, row.kiosk_id).split("\n")
    assert who.endswith(f"{DOT}\u2068محمد علي\u2069{DOT}1234")
    assert f"{DOT}\u2068العربية\u2069{DOT}" in state
    latin = dataclasses.replace(row, patient_name="Zoë Ångström", mrn="1234")
    who, _ = summary(words, latin, LATER, row.kiosk_id).split("\n")
    assert who.endswith(f"{DOT}Zoë Ångström{DOT}1234")
