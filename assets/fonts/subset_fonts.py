"""Make the script fonts in this folder from Debian's packages: each one cut down (fontTools) to its
script's blocks (kiosk/document/fontlist.py) plus kiosk.document.fontlist.COMMON, every OpenType
layout feature kept (HarfBuzz needs them), hinting dropped (the PDF does not use it).

    apt-get download fonts-noto-core fonts-nanum
    for f in fonts-noto-core_*.deb fonts-nanum_*.deb; do dpkg-deb -x "$f" pkgs; done
    PYTHONPATH=. python assets/fonts/subset_fonts.py pkgs/usr/share/fonts/truetype

NanumGothic's licence reserves its name, so its cut-down copy is renamed (Kiosk Hangul Gothic).
The files not named here (DejaVu, Noto Hebrew and Arabic, Droid Sans Fallback) ship unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from kiosk.document.fontlist import COMMON, FAMILIES, HANGUL_FONT, Ranges

HERE = Path(__file__).resolve().parent
HANGUL_NAME = "Kiosk Hangul Gothic"
HANGUL_EXTRA: Ranges = ((0x00B7, 0x00B7), (0x3000, 0x303F), (0xFF01, 0xFF5E))


def _unicodes(ranges: Ranges) -> list[int]:
    return [cp for lo, hi in (*COMMON, *ranges) for cp in range(lo, hi + 1)]


def _cut(source: Path, target: Path, unicodes: list[int]) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["DSIG"]
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    if target.name.startswith("KioskHangul"):
        _rename(font)
    font.save(target)
    print(f"{target.name}: {source.stat().st_size:,} -> {target.stat().st_size:,} bytes")


def _rename(font: TTFont) -> None:
    """A modified NanumGothic may not carry the reserved name: family, full and PostScript names."""
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(
                HANGUL_NAME, record.nameID, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID in (3, 4):
            names.setName(
                f"{HANGUL_NAME} Regular",
                record.nameID,
                record.platformID,
                record.platEncID,
                record.langID,
            )
        elif record.nameID == 6:
            names.setName(
                "KioskHangulGothic-Regular", 6, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID in (17,):
            names.setName("Regular", 17, record.platformID, record.platEncID, record.langID)


def main(root: Path) -> None:
    for family in FAMILIES:
        for face in (family.regular, family.bold):
            if face is None:
                continue
            if family.family == HANGUL_FONT:
                source = root / "nanum" / "NanumGothic.ttf"
                _cut(source, HERE / face.file, _unicodes(family.ranges + HANGUL_EXTRA))
            elif face.file.startswith("NotoSans") and family.ranges:
                _cut(root / "noto" / face.file, HERE / face.file, _unicodes(family.ranges))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
