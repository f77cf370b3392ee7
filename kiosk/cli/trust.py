"""The certificates of kiosks whose seals `kiosk verify` accepts without a store: the files of the
`trust` setting or of `--trust`. A file that cannot be used is named in one sentence, with the
setting when it came from the settings file, so `kiosk doctor` and `kiosk verify` say the same."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.document.errors import SealError

if TYPE_CHECKING:
    from kiosk.config import Config


def _fingerprints(path: Path) -> set[str]:
    """The SHA-256 of each certificate in one PEM file; OSError or ValueError when it is no use."""
    from cryptography import x509

    from kiosk.store.checkpoint import fingerprint

    return {fingerprint(cert) for cert in x509.load_pem_x509_certificates(path.read_bytes())}


def _setting_problem(path: Path, exc: Exception) -> str:
    """What is wrong with a file the `trust` setting names, as "trust: …" without the full stop."""
    if isinstance(exc, OSError):
        return (
            f"trust: {path} cannot be read ({exc.strerror}); correct the path in the trust "
            "setting or take it out"
        )
    return f"trust: {path} is not a PEM certificate; use the file `kiosk cert show --pem` prints"


def _trusted(paths: Sequence[Path], refused: Callable[[Path, Exception], str]) -> frozenset[str]:
    """The fingerprints in these files; SealError saying `refused(file, why)` of the first one
    it cannot use."""
    found: set[str] = set()
    for path in paths:
        try:
            found |= _fingerprints(path)
        except (OSError, ValueError) as exc:
            raise SealError(refused(path, exc)) from None
    return frozenset(found)


def _option_problem(path: Path, exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"{path}: the trust file cannot be read ({exc.strerror}); check the path."
    return f"{path}: is not a PEM certificate; use the file `kiosk cert show --pem` prints."


def trusted_by_option(paths: Sequence[Path]) -> frozenset[str]:
    """The fingerprints in the `--trust` files; SealError naming the first file it cannot use."""
    return _trusted(paths, _option_problem)


def trusted_by_setting(config: Config) -> frozenset[str]:
    """The fingerprints in the `trust` setting's files; SealError naming the settings file, the
    setting and the first file it cannot use."""
    return _trusted(
        setting_paths(config), lambda path, exc: f"{config.path}: {_setting_problem(path, exc)}."
    )


def setting_paths(config: Config) -> list[Path]:
    """The `trust` setting's files (absolute, as the setting's check makes sure; ~ expanded)."""
    return [Path(p).expanduser() for p in config["trust"]]


def trust_problems(config: Config) -> list[str]:
    """`kiosk doctor`'s words for every file of the `trust` setting `kiosk verify` could not use,
    each "trust: …" without the full stop (the config line names the settings file)."""
    problems = []
    for path in setting_paths(config):
        try:
            _fingerprints(path)
        except (OSError, ValueError) as exc:
            problems.append(_setting_problem(path, exc))
    return problems
