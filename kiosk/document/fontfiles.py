"""The PDF's font files: which faces the kiosk ships, registering them with reportlab once, and
checking them for `kiosk doctor`. What is drawn in which face is decided in kiosk.document.shaping."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Final

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
    """One TrueType face and the code points it really draws (glyph id not 0). Parsed and
    registered with reportlab the first time it is asked what it draws: a PDF in English never
    reads the 4 MB Chinese font, one in Arabic reads the Arabic faces too."""

    def __init__(self, name: str, path: Path, spec: _FaceSpec) -> None:
        self.name = name
        self.path = path
        self.spec = spec
        self._codepoints: frozenset[int] | None = None

    @property
    def codepoints(self) -> frozenset[int]:
        if self._codepoints is None:
            self.load()
        assert self._codepoints is not None
        return self._codepoints

    @property
    def is_loaded(self) -> bool:
        return self._codepoints is not None

    def load(self) -> None:
        """Parse the file and register the face; FontError naming the file if it cannot be read
        (nothing is registered then)."""
        with _lock:
            if self._codepoints is not None:
                return
            from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
            from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

            try:
                font = TTFont(self.name, str(self.path))
            except Exception as exc:
                raise FontError(_unreadable(self.path, self.spec, exc)) from exc
            pdfmetrics.registerFont(font)
            self._codepoints = frozenset(cp for cp, glyph in font.face.charToGlyph.items() if glyph)

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
_all_loaded = False
_lock = threading.RLock()


def fonts_dir() -> Path:
    return assets_dir() / "fonts"


def register_fonts() -> None:
    """Register every one of the kiosk's fonts with reportlab, once per process; later calls
    return at once (the kiosk does it after its first screen, so a broken file is found then).

    Raises FontError naming the file and the fix when a font is missing or unreadable.
    """
    global _all_loaded
    if _all_loaded:
        return
    with _lock:
        if not _all_loaded:
            _load()
            _all_loaded = True


def _load() -> Fonts:
    """Every face parsed and registered (a broken file leaves its face unregistered)."""
    fonts = loaded()
    for face in fonts.faces.values():
        face.load()
    return fonts


def loaded() -> Fonts:
    """The kiosk's faces, the base font's two weights registered and the others ready to load
    when first asked what they draw; FontError if a file it reads cannot be read."""
    global _fonts
    if _fonts is None:
        with _lock:
            if _fonts is None:
                _fonts = _prepare()
    return _fonts


def _prepare() -> Fonts:
    from reportlab.pdfbase import pdfmetrics

    folder = fonts_dir()
    faces = {spec.name: Face(spec.name, folder / spec.file, spec) for spec in _specs()}
    for name in (BASE_FONT, BOLD_FONT):  # every paragraph style is in one of them
        faces[name].load()
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
