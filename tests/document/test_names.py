"""Every name the store accepts prints with its real glyphs in the whole briefing PDF, fonts embedded."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.document import seal
from kiosk.document.fonts import missing_glyphs
from kiosk.document.make import make_document
from kiosk.store import Store
from tests.document.conftest import FORM, SignedBriefing, pdf_text

NAMES = {
    "accents": ("Zoë Ångström-Łukasiewicz", "DejaVuSans"),
    "vietnamese": ("Nguyễn Thị Minh Khai", "DejaVuSans"),
    "greek": ("Αλέξανδρος Παπαδόπουλος", "DejaVuSans"),
    "cyrillic": ("Анна Каренина", "DejaVuSans"),
    "hebrew": ("דוד בן-גוריון", "NotoSansHebrew"),
    "arabic": ("محمد عبد الله", "NotoSansArabic"),
    "chinese": ("王小明", "DroidSansFallback"),
    "japanese": ("山田 たろう", "DroidSansFallback"),
    "markup": ('Jean "Johnny" D’Arcy <b>&amp;</b>', "DejaVuSans"),
}


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """Fonts do not depend on the database: these run on SQLite only."""
    return f"sqlite:///{tmp_path / 'data' / 'kiosk.db'}"


@pytest.mark.parametrize(("name", "font"), list(NAMES.values()), ids=list(NAMES))
def test_name_prints_with_real_glyphs(
    store: Store, signed: SignedBriefing, signer: seal.Signer, tmp_path: Path, name: str, font: str
) -> None:
    assert missing_glyphs(name) == set()
    made = make_document(
        store, signed(name), {FORM.id: FORM}, signer, tmp_path, datetime.now(UTC), zone=UTC
    )
    fonts = subprocess.run(
        ["pdffonts", str(made.path)], capture_output=True, text=True, check=True
    ).stdout
    embedded = [
        line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if " yes " in line
    ]
    not_embedded = [line for line in fonts.splitlines()[2:] if " yes " not in line]
    assert not_embedded == []
    assert any(face.startswith(font) for face in embedded), fonts
    text = pdf_text(made.path)
    letters = [ch for ch in name if not ch.isspace()]
    if font in ("NotoSansHebrew", "NotoSansArabic"):
        # right-to-left names are stored on the page in visual order (and Arabic in its joined
        # forms), so extraction gives the letters, not the typed order: check every letter is there
        import unicodedata

        visible = unicodedata.normalize("NFKC", text)
        assert all(ch in visible for ch in letters if ch not in "-")
    else:
        assert f"Signed by: {name}" in text
