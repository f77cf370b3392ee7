"""The Qt binding itself keeps Python's reference counts: PySide6 6.12.0 on Python 3.11 did not
(every void call dropped a reference to None, every signal one to True) and the kiosk crashed
after a few thousand taps. pyproject.toml excludes that release; this test catches another."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot


class _Sender(QObject):
    fired = Signal(bool)


def test_void_calls_and_signals_keep_the_reference_counts_of_none_and_true(qtbot: QtBot) -> None:
    button = QPushButton("tap")
    qtbot.addWidget(button)
    sender = _Sender()
    seen: list[bool] = []
    sender.fired.connect(lambda on: seen.append(on))
    seen_none, seen_true = sys.getrefcount(None), sys.getrefcount(True)
    for n in range(500):
        button.setText(str(n))
        sender.fired.emit(True)
    seen.clear()
    assert sys.getrefcount(None) >= seen_none - 50
    assert sys.getrefcount(True) >= seen_true - 50
