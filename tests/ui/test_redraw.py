"""Drawing the next screen in one go: nothing painted half-way, and what stays is not made again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.schema import Section
from kiosk.i18n import counted
from kiosk.session import ScreenKind
from kiosk.ui.theme import HIGH_CONTRAST, STANDARD, palette_for
from kiosk.ui.window import KioskWindow
from tests.ui.drive import acknowledge, begin, choose, english, kind, next_, tap, walk_to

READING_KINDS = {"about", "step", "risk", "options", "precautions"}


class Paints(QObject):
    """Every widget painted while `counting` is on."""

    def __init__(self) -> None:
        super().__init__()
        self.counting = False
        self.painted: list[QWidget] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.counting and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            self.painted.append(watched)
        return False


def column_words(window: KioskWindow) -> list[tuple[QLabel, str]]:
    """The labels showing in the reading screen's column, and their words."""
    column = window.reading.body.column
    return [(w, w.text()) for w in column.findChildren(QLabel) if w.isVisibleTo(column)]


def test_a_new_screen_is_not_painted_while_it_is_being_drawn(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """QProgressBar repaints itself at once when its value changes: in the middle of drawing the
    model's change that painted the whole window before the new page was laid out, and again after."""
    begin(qtbot, window)
    paints = Paints()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(paints)
    model = window.model
    assert model is not None

    def counting(on: bool) -> None:
        paints.counting = on

    # Around every part that draws the model's change: the first callback turns counting on,
    # the last turns it off; paints in between would be half-drawn screens.
    callbacks = model.events.changed._callbacks
    callbacks.insert(0, lambda: counting(True))
    callbacks.append(lambda: counting(False))
    try:
        for _ in range(3):
            next_(qtbot, window)
            assert paints.painted == []
    finally:
        app.removeEventFilter(paints)
    b = window.briefing
    assert b is not None
    at, total = b.progress
    bar = window.top.bar
    assert (bar.minimum(), bar.value(), bar.maximum()) == (0, at, total)
    # The screen's own heading ("Step 3 of 7") says where the patient is; else the part of the whole.
    heading = model.view.heading
    where = model.words.text(heading) if heading else english("frame.progress", at=at, total=total)
    assert window.top.where.text() == counted(where)  # ("3 of 7" kept on one line)
    with qtbot.waitSignal(window.top.bar.valueChanged, timeout=1000):
        next_(qtbot, window)
    qtbot.waitUntil(lambda: bar.value() == at + 1)


def test_the_progress_bar_shows_the_change_once_painted(qtbot: QtBot) -> None:
    from kiosk.ui.chrome import ProgressBar

    bar = ProgressBar()
    qtbot.addWidget(bar)
    bar.resize(300, 12)
    bar.show()
    qtbot.waitExposed(bar)
    bar.show_progress(0, 4)
    before = bar.grab().toImage()
    bar.show_progress(3, 4)
    assert bar.updatesEnabled()
    assert (bar.value(), bar.maximum()) == (3, 4)
    after = bar.grab().toImage()
    assert after != before  # three quarters filled now


def test_acknowledging_a_risk_keeps_its_words(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.RISK)
    words = column_words(window)
    assert words
    acknowledge(qtbot, window)
    assert window.reading.understood.isVisible() and not window.reading.understand.isVisible()
    assert column_words(window) == words


def test_reading_screens_reuse_their_rows_with_the_next_screens_words(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    made: set[QWidget] = set()
    while kind(window) is not ScreenKind.QUESTION:
        content = b.form.screen(b.current.id)
        shown = [w for w, _ in column_words(window)]
        made |= set(window.reading.body.column.findChildren(QLabel))
        expected = (
            content.paragraphs()
            if isinstance(content, Section)
            else [
                *content.paragraphs(),
                *(t for i in content.items for t in (i.title, *i.paragraphs())),
            ]
        )
        assert [w.text() for w in shown] == expected
        # Rows not on this screen hold no words.
        assert all(not w.text() for w in made if w not in shown)
        if b.current.kind is ScreenKind.RISK:
            acknowledge(qtbot, window)
        next_(qtbot, window)
    # As many labels as the longest screen needed, not one set per screen.
    assert len(made) <= 2 * max(
        len(s.paragraphs())
        if isinstance(s, Section)
        else len(s.paragraphs()) + sum(1 + len(i.paragraphs()) for i in s.items)
        for s in (b.form.screen(x.id) for x in b.screens if x.kind.value in READING_KINDS)
    )
    window.end_session()
    assert all(not w.text() for w in window.reading.body.column.findChildren(QLabel))


def test_an_answer_is_shown_on_the_same_buttons(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.QUESTION)
    b = window.briefing
    assert b is not None
    question = b.form.question(b.current.id)
    buttons = dict(window.question.buttons)
    assert all(w.property("picked") == "false" for w in buttons.values())
    choose(qtbot, window, question.answer)
    assert kind(window) is ScreenKind.QUESTION
    assert window.question.buttons == buttons
    picked = buttons[question.answer]
    assert picked.property("picked") == "true"
    assert all(w.property("picked") == "false" for c, w in buttons.items() if c != question.answer)
    # Styled again: the picked choice has the main action's colour (inside its 2-pixel border).
    image = picked.grab().toImage()
    assert image.pixelColor(6, image.height() // 2) == QColor(STANDARD.primary)
    assert window.question.feedback.text.property("role") == "done"


def test_after_two_wrong_answers_the_right_one_is_marked_not_the_wrong(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """A reviewer found the second wrong answer filled like a right one, and the right one not
    marked (only named in a thin line under them); another, the one tapped not marked at all."""
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.QUESTION)
    b = window.briefing
    assert b is not None
    question = b.form.question(b.current.id)
    wrong = next(c.id for c in question.choices if c.id != question.answer)
    choose(qtbot, window, wrong)
    next_(qtbot, window)  # the screen that teaches it, read again: back to the question
    assert b.current.id == question.id
    choose(qtbot, window, wrong)
    buttons = window.question.buttons
    assert all(w.property("picked") == "false" for w in buttons.values())
    right = buttons[question.answer]
    assert right.property("answer") == "true"
    fill = lambda w: w.grab().toImage().pixelColor(8, w.height() // 2)  # noqa: E731
    assert fill(buttons[wrong]) == QColor(STANDARD.button)
    assert fill(right) != QColor(STANDARD.primary)
    edge = right.grab().toImage().pixelColor(1, right.height() // 2)
    assert edge == QColor(STANDARD.done)

    # The one tapped is marked as the patient's own: a dashed edge (in the colour read on the
    # background in either palette: the notice's was black on black in high contrast).
    def side(button: QWidget) -> set[str]:
        image = button.grab().toImage()
        return {image.pixelColor(1, y).name() for y in range(8, image.height() - 8)}

    assert QColor(STANDARD.flag).name() in side(buttons[wrong])
    tap(qtbot, window.top.contrast_button)
    assert QColor(HIGH_CONTRAST.flag).name() in side(window.question.buttons[wrong])


def test_a_checked_toggle_draws_its_glyph_in_the_colour_of_its_words(
    qtbot: QtBot, window: KioskWindow
) -> None:
    """Two reviewers found the "Larger text" glyph black on dark blue once it was on."""
    tap(qtbot, window.top.larger_button)
    b = window.top.larger_button
    assert b.isChecked()
    size = b.iconSize()
    on = b.icon().pixmap(size, QIcon.Mode.Normal, QIcon.State.On).toImage()
    colours = {
        on.pixelColor(x, y).name().upper()
        for x in range(on.width())
        for y in range(on.height())
        if on.pixelColor(x, y).alpha() == 255
    }
    palette = palette_for(window.high_contrast)
    assert palette.primary_text.upper() in colours
    assert palette.button_text.upper() not in colours
