"""Can this machine play Listen's sound? `python -m kiosk.ui.sound_probe` asks Qt Multimedia for the
audio outputs and prints two lines: how many there are, and the default one's name (empty if none).

`kiosk doctor` runs it in a process of its own (kiosk.cli.speech.sound_check): Qt Multimedia is an
Addons module whose backend loads system libraries, and a kiosk with no sound device reads its
words on screen to nobody (a patient sees each sentence marked in turn, and hears nothing)."""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QLoggingCategory

    QLoggingCategory.setFilterRules("qt.multimedia.*=false")  # its optional libraries: noise
    _app = QCoreApplication([sys.argv[0]])
    from PySide6.QtMultimedia import QMediaDevices

    outputs = QMediaDevices.audioOutputs()
    default = QMediaDevices.defaultAudioOutput()
    print(len(outputs))
    print("" if default.isNull() else default.description())
    return 0


if __name__ == "__main__":
    sys.exit(main())
