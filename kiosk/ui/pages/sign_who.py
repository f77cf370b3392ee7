"""Who signs and when, in the line over the signature: the name, the date and the time, kept
whole and each read in its own direction."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QBoxLayout, QLabel

from kiosk.i18n import Words, isolated
from kiosk.ui.widgets.keys import set_flag

Who = tuple[Words, str, datetime | None]
"""The words to say it in, who signs, and when (None: no time to say)."""


def say_who(who: QLabel, said: Who | None, room: int, whole: int, *, beside: bool) -> None:
    """Who signs and when, in `who`. The date and time stay on one line (broken, they misread:
    "6 de / diciembre de 2026, / 4:50 a.m."), as long as that line is no wider than its place
    (`room`): the screen above the statement (portrait), half the page beside it (`beside`).
    Wider (Larger text, a long month, a later hour), it is said in the body's type (beside the
    statement); wider still, the time stands under the date. Beside the statement, a wider line had
    taken the statement's room: four lines of it left, and "There is more below" cut. Wider than
    `whole` with the name, the name stands over the date and time. Each part isolated (FSI ...
    PDI): a Latin name beside an Arabic date pulled the date's day over to the name."""
    if said is None:
        who.setText("")
        return
    words, person, moment = said
    when = ""
    if moment is not None:

        def unbroken(text: str) -> str:
            return text.replace(" ", "\u00a0")

        local = moment.astimezone()  # the kiosk's own time, as the PDF gives it (not UTC)
        date, time = words.date(local.date()), words.time(local.time())
        when = unbroken(words("format.date-time", date=date, time=time))
        if room > 0 and who.fontMetrics().horizontalAdvance(when) > room:
            if beside:
                set_flag(who, "role", "")
            if who.fontMetrics().horizontalAdvance(when) > room:
                when = words("format.date-time", date=unbroken(date), time=unbroken(time))
    timed, name, when = bool(when), isolated(person), isolated(when)
    line = words("sign.who", name=name, when=when)
    if timed and whole > 0 and who.fontMetrics().horizontalAdvance(line) > whole:
        line = words("sign.who-lines", name=name, when=when)  # no "·" left at a line's end
    who.setText(line)


def who_room(who: QLabel, split: QBoxLayout, page_width: int) -> int:
    """How wide the line of who signs and when may be (0: not laid out yet): the page's across,
    over the statement (portrait); half of it, beside the statement."""
    if split.direction() is QBoxLayout.Direction.TopToBottom:
        return who.contentsRect().width()
    margins = who.contentsMargins()
    half = (page_width - split.spacing()) // 2
    return max(0, half - margins.left() - margins.right())
