"""The FHIR export: each briefing's resources as one Bundle (type collection) or as NDJSON, written atomically."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table

from kiosk.records import fhir
from kiosk.records.fhir_complete import FhirContext
from kiosk.records.fhir_flags import read_questions
from kiosk.records.output import ExportResult, audit_detail, check_target, pending_file, publish
from kiosk.records.query import WITHDRAWN, Filters, Progress, child_rows, chunks, find_records
from kiosk.records.withdrawal import made_for_the_wrong_patient
from kiosk.store.database import Store
from kiosk.store.models import ComprehensionAnswer, SignatureRow, SignerRow

STYLES = ("bundle", "ndjson")
_SIGNATURES: Table = SignatureRow.__table__  # type: ignore[assignment]
_ANSWERS: Table = ComprehensionAnswer.__table__  # type: ignore[assignment]
_SIGNERS: Table = SignerRow.__table__  # type: ignore[assignment]


def export_fhir(
    store: Store,
    target: Path,
    filters: Filters,
    *,
    by: str,
    documents: Path,
    context: FhirContext | None = None,
    style: str = "bundle",
    progress: Progress | None = None,
    now: datetime | None = None,
    overwrite: bool = False,
) -> ExportResult:
    """Write the FHIR R4 resources of every matching briefing, atomically, and audit it (the PDFs
    they attach are read from `documents`, the documents folder), completed from `context` (the
    clinic's settings and the forms on this machine; kiosk.records.fhir_complete).

    A Bundle's entries reference each other by urn:uuid full URLs; NDJSON lines by Type/id.
    Each patient's Patient resource appears once.
    """
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}")
    check_target(target, overwrite=overwrite)
    now = now or datetime.now(UTC)
    bundle = style == "bundle"
    refs = fhir.Refs(bundle)
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    warnings: list[str] = []
    emitted: set[str] = set()  # the Patients written (by whom they stand for)
    questionnaires: set[str] = set()
    count = 0
    with store.reading() as session:
        rows = find_records(session, filters)
        with pending_file(target) as out:
            if bundle:
                head = {
                    "resourceType": "Bundle",
                    "id": fhir.resource_id("export", now.isoformat()),
                    "type": "collection",
                    "timestamp": fhir.instant(now),
                }
                out.write(dumps(head)[:-1].encode() + b',"entry":[\n')
            done = 0
            for part in chunks(rows):
                ids = [r.briefing_id for r in part]
                signatures = child_rows(session, _SIGNATURES, ids)
                answers = child_rows(session, _ANSWERS, ids)
                signers = child_rows(session, _SIGNERS, ids)
                questions = read_questions(session, ids)
                withdrawn = [r.briefing_id for r in part if r.end_reason == WITHDRAWN]
                mistaken = made_for_the_wrong_patient(session, withdrawn) if withdrawn else set()
                lines: list[str] = []
                for row in part:
                    pdf, warning = fhir.read_pdf(row, documents)
                    if warning:
                        warnings.append(warning)
                    who = f"patient:{fhir.patient_key(row)}"
                    new_patient = row.patient_id is not None and who not in emitted
                    if row.patient_id is not None:
                        emitted.add(who)
                    sig = signatures.get(row.briefing_id)
                    for resource in fhir.resources(
                        row,
                        refs=refs,
                        signature=sig[0] if sig else None,
                        answers=answers.get(row.briefing_id, []),
                        pdf=pdf,
                        with_patient=new_patient,
                        context=context,
                        emitted=questionnaires,
                        warnings=warnings,
                        signers=signers.get(row.briefing_id, []),
                        flags=questions.flags.get(row.briefing_id, []),
                        told=questions.told,
                        in_error=row.briefing_id in mistaken,
                    ):
                        lines.append(_entry(resource, dumps) if bundle else dumps(resource))
                if lines:
                    sep = ",\n" if bundle else "\n"
                    out.write(((sep if count and bundle else "") + sep.join(lines)).encode())
                    if not bundle:
                        out.write(b"\n")
                    count += len(lines)
                done += len(part)
                if progress:
                    progress(done, len(rows))
            if bundle:
                out.write(b"\n]}\n")
            out.finish()
            detail = audit_detail(
                f"fhir-{style}",
                filters.for_audit(),
                len(rows),
                count,
                sha256=out.digest.hexdigest(),
            )
            publish(store, out.tmp, target, by=by, now=now, detail=detail)
    return ExportResult(target, f"fhir-{style}", len(rows), count, out.digest.hexdigest(), warnings)


def _entry(resource: dict[str, Any], dumps: Any) -> str:
    text: str = dumps({"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource})
    return text
