"""The lines `kiosk audit verify` and `kiosk doctor` share: the chain, its checkpoint and newest PDFs,
and the event tables against the audit rows."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from sqlalchemy import select

from kiosk.config import Config, ConfigError
from kiosk.document.anchor import certificate_of, sealed_heads
from kiosk.document.identity import certificates_of_key, load_signer
from kiosk.document.seal import SealError
from kiosk.document.verify import briefing_of
from kiosk.records.pdfs import misfiled, pdf_file
from kiosk.store import audit, proof
from kiosk.store.checkpoint import checkpoint_path, fingerprint
from kiosk.store.database import Store
from kiosk.store.maintenance import Check
from kiosk.store.models import BriefingRow, Document

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
    sealed = []
    if cert is not None:  # PDFs sealed before `kiosk cert renew` carry an earlier certificate
        mine = {fingerprint(c) for c in [cert, *(old for _, old in certificates_of_key(config))]}
        sealed = sealed_heads(config.documents_dir, mine)
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
        pdf_files_check(store, config.documents_dir),
    ]


def _advised(finding: proof.Finding) -> str:
    return finding.detail if finding.ok else f"{finding.detail}; {AUDIT_VERIFY}"


def pdf_files_check(store: Store, documents: Path) -> Check:
    """Every PDF this kiosk made is where the store says, with the SHA-256 stored when it was sealed
    (the same judgement the PDF export and `kiosk verify` make)."""
    with store.reading() as session:
        rows = session.execute(
            select(Document.briefing_id, Document.path, Document.sha256)
            .join(BriefingRow, BriefingRow.id == Document.briefing_id)
            .where(Document.status == "made", BriefingRow.kiosk_id == store.kiosk_id)
            .order_by(Document.id)
        ).all()
    problems = []
    for briefing_id, path, sha256 in rows:
        file = pdf_file(path or "", documents)
        try:
            data = file.read_bytes()
        except OSError as exc:
            problems.append(
                f"briefing {briefing_id}: its PDF {file} cannot be read ({exc.strerror}); "
                "restore it from a backup"
            )
            continue
        if hashlib.sha256(data).hexdigest() == sha256:
            continue
        other = briefing_of(data)
        if other is not None and other != briefing_id:
            problems.append(misfiled(briefing_id, file, other))
        else:
            problems.append(
                f"briefing {briefing_id}: its PDF {file} does not match the SHA-256 stored at "
                "signing; check it with `kiosk verify`"
            )
    if not problems:
        return Check("PDF files", True, f"{len(rows)} PDF(s) match the SHA-256 stored at sealing")
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return Check("PDF files", False, problems[0] + more)
