"""Rows removed from the database are caught: the newest audit rows (by the signed checkpoint and the
newest PDF), and an event row (by the audit rows that recorded it); on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.cli import main
from kiosk.config import Config, load_config
from kiosk.content import load_form
from kiosk.demo import StepClock, one_briefing
from kiosk.document.anchor import anchor
from kiosk.document.identity import load_signer
from kiosk.document.make import make_document
from kiosk.store import Store, audit, open_store
from kiosk.store.checkpoint import checkpoint_path
from tests.conftest import MILD, set_config
from tests.shared import walk_listening

FORM = load_form(MILD)
T0 = datetime.now(UTC).replace(microsecond=0)
TAKEN = f"checkpoint of {T0 + timedelta(minutes=30):%Y-%m-%d %H:%M} UTC"
"""How the sentences name the checkpoint the PDF made."""


@dataclass
class Kiosk:
    config: Config
    store: Store
    briefing: str
    rows: int
    """The audit rows after the briefing's PDF was made (the checkpoint counted them)."""


@pytest.fixture(params=["sqlite", "postgresql"])
def kiosk(request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]) -> Iterator[Kiosk]:
    """`kiosk init`, then one whole briefing through the real flow and store, its PDF made."""
    assert main(["init"]) == 0
    if request.param == "postgresql":
        set_config(load_config().path, database_url=request.getfixturevalue("fresh_postgres"))
        assert main(["init"]) == 0
    capsys.readouterr()
    config = load_config()
    store = open_store(config.database_url, config.kiosk_id)
    clock = StepClock(T0, random.Random(7))
    one_briefing(store, FORM, random.Random(6), clock)
    briefing = one_briefing(store, FORM, random.Random(7), clock)
    make_document(
        store,
        briefing,
        {FORM.id: FORM},
        load_signer(config, T0),
        config.documents_dir,
        T0 + timedelta(minutes=30),
        checkpoint=checkpoint_path(config.database_url, config.data_dir),
    )
    with store.engine.connect() as conn:
        rows = int(conn.execute(text("SELECT max(seq) FROM audit_log")).scalar_one())
    yield Kiosk(config, store, briefing, rows)
    store.close()


def bypass(store: Store, *tables: str) -> None:
    """What someone holding the database could do: switch the append-only guards off."""
    with store.engine.begin() as conn:
        for table in tables:
            if store.is_sqlite:
                conn.execute(text(f"DROP TRIGGER {table}_no_delete"))
            else:
                conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def doctor_line(out: str, name: str) -> str:
    return next(line for line in out.splitlines() if line[6:].startswith(name))


def test_a_whole_store_verifies(kiosk: Kiosk, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "audit", "verify")
    assert (code, err) == (0, "")
    assert out.startswith(f"audit chain intact: {kiosk.rows} rows, head ")
    assert (
        f"(row {kiosk.rows}) agrees; the newest 1 PDF(s) have their signature rows in the chain"
        in out
    )
    assert "every event row has its audit row and every audit row its event" in out


@pytest.mark.parametrize("removed", [1, 20])
def test_the_newest_audit_rows_removed_are_named(
    kiosk: Kiosk, capsys: pytest.CaptureFixture[str], removed: int
) -> None:
    bypass(kiosk.store, "audit_log")
    with kiosk.store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq > :n"), {"n": kiosk.rows - removed})
    first = kiosk.rows - removed + 1
    gap = f"row {first} is" if removed == 1 else f"rows {first}–{kiosk.rows} are"
    sentence = f"{gap} missing: {TAKEN}, signed by this kiosk, counted {kiosk.rows}"
    code, out, err = run(capsys, "audit", "verify")
    assert (code, out) == (1, "")
    assert f"audit chain incomplete: {sentence}" in err
    assert "Traceback" not in err
    if removed == 20:  # the briefing's signature row went too: its PDF says so
        assert f"the signature row of briefing {kiosk.briefing}, sealed in " in err
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert doctor_line(out, "audit chain").startswith("ok")  # its own links still hold
    line = doctor_line(out, "audit anchor")
    assert line.startswith("FAIL") and sentence in line and "run `kiosk audit verify`" in line


def test_a_checkpoint_is_never_replaced_by_one_of_a_shortened_chain(
    kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    bypass(kiosk.store, "audit_log")
    with kiosk.store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = :n"), {"n": kiosk.rows})
    audit.record(kiosk.store, at=T0, actor="x", action="y", subject="z", detail={})
    anchor_file = checkpoint_path(kiosk.config.database_url, kiosk.config.data_dir)
    before = anchor_file.read_bytes()
    anchor(kiosk.store, anchor_file, load_signer(kiosk.config, T0), T0 + timedelta(hours=1))
    assert anchor_file.read_bytes() == before
    code, _, err = run(capsys, "audit", "verify")
    assert code == 1
    assert f"row {kiosk.rows} is not the row the {TAKEN}" in err


def test_a_removed_acknowledgement_is_named(
    kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    bypass(kiosk.store, "risk_acknowledgements")
    risk = FORM.risks[3].id
    with kiosk.store.engine.begin() as conn:
        conn.execute(
            text("DELETE FROM risk_acknowledgements WHERE briefing_id = :b AND risk_id = :r"),
            {"b": kiosk.briefing, "r": risk},
        )
    code, out, err = run(capsys, "audit", "verify")
    assert (code, out) == (1, "")
    assert err.startswith(
        f"audit and events disagree: briefing {kiosk.briefing}: the acknowledgement of {risk} "
        "recorded by audit row "
    )
    assert err.rstrip().endswith("is missing from risk_acknowledgements.")
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert doctor_line(out, "audit events").startswith("FAIL")


def test_an_acknowledgement_changed_is_named(
    kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    with kiosk.store.engine.begin() as conn:
        if kiosk.store.is_sqlite:
            conn.execute(text("DROP TRIGGER risk_acknowledgements_no_update"))
        else:
            conn.execute(
                text(
                    "ALTER TABLE risk_acknowledgements "
                    "DISABLE TRIGGER risk_acknowledgements_append_only"
                )
            )
        conn.execute(text("UPDATE risk_acknowledgements SET seconds_on_screen = 99999"))
    code, _, err = run(capsys, "audit", "verify")
    assert code == 1
    assert "in risk_acknowledgements differs from audit row" in err
    assert "(and " in err  # every risk changed: a few named, the rest counted


def test_a_forged_checkpoint_is_refused(kiosk: Kiosk, capsys: pytest.CaptureFixture[str]) -> None:
    anchor_file = checkpoint_path(kiosk.config.database_url, kiosk.config.data_dir)
    anchor_file.write_text(anchor_file.read_text().replace('"rows": ', '"rows": 1'))
    code, _, err = run(capsys, "audit", "verify")
    assert code == 1
    assert f"{anchor_file}: the audit checkpoint is not signed by this kiosk's key" in err


def test_the_checkpoint_the_database_and_the_pdfs_are_private(kiosk: Kiosk) -> None:
    anchor_file: Path = checkpoint_path(kiosk.config.database_url, kiosk.config.data_dir)
    private = [anchor_file, *kiosk.config.documents_dir.glob("*.pdf")]
    if kiosk.store.is_sqlite:
        db = kiosk.config.data_dir / "kiosk.db"
        private += [db, db.with_name("kiosk.db-wal"), db.with_name("kiosk.db-shm")]
    assert len(private) >= 2
    assert {str(p): p.stat().st_mode & 0o777 for p in private} == dict.fromkeys(
        map(str, private), 0o600
    )


def test_a_listening_row_deleted_is_named(kiosk: Kiosk, capsys: pytest.CaptureFixture[str]) -> None:
    briefing = walk_listening(kiosk.store, {"en": FORM}, "en")
    bypass(kiosk.store, "listenings")
    with kiosk.store.engine.begin() as conn:
        conn.execute(text("DELETE FROM listenings WHERE number = 2"))
    code, _, err = run(capsys, "audit", "verify")
    assert code == 1
    assert f"briefing {briefing}: listening 2 recorded by audit row" in err
    assert "is missing from listenings" in err
