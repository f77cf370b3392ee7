"""Staff mode's type sizes follow the kiosk's text size on the window it has (no Qt)."""

from __future__ import annotations

import pytest

from kiosk.session.staff_type import StaffType, staff_type

SHARES = {"title": 40 / 24, "heading": 30 / 24, "entry": 32 / 24, "note": 20 / 24}
"""The patient's proportions of each role to the body text (a title 40 px beside 24), and one
role smaller than the body."""
WINDOWS = {"1280x800": (24, 31), "1920x1080": (32, 42), "1080x1920": (32, 42)}
"""The kiosk's body text on each window, without and with Larger text (kiosk.ui.theme.body_px)."""


@pytest.mark.parametrize(("normal", "larger"), WINDOWS.values(), ids=WINDOWS.keys())
def test_without_larger_text_staff_read_the_patients_sizes(normal: int, larger: int) -> None:
    sizes = staff_type(normal, larger, False, SHARES)
    assert sizes.body == normal
    assert dict(sizes.roles) == {role: round(share * normal) for role, share in SHARES.items()}
    assert sizes.reading == larger  # a portrait menu's actions may grow to it


@pytest.mark.parametrize(("normal", "larger"), WINDOWS.values(), ids=WINDOWS.keys())
def test_larger_text_grows_every_word_staff_read_as_it_grows_the_patients(
    normal: int, larger: int
) -> None:
    """The body text is the kiosk's Larger size; no role falls under it; a role set larger than the
    body keeps at least its size without Larger text (a title is not shrunk), and no more: a step's
    title and its keys keep their room on a 1280x800 screen."""
    plain = staff_type(normal, larger, False, SHARES)
    sizes = staff_type(normal, larger, True, SHARES)
    assert sizes.body == larger > plain.body
    for role, share in SHARES.items():
        if share >= 1:
            assert sizes.role(role) == max(larger, plain.role(role)), role
            assert sizes.role(role) >= sizes.body, role
        else:  # smaller than the body, in proportion to it whatever the size
            assert sizes.role(role) == round(share * larger) > plain.role(role)
    assert sizes.role("title") == plain.role("title")  # 40 px at 1280x800, over a 31 px body
    assert sizes.role("heading") == sizes.body  # 30 px would be under the 31 px body


def test_a_role_not_set_apart_is_the_body_size() -> None:
    sizes = StaffType(31, (("title", 40),), 31)
    assert sizes.role("title") == 40 and sizes.role("muted") == 31
