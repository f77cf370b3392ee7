"""The kiosk window: the frame, one page per kind of screen, and the screen model they all draw.

The window decides nothing about the briefing: taps go to the model (through the page, when the
page has something to hand over: a date, a name, a signature), the model emits one change, and the
frame and the page on screen draw its view. What is left here: which page is on top, the look
(text size, contrast, screen shape), the once-a-second tick, staff mode, and closing."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.i18n import Msg, Words, msg, words_for
from kiosk.memory import give_back
from kiosk.session.kinds import ScreenKind, Status
from kiosk.session.view import Action, View, welcome
from kiosk.ui.bottom import BottomBar
from kiosk.ui.chrome import TopBar
from kiosk.ui.dress import PageStack, Restyler, restyle_window
from kiosk.ui.jobs import Jobs
from kiosk.ui.overlays import LanguageChooser, ScreenCorner, StillThere, Touches
from kiosk.ui.pages.base import Page
from kiosk.ui.pages.welcome import WelcomePage
from kiosk.ui.theme import palette_for

if TYPE_CHECKING:  # loaded in `attach`, after the first screen is painted (see kiosk.ui.app)
    from kiosk.session.flow import Briefing
    from kiosk.session.screen import ScreenModel
    from kiosk.station import Station
    from kiosk.ui.filing import Filer
    from kiosk.ui.interaction import Interaction
    from kiosk.ui.staff.mode import StaffMode
    from kiosk.ui.staff.page import StaffPage
    from kiosk.ui.widgets.practice import PracticeBanner

log = logging.getLogger(__name__)

TICK_MS = 1000
GIVE_BACK_MS = 1000
"""How long after a session ends its freed memory is given back (kiosk.memory)."""
NEEDS_THE_PAGE = frozenset({Action.START, Action.CONFIRM, Action.SIGN, Action.ATTEST})
"""Main actions that hand over what is on the page (a date, a name, a signature)."""


class KioskWindow(QWidget):
    """The patient's touchscreen. It shows at most one briefing; the screen model decides the flow."""

    pdf_finished = Signal(str)
    """A briefing's PDF was made (its id)."""
    pdf_failed = Signal(str, str)
    """A briefing's PDF could not be made (its id, a sentence for staff); the briefing is saved."""
    ready_for_patients = Signal()
    """`attach` has given the window its station and built every screen: Start answers from now on."""
    session_ended = Signal()
    """The patient's session is over and the screen wiped (finished, timed out, or ended by staff)."""

    def __init__(
        self, station: Station | None = None, interaction: Interaction | None = None
    ) -> None:
        """The frame and Welcome, painted at once; `attach` adds the station and the rest."""
        super().__init__()
        self.ready = False  # True once `attach` has given the station and built every screen
        self._drawn: tuple[object, ...] = ()  # what the frame was last drawn for (`_draw`)
        self._start_asked = False
        self.allow_close = False
        self.display: QSize | None = None
        self.larger = False
        self.high_contrast = False
        self.keys_scale: float | None = None
        """The scale the keyboards, keypads and pads were last given (`set_scale`)."""
        self.scaled: tuple[type[QWidget], ...] = ()
        """Widgets that size their own keys (`set_scale`); the window's style sheet never does."""
        self.model: ScreenModel | None = None
        self.unready: Msg | None = None  # why no station came (kiosk.ui.app), said on Welcome
        self.practice: PracticeBanner | None = None
        """PRACTICE across the top of every screen, in practice mode (`kiosk practice`)."""
        self.words: Words = words_for("en")
        self.jobs = Jobs(self)
        self.restyler = Restyler(self)
        self.setWindowTitle(self.words("window.title"))

        self.top = TopBar()
        self.bottom = BottomBar()
        self.stack = PageStack()
        self.welcome = WelcomePage()
        self.pages: dict[ScreenKind, Page] = {ScreenKind.WELCOME: self.welcome}
        self.distinct_pages: tuple[Page, ...] = (self.welcome,)
        """Each page once (the reading page serves five kinds of screen)."""
        self.stack.addWidget(self.welcome)

        layout = QVBoxLayout(self)
        # The display decides the window's size, never the content: a page that needs more room
        # than the screen has is a bug the layout tests catch, not a reason to grow off-screen.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._layout = layout
        layout.addWidget(self.top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.bottom)
        self.still_there = StillThere(self)
        self.language_chooser = LanguageChooser(self)

        self.welcome.start.connect(self.start)
        self.top.larger.connect(lambda on: self._set(larger=on))
        self.top.contrast.connect(lambda on: self._set(contrast=on))
        # Welcome is drawn once styled: by attach, else by show_at once the window's size is known.
        if station is not None:
            self.attach(station, interaction)

    def attach(self, station: Station, interaction: Interaction | None = None) -> None:
        """Give the window its station, and build the other screens: the patient's, and staff mode's."""
        from kiosk.ui.filing import Filer
        from kiosk.ui.interaction import Interaction
        from kiosk.ui.listen import Listening
        from kiosk.ui.pages.cosign import InterpreterPage, WitnessPage
        from kiosk.ui.pages.done import DonePage
        from kiosk.ui.pages.identity import IdentityPage
        from kiosk.ui.pages.question import QuestionPage
        from kiosk.ui.pages.reading import ReadingPage
        from kiosk.ui.pages.review import ReviewPage
        from kiosk.ui.pages.sign import SignPage
        from kiosk.ui.saving import Retrying
        from kiosk.ui.staff.keys import DigitRow, PinPad
        from kiosk.ui.staff.mode import StaffMode
        from kiosk.ui.widgets.keyboard import OnScreenKeyboard
        from kiosk.ui.widgets.keypad import DateKeypad
        from kiosk.ui.widgets.signature_pad import SignaturePad

        assert not self.ready, "a window is attached to one station, once"
        self.station = station
        self.interaction = interaction or Interaction(station)
        self.scaled = (OnScreenKeyboard, DateKeypad, SignaturePad, DigitRow)
        self.model = model = station.screen_model()
        self.retrying = Retrying(model, self)  # a tap the database held up, tried again
        self.identity, self.reading = IdentityPage(), ReadingPage()
        self.question, self.review = QuestionPage(), ReviewPage()
        # A staff member confirms a typed signature, asked in the words staff read.
        attest = lambda call: self.staff_mode.attest(call)  # noqa: E731  (staff mode: made below)
        self.sign = SignPage(attest if station.typed_signature else None)
        self.done = DonePage()
        self.interpreter, self.witness = InterpreterPage(), WitnessPage()
        self.pages = {kind: page for page in self._patient_pages() for kind in page.kinds}
        self.distinct_pages = self._patient_pages()
        for page in self.distinct_pages:
            if page is not self.welcome:
                self.stack.addWidget(page)
            page.bind(model)
            page.more.connect(self._page_more)
        model.events.changed.connect(self._model_changed)
        model.events.ended.connect(self._ended)
        self.listening = Listening(self)
        self.filer: Filer = Filer(self.jobs, station, model, self)
        self.filer.finished.connect(self.pdf_finished)
        self.filer.failed.connect(self.pdf_failed)
        self.staff_mode: StaffMode = StaffMode(self, station, self.jobs)
        if station.sample is not None:
            from kiosk.ui.widgets.practice import PracticeBanner

            self.practice = PracticeBanner(station.sample, lambda: station.walk_up)
            self._layout.insertWidget(0, self.practice)
            self.still_there.below = self.language_chooser.below = self.practice

        self.bottom.tapped.connect(self.tap)
        self.top.corner.held.connect(self.open_staff)
        self.screen_corner = ScreenCorner(self, self.top.corner)
        self.screen_corner.held.connect(self.open_staff)
        self.screen_corner.follow()  # the bar may be laid out already (Welcome painted first)
        self.still_there.yes.connect(lambda: model.do(Action.STILL_HERE))
        self.welcome.language.connect(model.choose_language)
        self.welcome.read_aloud.connect(model.set_read_aloud)
        self.top.languages.connect(lambda: model.do(Action.LANGUAGES))
        self.language_chooser.chosen.connect(model.choose_language)
        self.language_chooser.closed.connect(lambda: model.do(Action.LANGUAGES))
        self.touches = Touches(self, repeat=(*self.scaled, PinPad, QLineEdit))
        self.touches.touched.connect(self._touched)
        self.touches.watch(self)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.ready = True
        self.keys_scale = None  # the keys made just now are scaled too
        self.apply_look()
        self._model_changed()
        self.ready_for_patients.emit()
        if self._start_asked:  # Start was touched while the store was opening
            self._start_asked = False
            self.start()

    def _patient_pages(self) -> tuple[Page, ...]:
        return (
            self.welcome, self.identity, self.reading, self.question, self.review, self.sign,
            self.done, self.interpreter, self.witness,
        )  # fmt: skip

    # -- drawing ---------------------------------------------------------------------------

    @property
    def sheet(self) -> str:
        """The style sheet of staff's screens and dialogs over the window (kiosk.ui.staff.look)."""
        from kiosk.ui.staff.look import staff_look, staff_sheet

        return staff_sheet(*staff_look(self.look, self.size()))

    @property
    def staff(self) -> StaffPage:  # (made when first wanted: kiosk.ui.staff.mode)
        return self.staff_mode.page

    @property
    def briefing(self) -> Briefing | None:
        """The briefing on screen, if any (for staff mode, tests and benchmarks: the model holds it)."""
        return self.model.briefing if self.model is not None else None

    @property
    def page(self) -> Page:
        return self.pages[self.model.kind if self.model is not None else ScreenKind.WELCOME]

    def _model_changed(self) -> None:
        model = self.model
        assert model is not None
        if model.words is not self.words:
            turned = model.words.right_to_left != self.words.right_to_left
            self.words = model.words
            if turned:  # the whole window mirrored, in a look that reads from the right
                self.apply_look()
            else:  # the same look: the frame's own words, and each page draws its words
                self.top.set_words(self.words, self.look)
        if not self.staff_mode.is_open:
            self._draw(model.view)

    def _draw(self, view: View) -> None:
        """The frame, and which page is on top; not again for the same view, words, look and size."""
        words = self.words
        if self.model is None:  # before `attach`: Welcome, drawn by the window
            self.welcome.draw(view, words)
        page = self.pages[view.kind]
        drawn = (view, words, self.look, self.size(), self.ready, self.briefing)
        if self.stack.currentWidget() is page and drawn == self._drawn:
            return
        self._drawn = drawn
        page.restyle()
        self.stack.setCurrentWidget(page)
        self.bottom.set_more(page.has_more)
        self.top.show()
        self.top.draw(view, words)
        if self.practice is not None:
            self.practice.draw(words, welcome=view.kind is ScreenKind.WELCOME, of=self.briefing)
        if self.ready:
            self.listening.draw(view, words)
        self.bottom.setVisible(view.kind not in (ScreenKind.WELCOME, ScreenKind.DONE))
        self.bottom.draw(view, words)
        self.still_there.draw(view.still_there, words)
        self.language_chooser.draw(view, words)
        page.settle()
        b = self.briefing
        if view.kind is ScreenKind.DONE and b is not None and b.status is Status.COMPLETED:
            self.filer.file_after_paint(b.briefing_id, self.done)

    def _page_more(self, more: bool) -> None:
        if self.sender() is self.stack.currentWidget():
            self.bottom.set_more(more)

    def show_at(self, size: QSize | None) -> None:
        """Show in a window of this size (trying it out, tests, screenshots); None: fullscreen, framed by nothing."""
        self.display = size
        if size is None:
            self.setWindowFlags(
                Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
            )
            self.apply_look()
            screen = self.screen()
            if screen is not None:  # without a window manager, fullscreen alone does not resize
                self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.apply_look()
            self.resize(size)
            self.show()

    def apply_look(self) -> None:
        """The window in the look of its display, text size, contrast and direction, redrawn."""
        self.look = restyle_window(self, palette_for(self.high_contrast))
        if self.model is None:
            self._draw(welcome(self.unready))
        elif self.staff_mode.is_open:  # staff's screens in it, in their own type sizes
            self.staff_mode.restyle()
        else:
            self.model.events.changed.emit()  # every part drawn again in the new look

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for overlay in (self.still_there, self.language_chooser):
            if overlay.isVisible():
                overlay.place()

    def _set(self, larger: bool | None = None, contrast: bool | None = None) -> None:
        self.larger = self.larger if larger is None else larger
        self.high_contrast = self.high_contrast if contrast is None else contrast
        self.apply_look()

    # -- the patient's taps ----------------------------------------------------------------

    def start(self) -> None:
        """Welcome's Start: take the next briefing (prepared here, or walk-up) and begin it."""
        from kiosk.unavailable import Unavailable

        if not self.ready:
            self._start_asked = True
            return
        model = self.model
        assert model is not None
        if model.briefing is not None:  # the patient went back to Welcome: their briefing goes on
            model.do(Action.START)
            return
        nxt = self.station.next_briefing()
        if isinstance(nxt, Unavailable):
            if nxt.for_staff:
                log.warning("no briefing could start: %s", nxt.for_staff)
            model.unavailable(msg(nxt.for_patient))
            return
        if model.begin(nxt):
            log.info("briefing %s: started (%s)", nxt.briefing_id, nxt.form.id)

    def tap(self, action: Action) -> None:
        """An action of the frame: the page hands over what it holds, or the model just does it."""
        if self.model is None:
            return
        if not self.model.view.can(action):
            self.model.waited(action)  # greyed: why it waits (a disabled button gets no click)
        elif action in NEEDS_THE_PAGE:
            self.page.submit(action)
        else:
            self.model.do(action)

    # -- time, touches and the end of a session --------------------------------------------

    def _touched(self) -> None:
        self.restyler.touched()
        self.staff_mode.touched()
        model = self.model
        if model is not None and self.still_there.isVisible():
            # A touch anywhere says yes once its press has landed on the cover, not on what is under
            QTimer.singleShot(0, self, lambda: model.do(Action.STILL_HERE))
        elif model is not None:
            b = model.briefing
            if b is not None and b.status is Status.IN_PROGRESS:
                b.still_here()

    def tick(self) -> None:
        """Once a second: staff mode's time out, or the model's (the idle time waits for audio)."""
        if self.staff_mode.is_open:
            self.staff_mode.tick()
        elif self.model is not None:
            if self.listening.holds_idle:
                self.listened()
            self.model.tick()

    def listened(self) -> None:  # the patient was listening until now: as a touch, for idle
        self._touched()

    def end_session(self) -> None:
        """The patient is gone: forget the briefing and wipe every screen of personal details."""
        if self.model is not None:
            self.model.end()

    def _ended(self) -> None:
        # The next patient starts from the kiosk's own look, not the last one's.
        self.top.larger_button.setChecked(False)
        self.top.contrast_button.setChecked(False)
        self.bottom.say("")
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.session_ended.emit()
        # Once Welcome is back on screen: the briefing's freed memory back to the system.
        QTimer.singleShot(GIVE_BACK_MS, self, give_back)

    # -- staff and the lock ----------------------------------------------------------------

    def open_staff(self) -> None:
        self.staff_mode.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Alt+F4 and the window's close button: only staff may close the kiosk."""
        if self.allow_close:
            if self.ready:
                self.filer.start()  # a signed briefing's PDF is made before the kiosk closes
            self.jobs.wait(30_000)
            event.accept()
            if self.ready:
                self.timer.stop()
                self.touches.unwatch(self)
            return
        event.ignore()
        if self.ready:
            QTimer.singleShot(0, self.open_staff)
