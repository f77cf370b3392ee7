"""CSV exports: one row per briefing, or one per acknowledgement; cells guarded against spreadsheet formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from kiosk.records.csvrows import briefing_lines, safe_cell
from kiosk.records.output import (
    ExportResult,
    audit_detail,
    check_target,
    pending_file,
    publish,
)
from kiosk.records.query import (
    Filters,
    Progress,
    child_rows,
    find_records,
    spans,
)
from kiosk.store.database import Store
from kiosk.store.models import RiskAcknowledgement

BRIEFING_HEADER = (
    "briefing_id",
    "patient",
    "date_of_birth",
    "mrn",
    "procedure",
    "version",
    "language",
    "status",
    "kiosk",
    "started_at",
    "ended_at",
    "risks_acknowledged",
    "risks_total",
    "open_questions",
    "pdf_sha256",
    "practitioner",
    "planned_date",
    "representative",
    "interpreter",
    "witness",
    "rebriefing_of",
    "end_reason",  # why one ended unfinished (inactivity, withdrawn…)
    # When and by whom it was prepared (walk-up: made when started, by no one): a prepared one
    # had no time at all (a reviewer). Last, as each column added since: older readers still fit.
    "prepared_at",
    "prepared_by",
)
ACK_HEADER = (
    "briefing_id",
    "patient",
    "risk_id",
    "shown_at",
    "acknowledged_at",
    "seconds_on_screen",
    "language",
    "content_sha256",
    "mrn",  # the patient's, beside their name (a chart is filed by it: a reviewer); last, as added
)


def stamp(moment: datetime | None, zone: tzinfo | None, timespec: str = "seconds") -> str:
    """ISO-8601 with its UTC offset, in `zone` (None: this machine's local zone); empty if no time."""
    if moment is None:
        return ""
    return moment.astimezone(zone).isoformat(timespec=timespec)


def _text(value: str | None) -> str:
    return "" if value is None else safe_cell(value)


def export_csv(
    store: Store,
    target: Path,
    filters: Filters,
    *,
    by: str,
    acknowledgements: bool = False,
    risk_totals: Mapping[str, int] | None = None,
    zone: tzinfo | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    overwrite: bool = False,
) -> ExportResult:
    """Write the CSV (UTF-8 with a BOM, so spreadsheets read every name) atomically and audit it."""
    check_target(target, overwrite=overwrite)
    now = now or datetime.now(UTC)
    with store.reading() as session:
        if acknowledgements:
            rows = find_records(session, filters, risk_totals)
            total = len(rows)
        else:  # one query, its rows made into cells as they come (kiosk.records.csvrows)
            cells = list(briefing_lines(session, filters, risk_totals, zone))
            total = len(cells)
        lines = 0
        with pending_file(target) as out:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(ACK_HEADER if acknowledgements else BRIEFING_HEADER)
            done = 0
            for start, end in spans(total):
                if acknowledgements:
                    part = rows[start:end]
                    acks = child_rows(
                        session,
                        RiskAcknowledgement.__table__,  # type: ignore[arg-type]
                        [r.briefing_id for r in part],
                    )
                    for row in part:
                        name, mrn = _text(row.patient_name), _text(row.mrn)
                        for a in acks.get(row.briefing_id, ()):
                            writer.writerow(
                                [
                                    row.briefing_id,
                                    name,
                                    _text(a.risk_id),
                                    stamp(a.shown_at, zone, "milliseconds"),
                                    stamp(a.acknowledged_at, zone, "milliseconds"),
                                    f"{a.seconds_on_screen:.3f}",
                                    a.language,
                                    a.content_sha256,
                                    mrn,
                                ]
                            )
                            lines += 1
                    count = len(part)
                else:
                    writer.writerows(cells[start:end])
                    count = end - start
                    lines += count
                out.write(("\ufeff" if done == 0 else "").encode() + buffer.getvalue().encode())
                buffer.seek(0)
                buffer.truncate()
                done += count
                if progress:
                    progress(done, total)
            if not total:
                out.write("\ufeff".encode() + buffer.getvalue().encode())
            out.finish()
            detail = audit_detail(
                "csv-acknowledgements" if acknowledgements else "csv",
                filters.for_audit(),
                total,
                lines,
                sha256=out.digest.hexdigest(),
            )
            publish(store, out.tmp, target, by=by, now=now, detail=detail)
    return ExportResult(target, "csv", total, lines, out.digest.hexdigest())
