"""Staff mode's look on the kiosk's window as it is now: the window's palette and text size ("Larger
text" followed, as the patient's screens follow it), for the window's size at this moment (a
screen turned, a window resized), with staff's own type sizes (`kiosk.session.staff_type`)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize

from kiosk.session.staff_type import StaffType, staff_type
from kiosk.ui.theme import BASE_PX, ENTRY_PX, ROLE_PX, Look, body_px

ENTRY = "entry"
"""The role of a typed line's words (every QLineEdit's, as the patient's sheet sets them)."""
SHARES = {**{role: px / BASE_PX for role, px in ROLE_PX.items()}, ENTRY: ENTRY_PX / BASE_PX}
"""The patient's proportions of each role to the body text."""


def staff_look(kiosk: Look, window: QSize) -> tuple[Look, StaffType]:
    """The look and type sizes of staff's screens over a window of size `window` in the kiosk's
    look `kiosk` (its palette, direction and whether Larger text is on): the room and the targets
    follow the window's size, as the patient's do the display's."""
    normal, larger = body_px(window), body_px(window, larger=True)
    sizes = staff_type(normal, larger, kiosk.larger, SHARES)
    return replace(kiosk, body=sizes.body, screen_body=normal), sizes


def staff_sheet(look: Look, sizes: StaffType) -> str:
    """The sheet of staff's screens and dialogs: the look's colours, borders and room, and staff's
    type sizes (their widgets are not typeset one by one, as the patient's are)."""
    roles = "".join(
        f'QLabel[role="{role}"], QPushButton[role="{role}"] {{ font-size: {px}px; }}\n'
        for role, px in sizes.roles
        if role != ENTRY
    )
    return (
        f"{look.stylesheet()}QWidget {{ font-size: {sizes.body}px; }}\n{roles}"
        f"QLineEdit {{ font-size: {sizes.role(ENTRY)}px; }}\n"
    )


def keys_scale(window: QSize) -> float:
    """The keyboards' scale on a window of this size: they follow the screen, not the text."""
    return body_px(window) / BASE_PX
