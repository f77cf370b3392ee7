"""Staff mode in Arabic: a screen's title in another script (a briefing given in English) keeps
its quotes around it. A reviewer read "Allergic reaction»» · سُجِّل في…": the opening quote was
drawn at the title's other end."""

from __future__ import annotations

from kiosk.i18n import words_for
from kiosk.ui.staff.describe import own

FSI, PDI = "\u2068", "\u2069"


def test_an_english_title_in_an_arabic_row_stays_between_its_quotes() -> None:
    ar = words_for("ar")
    row = ar(
        "staff.questions.row",
        name=own(ar, "John Smith"),
        title=own(ar, "Allergic reaction"),
        when="10:04",
    )
    assert f"«{FSI}Allergic reaction{PDI}»" in row and f"{FSI}John Smith{PDI}" in row
    assert own(words_for("en"), "Allergic reaction") == "Allergic reaction"  # (left to right)
