"""The patient's PDF, as the kiosk makes it once its first screen is up: drawn in the PDFs' own
process (kiosk.document.drawing), sealed, filed and intact; the kiosk's memory no part of it."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.document.verify import verify_pdf
from kiosk.session import ScreenKind
from kiosk.station import Station
from kiosk.store.models import Document
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, kind, next_, sign_here, walk_to


def test_the_signed_briefings_pdf_is_drawn_in_its_own_process(
    qtbot: QtBot, window: KioskWindow, station: Station, prepared: str
) -> None:
    station.pdfs.start_drawing()  # as the kiosk does once Welcome is painted
    drawing = station.pdfs.drawing
    assert drawing is not None
    child = drawing._next  # (which process draws is what is tested)
    assert child is not None and child.process.pid not in (None, os.getpid())
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    sign_here(qtbot, window)
    with qtbot.waitSignal(window.pdf_finished, timeout=60_000) as finished:
        next_(qtbot, window)
    assert finished.args == [prepared] and kind(window) is ScreenKind.DONE
    assert child.drawn == 1 and child.process.is_alive()  # drawn there, and it waits for the next
    with station.store.reading() as session:
        document = session.scalars(select(Document).where(Document.briefing_id == prepared)).one()
    path = station.config.documents_dir / Path(document.path).name
    verdict = verify_pdf(path.read_bytes(), station.store, name=path.name)
    assert verdict.intact, verdict.message
    station.close()
    assert not child.process.is_alive()  # the kiosk closing ends it
