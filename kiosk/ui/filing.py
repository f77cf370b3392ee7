"""Filing a signed briefing: its PDF made and sealed on the worker thread, once the done screen is
on screen, and the outcome told to the screen model (and to whoever listens: tests, benchmarks);
then, where the clinic offers it, “Print my copy” printing that PDF for the patient."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.i18n import msg
from kiosk.session.view import Copy, Filing
from kiosk.ui.jobs import Jobs
from kiosk.ui.paint import after_paint

if TYPE_CHECKING:
    from kiosk.document.make import Made
    from kiosk.session.screen import ScreenModel
    from kiosk.station import Station

log = logging.getLogger(__name__)

PDF_START_LATEST_MS = 250
"""The PDF starts once the done screen is painted, or after this long if no paint comes first."""


class Filer(QObject):
    """Makes each signed briefing's PDF once, off the screen's thread."""

    finished = Signal(str)
    """A briefing's PDF was made (its id)."""
    failed = Signal(str, str)
    """A briefing's PDF could not be made (its id, a sentence for staff); the briefing is saved."""

    def __init__(self, jobs: Jobs, station: Station, model: ScreenModel, parent: QObject) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._make: Callable[[str], Made] = station.make_pdf
        self._print: Callable[[str], None] | None = (
            station.print_copy if station.config["patient_copy"] else None
        )
        """Prints the patient's copy; None when the clinic does not offer it."""
        self._model = model
        self._last: str | None = None
        self._waiting: list[str] = []
        model.events.print_copy.connect(self.print_copy)

    def file_after_paint(self, briefing_id: str, screen: QWidget) -> None:
        """The briefing was signed and its done screen is being drawn: make its PDF once that screen
        is painted (made at once, its work on the worker would share the interpreter with that
        paint and hold the patient's screen back)."""
        if self._wait(briefing_id):
            after_paint(screen, self.start, PDF_START_LATEST_MS)

    def file_now(self, briefing_id: str) -> None:
        """Make the briefing's PDF at once: staff close the kiosk on a step after the signature
        (the PDF then says who did not sign), rather than at the kiosk's next start."""
        if self._wait(briefing_id):
            self.start()

    def _wait(self, briefing_id: str) -> bool:
        """Whether the briefing is new to filing (it is then waiting for `start`)."""
        if briefing_id == self._last:
            return False
        self._last = briefing_id
        log.info("briefing %s: signed and completed", briefing_id)
        self._waiting.append(briefing_id)
        return True

    def start(self) -> None:
        """Make the waiting PDFs on the worker thread, each once."""
        waiting, self._waiting = self._waiting, []
        for briefing_id in waiting:
            self._jobs.run(
                partial(self._make, briefing_id),
                self._made,
                partial(self._not_made, briefing_id),
            )

    def _made(self, made: Made) -> None:
        log.info("briefing %s: PDF made", made.briefing_id)
        self._model.filed(made.briefing_id, Filing.MADE)
        if self._print is not None:
            self._model.copied(made.briefing_id, Copy.OFFERED)
        self.finished.emit(made.briefing_id)

    def print_copy(self) -> None:
        """“Print my copy”: the briefing on the done screen printed on the worker thread, once at a
        time; its state told to the screen model (a failure: ask a staff member)."""
        b, model, send = self._model.briefing, self._model, self._print
        if b is None or send is None or model.view.copy not in (Copy.OFFERED, Copy.FAILED):
            return
        briefing_id = b.briefing_id
        model.copied(briefing_id, Copy.PRINTING)

        def failed(exc: Exception) -> None:
            log.warning("briefing %s: the patient's copy was not printed: %s", briefing_id, exc)
            model.copied(briefing_id, Copy.FAILED)

        self._jobs.run(
            partial(send, briefing_id), lambda _: model.copied(briefing_id, Copy.PRINTED), failed
        )

    def _not_made(self, briefing_id: str, exc: Exception) -> None:
        from kiosk.document.make import DocumentError

        if isinstance(exc, DocumentError):
            problem = exc
        else:
            log.error("briefing %s: PDF failed unexpectedly: %s", briefing_id, type(exc).__name__)
            problem = DocumentError(
                "problem.pdf-failed", briefing=briefing_id, reason=type(exc).__name__
            )
        log.warning("briefing %s: PDF pending", briefing_id)
        self._model.filed(briefing_id, Filing.PENDING, msg("done.for-staff", reason=problem.text))
        self.failed.emit(briefing_id, str(problem))
