"""Where the kiosk finds what it ships with: procedure forms and assets, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """The folder `name` as installed in the wheel, else the one beside the package in a source checkout."""
    installed = _PACKAGE / "_bundled" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def bundled_forms_dir() -> Path:
    return _shipped("forms")


def assets_dir() -> Path:
    return _shipped("assets")
