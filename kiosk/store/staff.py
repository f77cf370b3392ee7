"""Staff accounts: a name and a PIN kept only as an Argon2id hash, with a growing lockout.

Every change to `staff_users` and every login, failure, lockout and refusal is written to the
audit log in the same transaction. No PIN and no hash ever reaches the audit detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from itertools import pairwise

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.store import audit
from kiosk.store.database import Store
from kiosk.store.models import StaffUser
from kiosk.store.rules import InputError, clean_name

PIN_MIN = 4
PIN_MAX = 12
_PIN = re.compile(rf"[0-9]{{{PIN_MIN},{PIN_MAX}}}")

ATTEMPTS_BEFORE_LOCK = 5
"""Wrong PINs in a row that lock an account."""
FIRST_LOCK_SECONDS = 60
"""The first lockout; each further one in the same run of failures doubles it."""
MAX_LOCK_SECONDS = 3600
"""The longest lockout."""

UNKNOWN_ACTOR = "unknown staff"
"""The audit actor for a login with a name that is no account: typed text is never echoed."""

_HASHER = PasswordHasher()  # argon2-cffi defaults: Argon2id, RFC 9106 low-memory profile


@cache
def _dummy_hash() -> str:
    """A hash of no real PIN, verified for unknown names so that timing does not tell which exist."""
    return _HASHER.hash("not-a-pin: names that are no account are verified against this")


class LoginOutcome(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    UNKNOWN = "unknown"
    """No such account, or it is disabled; say the same as for a wrong PIN on screen."""


@dataclass(frozen=True)
class LoginResult:
    outcome: LoginOutcome
    name: str | None = None
    """The staff member's name when the account exists and is active."""
    locked_seconds: int = 0
    """Whole seconds until the account unlocks (0 when it is not locked)."""

    @property
    def ok(self) -> bool:
        return self.outcome is LoginOutcome.OK


@dataclass(frozen=True)
class StaffInfo:
    name: str
    active: bool
    locked_until: datetime | None
    created_at: datetime


def _trivial(pin: str) -> bool:
    """One digit repeated (1111) or a straight run up or down (1234, 4321): the first PINs anyone
    would try. A run in steps of two (2468, the practice PIN) is not refused."""
    steps = {int(b) - int(a) for a, b in pairwise(pin)}
    return steps in ({0}, {1}, {-1})


def check_pin_rules(pin: str) -> str:
    """The PIN if it is 4 to 12 digits and not trivial, else InputError (never repeating the PIN).

    Every way of setting a PIN goes through here (`add_staff`, `set_staff_pin`), so the rule is one.
    """
    if not _PIN.fullmatch(pin):
        raise InputError(
            "pin", f"must be {PIN_MIN} to {PIN_MAX} digits (0-9) and nothing else; choose another"
        )
    if _trivial(pin):
        raise InputError(
            "pin",
            "must not be one digit repeated (like 1111) or a straight run up or down "
            "(like 1234 or 4321), which are guessed first; choose another",
        )
    return pin


def clean_staff_name(name: str) -> str:
    """The name as `clean_name` keeps it, with every run of blanks made one space.

    "Dana  Okafor" and "Dana Okafor" are one person: a doubled space is a slip, not a new name.
    """
    return " ".join(clean_name(name, "name").split())


def _same_name_key(name: str) -> str:
    """What two staff names are compared by: blanks collapsed and case ignored, as `add` does."""
    return " ".join(name.split()).casefold()


def lock_seconds(lockouts: int) -> int:
    """How long the n-th lockout in a run of failures lasts: 60 s, 120 s, 240 s … at most an hour."""
    return int(min(FIRST_LOCK_SECONDS * 2 ** max(lockouts - 1, 0), MAX_LOCK_SECONDS))


def _subject(user: StaffUser) -> str:
    return f"staff:{user.id}"


def _ids_named(session: Session, cleaned: str) -> list[int]:
    """The accounts a typed name means: the one stored exactly so, else every one that matches
    ignoring case and doubled blanks (more than one only for names stored before that rule)."""
    rows = session.execute(select(StaffUser.id, StaffUser.name)).all()
    exact = [r.id for r in rows if r.name == cleaned]
    if exact:
        return exact
    key = _same_name_key(cleaned)
    return [r.id for r in rows if _same_name_key(r.name) == key]


def _by_name(session: Session, cleaned: str, *, for_update: bool = False) -> StaffUser | None:
    """The one account the name means, or None when it means none (or, ambiguously, several)."""
    ids = _ids_named(session, cleaned)
    if len(ids) != 1:
        return None
    query = select(StaffUser).where(StaffUser.id == ids[0])
    if for_update:
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


def add_staff(
    store: Store, name: str, pin: str, now: datetime, actor: str = "kiosk staff add"
) -> StaffInfo:
    """Create an active account; the PIN is kept only as an Argon2id hash. Audited as staff_added."""
    cleaned = clean_staff_name(name)
    check_pin_rules(pin)
    pin_hash = _HASHER.hash(pin)
    try:
        return _insert(store, cleaned, pin_hash, now, actor)
    except IntegrityError:  # another kiosk added the same name at the same moment
        raise InputError(
            "name", f"a staff account named {cleaned!r} already exists; choose another name"
        ) from None


def _insert(store: Store, cleaned: str, pin_hash: str, now: datetime, actor: str) -> StaffInfo:
    with store.sessions.begin() as session:
        names = session.execute(select(StaffUser.name)).scalars().all()
        key = _same_name_key(cleaned)
        taken = next((n for n in names if _same_name_key(n) == key), None)
        if taken is not None:
            raise InputError(
                "name", f"a staff account named {taken!r} already exists; choose another name"
            )
        user = StaffUser(
            name=cleaned,
            pin_hash=pin_hash,
            active=True,
            failed_attempts=0,
            locked_until=None,
            created_at=now,
        )
        session.add(user)
        session.flush()
        audit.append(
            session,
            at=now,
            kiosk_id=store.kiosk_id,
            actor=actor,
            action="staff_added",
            subject=_subject(user),
            detail={"name": cleaned},
        )
        return _info(user)


def _info(user: StaffUser) -> StaffInfo:
    return StaffInfo(user.name, user.active, user.locked_until, user.created_at)


def list_staff(store: Store) -> list[StaffInfo]:
    """Every account, by name; never the hash."""
    with store.reading() as session:
        rows = session.execute(
            select(
                StaffUser.name, StaffUser.active, StaffUser.locked_until, StaffUser.created_at
            ).order_by(StaffUser.name)
        ).all()
        session.rollback()
    return [StaffInfo(r.name, r.active, r.locked_until, r.created_at) for r in rows]


def is_disabled(store: Store, name: str) -> bool:
    """Whether `name` is one account, disabled: a staff member signed in before IT disabled them
    acts no more (a desk left signed in had gone on preparing briefings under that name)."""
    with store.reading() as session:
        user = _by_name(session, clean_staff_name(name))
        return user is not None and not user.active


def _account(session: Session, name: str) -> StaffUser:
    """The one account named `name` (case and spaces aside), locked for the change; InputError
    naming what to do when there is none, or more than one."""
    cleaned = clean_staff_name(name)
    if len(_ids_named(session, cleaned)) > 1:
        raise InputError(
            "name",
            f"more than one staff account is named like {cleaned!r}; type the name exactly "
            "as `kiosk staff list` shows it",
        )
    user = _by_name(session, cleaned, for_update=True)
    if user is None:
        raise InputError(
            "name",
            f"there is no staff account named {cleaned!r}; run `kiosk staff list` to see the names",
        )
    return user


def _changed(
    store: Store, session: Session, user: StaffUser, now: datetime, actor: str, action: str
) -> None:
    audit.append(
        session, at=now, kiosk_id=store.kiosk_id, actor=actor, action=action,
        subject=_subject(user), detail={"name": user.name},
    )  # fmt: skip


def disable_staff(store: Store, name: str, now: datetime, actor: str) -> str:
    """Stop an account from logging in (kept for the record); returns its name. Audited as staff_disabled."""
    with store.sessions.begin() as session:
        user = _account(session, name)
        if not user.active:
            raise InputError("name", f"the staff account {user.name!r} is already disabled")
        user.active = False
        _changed(store, session, user, now, actor, "staff_disabled")
        return user.name


def enable_staff(store: Store, name: str, now: datetime, actor: str) -> str:
    """Let a disabled account log in again, unlocked, with its PIN as it was (a person's record
    stays under one name: adding them again under another had split it). Audited as
    staff_enabled; returns the name."""
    with store.sessions.begin() as session:
        user = _account(session, name)
        if user.active:
            raise InputError("name", f"the staff account {user.name!r} is already active")
        user.active, user.failed_attempts, user.locked_until = True, 0, None
        _changed(store, session, user, now, actor, "staff_enabled")
        return user.name


def set_staff_pin(store: Store, name: str, pin: str, now: datetime, actor: str) -> str:
    """Give an active account a new PIN (a forgotten one), unlocked; kept only as an Argon2id hash.
    Audited as staff_pin_set (never the PIN); returns the name."""
    check_pin_rules(pin)
    pin_hash = _HASHER.hash(pin)
    with store.sessions.begin() as session:
        user = _account(session, name)
        if not user.active:  # a new PIN would read as the way back in: enabling is that
            raise InputError(
                "name",
                f"the staff account {user.name!r} is disabled; run `kiosk staff enable` first",
            )
        user.pin_hash, user.failed_attempts, user.locked_until = pin_hash, 0, None
        _changed(store, session, user, now, actor, "staff_pin_set")
        return user.name


def _verify(pin_hash: str, pin: str) -> bool:
    try:
        return _HASHER.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def _seconds_left(until: datetime | None, now: datetime) -> int:
    if until is None or until <= now:
        return 0
    return max(1, int((until - now).total_seconds() + 0.999))


def check_pin(store: Store, name: str, pin: str, now: datetime) -> LoginResult:
    """Log a staff member in, or say why not; every attempt is audited.

    The PIN is verified (against a dummy hash for names that are no account) before anything is
    decided, so the time taken is much the same whatever the name. Five wrong PINs in a row lock
    the account for `lock_seconds(n)`; while locked even the right PIN is refused.
    """
    try:
        cleaned: str | None = clean_staff_name(name)
    except InputError:
        cleaned = None
    known_hash: str | None = None
    if cleaned is not None:
        with store.reading() as session:
            known = _by_name(session, cleaned)
            known_hash = known.pin_hash if known is not None and known.active else None
            session.rollback()
    # Verify outside the write transaction: Argon2 is deliberately slow and must not hold the lock.
    matches = _verify(known_hash or _dummy_hash(), pin) and known_hash is not None

    with store.sessions.begin() as session:
        user = _by_name(session, cleaned, for_update=True) if cleaned is not None else None

        def note(action: str, detail: dict[str, object]) -> None:
            audit.append(
                session,
                at=now,
                kiosk_id=store.kiosk_id,
                actor=user.name if user is not None else UNKNOWN_ACTOR,
                action=action,
                subject=_subject(user) if user is not None else "staff:unknown",
                detail=detail,
            )

        if user is None or not user.active:
            note("staff_login_failed", {"reason": "disabled" if user else "unknown"})
            return LoginResult(LoginOutcome.UNKNOWN)
        left = _seconds_left(user.locked_until, now)
        if left:
            note("staff_login_refused_locked", {"seconds_left": left})
            return LoginResult(LoginOutcome.LOCKED, user.name, left)
        if user.pin_hash != known_hash:  # changed since it was read: judge by the current hash
            matches = _verify(user.pin_hash, pin)
        if matches:
            detail: dict[str, object] = {"after_failures": user.failed_attempts}
            user.failed_attempts = 0
            user.locked_until = None
            if _HASHER.check_needs_rehash(user.pin_hash):
                user.pin_hash = _HASHER.hash(pin)
                detail["rehashed"] = True
            note("staff_login", detail)
            return LoginResult(LoginOutcome.OK, user.name)
        user.failed_attempts += 1
        note("staff_login_failed", {"reason": "wrong_pin", "in_a_row": user.failed_attempts})
        if user.failed_attempts % ATTEMPTS_BEFORE_LOCK:
            return LoginResult(LoginOutcome.WRONG, user.name)
        lockouts = user.failed_attempts // ATTEMPTS_BEFORE_LOCK
        seconds = lock_seconds(lockouts)
        user.locked_until = now + timedelta(seconds=seconds)
        note("staff_locked", {"lockout": lockouts, "seconds": seconds})
        return LoginResult(LoginOutcome.LOCKED, user.name, seconds)
