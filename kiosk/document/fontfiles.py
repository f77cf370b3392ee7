"""The PDF's font files: which faces the kiosk ships, registering them with reportlab once, and
checking them for `kiosk doctor`. What is drawn in which face is decided in kiosk.document.shaping."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from kiosk.paths import assets_dir

BASE_FONT: Final = "KioskSans"
BOLD_FONT: Final = "KioskSans-Bold"
HEBREW_FONT: Final = "KioskHebrew"
ARABIC_FONT: Final = "KioskArabic"
CJK_FONT: Final = "KioskCJK"

REPLACEMENT: Final = "\ufffd"
"""Drawn (in the base font) in place of a character no font has."""


class FontError(RuntimeError):
    """The PDF fonts cannot be loaded; the message says which file and what to do."""


@dataclass(frozen=True)
class _FaceSpec:
    name: str
    file: str
    covers: str
    sample: str
    """Characters this file must draw; if it does not, it is not the font the kiosk ships."""


@dataclass(frozen=True)
class _FamilySpec:
    family: str
    regular: _FaceSpec
    bold: _FaceSpec | None


_FAMILIES: Final = (
    _FamilySpec(
        BASE_FONT,
        _FaceSpec(BASE_FONT, "DejaVuSans.ttf", "Latin, Greek, Cyrillic and Vietnamese", "ÅŁễΩЖ"),
        _FaceSpec(BOLD_FONT, "DejaVuSans-Bold.ttf", "bold Latin, Greek and Cyrillic", "ÅŁễΩЖ"),
    ),
    _FamilySpec(
        HEBREW_FONT,
        _FaceSpec(HEBREW_FONT, "NotoSansHebrew-Regular.ttf", "Hebrew", "אבג"),
        _FaceSpec(f"{HEBREW_FONT}-Bold", "NotoSansHebrew-Bold.ttf", "bold Hebrew", "אבג"),
    ),
    _FamilySpec(
        ARABIC_FONT,
        _FaceSpec(ARABIC_FONT, "NotoSansArabic-Regular.ttf", "Arabic", "\u0645\ufee3\ufeaa"),
        _FaceSpec(f"{ARABIC_FONT}-Bold", "NotoSansArabic-Bold.ttf", "bold Arabic", "\ufee3"),
    ),
    _FamilySpec(
        CJK_FONT,
        _FaceSpec(CJK_FONT, "DroidSansFallbackFull.ttf", "Chinese and Japanese", "山田やまダ王"),
        None,
    ),
)


class Face:
    """One registered TrueType face and the code points it really draws (glyph id not 0)."""

    def __init__(self, name: str, font: Any) -> None:
        self.name = name
        self.codepoints: frozenset[int] = frozenset(
            cp for cp, glyph in font.face.charToGlyph.items() if glyph
        )

    def draws(self, cp: int) -> bool:
        return cp in self.codepoints


@dataclass(frozen=True)
class Fonts:
    faces: dict[str, Face]
    regular_chain: tuple[Face, ...]
    bold_families: dict[str, tuple[Face, ...]]
    """For each family, the faces to try for bold text: (bold, regular), or (regular,) for CJK."""
    regular_families: dict[str, tuple[Face, ...]]


_fonts: Fonts | None = None
_lock = threading.Lock()


def fonts_dir() -> Path:
    return assets_dir() / "fonts"


def register_fonts() -> None:
    """Register the kiosk's fonts with reportlab, once per process; later calls return at once.

    Raises FontError naming the file and the fix when a font is missing or unreadable.
    """
    global _fonts
    if _fonts is not None:
        return
    with _lock:
        if _fonts is None:
            _fonts = _load()


def _load() -> Fonts:
    """Parse every face first, then register: a broken file leaves reportlab's registry untouched."""
    # reportlab is imported here, not at the top: the kiosk's first screen does not wait for it.
    from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
    from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

    folder = fonts_dir()
    loaded: dict[str, Any] = {}
    for spec in _specs():
        try:
            loaded[spec.name] = TTFont(spec.name, str(folder / spec.file))
        except Exception as exc:
            raise FontError(_unreadable(folder / spec.file, spec, exc)) from exc
    for font in loaded.values():
        pdfmetrics.registerFont(font)
    for family in _FAMILIES:
        bold_name = family.bold.name if family.bold else family.regular.name
        pdfmetrics.registerFontFamily(
            family.family,
            normal=family.regular.name,
            bold=bold_name,
            italic=family.regular.name,
            boldItalic=bold_name,
        )
    faces = {name: Face(name, font) for name, font in loaded.items()}
    regular: dict[str, tuple[Face, ...]] = {f.family: (faces[f.regular.name],) for f in _FAMILIES}
    bold: dict[str, tuple[Face, ...]] = {
        f.family: ((faces[f.bold.name],) if f.bold else ()) + (faces[f.regular.name],)
        for f in _FAMILIES
    }
    return Fonts(
        faces=faces,
        regular_chain=tuple(faces[f.regular.name] for f in _FAMILIES),
        bold_families=bold,
        regular_families=regular,
    )


def _specs() -> list[_FaceSpec]:
    return [spec for f in _FAMILIES for spec in (f.regular, f.bold) if spec is not None]


def _unreadable(path: Path, spec: _FaceSpec, exc: BaseException) -> str:
    if not path.is_file():
        return (
            f"Font file {path} is missing, so PDFs cannot print {spec.covers}; "
            "reinstall the kiosk or restore assets/fonts from the release."
        )
    return (
        f"Font file {path} cannot be read as a TrueType font ({exc}), so PDFs cannot print "
        f"{spec.covers}; replace it with the file from the kiosk release."
    )


def check_fonts() -> list[str]:
    """Problems with the font files, one sentence each, for `kiosk doctor`; empty when all is well."""
    from reportlab.pdfbase.ttfonts import TTFont

    folder = fonts_dir()
    problems: list[str] = []
    for spec in _specs():
        path = folder / spec.file
        try:
            font = TTFont(f"check-{spec.name}", str(path))
        except Exception as exc:
            problems.append(_unreadable(path, spec, exc))
            continue
        absent = [ch for ch in spec.sample if not font.face.charToGlyph.get(ord(ch))]
        if absent:
            problems.append(
                f"Font file {path} has no glyph for {''.join(absent)!r}, so it is not the font "
                f"the kiosk ships for {spec.covers}; replace it with the file from the release."
            )
    return problems


def loaded() -> Fonts:
    """The registered faces (registering them first if need be); FontError if a file is unreadable."""
    register_fonts()
    assert _fonts is not None
    return _fonts
