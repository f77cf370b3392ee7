"""Freed memory given back to the system between patients.

A kiosk runs for months in one process, and each briefing's PDF (reportlab, pyHanko, on a worker
thread) allocates and frees a few megabytes. glibc keeps the freed pages in its heap for later, so
the resident size of the process crept up by about 12 MB over its first hundred briefings, a little
more with each. `give_back` asks glibc to return its whole free pages (`malloc_trim`), once a
session has ended and nobody waits on the screen. Elsewhere (macOS, Windows, musl) it does nothing.

`settle_start`, once the kiosk is ready for patients, leaves what its start made out of Python's
later collections.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from functools import cache

log = logging.getLogger(__name__)


def settle_start() -> None:
    """What the start made and keeps for good (every screen's widgets and their Python wrappers,
    the forms, the catalogs: hundreds of thousands of objects) collected once, then left out of
    every later collection (`gc.freeze`): a full collection walked all of it again, now and then
    in the middle of a patient's tap. What each briefing makes is collected as before."""
    gc.collect()
    gc.freeze()


def give_back() -> bool:
    """Once a session has ended and nobody waits on the screen: its cyclic garbage collected,
    every generation (on the GUI thread, which calls this: during a session `kiosk.ui.collector`
    collects the oldest at most once in ten minutes), then the heap's free pages returned to the
    system; whether any were returned (False where the C library has no `malloc_trim`)."""
    gc.collect()
    trim = _malloc_trim()
    if trim is None:
        return False
    return bool(trim(0))


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here, not at the top: the kiosk imports this module before Welcome is painted

    try:
        function = ctypes.CDLL(None).malloc_trim  # glibc's; musl has none
    except (AttributeError, OSError):
        log.info("memory: this C library cannot give freed memory back (no malloc_trim)")
        return None
    function.argtypes = [ctypes.c_size_t]
    function.restype = ctypes.c_int
    return function
