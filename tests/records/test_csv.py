"""The CSV exports: one row per briefing or per acknowledgement, formulas defused, audited, written whole or not at all."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.records import ExportError, Filters, export_csv, risk_totals
from kiosk.records import output as output_module
from kiosk.records import query as query_module
from kiosk.records.tabular import BRIEFING_HEADER, safe_cell
from kiosk.store.models import AuditEntry, BriefingStatus, PatientRow, RiskAcknowledgement
from kiosk.store.staff import add_staff
from tests.records.conftest import FORM, FORMULA_NAME, Made

NOW = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())  # a BOM, so spreadsheets read every name right
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def export_audits(made: Made) -> list[AuditEntry]:
    with made.store.reading() as session:
        return list(
            session.execute(
                select(AuditEntry)
                .where(AuditEntry.action == "records_exported")
                .order_by(AuditEntry.seq)
            ).scalars()
        )


def personal_details(made: Made) -> list[str]:
    """Every patient name, MRN and date of birth in the store: none may reach an audit detail."""
    with made.store.reading() as session:
        out: list[str] = []
        for p in session.execute(select(PatientRow)).scalars():
            out += [p.name, p.date_of_birth.isoformat(), *([p.mrn] if p.mrn else [])]
        return out


def test_one_row_per_briefing(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "records.csv"
    result = export_csv(
        made.store,
        target,
        Filters(),
        by="Dana Okafor",
        risk_totals=risk_totals([FORM]),
        zone=UTC,
        now=NOW,
    )
    rows = read_csv(target)
    assert (result.briefings, result.items) == (5, 5)
    assert tuple(rows[0]) == BRIEFING_HEADER
    by_id = {r["briefing_id"]: r for r in rows}
    done = by_id[made.completed]
    assert {
        k: done[k] for k in ("patient", "date_of_birth", "mrn", "procedure", "version", "status")
    } == {
        "patient": "Ana Ruiz",
        "date_of_birth": "1950-05-06",
        "mrn": "MRN-1001",
        "procedure": "mild",
        "version": FORM.version,
        "status": "completed",
    }
    assert (done["risks_acknowledged"], done["risks_total"], done["open_questions"]) == (
        "8",
        "8",
        "1",
    )
    assert len(done["pdf_sha256"]) == 64
    started, ended = (datetime.fromisoformat(done[k]) for k in ("started_at", "ended_at"))
    assert started.tzinfo is not None and ended > started  # ISO-8601 with the zone
    assert done["started_at"].endswith("+00:00")
    assert (
        by_id[made.abandoned]["risks_total"] == "8"
    )  # known form: its risks, not the acknowledged ones
    # The small form is not on this "machine": its version kept in the store counts its risks.
    assert by_id[made.in_progress]["risks_total"] == "2"
    assert by_id[made.prepared]["started_at"] == ""
    # A prepared one says when and by whom (it had no time at all: a reviewer).
    prepared = by_id[made.prepared]
    assert (prepared["prepared_at"], prepared["prepared_by"]) == (
        "2026-11-23T09:00:00+00:00",
        "Nurse Lee",
    )
    assert by_id[made.abandoned]["patient"] == "Zoë Ångström"


def test_a_withdrawn_briefing_is_told_from_an_abandoned_one(made: Made, tmp_path: Path) -> None:
    """A reviewer withdrew one briefing and let another time out: the CSV said "abandoned" for
    both (the JSON had the reason). Its last column now says why one ended unfinished."""
    from kiosk.records.withdrawal import withdraw

    withdraw(made.store, made.prepared, staff="Dana Okafor", reason="not-wanted", now=NOW)
    target = tmp_path / "out.csv"
    export_csv(
        made.store, target, Filters(), by="Dana Okafor", risk_totals=risk_totals([FORM]),
        zone=UTC, now=NOW,
    )  # fmt: skip
    by_id = {r["briefing_id"]: r for r in read_csv(target)}
    assert by_id[made.prepared]["status"] == by_id[made.abandoned]["status"] == "abandoned"
    assert by_id[made.prepared]["end_reason"] == "withdrawn"
    assert by_id[made.abandoned]["end_reason"] == "staff"
    assert by_id[made.completed]["end_reason"] == ""


def test_times_in_a_given_zone(made: Made, tmp_path: Path) -> None:
    from zoneinfo import ZoneInfo

    target = tmp_path / "ny.csv"
    export_csv(
        made.store, target, Filters(form_id="small"), by="Dana", zone=ZoneInfo("America/New_York")
    )
    (only,) = read_csv(target)
    assert only["started_at"].startswith("2026-11-24T04:00:") and only["started_at"].endswith(
        "-05:00"
    )


FORM_RISKS = {risk.id for risk in FORM.risks}


def test_one_row_per_acknowledgement(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "acks.csv"
    result = export_csv(made.store, target, Filters(), by="Dana", acknowledgements=True, zone=UTC)
    rows = read_csv(target)
    assert list(rows[0]) == [
        "briefing_id",
        "patient",
        "risk_id",
        "shown_at",
        "acknowledged_at",
        "seconds_on_screen",
        "language",
        "content_sha256",
        "mrn",
    ]
    assert result.items == len(rows) == 8 + 8 + 2 + 1
    assert {(r["language"], r["content_sha256"]) for r in rows if r["risk_id"] in FORM_RISKS} == {
        ("en", FORM.content_sha256)
    }
    mine = [r for r in rows if r["briefing_id"] == made.completed]
    assert [r["risk_id"] for r in mine] == [risk.id for risk in FORM.risks]
    assert {r["mrn"] for r in mine} == {"MRN-1001"}  # the chart's number beside the name
    with made.store.reading() as session:
        stored = (
            session.execute(
                select(RiskAcknowledgement)
                .where(RiskAcknowledgement.briefing_id == made.completed)
                .order_by(RiskAcknowledgement.id)
            )
            .scalars()
            .all()
        )
    for r, a in zip(mine, stored, strict=True):
        assert r["shown_at"] == a.shown_at.isoformat(
            timespec="milliseconds"
        )  # UTC asked for: +00:00
        assert datetime.fromisoformat(r["acknowledged_at"]) == a.acknowledged_at.replace(
            microsecond=a.acknowledged_at.microsecond // 1000 * 1000
        )
        assert float(r["seconds_on_screen"]) == pytest.approx(a.seconds_on_screen, abs=0.0005)
    assert {r["patient"] for r in rows} == {
        "Ana Ruiz",
        "'" + FORMULA_NAME,
        "Zoë Ångström",
        "王小明",
    }


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"])
def test_formula_guard(value: str) -> None:
    assert safe_cell(value) == "'" + value
    assert safe_cell("Ana " + value) == "Ana " + value  # only a leading one can start a formula


def test_formula_names_are_defused_in_the_file(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "records.csv"
    export_csv(
        made.store, target, Filters(statuses=frozenset({BriefingStatus.COMPLETED})), by="Dana"
    )
    rows = {r["briefing_id"]: r for r in read_csv(target)}
    assert rows[made.typed]["patient"] == "'" + FORMULA_NAME
    assert rows[made.typed]["mrn"] == "'@MRN-2"
    assert rows[made.completed]["patient"] == "Ana Ruiz"
    assert not any(
        cell.startswith(("=", "+", "-", "@")) for r in rows.values() for cell in r.values()
    )


def test_every_export_is_audited_without_personal_details(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "records.csv"
    filters = Filters(
        patient="Ana",
        statuses=frozenset({BriefingStatus.COMPLETED}),
        since=NOW.replace(month=11, day=1),
    )
    result = export_csv(made.store, target, filters, by="Dana Okafor", now=NOW)
    (entry,) = export_audits(made)
    assert (entry.actor, entry.action, entry.subject, entry.at) == (
        "Dana Okafor",
        "records_exported",
        "records",
        NOW,
    )
    detail = json.loads(entry.detail)
    assert detail["format"] == "csv" and detail["briefings"] == 1 and detail["items"] == 1
    assert detail["filters"]["statuses"] == ["completed"] and detail["filters"]["patient"] is True
    assert detail["filters"]["since"].startswith("2026-11-01")
    assert detail["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest() == result.sha256
    for secret in [*personal_details(made), "Ana", str(target), target.name]:
        assert secret not in entry.detail


def test_no_pin_reaches_an_export_or_its_audit_row(made: Made, tmp_path: Path) -> None:
    add_staff(made.store, "Dana Okafor", "73914862", NOW, actor="test")
    export_csv(made.store, tmp_path / "a.csv", Filters(), by="Dana Okafor", now=NOW)
    (entry,) = export_audits(made)
    assert "73914862" not in entry.detail and "73914862" not in entry.actor
    assert b"73914862" not in (tmp_path / "a.csv").read_bytes()


def test_output_checks_before_any_work(made: Made, tmp_path: Path) -> None:
    with pytest.raises(
        ExportError, match=r"^--output: the folder .*nope does not exist; create it"
    ):
        export_csv(made.store, tmp_path / "nope" / "a.csv", Filters(), by="Dana")
    existing = tmp_path / "a.csv"
    existing.write_text("keep me", encoding="utf-8")
    with pytest.raises(
        ExportError, match="already exists; choose another name, or add --overwrite"
    ):
        export_csv(made.store, existing, Filters(), by="Dana")
    assert existing.read_text(encoding="utf-8") == "keep me"
    export_csv(made.store, existing, Filters(), by="Dana", overwrite=True)
    assert len(read_csv(existing)) == 5
    with pytest.raises(ExportError, match="is a folder; give a file name"):
        export_csv(made.store, tmp_path, Filters(), by="Dana")
    assert len(export_audits(made)) == 1  # only the export that happened


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_failure_midway_leaves_no_file_and_no_audit_row(
    made: Made, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query_module, "CHUNK", 2)  # several chunks, so it fails after real writes
    out = tmp_path / "out"
    out.mkdir()
    seen: list[tuple[int, int]] = []

    def fail_on_second(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) == 2:
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        export_csv(made.store, out / "a.csv", Filters(), by="Dana", progress=fail_on_second)
    assert seen == [(2, 5), (4, 5)]
    assert leftovers(out) == []  # neither the file nor its temporary
    assert export_audits(made) == []

    def no_audit(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(output_module.audit, "append", no_audit)
    with pytest.raises(RuntimeError):
        export_csv(made.store, out / "a.csv", Filters(), by="Dana")
    assert leftovers(out) == []  # never a file without its audit row


def test_progress_counts_every_briefing_once(
    made: Made, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query_module, "CHUNK", 2)
    seen: list[tuple[int, int]] = []
    export_csv(
        made.store,
        tmp_path / "a.csv",
        Filters(),
        by="Dana",
        acknowledgements=True,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(2, 5), (4, 5), (5, 5)]
    assert len(read_csv(tmp_path / "a.csv")) == 19  # nothing lost or doubled across chunks


def test_an_empty_export_has_its_header(made: Made, tmp_path: Path) -> None:
    result = export_csv(made.store, tmp_path / "none.csv", Filters(patient="nobody"), by="Dana")
    assert result.briefings == 0
    assert (tmp_path / "none.csv").read_bytes().decode("utf-8-sig").splitlines() == [
        ",".join(BRIEFING_HEADER)
    ]


@pytest.mark.parametrize(
    "zone",
    [
        None,
        "UTC",
        "America/New_York",  # daylight saving by whole hours
        "America/St_Johns",  # an offset of half an hour, and daylight saving on top
        "Australia/Lord_Howe",  # daylight saving of half an hour
        "Asia/Kolkata",  # +05:30, no daylight saving
    ],
)
def test_the_csv_times_are_exactly_what_a_datetime_would_say(zone: str | None) -> None:
    """The CSV's fast way with stored times (`Moments`, worked out once per hour) writes, to the
    second, what converting each one with datetime writes: across both of a year's daylight-saving
    switches, in zones with offsets of whole and of half hours, and on this machine's own zone."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from kiosk.records.csvrows import Moments, moment

    tz = None if zone is None else ZoneInfo(zone)
    when = Moments(tz)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    step = timedelta(minutes=7, seconds=13, microseconds=250_000)
    values = [(start + i * step).strftime("%Y-%m-%d %H:%M:%S.%f") for i in range(73_000)]
    values += ["2026-03-08 07:00:00", "2026-11-01 05:59:59.999999", None]  # no microseconds; none
    assert [when(v) for v in values] == [moment(v, tz) for v in values]
