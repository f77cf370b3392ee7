"""Touch widgets the screens are built from: the date keypad, the name keyboard and the signature pad."""

from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.keypad import DateKeypad
from kiosk.ui.widgets.signature_pad import SignaturePad

__all__ = ["DateKeypad", "OnScreenKeyboard", "SignaturePad"]
