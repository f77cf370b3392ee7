"""`kiosk doctor`'s at-rest line: the data folder on a LUKS volume, on a plain disk (a warning, not a
failure), or where the kiosk cannot tell; read from a /sys tree laid out as Linux lays it out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.store.atrest import at_rest

pytestmark = pytest.mark.skipif(os.name == "nt", reason="Linux's /sys")


def _sys(tmp_path: Path, folder: Path, devices: dict[str, tuple[str, list[str]]], top: str) -> Path:
    """A /sys whose block devices are `devices` (name: (dm uuid or "", slaves)), the folder's
    device (its real major:minor) being `top`."""
    root = tmp_path / "sys"
    virtual = root / "devices" / "virtual" / "block"
    for name, (uuid, _) in devices.items():
        device = virtual / name
        (device / "slaves").mkdir(parents=True)
        if uuid:
            (device / "dm").mkdir()
            (device / "dm" / "uuid").write_text(uuid + "\n")
    for name, (_, slaves) in devices.items():
        for slave in slaves:
            (virtual / name / "slaves" / slave).symlink_to(virtual / slave)
    st = os.stat(folder)
    (root / "dev" / "block").mkdir(parents=True)
    number = f"{os.major(st.st_dev)}:{os.minor(st.st_dev)}"
    (root / "dev" / "block" / number).symlink_to(virtual / top)
    return root


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    if os.major(os.stat(tmp_path).st_dev) == 0:
        pytest.skip("the test folder is on a file system without a block device")
    return tmp_path


def test_luks_under_lvm_is_encrypted(folder: Path, tmp_path: Path) -> None:
    root = _sys(
        tmp_path,
        folder,
        {"dm-1": ("LVM-abc", ["dm-0"]), "dm-0": ("CRYPT-LUKS2-1234-luks", ["sda3"]),
         "sda3": ("", [])},
        "dm-1",
    )  # fmt: skip
    found = at_rest(folder / "not-yet-made", root)
    assert found.encrypted is True
    assert found.detail == f"{folder / 'not-yet-made'} is on an encrypted volume (LUKS, dm-0)"


def test_a_plain_partition_is_said(folder: Path, tmp_path: Path) -> None:
    root = _sys(tmp_path, folder, {"sda2": ("", [])}, "sda2")
    found = at_rest(folder, root)
    assert found.encrypted is False
    assert found.detail.startswith(f"{folder} is on sda2, which is not an encrypted volume")
    assert found.detail.endswith("keep the data folder on an encrypted volume (README: At rest)")


def test_lvm_without_luks_is_not_encrypted(folder: Path, tmp_path: Path) -> None:
    root = _sys(tmp_path, folder, {"dm-0": ("LVM-xyz", ["sda2"]), "sda2": ("", [])}, "dm-0")
    assert at_rest(folder, root).encrypted is False


def test_no_block_device_cannot_be_told(tmp_path: Path) -> None:
    found = at_rest(tmp_path, tmp_path / "no-sys")
    assert found.encrypted is None
    assert found.detail.startswith(f"cannot tell whether {tmp_path} is on an encrypted volume")
