"""The kiosk's signing identity as the config names it: make it at init, load it to seal, check it
for doctor, renew its certificate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from kiosk.config import Config, ConfigError
from kiosk.document import certificate, keys, seal
from kiosk.document.fonts import check_fonts
from kiosk.files import install_file


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
        if key.exists():  # the key is what matters (the audit checkpoint is signed with it)
            raise seal.SealError(
                f"{cert}: is missing while its key exists; restore it from a backup, or "
                f"{certificate.RENEW}."
            )
        raise seal.SealError(
            f"{key}: is missing while its certificate exists; restore it from a backup, or move "
            "both aside and run `kiosk init` to make a new identity."
        )
    keys.create_identity(
        key, cert, clinic=str(config["clinic_name"]), kiosk_id=config.kiosk_id, now=now
    )
    return "created", key


def load_signer(config: Config, now: datetime) -> seal.Signer:
    return keys.load_signer(**_sources(config)._asdict(), now=now)


def identity_checks(config: Config, now: datetime) -> list[tuple[str, bool, str, bool]]:
    """`kiosk doctor`'s lines for the signing identity and the fonts: (name, ok, detail, warning).

    The kiosk's own certificate that no longer names the clinic and kiosk of the settings is a
    warning: it still seals, but under the old name until `kiosk cert renew`."""
    lines: list[tuple[str, bool, str, bool]] = []
    try:
        sources = _sources(config)._asdict()
        problems = keys.check_identity(**sources, now=now)
        detail = "; ".join(problems) if problems else keys.describe_identity(**sources)
        renamed = _renamed(config)
        if renamed is not None:
            detail = f"{detail}; {renamed}"
        lines.append(("signing key", not problems, detail, renamed is not None))
    except (seal.SealError, ConfigError) as exc:
        lines.append(("signing key", False, str(exc), False))
    font_problems = check_fonts()
    lines.append(
        (
            "fonts",
            not font_problems,
            "; ".join(font_problems) or "all fonts present and readable",
            False,
        )
    )
    return lines


def _renamed(config: Config) -> str | None:
    """Why the kiosk's own certificate no longer names the settings' clinic and kiosk, or None (also
    for a clinic's certificate, whose name is the clinic's business, or one that cannot be read)."""
    if config.signing_pkcs12:
        return None
    try:
        cert = x509.load_pem_x509_certificate(config.signing_certificate.read_bytes())
    except (OSError, ValueError):
        return None  # the check above has said why
    if not certificate.is_self_signed(cert):
        return None
    return certificate.names_other(
        cert, clinic=str(config["clinic_name"]), kiosk_id=config.kiosk_id
    )


@dataclass(frozen=True)
class Renewal:
    path: Path
    """The certificate file, now holding `new`."""
    new: x509.Certificate
    old: x509.Certificate | None
    """None when there was no certificate file."""
    kept: Path | None
    """Where `old` is kept (never overwritten), None when there was none."""


def renew_certificate(config: Config, now: datetime) -> Renewal:
    """`kiosk cert renew`: a new self-signed certificate for the kiosk's same key (so the audit
    checkpoint it signed stays valid), named from the current settings, valid as long as `kiosk
    init` makes it; the old one is kept beside it. SealError, one sentence, for a clinic's
    certificate (only the clinic can renew it) or files that cannot be read or written."""
    if config.signing_pkcs12:
        raise seal.SealError(
            f"The kiosk seals with the clinic's PKCS#12 file {config.signing_pkcs12} "
            "(signing_pkcs12), which only the clinic can renew: ask it for a new one and put it "
            "in place of the old."
        )
    cert_path = config.signing_certificate
    key, old = keys.read_own(config.signing_key, cert_path)
    if old is not None and not certificate.is_self_signed(old):
        raise seal.SealError(
            f"The certificate {cert_path} (signing_certificate) was issued by "
            f"{old.issuer.rfc4514_string()}, not made by this kiosk, so only its issuer can renew "
            "it: ask the clinic for a new certificate for this kiosk's key and put it in place of "
            "the old."
        )
    new = certificate.self_signed(
        key, clinic=str(config["clinic_name"]), kiosk_id=config.kiosk_id, now=now
    )
    kept = None
    try:
        if old is not None:
            data = cert_path.read_bytes()
            kept = certificate.kept_path(cert_path, old, data)
            if not kept.exists():  # the same bytes kept already (renewed twice)
                install_file(kept, data, 0o644, overwrite=False)
        install_file(cert_path, new.public_bytes(serialization.Encoding.PEM), 0o644, overwrite=True)
    except OSError as exc:
        raise seal.SealError(
            f"The new certificate could not be written to {cert_path.parent} "
            f"({exc.strerror or exc}); the old one is unchanged: check that the folder is writable."
        ) from None
    return Renewal(cert_path, new, old, kept)


def certificates_of_key(config: Config) -> list[tuple[Path, x509.Certificate]]:
    """The kiosk's own earlier certificates kept beside its current one (made for the same key),
    newest first; none for a PKCS#12 file or a key that cannot be read."""
    if config.signing_pkcs12:
        return []
    try:
        key, _ = keys.read_own(config.signing_key, config.signing_certificate)
    except seal.SealError:
        return []
    return certificate.earlier(config.signing_certificate, key)
