"""The kiosk's log: a rotated file in the data folder, with briefing ids and never a patient's details.

What may be logged: versions, the kiosk id, the kind of database, briefing ids, counts, file paths
and the sentences of the kiosk's own errors. What never is: names, dates of birth, MRNs, PINs,
signatures, database passwords, or the message of an unexpected exception (a database error
quotes the values it was given), so a crash is logged as its type and traceback only.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

LOGGER = "kiosk"
"""Every module logs under this name (`logging.getLogger(__name__)` inside the kiosk package)."""
FILE_NAME = "kiosk.log"
"""The touchscreen's log. It keeps the file open for its whole run, so it has the file to itself."""
COMMANDS_FILE_NAME = "commands.log"
"""The `kiosk` commands' log (init, doctor, backup, exports…): a file of their own, so a command run
beside a running kiosk never rotates the file under it (which Windows refuses)."""
MAX_BYTES = 1024 * 1024
"""A log file is rotated at this size; kiosk.log.1 … kiosk.log.5 are kept, the oldest dropped."""
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger(__name__)


def log_folder(data_dir: Path) -> Path:
    return data_dir / "logs"


class Formatter(logging.Formatter):
    """Times in ISO 8601 with the UTC offset of this machine's zone: 2026-11-23T09:41:07.512+01:00."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created).astimezone()
        return moment.isoformat(timespec="milliseconds")


class _LogFile(RotatingFileHandler):
    """The rotated file, owner-only (0600) in an owner-only folder (0700), opened when first written.

    When it cannot be written (a folder that is missing or not writable, a full disk) the OSError
    goes to `on_error` with the record instead of a traceback on stderr.
    """

    def __init__(
        self, path: Path, on_error: Callable[[OSError, logging.LogRecord], None], max_bytes: int
    ) -> None:
        super().__init__(
            path, maxBytes=max_bytes, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
        self._on_error = on_error

    def _open(self) -> io.TextIOWrapper:
        Path(self.baseFilename).parent.mkdir(mode=0o700, exist_ok=True)
        stream = open(  # noqa: SIM115 - the handler keeps the stream and closes it
            self.baseFilename,
            self.mode,
            encoding=self.encoding,
            errors=self.errors,
            opener=lambda path, flags: os.open(path, flags, 0o600),
        )
        assert isinstance(stream, io.TextIOWrapper)
        return stream

    def handleError(self, record: logging.LogRecord) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):
            if self.stream is not None:  # a rotation failed half-way: start afresh on the next line
                stream, self.stream = self.stream, None
                with contextlib.suppress(OSError):
                    stream.close()
            self._on_error(exc, record)
        else:
            super().handleError(record)


class Logging:
    """The kiosk's log as `start_logging` set it up; `close()` puts the logger back as it was."""

    def __init__(self, folder: Path, file_name: str, console: TextIO | None) -> None:
        self.folder = folder
        self.path = folder / file_name
        self.console = console
        self.problem: str | None = None
        """The sentence said on the console when the file could not be written (the touchscreen)."""
        self.handlers: list[logging.Handler] = []
        self._fallback: logging.Handler | None = None
        self._level = logging.NOTSET

    def _attach(self, handler: logging.Handler, level: str | int) -> None:
        logger = _logger()
        self._level = logger.level
        self.handlers = [handler]
        logger.addHandler(handler)
        logger.setLevel(level)

    def _file_failed(self, exc: OSError, record: logging.LogRecord | None) -> None:
        """A line could not be written to the file: a command drops it; the touchscreen says so
        once and writes it to the console. The file is tried again at the next line."""
        if self.console is None:
            return
        if self._fallback is None:
            why = (
                "it is a file, not a folder" if self.folder.is_file() else exc.strerror or str(exc)
            )
            self.problem = (
                f"kiosk: the log cannot be written in {self.folder} ({why}); it goes to the "
                "console (stderr) instead until the kiosk's user can write there."
            )
            print(self.problem, file=self.console, flush=True)
            self._fallback = logging.StreamHandler(self.console)
            self._fallback.setFormatter(Formatter(FORMAT))
        if record is not None:
            self._fallback.handle(record)

    def close(self) -> None:
        logger = _logger()
        for handler in self.handlers:
            logger.removeHandler(handler)
            handler.close()
        self.handlers = []
        logger.setLevel(self._level)


def _logger() -> logging.Logger:
    return logging.getLogger(LOGGER)


def start_logging(
    data_dir: Path,
    level: str,
    *,
    console: TextIO | None = None,
    file_name: str = FILE_NAME,
    max_bytes: int = MAX_BYTES,
) -> Logging:
    """Send the kiosk's log lines at `level` and above to `<data_dir>/logs/<file_name>`, rotated.

    The kiosk never stops for its log. The touchscreen passes `console` (stderr): the folder is
    made and the file opened now, and when that fails (or writing does later) one sentence naming
    the folder goes to the console, then the lines themselves. A command passes none: its file is
    opened at its first line (so `kiosk init` logs once it has made the data folder), no folder
    above `logs` is ever made, and a line that cannot be written is dropped, so the console shows
    exactly what it did before.
    """
    folder = log_folder(data_dir)
    setup = Logging(folder, file_name, console)
    handler = _LogFile(setup.path, setup._file_failed, max_bytes)
    handler.setFormatter(Formatter(FORMAT))
    setup._attach(handler, level)
    if console is not None:
        try:
            data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # patient records: owner only
            handler.acquire()
            try:
                handler.stream = handler._open()
            finally:
                handler.release()
        except OSError as exc:
            setup._file_failed(exc, None)
    return setup


def without_log() -> Logging:
    """No log at all for a while (a command whose config cannot be read): the kiosk's lines are
    dropped rather than reaching Python's last-resort printing on stderr."""
    setup = Logging(Path(), FILE_NAME, None)
    setup._attach(logging.NullHandler(), _logger().level)
    return setup


# -- crashes ---------------------------------------------------------------------------------


def crash_report(exc: BaseException) -> str:
    """The exception's traceback (and those that led to it), with each exception's type but not its message."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    parts = []
    for item in reversed(chain):
        kind = type(item)
        parts.append(
            "Traceback (most recent call last):\n"
            + "".join(traceback.format_tb(item.__traceback__))
            + f"{kind.__module__}.{kind.__qualname__} (its message is not logged: it may hold personal details)"
        )
    return "\n\nwhich led to:\n\n".join(parts)


def install_crash_hooks(setup: Logging) -> Callable[[], None]:
    """Log every unhandled exception (the main thread, a Qt slot, any other thread) with its traceback.

    Python's own report is not printed: it quotes the exception's message, and the console of a
    kiosk started by systemd is kept in the journal. The console gets one line saying where the
    traceback is. Returns a function that puts the previous hooks back.
    """
    previous_sys, previous_thread = sys.excepthook, threading.excepthook

    def tell(kind: type[BaseException]) -> None:
        if setup.console is not None and setup.problem is None:
            print(
                f"kiosk: unexpected {kind.__name__}; its traceback is in {setup.path}",
                file=setup.console,
                flush=True,
            )

    def on_crash(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous_sys(kind, exc, tb)
            return
        log.critical("unhandled %s\n%s", kind.__name__, crash_report(exc.with_traceback(tb)))
        tell(kind)

    def on_thread_crash(args: Any) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        log.critical(
            "unhandled %s in %s\n%s",
            args.exc_type.__name__,
            name,
            crash_report(args.exc_value.with_traceback(args.exc_traceback)),
        )
        tell(args.exc_type)

    sys.excepthook = on_crash
    threading.excepthook = on_thread_crash

    def restore() -> None:
        sys.excepthook, threading.excepthook = previous_sys, previous_thread

    return restore
