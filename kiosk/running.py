"""One kiosk to a data folder, and to a SQLite database: the kiosk holds a lock on its folder (and
on a SQLite file kept elsewhere) while it runs. A second kiosk started on the same folder, or on
the same SQLite file from a folder of its own, would take the first one's patient's briefing,
still under way on its screen, for one a crash left open, and close it as abandoned (reviewers
saw just that, both ways). No Qt."""

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
    """The lock on a data folder, held until `release` (or the process ends, whatever the way); and
    on a SQLite database kept outside it, which a kiosk with another data folder could name."""

    def __init__(self, folder: Path, database: Path | None = None) -> None:
        """`database`: the SQLite file the kiosk runs on (None: PostgreSQL, which serves many)."""
        self.path = folder / LOCK_NAME
        self._fds: list[int] = []
        self._hold(
            folder,
            self.path,
            "Another kiosk (process {other}) is already running on the data folder {place}: "
            "close it first, or give this one a data folder of its own (data_dir).",
        )
        if database is None:
            return
        with self.released_on_error():  # (in the folder too: another folder's kiosk may name it)
            self._hold(
                database.parent,
                database.with_name(f"{database.name}-{LOCK_NAME}"),
                "Another kiosk (process {other}) is already running on the database {place}: "
                "a SQLite database serves one kiosk; give this one a database of its own "
                "(database_url empty: the one in its data folder), or use PostgreSQL for "
                "several kiosks.",
                place=database,
            )

    def _hold(self, folder: Path, path: Path, refusal: str, place: Path | None = None) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:  # a folder the kiosk cannot write: the store says so, naming it
            return
        if fcntl is None:
            os.close(fd)
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            self.release()
            raise StoreError(refusal.format(other=other, place=place or folder)) from None
        except OSError as exc:  # a folder whose file system takes no locks (some network shares)
            os.close(fd)
            log.warning("%s cannot be locked (%s): run one kiosk on it", path.name, exc.strerror)
            return
        self._fds.append(fd)
        try:  # which process holds it, for the sentence a second kiosk says (a full disk: none)
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode("ascii"))
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
        while self._fds:
            os.close(self._fds.pop())  # a lock goes with the last descriptor of its file
