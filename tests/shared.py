"""Helpers more than one test module uses (test modules never import each other)."""

from __future__ import annotations

import math
import random
import struct
import wave
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content import Form
from kiosk.demo import signature
from kiosk.session import Briefing, Patient, ScreenKind
from kiosk.session.events import EventSink
from kiosk.station import Station
from kiosk.store import Recorder, Store
from kiosk.store.briefings import prepare_briefing
from tests.conftest import MILD, set_config
from tests.session.fakes import FakeClock


def open_station(tmp_path: Path, clock: FakeClock, **settings: object) -> Station:
    """A station on a data folder `kiosk init` made (run in a test's own folder), with these settings."""
    assert main(["init"]) == 0
    set_config(tmp_path / "config" / "kiosk.toml", **settings)
    return Station.open(load_config(), clock)


def fake_lp(folder: Path, script: str) -> None:
    """A print spooler `lp` in `folder` that runs `script` (put the folder first on PATH)."""
    folder.mkdir(exist_ok=True)
    lp = folder / "lp"
    lp.write_text(f"#!/bin/sh\n{script}\n")
    lp.chmod(0o755)


def bilingual(sink: EventSink, clock: FakeClock, briefing_id: str = "b-2") -> Briefing:
    """The shipped mild procedure prepared in English for Ana Ruiz, its translations offered."""
    from kiosk.content.catalog import load_procedure

    procedure = load_procedure(MILD.parent)
    assert procedure.source is not None
    return Briefing(
        procedure.source,
        briefing_id,
        sink,
        clock,
        patient=Patient("Ana Ruiz", date(1951, 3, 14)),
        languages=procedure.translations,
    )


def walk(
    b: Briefing,
    clock: FakeClock,
    date_of_birth: date,
    before_risk: Callable[[Briefing], None] | None = None,
    on_each: Callable[[Briefing, FakeClock], None] | None = None,
) -> list[str]:
    """Take a briefing (or a re-briefing) to Done as a patient would, 7 s a screen: each risk read
    and acknowledged (`before_risk(b)` first, if given), each question answered right, signed;
    `on_each(b, clock)` called on every screen first. Returns the ids of the screens it showed,
    in order."""
    seen = [b.current.id]
    while b.current.kind is not ScreenKind.DONE:
        screen = b.current
        clock.advance(7)
        if on_each is not None:
            on_each(b, clock)
        if screen.kind is ScreenKind.IDENTITY and not b.identity_confirmed:
            b.confirm_identity(date_of_birth)
        elif screen.kind is ScreenKind.RISK and screen.id not in b.acknowledgements:
            if before_risk is not None:
                before_risk(b)
            b.read_to_end()
            b.acknowledge_risk()
        elif screen.kind is ScreenKind.QUESTION and not b.answers_to(screen.id):
            b.answer_question(b.form.question(screen.id).answer)
        elif screen.kind is ScreenKind.SIGN:
            b.read_to_end()
            b.sign(signature(random.Random(1)))
            seen.append(b.current.id)
            continue
        b.go_next()
        seen.append(b.current.id)
    return seen


def walk_in_languages(
    store: Store,
    languages: dict[str, Form],
    language: str,
    *,
    switch_to: str | None = None,
    switch_after_risks: int = 3,
    name: str = "María José García",
    when: datetime | None = None,
    on_each: Callable[[Briefing, FakeClock], None] | None = None,
) -> str:
    """A whole briefing through the real engine and store, prepared and started in `language`;
    with `switch_to`, the patient switches language after `switch_after_risks` acknowledgements
    (the risk after them flagged first, in the first language); `on_each` called on every screen
    first. Returns its id."""
    source = next(f for f in languages.values() if f.translation is None)
    clock = FakeClock(when or datetime(2026, 11, 23, 14, 0, tzinfo=UTC))
    dob = date(1948, 3, 14)
    briefing_id = prepare_briefing(
        store, source, name=name, date_of_birth=dob, mrn="MRN-77", staff="Nurse Lee",
        now=clock.now(), language=language,
    )  # fmt: skip
    b = Briefing(
        source, briefing_id, Recorder(store), clock, patient=Patient(name, dob),
        languages=languages, language=language,
    )  # fmt: skip

    def switch(b: Briefing) -> None:
        if switch_to and len(b.acknowledgements) == switch_after_risks:
            b.flag_question()
            b.switch_language(switch_to)

    walk(b, clock, dob, before_risk=switch, on_each=on_each)
    return briefing_id


def unguard(store: Store, table: str) -> None:
    """What someone holding the database could do: switch a table's append-only guards off."""
    from sqlalchemy import text

    with store.engine.begin() as conn:
        if store.is_sqlite:
            for what in ("update", "delete"):
                conn.execute(text(f"DROP TRIGGER {table}_no_{what}"))
        else:
            conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only"))


LISTENED_VOICE = "espeak-ng 1.51 es-419"


def walk_listening(store: Store, languages: dict[str, Form], language: str = "es") -> str:
    """A whole briefing (walk_in_languages) in which the patient listened three times: its first
    reading screen stopped after two sentences, then to its end, and the signing statement,
    stopped by signing. Returns its id."""
    from kiosk.session.listening import Listens
    from kiosk.speech.listening import Clip

    clips = tuple(Clip(f"{n}.", Path(f"{n:03d}.wav"), 1.0, f"{n:064x}") for n in range(4))
    listens: list[Listens] = []

    def listen(b: Briefing, clock: FakeClock) -> None:
        if not listens:
            listens.append(Listens(lambda: b, clock.now, lambda exc: False))
        heard, screen = listens[0], b.current
        if screen.kind is ScreenKind.ABOUT:
            heard.started(screen.id, clips, LISTENED_VOICE, automatic=False)
            heard.sentence(1)
            clock.advance(3)
            heard.ended(False)
            heard.started(screen.id, clips, LISTENED_VOICE, automatic=True)
            clock.advance(4)
            heard.ended(True)
        elif screen.kind is ScreenKind.SIGN:
            heard.started(screen.id, clips[:2], LISTENED_VOICE, automatic=False)
            clock.advance(1)
            heard.interrupted()  # the patient signed while it was read

    return walk_in_languages(store, languages, language, on_each=listen)


# --- names in every script: the names, and what HarfBuzz makes of them ----------------------------

SCRIPT_NAMES: dict[str, str] = {
    "latin": "Zoë Ångström-Łukasiewicz",
    "latin-stacked": "Adébáyọ̀ Ọ̀ṣun",  # ọ + combining grave: no precomposed letter for it
    "vietnamese": "Nguyễn Thị Minh Khai",
    "greek": "Αλέξανδρος Παπαδόπουλος",
    "cyrillic": "Анна Каренина",
    "armenian": "Արամ Խաչատրյան",
    "georgian": "ნინო ბერიძე",
    "hebrew": "דוד בן-גוריון",
    "arabic": "محمد عبد الله",
    "devanagari": "श्रीनिवास रामानुजन",
    "bengali": "মৌসুমী চট্টোপাধ্যায়",
    "gurmukhi": "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ",
    "gujarati": "ધ્રુવ પટેલ",
    "tamil": "முத்துலட்சுமி ரெட்டி",
    "telugu": "శ్రీనివాస్ రెడ్డి",
    "kannada": "ಕೃಷ್ಣ ಮೂರ್ತಿ",
    "malayalam": "ശ്രീക്കുട്ടൻ നായർ",
    "sinhala": "කුමාර් සංගක්කාර",
    "thai": "สมชาย ใจดี",
    "thai-stacked": "น้ำฝน ศรีสุข",  # a tone mark over an upper vowel
    "lao": "ສົມພອນ ແກ້ວມະນີ",
    "khmer": "សុខ ស្រីពេជ្រ",  # a subscript consonant and a vowel drawn before it
    "myanmar": "အောင်ဆန်းစုကြည်",
    "ethiopic": "አበበ ቢቂላ",
    "hangul": "김민준",
    "han-simplified": "王小明",
    "han-traditional": "陳大文",
    "kana": "やまだ ヤマダ",
}

SCRIPT_FONT_FILES: dict[str, str] = {
    "armenian": "NotoSansArmenian-Regular.ttf",
    "georgian": "NotoSansGeorgian-Regular.ttf",
    "hebrew": "NotoSansHebrew-Regular.ttf",
    "arabic": "NotoSansArabic-Regular.ttf",
    "devanagari": "NotoSansDevanagari-Regular.ttf",
    "bengali": "NotoSansBengali-Regular.ttf",
    "gurmukhi": "NotoSansGurmukhi-Regular.ttf",
    "gujarati": "NotoSansGujarati-Regular.ttf",
    "tamil": "NotoSansTamil-Regular.ttf",
    "telugu": "NotoSansTelugu-Regular.ttf",
    "kannada": "NotoSansKannada-Regular.ttf",
    "malayalam": "NotoSansMalayalam-Regular.ttf",
    "sinhala": "NotoSansSinhala-Regular.ttf",
    "thai": "NotoSansThai-Regular.ttf",
    "thai-stacked": "NotoSansThai-Regular.ttf",
    "lao": "NotoSansLao-Regular.ttf",
    "khmer": "NotoSansKhmer-Regular.ttf",
    "myanmar": "NotoSansMyanmar-Regular.ttf",
    "ethiopic": "NotoSansEthiopic-Regular.ttf",
    "hangul": "KioskHangulGothic-Regular.ttf",
    "han-simplified": "DroidSansFallbackFull.ttf",
    "han-traditional": "DroidSansFallbackFull.ttf",
    "kana": "DroidSansFallbackFull.ttf",
}
"""The file (regular face) each non-Latin name's letters come from; the rest print in DejaVu Sans."""

SHAPED_SCRIPTS = frozenset(
    [
        "devanagari",
        "bengali",
        "gurmukhi",
        "gujarati",
        "tamil",
        "telugu",
        "kannada",
        "malayalam",
        "sinhala",
        "thai",
        "thai-stacked",
        "lao",
        "khmer",
        "myanmar",
    ]
)


def font_file(script: str, bold: bool = False) -> Path:
    from kiosk.document.fontfiles import fonts_dir

    name = SCRIPT_FONT_FILES[script]
    return fonts_dir() / (name.replace("-Regular", "-Bold") if bold else name)


def harfbuzz_shaped(path: Path, word: str) -> list[tuple[str, int, int]]:
    """What HarfBuzz draws for `word` in the font at `path`: each glyph by name with its x and y
    offsets (font units), in drawing order. What any text engine makes of the word, computed here
    independently of the kiosk and of reportlab."""
    import uharfbuzz
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as file:
        order = file.getGlyphOrder()
    font = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path))))
    buf = uharfbuzz.Buffer()
    buf.add_str(word)
    buf.guess_segment_properties()
    uharfbuzz.shape(font, buf, {})
    return [
        (order[info.codepoint], pos.x_offset, pos.y_offset)
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
    ]


def harfbuzz_glyphs(path: Path, word: str) -> list[str]:
    return [glyph for glyph, _, _ in harfbuzz_shaped(path, word)]


def extracted_pattern(path: Path, word: str) -> str:
    """A regular expression for what pdftotext -raw gives back for `word` drawn as HarfBuzz shapes
    it: each glyph with a character in the font's cmap as that character (any of them, when several
    share the glyph), each glyph with none (a conjunct, a positional variant) as the private-use
    character reportlab gives it."""
    import re

    from fontTools.ttLib import TTFont

    chars: dict[str, list[str]] = {}
    with TTFont(path, lazy=True) as file:
        cmap = file.getBestCmap()
    for cp, glyph in cmap.items():
        chars.setdefault(glyph, []).append(chr(cp))
    parts = []
    for glyph in harfbuzz_glyphs(path, word):
        found = chars.get(glyph)
        parts.append(
            "[" + "".join(re.escape(c) for c in found) + "]" if found else "[\ue000-\uf8ff]"
        )
    return "".join(parts)


class Beep:
    """An engine of short tones (a fifth of a second a sentence, or `seconds`): real WAV files
    through the real player, quick enough to play a whole screen to its end in a test."""

    name = "beep 1"

    def __init__(self, seconds: float = 0.2) -> None:
        self.seconds = seconds

    def voice(self, language: str) -> str:
        return f"beep-{language}"

    def render(self, text: str, language: str, out: Path) -> None:
        rate = 16000
        frames = b"".join(
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / rate)))
            for n in range(round(rate * self.seconds))
        )
        with wave.open(str(out), "wb") as audio:
            audio.setnchannels(1)
            audio.setsampwidth(2)
            audio.setframerate(rate)
            audio.writeframes(frames)


def render_beeps(station: Station, *languages: str) -> None:
    """The procedure's audio in these languages (short tones: quick to play to the end)."""
    from kiosk.speech.render import render_form

    source = station.forms["mild"]
    forms = {"en": source, **station.translations["mild"]}
    for language in languages:
        render_form(forms[language], station.config.data_dir, Beep())
