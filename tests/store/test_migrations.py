"""Alembic owns the schema: it matches the models, and its protections survive every upgrade."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from kiosk.store import audit
from kiosk.store.database import (
    SCHEMA_HEAD,
    StoreError,
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    migrate,
    open_store,
    sqlite_path,
)
from kiosk.store.models import Base

FIRST = "0001"


def test_the_migrated_schema_matches_the_models(db_url: str) -> None:
    store = open_store(db_url, "kiosk-test")
    try:
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
        assert current_revision(store.engine) == head_revision(store.engine)
    finally:
        store.close()


def test_protections_survive_upgrade_head_on_a_populated_database(db_url: str) -> None:
    """0002 rebuilds `signatures` in batch mode on SQLite, which drops triggers and unnamed CHECKs."""
    path = sqlite_path(db_url)
    if path:
        path.parent.mkdir(parents=True)
    engine = make_engine(db_url)
    migrate(engine, FIRST)
    with (
        engine.begin() as conn
    ):  # a briefing with a signature and audit rows, written at revision 0001
        conn.execute(text(
            "INSERT INTO patients (id, name, date_of_birth, created_at) VALUES (1, 'Ana', :d, :t)"
        ), {"d": date(1950, 1, 1), "t": "2026-11-23 09:00:00"})  # fmt: skip
        conn.execute(text(
            "INSERT INTO briefings (id, patient_id, form_id, form_version, content_sha256, kiosk_id, status, created_at)"
            " VALUES ('b1', 1, 'mild', '1', :h, 'k', 'completed', '2026-11-23 09:00:00')"
        ), {"h": "0" * 64})  # fmt: skip
        conn.execute(text(
            "INSERT INTO signatures (briefing_id, kind, strokes_json, screen_times_json, signed_at)"
            " VALUES ('b1', 'drawn', '[[[0,0,0],[90,40,10]]]', '[]', '2026-11-23 09:05:00')"
        ))  # fmt: skip
        conn.execute(text(
            "INSERT INTO risk_acknowledgements (briefing_id, risk_id, shown_at, acknowledged_at, seconds_on_screen)"
            " VALUES ('b1', 'risk-a', '2026-11-23 09:01:00', '2026-11-23 09:02:00', 5)"
        ))  # fmt: skip
    engine.dispose()
    store = open_store(db_url, "kiosk-test")  # upgrade head, as the kiosk does at start
    try:
        assert current_revision(store.engine) == head_revision(store.engine) != FIRST
        with store.sessions.begin() as s:
            audit.append(s, at=datetime.now(UTC), kiosk_id="k", actor="a", action="x", subject="s")
        for statement in (
            "UPDATE signatures SET kind = 'typed'",
            "DELETE FROM signatures",
            "UPDATE risk_acknowledgements SET risk_id = 'x'",
            "DELETE FROM risk_acknowledgements",
            "UPDATE audit_log SET actor = 'b'",
            "DELETE FROM audit_log",
        ):
            with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
                conn.execute(text(statement))
        # the named CHECKs of the rebuilt table still hold, the old one and the new one
        with store.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO briefings (id, form_id, form_version, content_sha256, kiosk_id, status, created_at)"
                " VALUES ('b2', 'mild', '1', :h, 'k', 'in_progress', '2026-11-23 09:00:00')"
            ), {"h": "0" * 64})  # fmt: skip
        for values in ("'scribble', '[[[0,0,0]]]'", "'drawn', '[]'", "'typed', '[]'"):
            insert = text(
                "INSERT INTO signatures (briefing_id, kind, strokes_json, screen_times_json, signed_at)"
                f" VALUES ('b2', {values}, '[]', '2026-11-23 09:05:00')"
            )
            with pytest.raises(IntegrityError), store.engine.begin() as conn:
                conn.execute(insert)
        with store.engine.connect() as conn:  # the row written before the upgrade is intact
            assert (
                conn.execute(text("SELECT strokes_json FROM signatures")).scalar_one()
                == "[[[0,0,0],[90,40,10]]]"
            )
    finally:
        store.close()


def test_downgrade_and_upgrade_again(db_url: str) -> None:
    store = open_store(db_url, "kiosk-test")
    try:
        command.downgrade(alembic_config(store.engine), FIRST)
        assert current_revision(store.engine) == FIRST
        migrate(store.engine)
        assert current_revision(store.engine) == head_revision(store.engine)
        with store.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        store.close()


def test_the_head_the_code_knows_is_alembics_head(db_url: str) -> None:
    store = open_store(db_url, "kiosk-test")
    try:
        assert head_revision(store.engine) == SCHEMA_HEAD
    finally:
        store.close()


def test_an_up_to_date_store_opens_without_loading_alembic(tmp_path: Path) -> None:
    """Alembic (with mako and pygments) is loaded only when there is something to migrate."""
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    open_store(url, "kiosk-test").close()
    probe = (
        "import sys; from kiosk.store.database import open_store; "
        f"open_store({url!r}, 'kiosk-test').close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_schema_made_by_a_newer_kiosk_is_refused_in_one_sentence_and_left_alone(
    db_url: str,
) -> None:
    open_store(db_url, "kiosk-test").close()
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    finally:
        engine.dispose()
    with pytest.raises(StoreError) as refused:
        open_store(db_url, "kiosk-test")
    said = str(refused.value)
    assert "revision 0099" in said and f"newest is {SCHEMA_HEAD}" in said and "\n" not in said
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) == "0099"  # left as it was
    finally:
        engine.dispose()


def test_0004_gives_every_stored_row_its_language_and_loses_nothing(db_url: str) -> None:
    """A database made at 0003 with a whole briefing: after the upgrade every row is as it was,
    each given row says English and the briefing's content hash, and the guards still hold."""
    path = sqlite_path(db_url)
    if path:
        path.parent.mkdir(parents=True)
    engine = make_engine(db_url)
    migrate(engine, "0003")
    sha = "ab" * 32
    rows = {
        "patients": "INSERT INTO patients (id, name, date_of_birth, created_at)"
        " VALUES (1, 'Zoë Ångström', '1950-01-01', '2026-11-23 09:00:00')",
        "briefings": "INSERT INTO briefings (id, patient_id, form_id, form_version, content_sha256,"
        " kiosk_id, status, created_at, started_at, ended_at)"
        f" VALUES ('b1', 1, 'mild', '1.0.0', '{sha}', 'k', 'completed', '2026-11-23 09:00:00',"
        " '2026-11-23 09:00:01', '2026-11-23 09:09:00')",
        "risk_acknowledgements": "INSERT INTO risk_acknowledgements (briefing_id, risk_id,"
        " shown_at, acknowledged_at, seconds_on_screen)"
        " VALUES ('b1', 'risk-a', '2026-11-23 09:01:00', '2026-11-23 09:02:00', 5.5)",
        "question_flags": "INSERT INTO question_flags (briefing_id, screen_id, flagged_at)"
        " VALUES ('b1', 'risk-a', '2026-11-23 09:01:30')",
        "comprehension_answers": "INSERT INTO comprehension_answers (briefing_id, question_id,"
        " choice_id, correct, attempt, answered_at) VALUES ('b1', 'q1', 'c2', false, 1,"
        " '2026-11-23 09:05:00')",
        "signatures": "INSERT INTO signatures (briefing_id, kind, strokes_json, screen_times_json,"
        " signed_at, image_png) VALUES ('b1', 'drawn', '[[[0,0,0],[9,4,10]]]', '[]',"
        " '2026-11-23 09:09:00', :png)",
        "documents": "INSERT INTO documents (briefing_id, status, path, sha256, made_at)"
        f" VALUES ('b1', 'made', 'x.pdf', '{'cd' * 32}', '2026-11-23 09:09:05')",  # relative
    }
    with engine.begin() as conn:
        for statement in rows.values():
            conn.execute(text(statement), {"png": b"\x89PNG-bytes"})
        audit.append(conn, at=datetime(2026, 11, 23, 9, tzinfo=UTC), kiosk_id="k", actor="patient",
                     action="signed", subject="briefing:b1", detail={"kind": "drawn"})  # fmt: skip
    before = {}
    with engine.connect() as conn:
        for table in (*rows, "audit_log"):
            before[table] = [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table}"))]
    engine.dispose()
    store = open_store(db_url, "kiosk-test")
    try:
        assert current_revision(store.engine) == SCHEMA_HEAD
        with store.engine.connect() as conn:
            for table, old in before.items():
                now = [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table}"))]
                assert [r[: len(old[0])] for r in now] == old, table  # every old column as it was
            assert conn.execute(text("SELECT language FROM briefings")).scalar_one() == "en"
            for table in ("risk_acknowledgements", "question_flags", "comprehension_answers",
                          "signatures"):  # fmt: skip
                given = conn.execute(text(f"SELECT language, content_sha256 FROM {table}")).one()
                assert tuple(given) == ("en", sha), table
        with store.reading() as s:
            assert audit.verify(s).ok
        for statement in (
            "UPDATE risk_acknowledgements SET language = 'es'",
            "UPDATE signatures SET content_sha256 = 'x'",
            "DELETE FROM comprehension_answers",
        ):
            with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
                conn.execute(text(statement))
        with pytest.raises(IntegrityError), store.engine.begin() as conn:  # NOT NULL now
            conn.execute(text(
                "INSERT INTO question_flags (briefing_id, screen_id, flagged_at)"
                " VALUES ('b1', 'risk-b', '2026-11-23 09:03:00')"
            ))  # fmt: skip
    finally:
        store.close()


def test_0007_stores_each_pdf_path_relative_to_the_documents_folder(db_url: str) -> None:
    """Absolute paths stored before 0007 (Linux and Windows) keep only the file name, which the
    documents folder resolves; a relative one and a pending row are left as they were."""
    path = sqlite_path(db_url)
    if path:
        path.parent.mkdir(parents=True)
    engine = make_engine(db_url)
    migrate(engine, "0004")
    sha = "ab" * 32
    stored = {
        "b1": "/srv/kiosk/documents/2026-11-23-b1.pdf",
        "b2": "C:\\ProgramData\\kiosk\\documents\\2026-11-23-b2.pdf",
        "b3": "2026-11-23-b3.pdf",
        "b4": None,
    }
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO patients (id, name, date_of_birth, created_at)"
            " VALUES (1, 'Zoë Ångström', '1950-01-01', '2026-11-23 09:00:00')"
        ))  # fmt: skip
        for briefing_id, pdf in stored.items():
            conn.execute(text(
                "INSERT INTO briefings (id, patient_id, form_id, form_version, content_sha256,"
                " kiosk_id, status, created_at) VALUES (:id, 1, 'mild', '1.0.0', :sha, 'k',"
                " 'completed', '2026-11-23 09:00:00')"
            ), {"id": briefing_id, "sha": sha})  # fmt: skip
            conn.execute(text(
                "INSERT INTO documents (briefing_id, status, path, sha256) VALUES (:id, :status,"
                " :path, :sha)"
            ), {"id": briefing_id, "status": "made" if pdf else "pending", "path": pdf,
                "sha": sha if pdf else None})  # fmt: skip
    engine.dispose()
    store = open_store(db_url, "kiosk-test")
    try:
        with store.engine.connect() as conn:
            after = dict(conn.execute(text("SELECT briefing_id, path FROM documents")).all())
            fingerprints = conn.execute(text("SELECT certificate_sha256 FROM documents")).scalars()
            assert set(fingerprints) == {None}
    finally:
        store.close()
    assert after == {
        "b1": "2026-11-23-b1.pdf",
        "b2": "2026-11-23-b2.pdf",
        "b3": "2026-11-23-b3.pdf",
        "b4": None,
    }
