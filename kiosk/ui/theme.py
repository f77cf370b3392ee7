"""How the kiosk looks: two palettes (standard and high contrast), text sizes, and the stylesheet from them."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import lru_cache

from PySide6.QtCore import QSize

BASE_PX = 24
"""Body text at 1280×800; larger screens scale it up, never down."""
LARGER = 1.3
"""The “Larger text” toggle."""
REFERENCE = QSize(1280, 800)
TOUCH_PX = 64
"""The smallest touch target, in both directions, at 1280×800."""
ROLE_PX = {"title": 40, "heading": 30, "language": 30}
"""Text of these roles (labels and buttons), in px beside a body text of BASE_PX: in proportion
to the body text around them, whatever its size."""
ENTRY_PX = 32
"""Typed text (a field), likewise."""


@dataclass(frozen=True)
class Palette:
    """Every colour the kiosk uses. Each text colour is checked against its background (≥ 7:1)."""

    name: str
    background: str
    text: str
    muted: str
    surface: str
    primary: str
    primary_text: str
    button: str
    button_text: str
    border: str
    done: str
    """Acknowledged, right answers: text colour on the background."""
    flag: str
    """Questions flagged for the surgeon: text colour on the background."""
    flag_surface: str
    notice: str
    """Messages that ask for something (a blocker, a wrong date): text on notice_surface."""
    notice_surface: str
    disabled_text: str
    placeholder: str
    """The hint inside an empty field ("Your full name"): Qt's own was the text at half strength
    (3.5:1 on white)."""


STANDARD = Palette(
    name="standard",
    background="#F7F5F0",
    text="#111111",
    muted="#333333",
    surface="#FFFFFF",
    primary="#0A4A8A",
    primary_text="#FFFFFF",
    button="#E3E8EF",
    button_text="#111111",
    border="#4A5563",
    done="#14532D",
    flag="#7A2E00",
    flag_surface="#FFF1E0",
    notice="#5C1A00",
    notice_surface="#FFE8C2",
    disabled_text="#3A3A3A",
    placeholder="#555555",
)

HIGH_CONTRAST = Palette(
    name="high contrast",
    background="#000000",
    text="#FFFFFF",
    muted="#FFFFFF",
    surface="#000000",
    primary="#FFD700",
    primary_text="#000000",
    button="#000000",
    button_text="#FFFFFF",
    border="#FFFFFF",
    done="#7CFF7C",
    flag="#FFB347",
    flag_surface="#000000",
    notice="#000000",
    notice_surface="#FFD700",
    disabled_text="#D0D0D0",
    placeholder="#BBBBBB",
)

TEXT_PAIRS = (
    ("text", "background"),
    ("muted", "background"),
    ("text", "surface"),
    ("primary_text", "primary"),
    ("button_text", "button"),
    ("done", "background"),
    ("done", "surface"),
    ("flag", "background"),
    ("flag", "flag_surface"),
    ("notice", "notice_surface"),
    ("disabled_text", "button"),
    ("placeholder", "surface"),
)
"""Every (text, background) pair the stylesheet uses."""


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two #RRGGBB colours (1 to 21)."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def body_px(screen: QSize, larger: bool = False) -> int:
    """Body text size for a screen: 24 px at 1280×800, scaled up on larger screens, never below 24.

    A portrait screen is measured against 800×1280, so its height gives it bigger type too."""
    w, h = screen.width(), screen.height()
    ref_w, ref_h = REFERENCE.width(), REFERENCE.height()
    if h > w:
        ref_w, ref_h = ref_h, ref_w
    scale = max(1.0, min(w / ref_w, h / ref_h))
    return round(BASE_PX * scale * (LARGER if larger else 1.0))


@dataclass(frozen=True)
class Look:
    """The chosen palette and size. The stylesheet follows the palette, the screen and the
    direction, never the text size: "Larger text" changes fonts only (kiosk.ui.typeset)."""

    palette: Palette
    body: int
    larger: bool = False
    """"Larger text" is on: the words grow, the room around them and the targets do not (they
    follow the screen only), so larger words leave the page as much room as they can."""
    right_to_left: bool = False
    """The words read from the right: the marks beside a text stand at its right."""
    screen_body: int = 0
    """The body size on this screen without "Larger text" (0: worked out from `body`), so the room
    and the targets are the same to the pixel with larger text or without."""

    @property
    def scale(self) -> float:
        return self.body / BASE_PX

    @property
    def reach(self) -> float:
        """The screen's own scale: `scale` without "Larger text"."""
        if self.screen_body:
            return self.screen_body / BASE_PX
        return self.scale / LARGER if self.larger else self.scale

    @property
    def plain(self) -> Look:
        """This look without "Larger text": staff's screens, laid out for the screen's own size (a
        patient who left Larger text on cut the staff sign-in's buttons in half at 1280x800)."""
        return replace(self, body=round(BASE_PX * self.reach), larger=False, screen_body=0)

    def px(self, value: float) -> int:
        """A size given at 1280×800 normal text, scaled like the text."""
        return round(value * self.scale)

    def room(self, value: float) -> int:
        """A space or a target's size given at 1280×800, scaled like the screen (not the text)."""
        return round(value * self.reach)

    def stylesheet(self, *, sized: bool = False) -> str:
        """The sheet for this palette, screen and direction: the same with "Larger text" or
        without, as text sizes are the widgets' fonts (kiosk.ui.typeset). `sized`: with the text
        sizes too, for a part whose widgets are not typeset (staff mode, the staff sign-in)."""
        sheet = _sheet(self.palette, self.reach, self.right_to_left)
        return sheet + self._sizes() if sized else sheet

    def _sizes(self) -> str:
        px = self.px
        roles = "".join(
            f'QLabel[role="{r}"], QPushButton[role="{r}"] {{ font-size: {px(v)}px; }}\n'
            for r, v in ROLE_PX.items()
        )
        return (
            f"QWidget {{ font-size: {self.body}px; }}\n{roles}"
            f"QLineEdit {{ font-size: {px(ENTRY_PX)}px; }}\n"
        )


@lru_cache(maxsize=8)
def _sheet(p: Palette, reach: float, right_to_left: bool) -> str:
    """The sheet of colours, borders and room, for a screen of scale `reach` (made once per
    palette, screen and direction)."""

    def room(value: float) -> int:
        return round(value * reach)

    start = "right" if right_to_left else "left"  # where a line begins
    touch = max(TOUCH_PX, room(TOUCH_PX))
    # A primary button or a language named aloud: in the colours of a sentence being read, unless
    # they are the primary's own (high contrast): then the other way round, dark with its colour
    # for the words (a language named aloud in high contrast looked as chosen as the one chosen).
    said = (
        (p.notice_surface, p.notice)
        if p.notice_surface != p.primary
        else (p.primary_text, p.primary)
    )
    return f"""
QWidget {{ background: {p.background}; color: {p.text}; }}
QLabel {{ background: transparent; }}
QLabel[role="title"] {{ font-weight: bold; }}
QLabel[role="heading"] {{ font-weight: bold; }}
QLabel[role="strong"] {{ font-weight: bold; }}
QLabel[role="muted"] {{ color: {p.muted}; }}
QLabel[role="done"] {{ color: {p.done}; font-weight: bold; }}
QLabel[role="flag"] {{ color: {p.flag}; font-weight: bold; }}
QLabel[role="notice"] {{ color: {p.notice}; background: {p.notice_surface}; border-radius: {room(8)}px;
    padding: {room(10)}px {room(16)}px; font-weight: bold; }}
QLabel[role="progress"] {{ color: {p.muted}; }}
QLabel[role="practice"] {{ color: {p.notice}; background: {p.notice_surface}; border: 2px dashed {p.border};
    border-radius: {room(8)}px; font-size: {BASE_PX}px; font-weight: bold; }}
QFrame[role="card"] {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: {room(12)}px; }}
QFrame[role="card"] QLabel {{ background: transparent; }}
QFrame[role="bar"] {{ border: none; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QPushButton[kiosk="true"] {{ background: {p.button}; color: {p.button_text}; border: 2px solid {p.border};
    border-radius: {room(12)}px; min-height: {touch}px; min-width: {touch}px; padding: 0 {room(20)}px; }}
QPushButton {{ background: {p.button}; color: {p.button_text}; border: 2px solid {p.border}; border-radius: {room(10)}px; }}
QPushButton:pressed {{ border-width: 4px; }}
QPushButton:disabled {{ color: {p.disabled_text}; border-style: dashed; }}
QPushButton:checked {{ background: {p.primary}; color: {p.primary_text}; }}
QPushButton[role="primary"] {{ background: {p.primary}; color: {p.primary_text}; border-color: {p.primary};
    font-weight: bold; min-height: {touch + room(24)}px; min-width: {room(240)}px; }}
QPushButton[role="primary"] QLabel {{ color: {p.primary_text}; background: transparent; font-weight: bold; }}
QPushButton[role="primary"]:disabled {{ background: {p.button}; color: {p.disabled_text};
    border: 3px dashed {p.border}; }}
QPushButton[role="flag"] {{ background: {p.flag_surface}; color: {p.flag}; border-color: {p.flag}; }}
QPushButton[role="withdraw"] {{ background: {p.notice_surface}; border: 3px solid {p.notice}; }}
QPushButton[role="withdraw"] QLabel {{ color: {p.notice}; background: transparent; font-weight: bold; }}
QPushButton[role="flag"][flagged="true"] {{ background: transparent; border-color: transparent; font-weight: bold; }}
QPushButton[role="acknowledge"] {{ background: {p.surface}; color: {p.done}; border: 4px solid {p.done};
    font-weight: bold; min-height: {touch + room(12)}px; padding: 0 {room(24)}px; }}
QPushButton[role="acknowledge"]:disabled {{ color: {p.disabled_text}; border: 3px dashed {p.border}; }}
QLabel[role="acknowledge"] {{ color: {p.done}; font-weight: bold; }}
QLabel[role="acknowledge"]:disabled {{ color: {p.disabled_text}; }}
QPushButton[role="choice"] {{ min-height: {touch - 4}px; margin: 2px; }}
QPushButton[role="choice"]:pressed {{ margin: 0; }}
QPushButton[role="language"] {{ min-height: {touch + room(12) - 4}px; min-width: {room(200)}px; margin: 2px; }}
QPushButton[role="language"]:checked {{ border: 4px solid {p.primary}; font-weight: bold; margin: 0; }}
QPushButton[role="language"][said="true"] {{ background: {said[0]}; color: {said[1]}; border: 4px solid {said[1]};
    margin: 0; }}
QPushButton[role="primary"][said="true"] {{ background: {said[0]}; color: {said[1]}; border-color: {said[1]}; }}
QPushButton[role="choice"][picked="true"] {{ background: {p.primary}; border: 4px solid {p.primary}; margin: 0; }}
QLabel[role="choice"] {{ background: transparent; color: {p.button_text}; font-weight: bold; }}
QLabel[role="choice"][picked="true"] {{ color: {p.primary_text}; }}
QPushButton[role="choice"][answer="true"] {{ background: {p.surface}; border: 4px solid {p.done}; margin: 0; }}
QLabel[role="choice"][answer="true"] {{ color: {p.done}; }}
QPushButton[role="choice"][missed="true"] {{ border: 4px dashed {p.flag}; margin: 0; }}
QLabel[role="point"] {{ border-{start}: {room(6)}px solid {p.primary}; padding-{start}: {room(14)}px; }}
QLabel[role="cue"] {{ color: {p.text}; font-weight: bold; }}
QLineEdit {{ background: {p.surface}; color: {p.text}; border: 2px solid {p.border}; border-radius: {room(8)}px;
    padding: {room(8)}px; min-height: {touch}px; placeholder-text-color: {p.placeholder}; }}
QProgressBar {{ background: {p.button}; border: 1px solid {p.border}; border-radius: {room(4)}px; max-height: {room(12)}px; }}
QProgressBar::chunk {{ background: {p.primary}; border-radius: {room(4)}px; }}
QScrollBar:vertical {{ background: {p.button}; width: {room(22)}px; border-radius: {room(11)}px; margin: 0; border: {room(2)}px solid {p.border}; }}
QScrollBar::handle:vertical {{ background: {p.border}; min-height: {room(60)}px; border-radius: {room(11)}px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
QWidget#overlay {{ background: {p.background}; }}
"""


def palette_for(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else STANDARD


def palette_colours(palette: Palette) -> dict[str, str]:
    return {f.name: getattr(palette, f.name) for f in fields(palette) if f.name != "name"}
