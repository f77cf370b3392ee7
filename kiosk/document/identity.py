"""The kiosk's signing identity as the config names it: make it at init, load it to seal, check it for doctor."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from kiosk.config import Config, ConfigError
from kiosk.document import keys, seal
from kiosk.document.fonts import check_fonts


class Sources(NamedTuple):
    key_path: Path | None
    cert_path: Path | None
    pkcs12_path: Path | None
    pkcs12_password: bytes | None


def _sources(config: Config) -> Sources:
    """Either the clinic's PKCS#12 file (and its password) or the kiosk's own key and certificate."""
    pkcs12 = config.signing_pkcs12
    if pkcs12:
        return Sources(None, None, pkcs12, config.pkcs12_password())
    return Sources(config.signing_key, config.signing_certificate, None, None)


def ensure_identity(config: Config, now: datetime) -> tuple[str, Path]:
    """Create the kiosk's own key and certificate unless they exist or a PKCS#12 file is configured.

    Returns what happened ("created", "kept" or "clinic's") and the file signing will use.
    """
    if config.signing_pkcs12:
        return "clinic's", config.signing_pkcs12
    key, cert = config.signing_key, config.signing_certificate
    if key.exists() and cert.exists():
        return "kept", key
    if key.exists() or cert.exists():
        missing = cert if key.exists() else key
        raise seal.SealError(
            f"{missing}: is missing while its partner exists; restore it from a backup, or move both aside "
            "and run `kiosk init` to make a new identity."
        )
    keys.create_identity(
        key, cert, clinic=str(config["clinic_name"]), kiosk_id=config.kiosk_id, now=now
    )
    return "created", key


def load_signer(config: Config, now: datetime) -> seal.Signer:
    return keys.load_signer(**_sources(config)._asdict(), now=now)


def identity_checks(config: Config, now: datetime) -> list[tuple[str, bool, str]]:
    """`kiosk doctor`'s lines for the signing identity and the fonts: (name, ok, detail)."""
    lines: list[tuple[str, bool, str]] = []
    try:
        sources = _sources(config)._asdict()
        problems = keys.check_identity(**sources, now=now)
        detail = "; ".join(problems) if problems else keys.describe_identity(**sources)
        lines.append(("signing key", not problems, detail))
    except (seal.SealError, ConfigError) as exc:
        lines.append(("signing key", False, str(exc)))
    font_problems = check_fonts()
    lines.append(
        ("fonts", not font_problems, "; ".join(font_problems) or "all fonts present and readable")
    )
    return lines
