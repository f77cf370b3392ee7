"""A kiosk's PDFs, one at a time: each drawn in a process of its own once that process is started
(kiosk.document.drawing), filed and recorded by `make_document`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from kiosk.content.schema import Form
from kiosk.document.drawing import DrawingProcess, draw_here
from kiosk.document.make import DocumentError, Made, make_document
from kiosk.document.seal import Signer
from kiosk.store.database import Store


class PdfMaker:
    """Makes and seals a signed briefing's PDF, one at a time (safe from a worker thread)."""

    def __init__(
        self,
        store: Store,
        forms: Mapping[str, Form],
        translations: Mapping[str, Mapping[str, Form]],
        now: Callable[[], datetime],
        signer: Signer | None,
        signer_problem: str | None,
        *,
        folder: Path,
        checkpoint: Path,
        clinic: str,
    ) -> None:
        self._store, self._forms, self._translations = store, forms, translations
        self._now = now
        self.signer, self.signer_problem = signer, signer_problem
        self._folder, self._checkpoint, self._clinic = folder, checkpoint, clinic
        self._lock = threading.Lock()
        self.drawing: DrawingProcess | None = None
        """The PDFs' own process, once `start_drawing` started it; until then, drawn here."""

    def start_drawing(self) -> None:
        """Draw every PDF from now on in a process of its own (its start takes about a second:
        call it on a worker thread once the first screen is painted)."""
        if self.drawing is None:
            translated = (f for t in self._translations.values() for f in t.values())
            self.drawing = DrawingProcess([*self._forms.values(), *translated], self.signer)
        self.drawing.start()

    def make(self, briefing_id: str, first: Callable[[], None] | None = None) -> Made:
        """Make, seal and file the briefing's PDF; `first` runs under the same lock before (a check
        that raises). DocumentError (one sentence for staff) if it cannot be made."""
        with self._lock:
            if first is not None:
                first()
            if self.signer is None:
                raise DocumentError("problem.no-signing-key", reason=self.signer_problem)
            return make_document(
                self._store,
                briefing_id,
                self._forms,
                self.signer,
                self._folder,
                self._now(),
                translations=self._translations,
                checkpoint=self._checkpoint,
                clinic=self._clinic,
                draw=self.drawing.draw if self.drawing is not None else draw_here,
            )

    def close(self) -> None:
        if self.drawing is not None:
            self.drawing.close()
