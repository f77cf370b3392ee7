"""A whole briefing in Spanish and in Arabic through the real widgets: the language chosen on
Welcome, one switch mid-way from the top of a screen, and what was stored and printed."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.cli import main
from kiosk.i18n import words_for
from kiosk.session import ScreenKind
from kiosk.session import events as ev
from kiosk.station import Station
from kiosk.store.models import (
    BriefingRow,
    ComprehensionAnswer,
    Document,
    RiskAcknowledgement,
    SignatureRow,
)
from kiosk.ui.window import KioskWindow
from tests.pdfsig import pdfsig
from tests.ui.drive import (
    SHORT,
    acknowledge,
    begin,
    forward,
    key,
    kind,
    next_,
    scroll_to_end,
    sign_here,
    tap,
    texts,
    walk_to,
    walk_to_a_long_risk,
)


def choose_language(qtbot: QtBot, window: KioskWindow, language: str) -> None:
    """From the top of any screen: the globe, then the language by its own name."""
    tap(qtbot, window.top.language_button)
    assert window.language_chooser.isVisible()
    tap(qtbot, window.language_chooser.buttons.buttons[language])
    assert not window.language_chooser.isVisible()
    assert window.words.language == language


@pytest.mark.parametrize(("language", "other"), [("es", "en"), ("ar", "es")])
def test_a_whole_briefing_in_the_language_chosen_on_welcome_with_one_switch_midway(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    prepared: str,
    language: str,
    other: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    words = words_for(language)
    buttons = window.welcome.languages.buttons
    assert {"en", "es", "ar"} <= set(buttons)
    # Each language by its own name, in its own script, whatever the screen is in now.
    assert {code: b.text() for code, b in buttons.items()} == {
        code: words_for(code)("language.self") for code in buttons
    }
    tap(qtbot, buttons[language])
    assert window.welcome.start_button.text() == words("welcome.start")
    begin(qtbot, window)
    b = window.briefing
    assert b is not None and b.language == language
    forms = dict(b.languages)
    assert window.reading.title.text() == forms[language].about.title  # the procedure in it

    walk_to(qtbot, window, ScreenKind.RISK)
    risk = b.current.id
    back, primary = window.bottom.back, window.bottom.primary
    right_of = (
        back.mapTo(window, back.rect().center()).x()
        > primary.mapTo(window, primary.rect().center()).x()
    )
    assert right_of == (language == "ar")  # Arabic: Back on the right of Next
    choose_language(qtbot, window, other)  # mid-way: the same screen, now in the other language
    assert b.current.id == risk and b.language == other
    assert window.reading.title.text() == forms[other].risk(risk).title
    acknowledge(qtbot, window)  # this one risk acknowledged in the other language
    choose_language(qtbot, window, language)  # and back

    walk_to(qtbot, window, ScreenKind.SIGN)
    sign_here(qtbot, window)
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
        next_(qtbot, window)
    assert kind(window) is ScreenKind.DONE
    assert words("done.title") in texts(window)

    # The language on every stored row: the screen's it was given on, with that content's hash.
    def given(row: object) -> tuple[str, str]:
        return row.language, row.content_sha256  # type: ignore[attr-defined]

    mine, theirs = (language, forms[language].content_sha256), (other, forms[other].content_sha256)
    with station.store.reading() as session:
        assert session.get(BriefingRow, prepared).language == language  # type: ignore[union-attr]
        acks = session.scalars(
            select(RiskAcknowledgement).where(RiskAcknowledgement.briefing_id == prepared)
        ).all()
        assert {a.risk_id: given(a) for a in acks} == {
            r.id: theirs if r.id == risk else mine for r in forms[language].risks
        }
        answers = session.scalars(
            select(ComprehensionAnswer).where(ComprehensionAnswer.briefing_id == prepared)
        ).all()
        assert answers and {given(a) for a in answers} == {mine}
        signature = session.scalars(
            select(SignatureRow).where(SignatureRow.briefing_id == prepared)
        ).one()
        assert given(signature) == mine
        document = session.scalars(select(Document).where(Document.briefing_id == prepared)).one()
    path = station.config.documents_dir / Path(document.path).name

    # The PDF in that language, sealed, and intact by the kiosk's own check.
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "\ufffd" not in text and "\u25a0" not in text
    if language == "es":
        flat = " ".join(text.split())
        assert forms["es"].about.title in flat and f"Idioma {words('language.self')}" in flat
    else:  # Arabic: its letters (joined forms, read back by NFKC), no English heading
        letters = unicodedata.normalize("NFKC", text)
        assert sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff") > 500
        assert forms["en"].about.title not in text
    assert f"/Lang ({language})".encode() in path.read_bytes()
    report = pdfsig(path)
    assert report.valid and report.whole_document, report.text
    capsys.readouterr()
    assert main(["verify", str(path)]) == 0, capsys.readouterr()


def test_arabic_mirrors_the_screen_back_stands_right_of_next(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    tap(qtbot, window.welcome.languages.buttons["ar"])
    begin(qtbot, window)
    back, primary = window.bottom.back, window.bottom.primary
    assert back.isVisible() and primary.isVisible()
    at = lambda w: w.mapTo(window, w.rect().center()).x()  # noqa: E731
    assert at(back) > at(primary)  # Back on the right, Next on the left
    corner, globe = window.top.corner, window.top.language_button
    assert at(corner) > at(globe)  # the staff corner too stands where a line begins
    choose_language(qtbot, window, "en")
    assert at(window.bottom.back) < at(window.bottom.primary)  # left to right again


def test_a_language_switch_is_audited_with_the_screen_it_happened_on(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    sunk: list[ev.Event] = []
    recorder = window.station.recorder
    record = recorder.record

    def spy(event: ev.Event) -> None:
        record(event)
        sunk.append(event)

    recorder.record = spy  # type: ignore[method-assign]
    begin(qtbot, window)
    choose_language(qtbot, window, "es")
    changed = [e for e in sunk if isinstance(e, ev.LanguageChanged)]
    assert [(e.language, e.screen_id) for e in changed] == [("es", "about")]


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_birth_date_is_typed_day_first_where_the_language_writes_it_so(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    """A reviewer typed 14031951 in Spanish as a Spanish speaker writes 14 March 1951, and was
    told there is no month 14: the boxes were month first in every language."""
    words = words_for(language)
    tap(qtbot, window.welcome.languages.buttons[language])
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    keypad = window.identity.keypad
    names = [words(n) for n in ("date.day", "date.month", "date.year")]
    assert names[0] in texts(keypad) and keypad.entry().order == ("day", "month", "year")
    for d in "14031951":  # as written there: the day, the month, the year
        tap(qtbot, key(keypad, d))
    next_(qtbot, window)
    assert kind(window) is ScreenKind.ABOUT


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_box_to_tick_stands_where_a_line_begins(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    """A reviewer found "أفهم هذا الخطر" and its box at the left end of the button in Arabic,
    while every line of the risk began at the right: Qt keeps a button's own text at the left."""
    tap(qtbot, window.welcome.languages.buttons[language])
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.RISK)
    ack = window.reading.understand
    box, words = ack.findChildren(QLabel)[-1], ack.words
    assert box is not words and box.pixmap() is not None and not box.pixmap().isNull()
    at = lambda w: w.mapTo(ack, w.rect().center()).x()  # noqa: E731
    if language == "ar":
        assert at(box) > at(words) and at(box) > ack.width() * 3 // 4  # at the right, then words
        text_right = words.mapTo(ack, words.rect().topRight()).x()
        assert text_right >= at(box) - box.width() - 40
    else:
        assert at(box) < at(words) and at(box) < ack.width() // 4


def test_the_signers_name_and_the_date_are_each_kept_whole_in_arabic(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """A reviewer read "Alex Sample · 5" and then "ديسمبر 2026": the bidirectional algorithm
    took the day over to the Latin name. Each part is isolated (FSI ... PDI), so each is laid out
    on its own and the line reads name, then date."""
    tap(qtbot, window.welcome.languages.buttons["ar"])
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    who = window.sign.who.text()
    name, date_part = who.split(" · ") if " · " in who else who.split("\n")  # (or 2 lines)
    assert name.startswith("\u2068") and name.endswith("\u2069") and len(name) > 2
    assert date_part.startswith("\u2068") and date_part.endswith("\u2069")
    assert words_for("ar")("sign.who", name="N", when="W") == "N · W"


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_larger_text_keeps_its_words_at_the_top_once_it_is_on(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    """With Larger text on at 1280x800 the top showed its A and plus alone, the one toggle the
    patient had changed, while High contrast kept its words (reviewers): the patient could not
    read how to turn it off. Larger text keeps its words longest now; the others may stand as
    their glyphs (the globe first: the screen is in its language, and the list names each in
    its own), their words their names for a screen reader."""
    tap(qtbot, window.welcome.languages.buttons[language])
    tap(qtbot, window.welcome.start_button)
    top, words = window.top, words_for(language)
    assert top.larger_button.text() == words("frame.larger-text")
    tap(qtbot, top.larger_button)
    assert top.larger_button.isChecked()
    assert top.larger_button.text() == words("frame.larger-text")
    for toggle, name in (
        (top.language_button, words("frame.languages")),
        (top.contrast_button, words("frame.high-contrast")),
    ):
        assert toggle.accessibleName() == name


def test_choosing_a_language_on_welcome_moves_no_language_button_up_or_down(
    qtbot: QtBot, window: KioskWindow
) -> None:
    """The chosen language's thicker border made the row 4 px taller: the others moved down 2 px
    under the finger (a reviewer saw the row move on choosing Spanish)."""
    from tests.ui.seen import settle

    languages = window.welcome.languages

    def heights() -> dict[str, int]:
        settle()  # laid out, as a person sees it (Arabic mirrors the row: its height is what holds)
        return {code: b.mapTo(window, QPoint(0, 0)).y() for code, b in languages.buttons.items()}

    before = heights()
    for code in languages.buttons:
        tap(qtbot, languages.buttons[code])
        qtbot.waitUntil(lambda code=code: window.words.language == code)
        assert heights() == before, code


def test_a_risk_read_in_one_language_waits_to_be_read_in_the_next(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """Larger text, a long risk (Blood clots, for the reviewer) read to its end in Spanish, then
    English chosen from the top: the English words start at their top and "I understand this risk"
    waits until they have been read to their end (reviewer: it stayed enabled over words never
    shown)."""
    window.show_at(SHORT)
    tap(qtbot, window.welcome.languages.buttons["es"])
    begin(qtbot, window)
    tap(qtbot, window.top.larger_button)
    b = window.briefing
    assert b is not None
    walk_to_a_long_risk(qtbot, window)
    while b.current.id != "risk-blood-clots":  # longer than its room in English too
        forward(qtbot, window)
    risk = b.current.id
    body, understand = window.reading.body, window.reading.understand
    scroll_to_end(qtbot, body)
    qtbot.waitUntil(understand.isEnabled)
    choose_language(qtbot, window, "en")
    assert b.current.id == risk and body.verticalScrollBar().value() == 0
    assert body.verticalScrollBar().maximum() > 0  # longer than its room: to be read again
    qtbot.waitUntil(lambda: not understand.isEnabled())
    assert not b.has_read(risk)
    scroll_to_end(qtbot, body)
    qtbot.waitUntil(understand.isEnabled)
    tap(qtbot, understand)
    assert b.acknowledgements[risk].read_to_end_at is not None


def test_the_date_under_the_signature_box_is_never_broken_across_lines(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """Spanish, larger text, 1280x800: the line over the signature box read "Alex Sample · 6 de /
    diciembre de 2026, / 4:50 a.m." (a reviewer). The name may stand on a line of its own; the
    date stays whole, and the time with it where the line has room (here it has not: held on one
    line, date and time were wider than the place and pushed the statement's column narrower)."""
    from PySide6.QtGui import QTextLayout, QTextOption

    tap(qtbot, window.welcome.languages.buttons["es"])
    begin(qtbot, window)
    tap(qtbot, window.top.larger_button)
    walk_to(qtbot, window, ScreenKind.SIGN)
    who = window.sign.who
    text = who.text()
    layout = QTextLayout(text, who.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    width = who.contentsRect().width()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        assert line.naturalTextWidth() <= width, "a line wider than its place"
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    date = re.compile("\\d{1,2}\xa0de\xa0\\w+\xa0de\xa0\\d{4}")
    assert any(date.search(line) for line in lines), lines
