"""The console's sign-in: a staff member's name and PIN, checked as at the kiosk (Argon2 hash,
lockout), on the worker thread. It also says, in one sentence, when the records cannot be opened.
The names are read again each time the page is shown (and the window comes back to the front): one
added with `kiosk staff add` meanwhile is there without a restart."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Msg, Words


class SignInPage(QWidget):
    """Name and PIN. `wanted(name, pin)` when staff press Sign in; `retry` to open the records again."""

    wanted = Signal(str, str)
    retry = Signal()
    shown = Signal()
    """The page came into view (or its window to the front): the names are wanted afresh."""

    def __init__(self, words: Words) -> None:
        super().__init__()
        self.words = words
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QFrame()
        box.setObjectName("signInBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setMaximumWidth(520)
        column = QVBoxLayout(box)
        column.setContentsMargins(28, 24, 28, 24)
        title = QLabel(words("console.sign-in.title"))
        title.setObjectName("title")
        column.addWidget(title)
        how = QLabel(words("console.sign-in.how"))
        how.setWordWrap(True)
        column.addWidget(how)
        form = QFormLayout()
        self.name = QComboBox()
        self.name.setMinimumWidth(260)
        form.addRow(words("console.sign-in.name"), self.name)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,12}")))
        self.pin.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.pin.returnPressed.connect(self._asked)
        # Typed again: what the last try was told goes ("locked for 1 minute" had stood after
        # the minute ended, a reviewer); a try still refused is told again.
        self.pin.textEdited.connect(self._typed)
        self.name.activated.connect(self._typed)
        form.addRow(words("console.sign-in.pin"), self.pin)
        column.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("notice")
        self.message.setWordWrap(True)
        self.message.hide()
        column.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.again = QPushButton(words("console.sign-in.try-again"))
        self.again.clicked.connect(self.retry)
        self.again.hide()
        buttons.addWidget(self.again)
        self.ok = QPushButton(words("console.sign-in.sign-in"))
        self.ok.setDefault(True)
        self.ok.clicked.connect(self._asked)
        buttons.addWidget(self.ok)
        column.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 2)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.set_names([])

    def names(self) -> list[str]:
        return [self.name.itemText(n) for n in range(self.name.count())]

    def set_names(self, names: list[str]) -> None:
        """The staff accounts as read now; the name chosen stays chosen (and the PIN typed)."""
        had = self.names()
        if names == had and (names or self.message.isVisible()):
            return
        chosen = self.name.currentText()
        self.name.clear()
        self.name.addItems(names)
        self.name.setCurrentIndex(max(self.name.findText(chosen), 0))
        if not names:
            self.say(self.words.text(self.words("staff.sign-in.no-staff")))
            self.ready(False)
        elif not had:  # the first names: staff can sign in now
            self.say("")
            self.ready(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.shown.emit()

    def ready(self, on: bool) -> None:
        """Whether staff can sign in now (not while the records open, or a PIN is checked)."""
        for widget in (self.name, self.pin, self.ok):
            widget.setEnabled(on)
        if on:
            self.pin.setFocus()

    def unusable(self, told: Msg) -> None:
        """The records cannot be opened: say why, and offer to try again."""
        self.say(self.words(told))
        self.ready(False)
        self.again.show()

    def opening(self) -> None:
        self.again.hide()
        self.say(self.words("console.sign-in.opening"))
        self.ready(False)

    def _typed(self) -> None:
        if self.ok.isEnabled():  # (not what is said while the records open, or of no staff)
            self.say("")

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _asked(self) -> None:
        if not self.ok.isEnabled():
            return
        pin, name = self.pin.text(), self.name.currentText()
        self.pin.setText("")
        if not pin:
            self.say(self.words("staff.sign-in.enter-pin"))
            return
        self.ready(False)
        self.wanted.emit(name, pin)

    def forget(self) -> None:
        self.pin.setText("")
