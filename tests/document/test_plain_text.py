"""The PDF's quick path for plain text gives the same markup as the character-by-character one."""

from __future__ import annotations

import pytest

from kiosk.content import load_form
from kiosk.document import shaping
from tests.conftest import MILD

SAMPLES = [
    "",
    " ",
    "Plain words, with (brackets) & <markup>.",
    "“Quoted” — dashes… and accents: é, ñ, Å, Ł.",
    "a\ttab and a\nnewline",
    "no-break\u00a0space",
    "e\u0301 decomposed",
    "Zoë Ångström-Łukasiewicz",
    "ليلى عبد الله",
    "Dr. שָׁלוֹם (Cohen)",
    "Dr.श्री",
    "김민준 Kim",
    "Mixed ١٢٣ digits 123",
    "\ue000 private use",
]


def _corpus() -> list[str]:
    texts = list(SAMPLES)
    for path in sorted(MILD.parent.glob("*.toml")):
        form = load_form(path)
        for section in (form.about, *form.steps, *form.risks):
            texts += [section.title, *section.paragraphs()]
        for listing in (form.options, form.precautions):
            texts += [listing.title, listing.intro]
            texts += [t for item in listing.items for t in (item.title, item.body)]
    return texts


@pytest.mark.parametrize("bold", [False, True])
def test_the_quick_path_changes_no_markup(bold: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _corpus()
    quick = [shaping.paragraph_markup(text, bold=bold) for text in texts]
    monkeypatch.setattr(shaping, "_all_plain", lambda text, fonts: False)
    slow = [shaping.paragraph_markup(text, bold=bold) for text in texts]
    assert quick == slow
