"""Staff mode's type sizes for the kiosk's text size on the window it has now: plain Python, so the
rule is tested without Qt.

Staff stand at the same touchscreen as the patient, and "Larger text" (left on by a patient, or
turned on by a staff member who reads poorly) grows staff mode's words as it grows the patient's:
the body text is the kiosk's on this window, larger or not. A role set larger than the body (a
title, a heading, a typed line) keeps the size it has on this window without Larger text, and
never less than the body: staff mode's titles are long ("The procedure and the patient's
language"), share their line with where staff are, and stand over a keyboard whose keys follow the
screen, not the text; grown too, a title took two lines of a 1280x800 screen, four of a portrait
one, and the keys lost their room."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class StaffType:
    """The pixel sizes of staff mode's words on one window, at one text size."""

    body: int
    """Every word staff read that has no role of its own (and the least of those that have one)."""
    roles: tuple[tuple[str, int], ...]
    """The size of each role set apart from the body (a title, a heading, a typed line)."""
    reading: int
    """The kiosk's Larger-text size on this window: the most a portrait menu's actions are set in
    (one to a row across a tall page, they have the room)."""

    def role(self, name: str) -> int:
        """The size of `name`'s words (the body size for a role not set apart)."""
        return dict(self.roles).get(name, self.body)


def staff_type(normal: int, larger: int, larger_on: bool, shares: Mapping[str, float]) -> StaffType:
    """Staff mode's sizes on a window whose body text is `normal` px, or `larger` px with Larger
    text (`larger_on`: it is on); `shares`: each role's size as a multiple of the body text (the
    patient's proportions). A role smaller than the body stays in proportion to it."""
    body = larger if larger_on else normal
    roles = tuple(
        (role, max(body, round(share * normal)) if share >= 1 else round(share * body))
        for role, share in shares.items()
    )
    return StaffType(body, roles, max(body, larger))
