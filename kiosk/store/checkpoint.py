"""Signed checkpoints of the audit chain (row count and head hash, signed with the kiosk's key), kept
in a file beside the database, so that removing the newest rows from the database is caught.

The idea of Certificate Transparency's signed tree heads: the chain proves every row it still has,
a checkpoint proves how far it once went. A checkpoint is only ever replaced by a newer one the
chain still agrees with, so rows removed and others written in their place never erase the proof.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from sqlalchemy import func, make_url, select
from sqlalchemy.orm import Session

from kiosk.files import install_file
from kiosk.store.database import Store, sqlite_path
from kiosk.store.models import AuditEntry

log = logging.getLogger(__name__)

FILE_NAME = "audit-checkpoint.json"
FORMAT = "audit-checkpoint/1"
PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


class CheckpointError(Exception):
    """The checkpoint file cannot be read or is not signed by this kiosk; one sentence."""


def checkpoint_path(database_url: str, data_dir: Path) -> Path:
    """Where this kiosk keeps its checkpoint: beside the SQLite database (so a copy of the folder
    carries it), else in the kiosk's data folder, named for the server and database (several kiosks
    on one PostgreSQL each keep theirs; a kiosk moved to another database starts a new one)."""
    db = sqlite_path(database_url)
    if db is not None:
        return db.parent / FILE_NAME
    url = make_url(database_url)
    where = f"{url.host}:{url.port}/{url.database}".encode()
    return data_dir / FILE_NAME.replace(".json", f"-{hashlib.sha256(where).hexdigest()[:12]}.json")


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 (hex) of the certificate, as `kiosk cert show` prints it."""
    return cert.fingerprint(hashes.SHA256()).hex()


def colons(sha256: str) -> str:
    """A fingerprint as certificate tools print it: AB:CD:…"""
    return ":".join(sha256[i : i + 2] for i in range(0, len(sha256), 2)).upper()


@dataclass(frozen=True)
class Checkpoint:
    kiosk_id: str
    rows: int
    """The chain's newest row number when it was taken (rows are numbered from 1)."""
    head: str
    """That row's hash."""
    at: datetime
    certificate_sha256: str

    def facts(self) -> bytes:
        """The canonical bytes that are signed."""
        fields = {
            "format": FORMAT,
            "kiosk_id": self.kiosk_id,
            "rows": self.rows,
            "head": self.head,
            "at": self.at.astimezone(UTC).isoformat(timespec="seconds"),
            "certificate_sha256": self.certificate_sha256,
        }
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()

    def describe(self) -> str:
        """ "checkpoint of 2026-12-03 09:14 UTC, counted 112" (how sentences name it)."""
        return f"checkpoint of {self.at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def _sign(key: PrivateKey, data: bytes) -> bytes:
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    return key.sign(data, ec.ECDSA(hashes.SHA256()))


def _verify(cert: x509.Certificate, data: bytes, signature: bytes) -> bool:
    public = cert.public_key()
    try:
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        else:
            return False
    except InvalidSignature:
        return False
    return True


def read(path: Path, cert: x509.Certificate) -> Checkpoint | None:
    """The checkpoint in `path`, its signature checked against `cert`; None if there is no file.

    CheckpointError if it cannot be read or was not signed by `cert`'s key."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CheckpointError(
            f"{path}: the audit checkpoint cannot be read ({exc.strerror}); check its permissions."
        ) from None
    try:
        data: dict[str, Any] = json.loads(raw)
        checkpoint = Checkpoint(
            kiosk_id=str(data["kiosk_id"]),
            rows=int(data["rows"]),
            head=str(data["head"]),
            at=datetime.fromisoformat(str(data["at"])),
            certificate_sha256=str(data["certificate_sha256"]),
        )
        signature = base64.b64decode(str(data["signature"]), validate=True)
        ok_format = data.get("format") == FORMAT
    except (ValueError, KeyError, TypeError):
        raise CheckpointError(
            f"{path}: the audit checkpoint is damaged (it cannot be read); "
            "restore it from a backup with the database."
        ) from None
    if not ok_format or not _verify(cert, checkpoint.facts(), signature):
        raise CheckpointError(
            f"{path}: the audit checkpoint is not signed by this kiosk's key; "
            "it was changed or replaced: restore it from a backup with the database."
        )
    return checkpoint


def disagreement(session: Session, checkpoint: Checkpoint) -> str | None:
    """Why the chain in the store does not reach the checkpoint; None if it does.

    Rows past the checkpoint are not judged here (the chain walk proves them)."""
    newest = session.execute(select(func.max(AuditEntry.seq))).scalar() or 0
    where = f"{checkpoint.describe()}, signed by this kiosk, counted {checkpoint.rows}"
    if newest < checkpoint.rows:
        first = newest + 1
        rows = (
            f"row {first} is" if first == checkpoint.rows else f"rows {first}–{checkpoint.rows} are"
        )
        return f"{rows} missing: {where}"
    stored = session.execute(
        select(AuditEntry.hash).where(AuditEntry.seq == checkpoint.rows)
    ).scalar()
    if stored is None:
        return f"row {checkpoint.rows} is missing: {where}"
    if stored != checkpoint.head:
        return (
            f"row {checkpoint.rows} is not the row the {where} signed "
            "(rows were removed or changed and others written in their place)"
        )
    return None


def take(
    store: Store, path: Path, key: PrivateKey, cert: x509.Certificate, now: datetime
) -> Checkpoint | None:
    """Sign the chain's head and keep it in `path` (0600), unless the checkpoint already there
    disagrees with the chain: that one is kept, as the proof of what was removed. Returns the
    checkpoint written, or None if none was (an empty chain, or the old one kept)."""
    with store.reading() as session:
        head = session.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        if head is None:
            return None
        try:
            previous = read(path, cert)
        except CheckpointError as exc:
            log.error("audit checkpoint not replaced: %s", exc)
            return None
        if previous is not None:
            problem = disagreement(session, previous)
            if problem is not None:
                log.error("audit checkpoint not replaced: the chain disagrees with it: %s", problem)
                return None
            if previous.rows >= head.seq:
                return previous
    checkpoint = Checkpoint(store.kiosk_id, int(head.seq), str(head.hash), now, fingerprint(cert))
    body = json.loads(checkpoint.facts())
    body["signature"] = base64.b64encode(_sign(key, checkpoint.facts())).decode()
    path.parent.mkdir(parents=True, exist_ok=True)
    install_file(path, json.dumps(body, indent=1).encode(), 0o600, overwrite=True)
    return checkpoint
