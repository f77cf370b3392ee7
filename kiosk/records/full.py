"""The JSON export: every row of every table for each briefing, its audit events, and counts to check it by."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from kiosk.records.output import ExportResult, audit_detail, check_target, pending_file, publish
from kiosk.records.query import (
    AUDIT_TABLE,
    Filters,
    Progress,
    child_rows,
    chunks,
    find_records,
)
from kiosk.store import audit
from kiosk.store.database import Store
from kiosk.store.models import (
    BriefingRow,
    BriefingStatus,
    ComprehensionAnswer,
    Document,
    ListeningRow,
    PatientRow,
    PlannedSignerRow,
    QuestionFlag,
    RebriefingRow,
    RiskAcknowledgement,
    ScreenShownRow,
    SignatureRow,
    SignerRow,
)

EXPORT_FORMAT = "kiosk-records-export/1"


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


BRIEFINGS, PATIENTS = _table(BriefingRow), _table(PatientRow)
CHILD_TABLES: tuple[Table, ...] = (
    _table(RiskAcknowledgement),
    _table(QuestionFlag),
    _table(ComprehensionAnswer),
    _table(SignatureRow),
    _table(SignerRow),
    _table(ListeningRow),
    _table(Document),
    _table(PlannedSignerRow),
    _table(ScreenShownRow),
    _table(RebriefingRow),
)
"""The tables whose rows belong to one briefing by `briefing_id`; the audit log belongs by subject."""
TABLE_NAMES = ("briefings", "patients", *(t.name for t in CHILD_TABLES), "audit_log")


def plain(value: Any) -> Any:
    """A stored value as JSON: times in UTC ISO-8601 to the microsecond, dates ISO, bytes base64."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def row_json(table: Table, row: Any) -> dict[str, Any]:
    """Every column of the row, by name: a column added to the schema is exported without a change here."""
    return dict(
        zip(table.c.keys(), map(plain, row), strict=True)
    )  # select(table): columns in order


def _bundle(session: Session, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Each briefing's rows of every table (a few queries for the whole chunk)."""
    briefings = session.execute(select(BRIEFINGS).where(BRIEFINGS.c.id.in_(list(ids))))
    entries: dict[str, dict[str, Any]] = {}
    patient_of: dict[int, list[str]] = {}
    for row in briefings:
        entries[row.id] = {"briefing": row_json(BRIEFINGS, row), "patient": None}
        if row.patient_id is not None:
            patient_of.setdefault(row.patient_id, []).append(row.id)
    if patient_of:
        for row in session.execute(select(PATIENTS).where(PATIENTS.c.id.in_(list(patient_of)))):
            for briefing_id in patient_of[row.id]:
                entries[briefing_id]["patient"] = row_json(PATIENTS, row)
    for table in CHILD_TABLES:
        grouped = child_rows(session, table, ids)
        for briefing_id, entry in entries.items():
            entry[table.name] = [row_json(table, r) for r in grouped.get(briefing_id, ())]
    grouped = child_rows(session, AUDIT_TABLE, ids, key="subject")
    for briefing_id, entry in entries.items():
        entry["audit_log"] = [row_json(AUDIT_TABLE, r) for r in grouped.get(briefing_id, ())]
    return entries


def _count(entry: dict[str, Any], counts: dict[str, int]) -> None:
    counts["briefings"] += 1
    for name in TABLE_NAMES[2:]:
        counts[name] += len(entry[name])


def export_json(
    store: Store,
    target: Path,
    filters: Filters,
    *,
    by: str,
    progress: Progress | None = None,
    now: datetime | None = None,
    overwrite: bool = False,
) -> ExportResult:
    """Write the complete records as one JSON document, atomically, and audit it."""
    check_target(target, overwrite=overwrite)
    now = now or datetime.now(UTC)
    counts = dict.fromkeys(TABLE_NAMES, 0)
    patients: set[int] = set()
    with store.reading() as session:
        rows = find_records(session, filters)
        head = {
            "format": EXPORT_FORMAT,
            "exported_at": plain(now),
            "kiosk_id": store.kiosk_id,
            "filters": filters.to_json(),
        }
        with pending_file(target) as out:
            out.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2].encode())
            out.write(b',\n "briefings": [')
            done = 0
            for part in chunks(rows):
                entries = _bundle(session, [r.briefing_id for r in part])
                for row in part:
                    entry = entries[row.briefing_id]
                    _count(entry, counts)
                    if entry["patient"] is not None:
                        patients.add(entry["patient"]["id"])
                    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
                    out.write((",\n  " if done else "\n  ").encode() + text.encode())
                    done += 1
                if progress:
                    progress(done, len(rows))
            counts["patients"] = len(patients)
            summary = json.dumps({"tables": counts}, ensure_ascii=False)
            out.write(f'\n ],\n "summary": {summary}\n}}\n'.encode())
            out.finish()
            detail = audit_detail(
                "json", filters.for_audit(), len(rows), len(rows), sha256=out.digest.hexdigest()
            )
            publish(store, out.tmp, target, by=by, now=now, detail=detail)
    return ExportResult(target, "json", len(rows), len(rows), out.digest.hexdigest())


# -- checking an export against the store ---------------------------------------------------


@dataclass
class ExportCheck:
    """What `check_export` found: the rows it accounted for, by table, and every problem."""

    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


KEYS = {"briefings": "id", "patients": "id", "audit_log": "seq"}


def _rows(entries: Iterable[dict[str, Any]], name: str) -> dict[Any, dict[str, Any]]:
    out: dict[Any, dict[str, Any]] = {}
    key = KEYS.get(name, "id")
    for entry in entries:
        if name == "briefings":
            found = [entry["briefing"]]
        elif name == "patients":
            found = [entry["patient"]] if entry["patient"] is not None else []
        else:
            found = entry.get(name, [])  # an export made before the table existed has none
        for row in found:
            out[row[key]] = row
    return out


def _compare(
    name: str, exported: dict[Any, dict[str, Any]], stored: dict[Any, dict[str, Any]]
) -> list[str]:
    problems = []
    label = name.removesuffix("s") if name != "audit_log" else "audit row"
    for key in sorted(stored.keys() - exported.keys(), key=str):
        problems.append(f"{name}: {label} {key} is in the store but missing from the export")
    for key in sorted(exported.keys() - stored.keys(), key=str):
        problems.append(
            f"{name}: {label} {key} is in the export but not in the store (removed since?)"
        )
    for key in sorted(exported.keys() & stored.keys(), key=str):
        changed = sorted(c for c in stored[key] if stored[key][c] != exported[key].get(c))
        if changed:
            problems.append(f"{name}: {label} {key} differs from the store in {', '.join(changed)}")
    return problems


def check_export(path: Path, store: Store) -> ExportCheck:
    """Account for every row of every table of the exported briefings against the store.

    Finds rows missing from the export, rows the store no longer has, rows that differ, audit
    rows whose hash does not fit their contents, summary counts that do not add up, and
    finished briefings that match the export's filters but are not in it.
    """
    result = ExportCheck()
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != EXPORT_FORMAT:
        result.problems.append(f"{path}: is not a records export ({EXPORT_FORMAT})")
        return result
    entries: list[dict[str, Any]] = data["briefings"]
    counts = {name: len(_rows(entries, name)) for name in TABLE_NAMES}
    result.counts = counts
    for name, expected in data["summary"]["tables"].items():
        if counts.get(name) != expected:
            result.problems.append(
                f"summary: {name} says {expected} rows, the export holds {counts.get(name)}"
            )
    for row in _rows(entries, "audit_log").values():
        fields = {k: row[k] for k in ("seq", "kiosk_id", "actor", "action", "subject", "detail")}
        recomputed = audit.entry_hash(
            at=datetime.fromisoformat(row["at"]), prev_hash=row["prev_hash"], **fields
        )
        if recomputed != row["hash"]:
            result.problems.append(
                f"audit_log: audit row {row['seq']} in the export does not match its hash"
            )
    with store.reading() as session:
        ids = [e["briefing"]["id"] for e in entries]
        for start in range(0, len(ids), 500):
            part = entries[start : start + 500]
            stored = _bundle(session, ids[start : start + 500]).values()
            for name in TABLE_NAMES:
                result.problems += _compare(name, _rows(part, name), _rows(stored, name))
        result.problems += _unexported(session, data, set(ids))
    return result


def _unexported(session: Session, data: dict[str, Any], exported: set[str]) -> list[str]:
    """Briefings finished before the export that match its filters but are not in it."""
    filters = Filters.from_json(data["filters"])
    at = datetime.fromisoformat(data["exported_at"])
    finished = {BriefingStatus.COMPLETED.value, BriefingStatus.ABANDONED.value}
    missing = [
        r.briefing_id
        for r in find_records(session, filters)
        if r.status in finished and r.ended_at is not None and r.ended_at <= at
        if r.briefing_id not in exported
    ]
    return [
        f"briefings: briefing {b} matches the export's filters but is missing from it"
        for b in missing
    ]
