"""The kiosk's seal as the audit checkpoints use it: its key and certificate, and where the checkpoint is."""

from __future__ import annotations

import json
import logging
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from pyhanko.sign.signers import SimpleSigner

from kiosk.store import checkpoint
from kiosk.store.database import Store
from kiosk.store.proof import Sealed

log = logging.getLogger(__name__)


def certificate_of(signer: SimpleSigner) -> x509.Certificate:
    cert = signer.signing_cert
    if cert is None:  # pragma: no cover - load_signer always gives one
        raise ValueError("the signer has no certificate")
    return x509.load_der_x509_certificate(bytes(cert.dump()))


def key_of(signer: SimpleSigner) -> checkpoint.PrivateKey:
    key = serialization.load_der_private_key(bytes(signer.signing_key.dump()), password=None)
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):  # pragma: no cover
        raise ValueError("the kiosk signs with RSA or EC keys")
    return key


def fingerprint_of(signer: SimpleSigner) -> str:
    """SHA-256 (hex) of the kiosk's certificate: printed on the PDF and carried in the exports."""
    return checkpoint.fingerprint(certificate_of(signer))


def anchor(store: Store, path: Path | None, signer: SimpleSigner, now: datetime) -> None:
    """Take a signed checkpoint of the chain into `path` (nothing if None). A checkpoint that cannot
    be written is logged, never raised: the record it would anchor is already safe in the store."""
    if path is None:
        return
    try:
        checkpoint.take(store, path, key_of(signer), certificate_of(signer), now)
    except OSError as exc:
        log.error("%s: the audit checkpoint could not be written (%s)", path, exc.strerror or exc)


NEWEST_PDFS = 20
"""How many of the newest PDFs `kiosk audit verify` and `kiosk doctor` read for their signature rows."""


def sealed_heads(
    folder: Path, certificates: Collection[str], newest: int = NEWEST_PDFS
) -> list[Sealed]:
    """The signature rows sealed into the newest PDFs in `folder` by this kiosk (the SHA-256 of its
    certificate, and of the earlier ones `kiosk cert renew` kept): each PDF's attached record names
    the hash of its briefing's `signed` audit row."""
    from kiosk.document.seal import verify_pdf
    from kiosk.document.verify import embedded_record

    try:
        files = sorted(
            (p for p in folder.glob("*.pdf") if p.is_file()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )[:newest]
    except OSError:
        return []
    found = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        report = verify_pdf(data)
        attached = embedded_record(data) if report.intact else None
        if attached is None or report.certificate_sha256 not in certificates:
            continue  # another kiosk's PDF, or not a record: `kiosk verify` judges those
        try:
            record = json.loads(attached)
            found.append(Sealed(path.name, str(record["briefing_id"]), str(record["audit_head"])))
        except (ValueError, KeyError, TypeError):
            continue
    return found
