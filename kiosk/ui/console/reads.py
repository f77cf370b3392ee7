"""Reads for the console's views, run on the worker thread; an answer that arrives after staff
moved on (or signed out) is dropped, and a failure is one sentence from the catalog."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kiosk.i18n import Msg, msg
from kiosk.services.console import StaffError
from kiosk.ui.jobs import Jobs

log = logging.getLogger(__name__)


class Reads:
    """One view's reads: asking again, or `drop()`, makes every earlier answer unwanted."""

    def __init__(self, jobs: Jobs) -> None:
        self.jobs = jobs
        self._asked = 0

    def run(
        self,
        work: Callable[[], Any],
        arrived: Callable[[Any], None],
        refused: Callable[[Msg], None],
    ) -> None:
        self._asked += 1
        asked = self._asked

        def done(result: Any) -> None:
            if asked == self._asked:
                arrived(result)

        def failed(exc: Exception) -> None:
            if asked != self._asked:
                return
            if isinstance(exc, StaffError):
                refused(exc.text)
            else:
                log.error("a console read failed: %s", type(exc).__name__)
                refused(msg("console.store-failed"))

        self.jobs.run(work, done, failed)

    def drop(self) -> None:
        self._asked += 1
