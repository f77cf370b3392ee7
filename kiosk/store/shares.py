"""Whether a folder is on a network file system, where SQLite's locking is unsafe."""

from __future__ import annotations

import sys
from pathlib import Path

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "9p",
        "afs",
        "ncpfs",
        "fuse.sshfs",
        "davfs",
        "fuse.davfs2",
        "glusterfs",
        "ceph",
    }
)


def on_network_share(path: Path) -> bool:
    """True if the folder holding `path` is on a network file system (where SQLite locking is unsafe)."""
    folder = path.resolve().parent
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows kiosks
        return _windows_remote(folder)
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:  # pragma: no cover - not Linux
        return False
    best, fstype = "", ""
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = str(folder) == mount_point or str(folder).startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, fstype = mount_point, fields[2]
    return fstype in NETWORK_FILESYSTEMS


def _windows_remote(folder: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    text_path = str(folder)
    if text_path.startswith("\\\\"):
        return True
    drive_remote = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(folder.drive + "\\") == drive_remote)  # type: ignore[attr-defined]
