"""The lines `kiosk audit verify` and `kiosk doctor` share: the chain, its checkpoint and newest PDFs,
and the event tables against the audit rows."""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography import x509

from kiosk.config import Config, ConfigError
from kiosk.document.anchor import certificate_of, sealed_heads
from kiosk.document.identity import load_signer
from kiosk.document.seal import SealError
from kiosk.store import audit, proof
from kiosk.store.checkpoint import checkpoint_path, fingerprint
from kiosk.store.database import Store
from kiosk.store.maintenance import Check

AUDIT_VERIFY = "run `kiosk audit verify`"


def kiosk_certificate(config: Config) -> x509.Certificate | None:
    """This kiosk's certificate, None when its identity cannot be loaded (doctor says why)."""
    try:
        signer = load_signer(config, datetime.now(UTC))
    except (SealError, ConfigError):
        return None
    return certificate_of(signer)


def proof_of(
    store: Store, config: Config
) -> tuple[audit.ChainReport, proof.Finding, proof.Finding]:
    """The chain's own links; its anchors (checkpoint, newest PDFs); the events against the audit."""
    cert = kiosk_certificate(config)
    sealed = sealed_heads(config.documents_dir, fingerprint(cert)) if cert is not None else []
    with store.reading() as session:
        report = audit.verify(session)
        anchored = proof.anchored(
            session, checkpoint_path(config.database_url, config.data_dir), cert, sealed
        )
        agreed = proof.agree(session)
    return report, anchored, agreed


def proof_checks(store: Store, config: Config) -> list[Check]:
    """`kiosk doctor`'s three lines for the audit log."""
    report, anchored, agreed = proof_of(store, config)
    if report.ok:
        chain = Check("audit chain", True, f"{report.rows} rows intact, head {report.head[:16]}")
    else:
        chain = Check(
            "audit chain",
            False,
            f"broken at row {report.broken_at}: {report.reason}; {AUDIT_VERIFY}",
        )
    return [
        chain,
        Check("audit anchor", anchored.ok, _advised(anchored)),
        Check("audit events", agreed.ok, _advised(agreed)),
    ]


def _advised(finding: proof.Finding) -> str:
    return finding.detail if finding.ok else f"{finding.detail}; {AUDIT_VERIFY}"
