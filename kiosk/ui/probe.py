"""`python -m kiosk.ui.probe`: can Qt open a display here? Prints the platform and the primary screen.

`kiosk doctor` runs it in a process of its own: when Qt cannot open a display it ends the whole
process, which must not be the doctor's. The output is one line, `PLATFORM WIDTH HEIGHT RATIO`
(logical pixels, as the kiosk's layout sees them, and the device pixel ratio); exit 1 without a
screen. Qt's own messages go to stderr.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication


def main() -> int:
    app = QGuiApplication(
        sys.argv[:1]
    )  # the platform the kiosk would get: QT_QPA_PLATFORM, else Qt's default
    screen = app.primaryScreen()
    if screen is None:
        print("qt.qpa.probe: the display has no screen", file=sys.stderr)
        return 1
    size = screen.size()
    print(f"{app.platformName()} {size.width()} {size.height()} {screen.devicePixelRatio():g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
