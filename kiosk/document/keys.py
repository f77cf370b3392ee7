"""The kiosk's signing identity: make a key and self-signed certificate, load it (or a clinic's PKCS#12), check it."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeAlias

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from kiosk.document import certificate
from kiosk.document.seal import SealError, Signer
from kiosk.files import install_file, make_private_dirs

EXPIRY_WARNING = timedelta(days=30)

_PrivateKey: TypeAlias = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


# --- creating an identity ---------------------------------------------------------------------


def create_identity(
    key_path: Path,
    cert_path: Path,
    *,
    clinic: str,
    kiosk_id: str,
    now: datetime,
    valid_days: int = certificate.VALID_DAYS,
) -> None:
    """A new EC P-256 key (PEM PKCS#8, mode 0600) and a self-signed certificate for it (PEM, 0644).

    An existing key is never overwritten (SealError). Missing folders are made with mode 0700. Each
    file is written to a temporary file beside it (O_EXCL, fsynced) and then moved into place; the
    key is linked into place first, so that it can never replace a key that appeared meanwhile.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if not kiosk_id.strip():
        raise SealError("The kiosk id is empty; set it before creating the signing identity.")
    if valid_days < 1:
        raise SealError(f"The certificate must be valid for at least one day, not {valid_days}.")
    if key_path.exists():
        raise SealError(_key_exists(key_path))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = certificate.self_signed(
        key, clinic=clinic, kiosk_id=kiosk_id, now=now, valid_days=valid_days
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),  # protected by the file's mode, not by a passphrase
    )
    try:
        make_private_dirs(key_path.parent)
        make_private_dirs(cert_path.parent)
        install_file(key_path, key_pem, 0o600, overwrite=False)
        install_file(
            cert_path, cert.public_bytes(serialization.Encoding.PEM), 0o644, overwrite=True
        )
    except FileExistsError:
        raise SealError(_key_exists(key_path)) from None
    except OSError as exc:
        raise SealError(
            f"The signing identity could not be written to {key_path} and {cert_path} "
            f"({exc.strerror or exc}); check that the folder is writable."
        ) from exc


def _key_exists(key_path: Path) -> str:
    return (
        f"The signing key {key_path} already exists; the kiosk never overwrites a key, "
        "so move it away first if you really mean to replace it."
    )


# --- loading and checking an identity ---------------------------------------------------------


@dataclass(frozen=True)
class _Material:
    key: _PrivateKey
    cert: x509.Certificate
    extra_certs: tuple[x509.Certificate, ...]
    key_where: str
    """How messages name the key's source: "The signing key /x (signing_key)"."""
    cert_where: str
    from_pkcs12: bool = False

    @property
    def advice(self) -> str:
        """What to do about a certificate that is out of date: who can make a new one."""
        if self.from_pkcs12:
            return "ask the clinic for a new PKCS#12 file (signing_pkcs12)"
        if certificate.is_self_signed(self.cert):
            return certificate.RENEW
        return "ask the clinic for a new certificate for this key and put it at signing_certificate"


def _read(path: Path, setting: str, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SealError(
            f"The {what} {path} ({setting}) does not exist; "
            + (
                f"restore it from a backup, or {certificate.RENEW}."
                if setting == "signing_certificate"
                else f"create the kiosk's signing identity or correct {setting}."
            )
        ) from None
    except IsADirectoryError:
        raise SealError(f"The {what} {path} ({setting}) is a folder; correct {setting}.") from None
    except OSError as exc:
        raise SealError(
            f"The {what} {path} ({setting}) cannot be read ({exc.strerror or exc}); "
            "check its owner and permissions."
        ) from None


def _supported_key(key: object, where: str) -> _PrivateKey:
    if isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        return key
    raise SealError(f"{where} holds a {type(key).__name__}; the kiosk signs with RSA or EC keys.")


def _load_material(
    *,
    key_path: Path | None,
    cert_path: Path | None,
    pkcs12_path: Path | None,
    pkcs12_password: bytes | None,
) -> _Material:
    """Read key and certificate (pkcs12_path, when set, wins); no match or date checks yet."""
    if pkcs12_path is not None:
        where = f"The PKCS#12 file {pkcs12_path} (signing_pkcs12)"
        data = _read(pkcs12_path, "signing_pkcs12", "PKCS#12 file")
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, pkcs12_password)
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise SealError(
                f"{where} cannot be opened: its password (signing_pkcs12_password) is wrong or missing, "
                "or it is not a PKCS#12 file; check both with the clinic."
            ) from None
        if key is None or cert is None:
            raise SealError(
                f"{where} must hold a private key and its certificate; ask the clinic for one that does."
            )
        return _Material(_supported_key(key, where), cert, tuple(extra), where, where, True)

    if key_path is None or cert_path is None:
        unset = "signing_key" if key_path is None else "signing_certificate"
        raise SealError(
            f"No signing identity is configured ({unset} is not set); "
            "set signing_key and signing_certificate, or signing_pkcs12."
        )
    key, key_where = _pem_key(key_path)
    cert, cert_where = _pem_cert(cert_path)
    return _Material(key, cert, (), key_where, cert_where)


def _pem_key(key_path: Path) -> tuple[_PrivateKey, str]:
    key_where = f"The signing key {key_path} (signing_key)"
    key_data = _read(key_path, "signing_key", "signing key")
    try:
        key = serialization.load_pem_private_key(key_data, password=None)
    except TypeError:
        raise SealError(
            f"{key_where} is protected by a passphrase; the kiosk needs an unencrypted PKCS#8 key "
            "guarded by its file mode (0600), or a PKCS#12 file (signing_pkcs12) instead."
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        raise SealError(
            f"{key_where} is not a PEM private key; restore it from a backup."
        ) from None
    return _supported_key(key, key_where), key_where


def _pem_cert(cert_path: Path) -> tuple[x509.Certificate, str]:
    cert_where = f"The certificate {cert_path} (signing_certificate)"
    cert_data = _read(cert_path, "signing_certificate", "certificate")
    try:
        return x509.load_pem_x509_certificate(cert_data), cert_where
    except ValueError:
        raise SealError(
            f"{cert_where} is not a PEM certificate; restore it from a backup, or move it aside "
            f"and {certificate.RENEW}."
        ) from None


def read_own(key_path: Path, cert_path: Path) -> tuple[_PrivateKey, x509.Certificate | None]:
    """For `kiosk cert renew`: the kiosk's key, and its certificate (None if there is no file),
    whatever the certificate's dates; SealError when either cannot be used or they do not match."""
    key, key_where = _pem_key(key_path)
    if not cert_path.exists():
        return key, None
    cert, cert_where = _pem_cert(cert_path)
    problem = _mismatch_problem(_Material(key, cert, (), key_where, cert_where))
    if problem is not None:
        raise SealError(problem)
    return key, cert


def _mismatch_problem(material: _Material) -> str | None:
    if certificate.public_der(material.key) == certificate.public_der(material.cert):
        return None
    if material.key_where == material.cert_where:
        return (
            f"{material.key_where} holds a key and a certificate that do not belong together; "
            "ask the clinic for a correct one."
        )
    cert_where = material.cert_where[0].lower() + material.cert_where[1:]
    return (
        f"{material.key_where} does not match {cert_where}; "
        "put the certificate made for this key there (restore it from a backup)."
    )


def _date_problem(material: _Material, now: datetime, *, warn_expiry: bool) -> str | None:
    before, after = material.cert.not_valid_before_utc, material.cert.not_valid_after_utc
    where = material.cert_where
    if now < before:
        return (
            f"{where} is not valid until {before:%Y-%m-%d %H:%M} UTC; "
            "check the kiosk's clock or install a current certificate."
        )
    if now > after:
        return f"{where} expired on {after:%Y-%m-%d}, so no PDF can be sealed; {material.advice}."
    if warn_expiry and after - now <= EXPIRY_WARNING:
        return (
            f"{where} expires on {after:%Y-%m-%d}, within 30 days; before then, {material.advice}."
        )
    return None


def _usage_problem(material: _Material) -> str | None:
    try:
        usage = material.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return None
    if usage.digital_signature or usage.content_commitment:
        return None
    return (
        f"{material.cert_where} does not allow signing documents (its key usage); "
        "ask the clinic for a document-signing certificate."
    )


def _aware(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now


def load_signer(
    *,
    key_path: Path | None,
    cert_path: Path | None,
    pkcs12_path: Path | None,
    pkcs12_password: bytes | None,
    now: datetime | None = None,
) -> Signer:
    """The kiosk's signer, from a PEM key and certificate, or from a PKCS#12 file (which wins if set).

    SealError, one sentence naming the file or setting and what to do, when a file is missing or
    unreadable, the password is wrong, key and certificate do not match, or the certificate is not
    valid at `now` (default: the current time). Nothing is cached: the caller keeps the signer.
    """
    material = _load_material(
        key_path=key_path,
        cert_path=cert_path,
        pkcs12_path=pkcs12_path,
        pkcs12_password=pkcs12_password,
    )
    problem = _mismatch_problem(material) or _date_problem(material, _aware(now), warn_expiry=False)
    if problem is not None:
        raise SealError(problem)
    key_der = material.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # pyhanko-certvalidator leaves SimpleCertificateStore.__init__ unannotated.
    registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]
    for extra in material.extra_certs:
        registry.register(_to_asn1(extra))
    return signers.SimpleSigner(
        signing_cert=_to_asn1(material.cert),
        signing_key=load_private_key_from_pemder_data(key_der, passphrase=None),
        cert_registry=registry,
    )


def _to_asn1(cert: x509.Certificate) -> Any:
    """The same certificate as the (untyped) asn1crypto object pyHanko works with."""
    return next(iter(load_certs_from_pemder_data(cert.public_bytes(serialization.Encoding.DER))))


def check_identity(
    *,
    key_path: Path | None,
    cert_path: Path | None,
    pkcs12_path: Path | None,
    pkcs12_password: bytes | None,
    now: datetime,
) -> list[str]:
    """For `kiosk doctor`: what is wrong with the signing identity, a sentence each; empty if fine.

    Checked: the files can be read; the key file (or PKCS#12 file) grants group and others nothing
    (POSIX only); key and certificate match; the certificate is valid at `now` and does not expire
    within 30 days; its key usage, if stated, allows signing.
    """
    try:
        material = _load_material(
            key_path=key_path,
            cert_path=cert_path,
            pkcs12_path=pkcs12_path,
            pkcs12_password=pkcs12_password,
        )
    except SealError as exc:
        return [str(exc)]
    problems: list[str] = []
    secret = pkcs12_path if pkcs12_path is not None else key_path
    if secret is not None and os.name == "posix":
        mode = stat.S_IMODE(secret.stat().st_mode)
        if mode & 0o077:
            problems.append(
                f"{material.key_where} can be read by other users (mode {mode:04o}); "
                f"run: chmod 600 {secret}"
            )
    for problem in (
        _mismatch_problem(material),
        _date_problem(material, _aware(now), warn_expiry=True),
        _usage_problem(material),
    ):
        if problem is not None:
            problems.append(problem)
    return problems


def describe_identity(
    *,
    key_path: Path | None,
    cert_path: Path | None,
    pkcs12_path: Path | None,
    pkcs12_password: bytes | None,
) -> str:
    """The doctor's ok line: "CN=kiosk-1, O=St Anne's clinic, valid until 2036-05-01"; SealError if unreadable."""
    material = _load_material(
        key_path=key_path,
        cert_path=cert_path,
        pkcs12_path=pkcs12_path,
        pkcs12_password=pkcs12_password,
    )
    return certificate.describe(material.cert)
