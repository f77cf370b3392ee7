"""One kiosk to a data folder: the kiosk holds a lock on its folder while it runs. A second kiosk
started on the same folder would take the first one's patient's briefing, still under way on its
screen, for one a crash left open, and close it as abandoned (a reviewer saw just that). No Qt."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.store.database import StoreError

LOCK_NAME = "kiosk.lock"

log = logging.getLogger(__name__)

try:
    import fcntl
except ImportError:  # not POSIX: no lock, as before
    fcntl = None  # type: ignore[assignment]


class Running:
    """The lock on a data folder, held until `release` (or the process ends, whatever the way)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._fd: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:  # a folder the kiosk cannot write: the store says so, naming it
            self._fd = None
            return
        if fcntl is None:
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.read(self._fd, 32).decode("ascii", "replace").strip() or "unknown"
            self.release()
            raise StoreError(
                f"Another kiosk (process {other}) is already running on the data folder {folder}: "
                "close it first, or give this one a data folder of its own (data_dir)."
            ) from None
        except OSError as exc:  # a folder whose file system takes no locks (some network shares)
            log.warning("the data folder cannot be locked (%s): run one kiosk on it", exc.strerror)
            return
        try:  # which process holds it, for the sentence a second kiosk says (a full disk: none)
            os.ftruncate(self._fd, 0)
            os.write(self._fd, str(os.getpid()).encode("ascii"))
        except OSError:
            pass

    @contextmanager
    def released_on_error(self) -> Iterator[None]:
        """Around the start: should it fail, the lock goes with it."""
        try:
            yield
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # the lock goes with the last descriptor of the file
            self._fd = None
