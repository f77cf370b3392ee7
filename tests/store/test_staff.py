"""Staff accounts: Argon2id PINs, the growing lockout and the audit trail, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest
from argon2 import PasswordHasher
from sqlalchemy import MetaData, select

from kiosk.store import InputError, Store, audit
from kiosk.store import staff as staff_module
from kiosk.store.database import sqlite_path
from kiosk.store.models import AuditEntry, StaffUser
from kiosk.store.staff import (
    UNKNOWN_ACTOR,
    LoginOutcome,
    add_staff,
    check_pin,
    disable_staff,
    list_staff,
    lock_seconds,
)

PIN = "73914862"
"""An unusual PIN: long enough that no hash, salt or time in the database holds it by chance."""
WRONG = "58206419"
T0 = datetime(2030, 5, 6, 7, 8, 9, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def audit_rows(store: Store) -> list[AuditEntry]:
    with store.reading() as session:
        rows = list(session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())
        report = audit.verify(session)
        session.expunge_all()
        session.rollback()
    assert report.ok, report.reason
    return rows


def actions(store: Store) -> list[tuple[str, str]]:
    return [(r.action, r.actor) for r in audit_rows(store) if r.action.startswith("staff_")]


def staff_row(store: Store, name: str) -> StaffUser:
    with store.reading() as session:
        user = session.execute(select(StaffUser).where(StaffUser.name == name)).scalar_one()
        session.expunge(user)
        session.rollback()
    return user


def database_text(store: Store) -> str:
    """Every row of every table as text, and for SQLite the raw bytes of the files too."""
    metadata = MetaData()
    metadata.reflect(store.engine)
    parts: list[str] = []
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            parts += [repr(tuple(row)) for row in conn.execute(table.select())]
        conn.rollback()
    path = sqlite_path(store.engine.url)
    if path is not None:
        for suffix in ("", "-wal", "-journal", "-shm"):
            file = Path(f"{path}{suffix}")
            if file.exists():
                parts.append(file.read_bytes().decode("latin-1"))
    return "\n".join(parts)


def test_add_list_disable(store: Store) -> None:
    add_staff(store, "  Dana Okafor ", PIN, T0)
    add_staff(store, "Ben Adler", "5290", at(1), actor="it-admin")
    people = list_staff(store)
    assert [(p.name, p.active, p.locked_until, p.created_at) for p in people] == [
        ("Ben Adler", True, None, at(1)),
        ("Dana Okafor", True, None, T0),
    ]
    assert not any(hasattr(p, "pin_hash") for p in people)
    assert disable_staff(store, "Ben Adler", at(2), actor="it-admin") == "Ben Adler"
    assert [(p.name, p.active) for p in list_staff(store)] == [
        ("Ben Adler", False),
        ("Dana Okafor", True),
    ]
    assert actions(store) == [
        ("staff_added", "kiosk staff add"),
        ("staff_added", "it-admin"),
        ("staff_disabled", "it-admin"),
    ]
    with pytest.raises(InputError, match="no staff account named 'Nobody'; run `kiosk staff list`"):
        disable_staff(store, "Nobody", at(3), actor="it-admin")
    with pytest.raises(InputError, match="already disabled"):
        disable_staff(store, "Ben Adler", at(3), actor="it-admin")
    assert len(actions(store)) == 3
    assert check_pin(store, "Ben Adler", "5290", at(4)).outcome is LoginOutcome.UNKNOWN
    assert actions(store)[-1] == ("staff_login_failed", "Ben Adler")


@pytest.mark.parametrize(
    "pin", ["123", "1234567890123", "12a4", "12 34", "", "١٢٣٤", "１２３４", "1234\n"]
)
def test_pin_rules(store: Store, pin: str) -> None:
    with pytest.raises(InputError) as caught:
        add_staff(store, "Dana Okafor", pin, T0)
    assert caught.value.field == "pin"
    assert "4 to 12 digits" in caught.value.message
    assert pin.strip() == "" or pin.strip() not in str(caught.value)
    assert list_staff(store) == []
    assert audit_rows(store) == []


@pytest.mark.parametrize("pin", ["2468", "1357", "100000000000", "9081", "1235", "87650", "7890"])
def test_pins_that_follow_the_rules(store: Store, pin: str) -> None:
    add_staff(store, "Dana Okafor", pin, T0)
    assert check_pin(store, "Dana Okafor", pin, at(1)).ok


@pytest.mark.parametrize(
    "pin", ["0000", "1111", "999999999999", "1234", "4321", "123456", "987654", "0123456789"]
)
def test_trivial_pins_are_refused(store: Store, pin: str) -> None:
    with pytest.raises(InputError) as caught:
        add_staff(store, "Dana Okafor", pin, T0)
    assert caught.value.field == "pin"
    assert caught.value.message == (
        "must not be one digit repeated (like 1111) or a straight run up or down "
        "(like 1234 or 4321), which are guessed first; choose another"
    )  # the same words whatever was typed: the message never depends on the PIN
    assert list_staff(store) == []
    assert audit_rows(store) == []


def test_a_name_must_be_a_name_and_unique(store: Store) -> None:
    with pytest.raises(InputError, match="name: must not be empty"):
        add_staff(store, "   ", PIN, T0)
    add_staff(store, "Dana Okafor", PIN, T0)
    with pytest.raises(InputError, match="'Dana Okafor' already exists") as caught:
        add_staff(store, "Dana Okafor", "5821", at(1))
    assert caught.value.field == "name"
    with pytest.raises(InputError, match="'Dana Okafor' already exists"):
        add_staff(store, " dana okafor", "5821", at(1))
    with pytest.raises(InputError, match="'Dana Okafor' already exists"):
        add_staff(store, "Dana \u00a0 Okafor", "5821", at(1))
    assert [p.name for p in list_staff(store)] == ["Dana Okafor"]
    assert [a for a, _ in actions(store)] == ["staff_added"]


@pytest.mark.real_pin_hash
def test_the_pin_is_kept_only_as_an_argon2id_hash(store: Store) -> None:
    add_staff(store, "Dana Okafor", PIN, T0)
    assert check_pin(store, "Dana Okafor", WRONG, at(1)).outcome is LoginOutcome.WRONG
    assert check_pin(store, "Dana Okafor", PIN, at(2)).ok
    user = staff_row(store, "Dana Okafor")
    assert user.pin_hash.startswith("$argon2id$")
    assert not PasswordHasher().check_needs_rehash(user.pin_hash)  # argon2-cffi's defaults
    assert PIN not in user.pin_hash
    dump = database_text(store)
    assert "Dana Okafor" in dump and "$argon2id$" in dump  # the dump does see the rows
    assert PIN not in dump
    assert WRONG not in dump
    for row in audit_rows(store):
        assert PIN not in row.detail and "argon2" not in row.detail
        assert user.pin_hash not in row.detail


def test_wrong_pins_lock_the_account_for_a_growing_delay(store: Store) -> None:
    add_staff(store, "Dana Okafor", PIN, T0)
    for n in range(1, 5):
        result = check_pin(store, "Dana Okafor", WRONG, at(n))
        assert (result.outcome, result.locked_seconds) == (LoginOutcome.WRONG, 0)
    result = check_pin(store, "Dana Okafor", WRONG, at(5))
    assert (result.outcome, result.locked_seconds) == (LoginOutcome.LOCKED, 60)
    assert staff_row(store, "Dana Okafor").locked_until == at(65)
    assert list_staff(store)[0].locked_until == at(65)

    # locked: even the right PIN is refused, and the refusal does not count as a failure
    result = check_pin(store, "Dana Okafor", PIN, at(35))
    assert (result.outcome, result.locked_seconds) == (LoginOutcome.LOCKED, 30)
    assert not result.ok
    assert staff_row(store, "Dana Okafor").failed_attempts == 5

    # after the delay one wrong PIN does not lock again at once; five more in a row do, for longer
    assert check_pin(store, "Dana Okafor", WRONG, at(65)).outcome is LoginOutcome.WRONG
    for n in range(66, 69):
        assert check_pin(store, "Dana Okafor", WRONG, at(n)).outcome is LoginOutcome.WRONG
    result = check_pin(store, "Dana Okafor", WRONG, at(69))
    assert (result.outcome, result.locked_seconds) == (LoginOutcome.LOCKED, 120)
    assert check_pin(store, "Dana Okafor", PIN, at(188)).outcome is LoginOutcome.LOCKED

    # once unlocked the right PIN works and the count starts again
    assert check_pin(store, "Dana Okafor", PIN, at(189)).ok
    user = staff_row(store, "Dana Okafor")
    assert (user.failed_attempts, user.locked_until) == (0, None)
    for n in range(200, 205):
        result = check_pin(store, "Dana Okafor", WRONG, at(n))
    assert (result.outcome, result.locked_seconds) == (LoginOutcome.LOCKED, 60)

    expected = (
        [("staff_added", "kiosk staff add")]
        + [("staff_login_failed", "Dana Okafor")] * 5
        + [("staff_locked", "Dana Okafor"), ("staff_login_refused_locked", "Dana Okafor")]
        + [("staff_login_failed", "Dana Okafor")] * 5
        + [("staff_locked", "Dana Okafor"), ("staff_login_refused_locked", "Dana Okafor")]
        + [("staff_login", "Dana Okafor")]
        + [("staff_login_failed", "Dana Okafor")] * 5
        + [("staff_locked", "Dana Okafor")]
    )
    assert actions(store) == expected
    locks = [json.loads(r.detail) for r in audit_rows(store) if r.action == "staff_locked"]
    assert locks == [
        {"lockout": 1, "seconds": 60},
        {"lockout": 2, "seconds": 120},
        {"lockout": 1, "seconds": 60},
    ]
    for row in audit_rows(store):
        assert PIN not in row.detail and WRONG not in row.detail
        assert "$argon2" not in row.detail


def test_the_lockout_delay_doubles_up_to_an_hour() -> None:
    assert [lock_seconds(n) for n in range(1, 9)] == [60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_unknown_names_are_verified_and_never_echoed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_staff(store, "Dana Okafor", PIN, T0)
    verified: list[str] = []

    class Spy(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            verified.append(str(hash))
            return super().verify(hash, password)

    monkeypatch.setattr(staff_module, "_HASHER", Spy())
    typed = "Robert'); DROP TABLE staff_users;--"
    for name in (typed, "", "\u202eevil"):
        result = check_pin(store, name, PIN, at(1))
        assert result.outcome is LoginOutcome.UNKNOWN and not result.ok
    assert len(verified) == 3 and all(h.startswith("$argon2id$") for h in verified)
    rows = [r for r in audit_rows(store) if r.action == "staff_login_failed"]
    assert [(r.actor, r.subject) for r in rows] == [(UNKNOWN_ACTOR, "staff:unknown")] * 3
    assert all(typed not in r.detail and "DROP" not in r.detail for r in rows)
    assert check_pin(store, "Dana Okafor", PIN, at(2)).ok


def test_every_event_is_audited_under_the_staff_name(store: Store) -> None:
    add_staff(store, "Dana Okafor", PIN, T0, actor="it-admin")
    assert check_pin(store, " Dana Okafor ", PIN, at(1)).name == "Dana Okafor"
    check_pin(store, "Dana Okafor", WRONG, at(2))
    disable_staff(store, "Dana Okafor", at(3), actor="it-admin")
    rows = [r for r in audit_rows(store) if r.action.startswith("staff_")]
    assert [(r.action, r.actor, r.kiosk_id) for r in rows] == [
        ("staff_added", "it-admin", "kiosk-test"),
        ("staff_login", "Dana Okafor", "kiosk-test"),
        ("staff_login_failed", "Dana Okafor", "kiosk-test"),
        ("staff_disabled", "it-admin", "kiosk-test"),
    ]
    assert len({r.subject for r in rows}) == 1 and rows[0].subject.startswith("staff:")
    assert [r.at for r in rows] == [T0, at(1), at(2), at(3)]
    assert json.loads(rows[2].detail) == {"reason": "wrong_pin", "in_a_row": 1}


@pytest.mark.real_pin_hash
def test_an_outdated_hash_is_replaced_on_login(store: Store) -> None:
    add_staff(store, "Dana Okafor", PIN, T0)
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PIN)
    with store.sessions.begin() as session:
        user = session.execute(select(StaffUser)).scalar_one()
        user.pin_hash = weak
    assert check_pin(store, "Dana Okafor", PIN, at(1)).ok
    stored = staff_row(store, "Dana Okafor").pin_hash
    assert stored != weak and stored.startswith("$argon2id$")
    assert not staff_module._HASHER.check_needs_rehash(stored)
    assert json.loads(audit_rows(store)[-1].detail) == {"after_failures": 0, "rehashed": True}
    assert check_pin(store, "Dana Okafor", PIN, at(2)).ok


def test_blanks_inside_a_name_are_collapsed_before_it_is_kept(store: Store) -> None:
    add_staff(store, "  Dana \u00a0  Okafor ", PIN, T0)
    assert [p.name for p in list_staff(store)] == ["Dana Okafor"]
    with pytest.raises(InputError, match="'Dana Okafor' already exists"):
        add_staff(store, "dana  okafor", "5821", at(1))
    assert check_pin(store, "Dana  Okafor", PIN, at(2)).name == "Dana Okafor"


def test_a_name_is_found_the_way_add_compares_it(store: Store) -> None:
    add_staff(store, "Dana Okafor", PIN, T0)
    assert check_pin(store, "dana OKAFOR", PIN, at(1)).name == "Dana Okafor"
    assert disable_staff(store, " dana   okafor", at(2), actor="it-admin") == "Dana Okafor"
    assert [(p.name, p.active) for p in list_staff(store)] == [("Dana Okafor", False)]
    with pytest.raises(InputError, match="'Dana Okafor' is already disabled"):
        disable_staff(store, "DANA OKAFOR", at(3), actor="it-admin")
    rows = [r for r in audit_rows(store) if r.action == "staff_disabled"]
    assert [json.loads(r.detail) for r in rows] == [{"name": "Dana Okafor"}]


def test_names_kept_before_the_rule_that_now_look_alike_must_be_typed_exactly(
    store: Store,
) -> None:
    add_staff(store, "Ben Adler", PIN, T0)
    add_staff(store, "Dana Okafor", WRONG, at(1))
    with store.sessions.begin() as session:  # two names an older version could keep side by side
        session.execute(
            select(StaffUser).where(StaffUser.name == "Ben Adler")
        ).scalar_one().name = "Dana  Okafor"
    with pytest.raises(InputError, match="type the name exactly as `kiosk staff list` shows"):
        disable_staff(store, "dana okafor", at(2), actor="it-admin")
    assert check_pin(store, "dana okafor", PIN, at(3)).outcome is LoginOutcome.UNKNOWN
    assert check_pin(store, "Dana Okafor", WRONG, at(4)).ok
    assert disable_staff(store, "Dana Okafor", at(5), actor="it-admin") == "Dana Okafor"
