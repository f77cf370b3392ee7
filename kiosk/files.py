"""Files the kiosk must never leave half-written: written beside their place, flushed, then moved in."""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path


def install_file(target: Path, data: bytes, mode: int, *, overwrite: bool) -> None:
    """Write a temporary file beside `target` (O_EXCL, `mode`, fsynced), then move it into place.

    Without `overwrite`, a hard link puts it in place (FileExistsError if `target` exists, atomically);
    only where the file system has no hard links does it fall back to a check and os.replace.
    """
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)  # exactly `mode`, whatever the umask
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                    raise
                if target.exists():
                    raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
                os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(target.parent)


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX; elsewhere there is no directory handle to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def nearest_existing(path: Path) -> Path:
    """`path` itself, or the closest folder above it that exists (to ask about space or rights)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def make_private_dirs(folder: Path) -> None:
    """Make `folder` and its missing parents, each new one with mode 0700 (existing ones untouched).
    NotADirectoryError if `folder` is a file."""
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for new in reversed(missing):
        try:
            new.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(new, 0o700)  # mkdir's mode is filtered by the umask
