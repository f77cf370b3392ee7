"""Staff sign in at the kiosk: tap your name, enter your PIN. Asked to confirm a patient's typed
name, its top speaks to the patient first, in their language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Words
from kiosk.services.staff import StaffDesk, StaffError
from kiosk.station import Station
from kiosk.ui.icons import Glyph
from kiosk.ui.pages.base import Reading, button, label
from kiosk.ui.staff.arrows import point
from kiosk.ui.staff.keys import PIN_KEY_HEIGHT, STAFF_WORDS, PinPad
from kiosk.ui.staff.look import staff_look, staff_sheet
from kiosk.ui.staff.rows import across_or_down, gone_on_typing
from kiosk.ui.theme import TOUCH_PX, Look
from kiosk.ui.widgets.keys import sizes_changed
from kiosk.ui.widgets.practice import PracticeBanner

PORTRAIT_KEY = QSizeF(150, 125)
"""The least size of a PIN key on a portrait screen, at the scale of 1280x800 (landscape: the
look's touch size)."""


SHORT_MARGIN = 8
"""The room over and under everything where the screen is short of height (20 px otherwise)."""


@dataclass(frozen=True)
class ForPatient:
    """What a patient who typed their name reads over staff's sign-in, in their own language: ask
    a staff member to come (`said`), and the way back to their signature (`back`)."""

    said: str
    back: str
    right_to_left: bool


class StaffSignIn(QDialog):
    """Choose your name, enter your PIN. `signed_in` is the staff member's name once accepted."""

    def __init__(
        self,
        parent: QWidget | None,
        station: Station,
        reason: str,
        words: Words = STAFF_WORDS,
        patient: ForPatient | None = None,
    ) -> None:
        """`patient`: a patient is at the screen, alone perhaps (a typed signature to confirm):
        over staff's words, until a staff member taps their name, theirs."""
        super().__init__(parent)
        # The kiosk window's look, as staff mode has it (Larger text followed) for its size now.
        window = parent.window() if parent is not None else None
        kiosk = getattr(window, "look", None)
        look = None
        if window is not None and isinstance(kiosk, Look):
            look, sizes = staff_look(kiosk, window.size())
            self.setStyleSheet(staff_sheet(look, sizes))
        reach = look.reach if look is not None else 1.0
        self._reach = reach
        self._keys_fitted = False
        portrait = window is not None and window.height() > window.width()
        self.desk = StaffDesk(station)
        self.words = words
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft
            if words.right_to_left
            else Qt.LayoutDirection.LeftToRight
        )
        self.signed_in: str | None = None
        self._name: str | None = None
        self.setModal(True)
        self.setWindowTitle(words("staff.sign-in.title"))
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        if parent is not None:
            self.setGeometry(parent.window().geometry())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        sample = station.sample
        if sample is not None:  # practice mode: the practice account's name and PIN, in sight
            banner = PracticeBanner(sample)
            banner.draw(words, welcome=False, staff=True)
            layout.addWidget(banner)
        self.patient: QWidget | None = None
        """The patient's line and their way back, in their language (shown on the names' page)."""
        if patient is not None:
            self.patient = QWidget()
            self.patient.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft
                if patient.right_to_left
                else Qt.LayoutDirection.LeftToRight
            )
            band = QHBoxLayout(self.patient)
            band.setContentsMargins(0, 0, 0, 12)
            band.setSpacing(24)
            self.patient_back = button(patient.back, None, self.reject)  # as Cancel: nothing kept
            band.addWidget(label(patient.said, "notice"), 1)
            band.addWidget(self.patient_back, 0, Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(self.patient)
        layout.addWidget(label(words("staff.sign-in.title"), "title"))
        layout.addWidget(label(words("staff.sign-in.how", reason=reason), "muted"))
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.message = label(role="notice")
        # Its room is kept: a wrong PIN said moves no key under the finger (the keys moved up).
        policy = self.message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(policy)
        self.message.hide()
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.setSpacing(24)  # Cancel and "Another name" a finger apart
        self.cancel = button(words("staff.sign-in.cancel"), None, self.reject)
        self.back = button(words("staff.sign-in.another-name"), None, self._choose_again)
        if look is not None:  # its arrow drawn, pointing as the language reads
            point(self.back, look, Glyph.BACK, right_to_left=words.right_to_left)
        self.ok = button(words("staff.sign-in.sign-in"), "primary", self._check)
        row.addWidget(self.cancel)
        row.addWidget(self.back)
        row.addStretch(1)
        # Sign in beside them, or under them where the width is short of room for all three (a
        # portrait screen with Larger text cut Cancel and "Another name").
        self.answers = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.answers.setSpacing(24)
        self.answers.addLayout(row, 1)
        self.answers.addWidget(self.ok, 0, Qt.AlignmentFlag.AlignTrailing)
        layout.addLayout(self.answers)

        self.names = Reading()
        grid_holder = QWidget()
        self.grid = QGridLayout(grid_holder)
        self.grid.setSpacing(12)
        try:
            names, unread = self.desk.names(), None
        except StaffError as exc:  # the records out of reach: said, not "no staff accounts"
            names, unread = [], exc.text
        for n, name in enumerate(names):
            self.grid.addWidget(button(name, None, partial(self._chosen, name)), n // 3, n % 3)
        self.names.add(grid_holder)
        if not names:
            self.names.add(label(words(unread or "staff.sign-in.no-staff")))
        self.names.finish()
        self.pages.addWidget(self.names)

        # The name, the PIN and its keys in a column across the middle of the screen, the keys as
        # large as the screen makes them (on a portrait kiosk they stood small at the top left).
        pin_page = QWidget()
        pin_layout = QVBoxLayout(pin_page)
        pin_layout.addStretch(1)
        # The name and "Enter your PIN" on one line: under a reason of two lines (a typed
        # signature's, naming who signs and what they typed) a line more cut the keys' last row.
        self.who = label(role="heading", wrap=False)
        enter = label(words("staff.sign-in.enter-pin"), wrap=False)
        line = QHBoxLayout()
        line.setSpacing(16)
        line.addStretch(1)
        line.addWidget(self.who, 0, Qt.AlignmentFlag.AlignBaseline)
        line.addWidget(enter, 0, Qt.AlignmentFlag.AlignBaseline)
        line.addStretch(1)
        pin_layout.addLayout(line)
        # The height a portrait kiosk has to spare goes to the keys.
        keys = PORTRAIT_KEY * reach if portrait else None
        self.pad = PinPad(words, key_size=keys.toSize() if keys is not None else None)
        gone_on_typing(self.pad.field, lambda: self.say(""))  # ("do not match", "locked")
        pin_layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignHCenter)
        pin_layout.addStretch(1)
        self.pages.addWidget(pin_page)
        self.pin_page = pin_page
        self._choose_again()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        buttons = (self.cancel, self.back, self.ok)
        need = sum(b.sizeHint().width() for b in buttons) + 2 * self.answers.spacing()
        margins = self.contentsMargins().left() + self.contentsMargins().right()
        layout = self.layout()
        if layout is not None:
            margins += layout.contentsMargins().left() + layout.contentsMargins().right()
        across_or_down(self.answers, need, self.width() - margins)

    def _chosen(self, name: str) -> None:
        self._name = name
        self.who.setText(name)
        self.pad.reset()
        self.say("")
        self.pages.setCurrentIndex(1)
        if self.patient is not None:  # a staff member is here: the PIN's keys have the room
            self.patient.hide()
        self.back.show()
        self.ok.show()
        self._fit()

    def _choose_again(self) -> None:
        self._name = None
        self.pad.reset()
        self.pages.setCurrentIndex(0)
        if self.patient is not None:
            self.patient.show()
        self.back.hide()
        self.ok.hide()
        self._fit()

    def _fit(self) -> None:
        """Everything on the screen: the page on show alone sets the pages' height (the names'
        page, under the patient's line, kept room for the PIN's keys it does not show), and on a
        short screen the keys give a little of theirs, never under a finger's least target. (In
        Arabic with Larger text at 1280x800 under the practice banner, a typed signature's check
        had Cancel, "Another name" and Sign in cut by the screen's edge.)"""
        shown = self.pages.currentIndex()
        for n, page in enumerate((self.names, self.pin_page)):
            policy = QSizePolicy.Policy.Preferred if n == shown else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        parent = self.parentWidget()
        if parent is None:
            return
        screen = parent.window().geometry()
        layout = self.layout()
        assert layout is not None
        if shown == 1 and not self._keys_fitted:  # (the screen stays as it is)
            self._keys_fitted = True
            for part in (self.pad, *self.pad.findChildren(QWidget)):  # styled, as when shown
                part.ensurePolished()
            if self._needs(layout, screen.width()) > screen.height():  # the margins give first
                edge = layout.contentsMargins()
                layout.setContentsMargins(edge.left(), SHORT_MARGIN, edge.right(), SHORT_MARGIN)
            least = max(TOUCH_PX, round(TOUCH_PX * self._reach))
            height = PIN_KEY_HEIGHT
            while height > least and self._needs(layout, screen.width()) > screen.height():
                height -= 1
                self.pad.set_key_height(height)
        self.setGeometry(screen)

    def _needs(self, layout: QLayout, width: int) -> int:
        """The height everything needs at `width`, as the keys stand now (its lines wrapped: the
        reason's two lines were counted as one)."""
        sizes_changed(self.pad)
        layout.activate()
        return layout.totalMinimumHeightForWidth(width)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _check(self) -> None:
        if self._name is None:
            return
        pin = self.pad.pin
        self.pad.reset()
        try:
            result = self.desk.sign_in(self._name, pin)
        except StaffError as exc:  # the records out of reach: said, not a PIN refused
            self.say(self.words(exc.text))
            return
        if result.ok:
            self.signed_in = result.name
            self.accept()
        elif result.locked_minutes:
            self.say(self.words("staff.sign-in.locked", count=result.locked_minutes))
        else:
            self.say(self.words("staff.sign-in.no-match"))
