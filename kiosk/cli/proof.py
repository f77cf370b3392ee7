"""The lines `kiosk audit verify` and `kiosk doctor` share: the chain, its checkpoint and newest PDFs,
and the event tables against the audit rows."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
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
from kiosk.store.maintenance import Check, counted
from kiosk.store.models import BriefingRow, Document

AUDIT_VERIFY = "run `kiosk audit verify`"


def kiosk_certificate(config: Config) -> x509.Certificate | None:
    """This kiosk's certificate, None when its identity cannot be loaded (doctor says why)."""
    try:
        signer = load_signer(config, datetime.now(UTC))
    except (SealError, ConfigError):
        return None
    return certificate_of(signer)


def certificates(config: Config) -> tuple[x509.Certificate | None, set[str]]:
    """This kiosk's certificate (None when its identity cannot be loaded: doctor says why), and
    the SHA-256 of it and of the earlier ones `kiosk cert renew` kept (older PDFs carry those)."""
    cert = kiosk_certificate(config)
    if cert is None:
        return None, set()
    return cert, {fingerprint(c) for c in [cert, *(old for _, old in certificates_of_key(config))]}


def proof_of(
    store: Store,
    config: Config,
    mine: tuple[x509.Certificate | None, set[str]] | None = None,
) -> tuple[audit.ChainReport, proof.Finding, proof.Finding]:
    """The chain's own links; its anchors (checkpoint, newest PDFs); the events against the audit.
    `mine`: the kiosk's `certificates`, when the caller has them already."""
    cert, fingerprints = mine or certificates(config)
    sealed = sealed_heads(config.documents_dir, fingerprints) if cert is not None else []
    with store.reading() as session:
        report = audit.verify(session)
        anchored = proof.anchored(
            session, checkpoint_path(config.database_url, config.data_dir), cert, sealed
        )
        agreed = proof.agree(session)
    return report, anchored, agreed


def proof_checks(store: Store, config: Config) -> list[Check]:
    """`kiosk doctor`'s three lines for the audit log, and its line for the PDF files."""
    mine = certificates(config)
    report, anchored, agreed = proof_of(store, config, mine)
    if report.ok:
        chain = Check(
            "audit chain", True, f"{counted(report.rows, 'row')} intact, head {report.head[:16]}"
        )
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
        pdf_files_check(store, config.documents_dir, mine[1]),
    ]


def _advised(finding: proof.Finding) -> str:
    return finding.detail if finding.ok else f"{finding.detail}; {AUDIT_VERIFY}"


NAMED = 5
"""How many PDFs that fail the check `kiosk doctor` names, one after another."""


def pdf_files_check(store: Store, documents: Path, mine: Collection[str] = ()) -> Check:
    """Every sealed PDF in this kiosk's documents folder is where the store says, with the SHA-256
    stored when it was sealed (the same judgement the PDF export and `kiosk verify` make), whatever
    kiosk id its briefing carries: after the id changed (a renamed machine) the check had passed by
    every PDF, an altered one too, as "0 PDF(s) match". A PDF not in the folder is a failure when
    it is this kiosk's (its id, or sealed with one of its certificates, `mine`); another kiosk's,
    on a shared PostgreSQL database, is on that kiosk. PDF files in the folder that no briefing
    names are a warning: they could not be checked (the store may be another kiosk's)."""
    with store.reading() as session:
        rows = session.execute(
            select(
                Document.briefing_id,
                Document.path,
                Document.sha256,
                Document.certificate_sha256,
                BriefingRow.kiosk_id,
            )
            .join(BriefingRow, BriefingRow.id == Document.briefing_id)
            .where(Document.status == "made")
            .order_by(Document.id)
        ).all()
    problems, checked, named = [], 0, set()
    for briefing_id, path, sha256, certificate, kiosk_id in rows:
        file = pdf_file(path or "", documents)
        named.add(file)
        try:
            data = file.read_bytes()
        except OSError as exc:
            if isinstance(exc, FileNotFoundError) and not (
                kiosk_id == store.kiosk_id or certificate in mine
            ):
                continue  # another kiosk's PDF (the paths are the file's name in its folder)
            problems.append(
                f"briefing {briefing_id}: its PDF {file} cannot be read ({exc.strerror}); "
                "restore it from a backup"
            )
            continue
        checked += 1
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
    if problems:  # each named, up to a few (a missing PDF had hidden as "and 1 more": a reviewer)
        shown = problems[:NAMED]
        more = f"; and {len(problems) - NAMED} more" if len(problems) > NAMED else ""
        return Check("PDF files", False, "; ".join(shown) + more)
    matched = f"{checked} PDF(s) match the SHA-256 stored at sealing"
    unnamed = len(_pdfs_in(documents) - named)
    if not unnamed:
        return Check("PDF files", True, matched)
    return Check(
        "PDF files",
        True,
        f"{matched}, but {unnamed} PDF file(s) in {documents} are no briefing's in the store, so "
        "they were not checked; check that database_url is this kiosk's database, and move any "
        "file that is not a briefing's PDF out of the folder",
        warning=True,
    )


def _pdfs_in(documents: Path) -> set[Path]:
    """The PDF files in the documents folder (none when it cannot be listed: its own line says)."""
    try:
        return {p for p in documents.glob("*.pdf") if p.is_file()}
    except OSError:
        return set()
