"""The kiosk window: one page per kind of screen, drawn from the briefing's state; idle, privacy and lock."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.session.kinds import IdleState, ScreenKind, Status
from kiosk.ui.chrome import BottomBar, StillThere, TopBar, Touches
from kiosk.ui.jobs import Jobs
from kiosk.ui.pages.base import Page
from kiosk.ui.pages.welcome import WelcomePage
from kiosk.ui.theme import BASE_PX, Look, body_px, palette_for

if TYPE_CHECKING:  # loaded in `attach`, after the first screen is painted (see kiosk.ui.app)
    from kiosk.document.make import Made
    from kiosk.session import Briefing
    from kiosk.station import Station
    from kiosk.ui.interaction import Interaction

log = logging.getLogger(__name__)

TITLE = "Briefing kiosk"
"""The window's title, always: never a patient's name."""
DONE_SECONDS = 45.0
"""The done screen returns to Welcome on its own after this long."""
TICK_MS = 1000
PDF_START_LATEST_MS = 250
"""The PDF starts once the done screen is painted, or after this long if no paint comes first."""

READING = (
    ScreenKind.ABOUT,
    ScreenKind.STEP,
    ScreenKind.RISK,
    ScreenKind.OPTIONS,
    ScreenKind.PRECAUTIONS,
)
FLAGGABLE = (*READING, ScreenKind.QUESTION)


class KioskWindow(QWidget):
    """The patient's touchscreen. It holds at most one briefing; the briefing decides the flow."""

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
        """The window with its frame and Welcome. Without a station it is only that, to be painted at
        once; `attach` adds the station and every other screen (Start answers only then)."""
        super().__init__()
        self.briefing: Briefing | None = None
        self.ready = False
        """True once `attach` has given the window its station and built every screen."""
        self._start_asked = False
        self.allow_close = False
        self.display: QSize | None = None
        self.larger = False
        self.high_contrast = False
        self._done_since: float | None = None
        self._staff_since: float | None = None
        self._pdf_for: str | None = None
        self._pdf_waiting: list[str] = []
        self._scaled: tuple[type[QWidget], ...] = ()
        self.jobs = Jobs(self)
        self.setWindowTitle(TITLE)

        self.top = TopBar()
        self.bottom = BottomBar()
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.pages: dict[ScreenKind, Page] = {ScreenKind.WELCOME: self.welcome}
        self.distinct_pages: tuple[Page, ...] = (self.welcome,)
        """Each page once (the reading page serves five kinds of screen)."""
        self.stack.addWidget(self.welcome)
        self.welcome.problem.connect(self.welcome.say)  # Welcome has no bottom bar
        self.stack.currentChanged.connect(self._size_to_current)

        layout = QVBoxLayout(self)
        # The display decides the window's size, never the content: a page that needs more room
        # than the screen has is a bug the layout tests catch, not a reason to grow off-screen.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._layout = layout
        layout.addWidget(self.top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.bottom)
        self.still_there = StillThere(self)

        self.welcome.start.connect(self.start)
        self.top.larger.connect(self._set_larger)
        self.top.contrast.connect(self._set_contrast)
        self.redraw()
        if station is not None:  # styled in attach; else by show_at, once its size is known
            self.attach(station, interaction)

    def attach(self, station: Station, interaction: Interaction | None = None) -> None:
        """Give the window its station, and build the other screens: the patient's, and staff mode's."""
        from kiosk.ui.interaction import Interaction
        from kiosk.ui.pages.done import DonePage
        from kiosk.ui.pages.identity import IdentityPage
        from kiosk.ui.pages.question import QuestionPage
        from kiosk.ui.pages.reading import ReadingPage
        from kiosk.ui.pages.review import ReviewPage
        from kiosk.ui.pages.sign import SignPage
        from kiosk.ui.prepare import DigitRow
        from kiosk.ui.staff import StaffPage
        from kiosk.ui.widgets.keyboard import OnScreenKeyboard
        from kiosk.ui.widgets.keypad import DateKeypad
        from kiosk.ui.widgets.signature_pad import SignaturePad

        assert not self.ready, "a window is attached to one station, once"
        self.station = station
        self.interaction = interaction or Interaction(station)
        self._scaled = (OnScreenKeyboard, DateKeypad, SignaturePad, DigitRow)
        """Widgets that size their own keys (`set_scale`); the window's style sheet never does."""
        self.identity = IdentityPage(lambda: station.clock.now().astimezone().date())
        self.reading = ReadingPage()
        self.question = QuestionPage()
        self.review = ReviewPage()
        self.sign = SignPage(
            station.clock.now, self._attest_typed if station.typed_signature else None
        )
        self.done = DonePage()
        self.staff = StaffPage(station, self.jobs)
        self.pages = {
            ScreenKind.WELCOME: self.welcome,
            ScreenKind.IDENTITY: self.identity,
            **dict.fromkeys(READING, self.reading),
            ScreenKind.QUESTION: self.question,
            ScreenKind.REVIEW: self.review,
            ScreenKind.SIGN: self.sign,
            ScreenKind.DONE: self.done,
        }
        self.distinct_pages = tuple({id(p): p for p in self.pages.values()}.values())
        for page in self.distinct_pages:
            if page is not self.welcome:
                self.stack.addWidget(page)
                page.problem.connect(self.bottom.say)
            page.changed.connect(self.redraw)
        self.stack.addWidget(self.staff)

        self.done.finished.connect(lambda: self.end_session())
        self.bottom.primary.clicked.connect(self.primary)
        self.bottom.back.clicked.connect(self.back)
        self.bottom.flag.clicked.connect(self.flag)
        self.top.corner.held.connect(self.open_staff)
        self.still_there.yes.connect(self._still_here)
        self.staff.back_to_patient.connect(self.close_staff)
        self.staff.leave.connect(self.leave)

        self.touches = Touches(self)
        self.touches.touched.connect(self._touched)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.touches)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.ready = True
        self.apply_look()
        self._size_to_current()
        self.ready_for_patients.emit()
        if self._start_asked:  # Start was touched while the store was opening
            self._start_asked = False
            self.start()

    # -- drawing ---------------------------------------------------------------------------

    @property
    def page(self) -> Page:
        kind = self.briefing.current.kind if self.briefing else ScreenKind.WELCOME
        return self.pages[kind]

    def redraw(self) -> None:
        """Draw the briefing's current screen and the frame around it."""
        b = self.briefing
        page = self.page
        if b is not None:
            page.show_briefing(b)
        self.stack.setCurrentWidget(page)
        kind = b.current.kind if b else ScreenKind.WELCOME
        if b is None or kind is ScreenKind.WELCOME:
            self.top.progress(0, 0)
        else:
            self.top.progress(*b.progress)
        self.bottom.setVisible(kind is not ScreenKind.WELCOME and kind is not ScreenKind.DONE)
        self.bottom.back.setVisible(b is not None and b.can_go_back())
        text = page.primary_text
        self.bottom.primary.setVisible(bool(text))
        self.bottom.primary.setText(f"{text}  ›" if text == "Next" else text)
        flaggable = b is not None and kind in FLAGGABLE and b.status is Status.IN_PROGRESS
        self.bottom.flag.setVisible(flaggable)
        if b is not None and flaggable:
            self.bottom.flagged(b.is_flagged(b.current.id))
        if kind is ScreenKind.DONE and b is not None:
            self._on_done(b)

    def _size_to_current(self) -> None:
        """Only the page on screen counts for the window's size: a page that is not showing (the
        keypad of the identity page, say) must never make the window taller than the screen."""
        current = self.stack.currentWidget()
        for n in range(self.stack.count()):
            page = self.stack.widget(n)
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.stack.updateGeometry()

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
        """Sizes follow the display (the screen, or the window when shown in one), never the content,
        so a long page can never make the text grow."""
        screen = self.screen()
        size = self.display or (screen.size() if screen is not None else QSize(1280, 800))
        look = Look(palette_for(self.high_contrast), body_px(size, self.larger))
        self.look = look
        margin = look.px(20)
        self._layout.setContentsMargins(margin, look.px(12), margin, look.px(16))
        self._layout.setSpacing(look.px(12))
        self.setStyleSheet(look.stylesheet())
        # The keys are large already: they follow the screen, not the "Larger text" toggle. Every
        # keyboard, keypad and pad in the window, the staff page's included, is scaled here.
        keys = body_px(size) / BASE_PX
        for kind in self._scaled:
            for widget in self.findChildren(kind):
                widget.set_scale(keys)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.still_there.isVisible():
            self.still_there.setGeometry(self.rect())

    def _set_larger(self, on: bool) -> None:
        self.larger = on
        self.apply_look()

    def _set_contrast(self, on: bool) -> None:
        self.high_contrast = on
        self.apply_look()

    # -- the patient's intents -------------------------------------------------------------

    def start(self) -> None:
        """Welcome's Start: take the next briefing (prepared here, or walk-up) and begin it."""
        from kiosk.station import Unavailable

        if not self.ready:
            self._start_asked = True
            return
        if self.briefing is None:
            nxt = self.station.next_briefing()
            if isinstance(nxt, Unavailable):
                if nxt.for_staff:
                    log.warning("no briefing could start: %s", nxt.for_staff)
                self.welcome.say(nxt.for_patient)
                return
            self.briefing = nxt
        self.welcome.say("")
        if not self.welcome.attempt(self.briefing.go_next):
            if self.briefing.status is Status.NOT_STARTED:
                self.briefing = None  # nothing was stored: the next touch tries afresh
            return
        log.info("briefing %s: started (%s)", self.briefing.briefing_id, self.briefing.form.id)
        self.bottom.say("")
        self.redraw()

    def primary(self) -> None:
        b = self.briefing
        if b is None:
            return
        page = self.page
        self.bottom.say("")
        if page.primary(b):
            return
        if page.attempt(b.go_next):
            self.redraw()

    def back(self) -> None:
        b = self.briefing
        if b is None:
            return
        self.bottom.say("")
        if self.page.back(b):
            return
        if b.can_go_back() and self.page.attempt(b.go_back):
            self.redraw()

    def flag(self) -> None:
        b = self.briefing
        if b is not None and self.page.attempt(b.flag_question):
            self.bottom.flagged(True)

    # -- after signing ---------------------------------------------------------------------

    def _on_done(self, b: Briefing) -> None:
        if self._done_since is None:
            self._done_since = self.station.clock.monotonic()
        if self._pdf_for == b.briefing_id:
            return
        self._pdf_for = b.briefing_id
        log.info("briefing %s: signed and completed", b.briefing_id)
        self.done.making()
        briefing_id = b.briefing_id
        # The PDF waits for the done screen to be painted: made at once, its work on the worker would
        # share the interpreter with that paint and hold the patient's screen back (about 0.15 s).
        self._pdf_waiting.append(briefing_id)
        after_paint(self.done, self._start_pdf, PDF_START_LATEST_MS)

    def _start_pdf(self) -> None:
        """Make the waiting PDFs on the worker thread, each once (see `_on_done`)."""
        waiting, self._pdf_waiting = self._pdf_waiting, []
        for briefing_id in waiting:
            self.jobs.run(
                lambda b=briefing_id: self.station.make_pdf(b),
                self._pdf_made,
                lambda exc, b=briefing_id: self._pdf_not_made(b, exc),
            )

    def _pdf_made(self, made: Made) -> None:
        log.info("briefing %s: PDF made", made.briefing_id)
        if self.briefing is not None and self.briefing.briefing_id == made.briefing_id:
            self.done.made()
        self.pdf_finished.emit(made.briefing_id)

    def _pdf_not_made(self, briefing_id: str, exc: Exception) -> None:
        from kiosk.document.make import DocumentError

        if isinstance(exc, DocumentError):
            reason = str(exc)
        else:
            log.error("briefing %s: PDF failed unexpectedly: %s", briefing_id, type(exc).__name__)
            reason = (
                f"briefing {briefing_id}: the PDF could not be made ({type(exc).__name__}); it stays "
                "pending: run `kiosk doctor`, then `kiosk doctor --repair`."
            )
        log.warning("briefing %s: PDF pending", briefing_id)
        if self.briefing is not None and self.briefing.briefing_id == briefing_id:
            self.done.failed(reason)
        self.pdf_failed.emit(briefing_id, reason)

    # -- inactivity and privacy ------------------------------------------------------------

    def _touched(self) -> None:
        b = self.briefing
        if self._staff_since is not None:
            self._staff_since = self.station.clock.monotonic()
        if b is not None and b.status is Status.IN_PROGRESS and not self.still_there.isVisible():
            b.still_here()

    def _still_here(self) -> None:
        if self.briefing is not None:
            self.briefing.still_here()
        self.still_there.hide()

    def tick(self) -> None:
        """Once a second: “Are you still there?”, the end of an idle session, the done screen's return."""
        clock = self.station.clock
        if self._staff_since is not None:
            if clock.monotonic() - self._staff_since >= self.station.idle.warning_after:
                self.close_staff()
            return
        b = self.briefing
        if b is None:
            return
        if b.status is Status.COMPLETED:
            if (
                self._done_since is not None
                and clock.monotonic() - self._done_since >= DONE_SECONDS
            ):
                self.end_session()
            return
        try:
            state = b.check_idle()
        except Exception as exc:  # the store could not take the abandonment: wipe the screen anyway
            log.error("briefing %s: abandoning failed: %s", b.briefing_id, type(exc).__name__)
            state = IdleState.ENDED
        if state is IdleState.WARNING:
            self.still_there.show_seconds(b.seconds_left())
        elif state is IdleState.ENDED:
            log.info("briefing %s: ended for inactivity", b.briefing_id)
            self.end_session()
        else:
            self.still_there.hide()

    def end_session(self) -> None:
        """The patient is gone: forget the briefing and wipe every screen of personal details."""
        self.briefing = None
        self._done_since = None
        for page in self.distinct_pages:
            page.forget()
        self.still_there.hide()
        self.bottom.say("")
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.redraw()
        self.session_ended.emit()

    # -- staff and the lock ----------------------------------------------------------------

    def _attest_typed(self) -> str | None:
        return self.interaction.staff_sign_in(
            self, "A staff member confirms that the patient typed their own name."
        )

    def open_staff(self) -> None:
        staff = self.interaction.staff_sign_in(self, "Staff mode")
        if not staff:
            return
        self.station.staff_action(staff, "staff_mode_opened")
        live = self.briefing is not None and self.briefing.status is Status.IN_PROGRESS
        self.staff.open_for(staff, self.station.problems, live)
        self._staff_since = self.station.clock.monotonic()
        self.still_there.hide()
        self.top.hide()
        self.bottom.hide()
        self.stack.setCurrentWidget(self.staff)

    def close_staff(self) -> None:
        if self.staff.staff:
            self.station.staff_action(self.staff.staff, "staff_mode_closed")
        self.staff.forget()
        self._staff_since = None
        if self.briefing is not None:
            self.briefing.still_here()
        self.top.show()
        self.redraw()

    def leave(self) -> None:
        """Staff close the kiosk: an open briefing ends as abandoned, and the app quits."""
        from kiosk.session import AbandonReason

        staff = self.staff.staff or "staff"
        b = self.briefing
        if b is not None and b.status is Status.IN_PROGRESS:
            try:
                b.abandon(AbandonReason.STAFF)
            except Exception as exc:
                log.error("briefing %s: abandoning failed: %s", b.briefing_id, type(exc).__name__)
        self.station.staff_action(staff, "kiosk_left")
        self.end_session()
        self.staff.forget()
        self._staff_since = None
        self.allow_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Alt+F4 and the window's close button: only staff may close the kiosk."""
        if self.allow_close:
            self._start_pdf()  # a signed briefing's PDF is made before the kiosk closes
            self.jobs.wait(30_000)
            event.accept()
            if self.ready:
                self.timer.stop()
                app = QApplication.instance()
                if app is not None:
                    app.removeEventFilter(self.touches)
            return
        event.ignore()
        if self.ready:
            QTimer.singleShot(0, self.open_staff)


class _AfterPaint(QObject):
    """Calls `then` once: in the event loop's turn after `widget` next paints (its screen has then
    been painted and flushed), or after `latest_ms` if no paint comes first (a hidden window)."""

    def __init__(self, widget: QWidget, then: Callable[[], None], latest_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(latest_ms, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._call)
        return False

    def _call(self) -> None:
        then, self._then = self._then, None
        if then is None:
            return
        self._widget.removeEventFilter(self)
        self.deleteLater()
        then()


def after_paint(widget: QWidget, then: Callable[[], None], latest_ms: int = 1000) -> None:
    """Run `then` just after `widget` has next been painted (or after `latest_ms` at the latest)."""
    _AfterPaint(widget, then, latest_ms)
