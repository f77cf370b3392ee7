"""Whether the data folder is on an encrypted volume, as far as the kiosk can tell: on Linux, a LUKS
(dm-crypt) device under the folder's file system; on Windows it cannot tell without an
administrator (`manage-bde -status`). `kiosk doctor` warns, never fails, on what it finds."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.files import nearest_existing

ADVICE = "keep the data folder on an encrypted volume (README: At rest)"


@dataclass(frozen=True)
class AtRest:
    encrypted: bool | None
    """True on an encrypted volume, False on one that is not, None when the kiosk cannot tell."""
    detail: str


def at_rest(folder: Path, sys_root: Path = Path("/sys")) -> AtRest:
    """Is `folder` (or the nearest folder above it that exists) on an encrypted volume?"""
    if sys.platform == "win32":  # pragma: no cover - BitLocker's state needs an administrator
        return AtRest(
            None,
            f"cannot tell whether {folder} is on a BitLocker volume; an administrator can check "
            "with `manage-bde -status`",
        )
    try:
        device = os.stat(nearest_existing(folder)).st_dev
    except OSError as exc:
        return AtRest(
            None, f"cannot tell whether {folder} is on an encrypted volume ({exc.strerror})"
        )
    major, minor = os.major(device), os.minor(device)
    block = sys_root / "dev" / "block" / f"{major}:{minor}"
    if major == 0 or not block.exists():  # tmpfs, overlay, btrfs subvolumes, network shares
        return AtRest(
            None,
            f"cannot tell whether {folder} is on an encrypted volume (its file system has no "
            "block device the kiosk can follow)",
        )
    crypt = _crypt_under(block, depth=0)
    name = block.resolve().name
    if crypt is not None:
        return AtRest(True, f"{folder} is on an encrypted volume (LUKS, {crypt})")
    return AtRest(
        False,
        f"{folder} is on {name}, which is not an encrypted volume: a stolen disk would give away "
        f"the patients' records; {ADVICE}",
    )


def _crypt_under(block: Path, depth: int) -> str | None:
    """The dm-crypt device at or below `block` (LVM on LUKS puts one under the other), if any."""
    if depth > 8:
        return None
    try:
        uuid = (block / "dm" / "uuid").read_text(encoding="ascii").strip()
    except OSError:
        uuid = ""
    if uuid.startswith("CRYPT-"):
        return block.resolve().name
    try:
        slaves = sorted((block / "slaves").iterdir())
    except OSError:
        return None
    for slave in slaves:
        found = _crypt_under(slave, depth + 1)
        if found is not None:
            return found
    return None
