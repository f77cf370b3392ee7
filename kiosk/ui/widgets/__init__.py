"""Touch widgets the screens are built from: the date keypad (`keypad.DateKeypad`), the name
keyboard (`keyboard.OnScreenKeyboard`) and the signature pad (`signature_pad.SignaturePad`).

Import each from its module: importing this package imports none of them, so a screen that needs
one helper (the key glyphs, say) does not load every widget before Welcome is painted."""
