"""The kiosk's own certificate: made for its key at init and again at renewal, and the earlier ones
kept beside it (never overwritten), so that the PDFs they sealed can still be checked."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeAlias

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

VALID_DAYS = 3650
"""How long the kiosk's own certificate is valid, from `kiosk init` or `kiosk cert renew`."""
KIOSK_OU = "Briefing kiosk"
RENEW = "run `kiosk cert renew` to make a new certificate for the kiosk's key"

PrivateKey: TypeAlias = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def subject(*, clinic: str, kiosk_id: str) -> x509.Name:
    """The name the kiosk gives itself: O the clinic (else "Briefing kiosk"), OU, CN the kiosk id."""
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, clinic.strip() or KIOSK_OU),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, KIOSK_OU),
            x509.NameAttribute(NameOID.COMMON_NAME, kiosk_id.strip()),
        ]
    )


def self_signed(
    key: PrivateKey, *, clinic: str, kiosk_id: str, now: datetime, valid_days: int = VALID_DAYS
) -> x509.Certificate:
    """A self-signed document-signing certificate for `key`, valid from a day before `now`."""
    name = subject(clinic=clinic, kiosk_id=kiosk_id)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # a.k.a. nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def is_self_signed(cert: x509.Certificate) -> bool:
    """Made with its own key (the kiosk's, or `openssl req -x509`), not issued by a clinic's CA."""
    if cert.issuer != cert.subject:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except (InvalidSignature, UnsupportedAlgorithm, ValueError, TypeError):
        return False
    return True


def public_der(cert_or_key: x509.Certificate | PrivateKey) -> bytes:
    public = cert_or_key.public_key()
    return public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _value(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    found = cert.subject.get_attributes_for_oid(oid)
    return str(found[0].value) if found else ""


def names_other(cert: x509.Certificate, *, clinic: str, kiosk_id: str) -> str | None:
    """For `kiosk doctor`: why the kiosk's own certificate no longer names the clinic and kiosk the
    settings give (set after `kiosk init` made it), or None if it does."""
    wanted = subject(clinic=clinic, kiosk_id=kiosk_id)
    has_cn, has_o = _value(cert, NameOID.COMMON_NAME), _value(cert, NameOID.ORGANIZATION_NAME)
    want_cn = str(wanted.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)
    want_o = str(wanted.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value)
    if (has_cn, has_o) == (want_cn, want_o):
        return None
    return (
        f'the certificate names kiosk "{has_cn}" of "{has_o}", but the settings say kiosk_id '
        f'"{want_cn}" and clinic_name "{clinic.strip()}"; run `kiosk cert renew` to make one '
        "that matches (the PDFs sealed so far keep the old name)"
    )


def kept_path(cert_path: Path, cert: x509.Certificate, data: bytes) -> Path:
    """Where an earlier certificate is kept: beside the current one, named for its last valid day
    (keys/kiosk-cert-2036-05-01.pem); a file of that name holding other bytes is never replaced."""
    day = f"{cert.not_valid_after_utc:%Y-%m-%d}"
    candidate = cert_path.with_name(f"{cert_path.stem}-{day}{cert_path.suffix}")
    n = 1
    while candidate.exists() and candidate.read_bytes() != data:
        n += 1
        candidate = cert_path.with_name(f"{cert_path.stem}-{day}-{n}{cert_path.suffix}")
    return candidate


def earlier(cert_path: Path, key: PrivateKey) -> list[tuple[Path, x509.Certificate]]:
    """The earlier certificates of `key` kept beside `cert_path` (its name with a suffix, as
    `kiosk cert renew` keeps them), the newest first; files that are no such certificate are skipped."""
    mine = public_der(key)
    found: list[tuple[Path, x509.Certificate]] = []
    try:
        files = sorted(cert_path.parent.glob(f"{cert_path.stem}-*{cert_path.suffix}"))
    except OSError:
        return []
    for path in files:
        try:
            certs = x509.load_pem_x509_certificates(path.read_bytes())
        except (OSError, ValueError):
            continue
        found += [(path, cert) for cert in certs[:1] if public_der(cert) == mine]
    return sorted(found, key=lambda pair: pair[1].not_valid_after_utc, reverse=True)


def describe(cert: x509.Certificate) -> str:
    """A certificate in one line: its subject's CN and O, and its last valid day (UTC)."""
    parts = [
        f"{label}={attribute.value!s}"
        for label, oid in (("CN", NameOID.COMMON_NAME), ("O", NameOID.ORGANIZATION_NAME))
        for attribute in cert.subject.get_attributes_for_oid(oid)
    ]
    parts.append(f"valid until {cert.not_valid_after_utc:%Y-%m-%d}")
    return ", ".join(parts)
