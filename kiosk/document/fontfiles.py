"""The PDF's font files: which faces the kiosk ships, registering them with reportlab once, and
checking them for `kiosk doctor`. What is drawn in which face is decided in kiosk.document.shaping."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from kiosk.document import harfbuzz
from kiosk.document.fontlist import (
    ARABIC_FONT,
    BASE_FONT,
    BOLD_FONT,
    CJK_FONT,
    FAMILIES,
    HANGUL_FONT,
    HEBREW_FONT,
)
from kiosk.document.fontlist import Face as _FaceSpec
from kiosk.document.fontlist import Family as _FamilySpec
from kiosk.paths import assets_dir

__all__ = [
    "ARABIC_FONT",
    "BASE_FONT",
    "BOLD_FONT",
    "CJK_FONT",
    "HANGUL_FONT",
    "HEBREW_FONT",
    "REPLACEMENT",
    "Face",
    "FontError",
    "Fonts",
    "check_fonts",
    "fonts_dir",
    "loaded",
    "register_fonts",
]

REPLACEMENT: Final = "\ufffd"
"""Drawn (in the base font) in place of a character no font has."""


class FontError(RuntimeError):
    """The PDF fonts cannot be loaded; the message says which file and what to do."""


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
    harfbuzz.install()
    for family in _families():
        bold_name = family.bold.name if family.bold else family.regular.name
        pdfmetrics.registerFontFamily(
            family.family,
            normal=family.regular.name,
            bold=bold_name,
            italic=family.regular.name,
            boldItalic=bold_name,
        )
    faces = {name: Face(name, font) for name, font in loaded.items()}
    regular: dict[str, tuple[Face, ...]] = {f.family: (faces[f.regular.name],) for f in _families()}
    bold: dict[str, tuple[Face, ...]] = {
        f.family: ((faces[f.bold.name],) if f.bold else ()) + (faces[f.regular.name],)
        for f in _families()
    }
    return Fonts(
        faces=faces,
        regular_chain=tuple(faces[f.regular.name] for f in _families()),
        bold_families=bold,
        regular_families=regular,
    )


def _families() -> tuple[_FamilySpec, ...]:
    """The families the PDF can draw right: without HarfBuzz, none of the shaped scripts (a Hindi
    name with its conjuncts broken is not the patient's name; it is refused instead)."""
    if harfbuzz.available():
        return FAMILIES
    return tuple(f for f in FAMILIES if not f.shaped)


def _specs() -> list[_FaceSpec]:
    return [spec for f in _families() for spec in (f.regular, f.bold) if spec is not None]


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
    if not harfbuzz.available():
        problems.append(harfbuzz.MISSING)
    for spec in (spec for f in FAMILIES for spec in (f.regular, f.bold) if spec is not None):
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
