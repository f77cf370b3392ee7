"""What a database error or a schema behind the code means, in one sentence that names the file or
setting and says what to do: a full disk, a lock, damage, a right the role lacks, a schema behind."""

from __future__ import annotations

from sqlalchemy import make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from kiosk.store.database import SCHEMA_HEAD, full_disk, locked, place_of, sqlite_path

OWNERS_INIT = (
    "have the tables' owner run `kiosk init` (the owner's init in the README, under Several "
    "kiosks on one PostgreSQL server)"
)
GRANTS = "the README's GRANTs (under Several kiosks on one PostgreSQL server)"


def schema_advice(url: str | URL) -> str:
    """What brings a schema up to this version's: `kiosk init`, on PostgreSQL by the tables' owner."""
    return "run `kiosk init`" if sqlite_path(url) else OWNERS_INIT


def schema_behind(url: str | URL, current: str | None) -> str:
    """Where a schema older than this version's is, and what to run (no place named: `kiosk doctor`)."""
    if current is None:
        then = "" if sqlite_path(url) else ", then give the kiosks' role " + GRANTS
        return f"the database has no kiosk tables yet; {schema_advice(url)}{then}"
    return f"at {current}, this version needs {SCHEMA_HEAD}; {schema_advice(url)}"


def behind(url: str | URL, current: str | None) -> str:
    """A command's refusal of a schema behind this version's, which it leaves as it is."""
    where = place_of(url) if sqlite_path(url) else f"database_url {place_of(url)}"
    if current is None:
        return f"{where}: {schema_behind(url, current)}."
    return f"{where}: its schema is {schema_behind(url, current)} (the records in it are kept)."


def described(url: str, exc: DBAPIError) -> str:
    """An error the database raised, as one sentence naming the file or setting and what to do."""
    place = place_of(url)
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    path = sqlite_path(url)
    if path is not None:
        said = full_disk(path) or locked(path, reason)
        if said:
            return said
        if "no such table" in reason or "no such column" in reason:
            return f"{place}: the database's schema is behind this kiosk version's ({reason}); run `kiosk init` (the records in it are kept)."
        if "not a database" in reason or "malformed" in reason:
            return f"{place}: the database is damaged ({reason}); it was left untouched: restore it from a backup and run `kiosk doctor`."
        return f"{place}: the database cannot be used ({reason}); check the file, its folder's permissions and free disk space."
    code = getattr(exc.orig, "sqlstate", None)
    if code == "42501" or "permission denied" in reason or "must be owner" in reason:
        return f"database_url {place}: {_not_allowed(url, reason)}."
    if code in ("42P01", "42703"):  # undefined table, undefined column
        return f"database_url {place}: the database's schema is behind this kiosk version's ({reason}); {OWNERS_INIT}."
    return f"database_url {place}: cannot reach the database ({reason}); check the server is running and the URL, user and password."


def _not_allowed(url: str, reason: str) -> str:
    """The server was reached, but the role may not do what the kiosk asked: who may, and what to run."""
    role = f"the role {make_url(url).username}" if make_url(url).username else "the kiosk's role"
    if "must be owner" in reason:  # a migration, which only the tables' owner may run
        return (
            f"{role} may not bring the schema up to this kiosk version's ({reason}); {OWNERS_INIT}"
        )
    if "for database" in reason:
        return f"{role} may not connect to this database ({reason}); as a PostgreSQL superuser grant it CONNECT as the README says"
    if (
        "for schema" in reason
    ):  # the tables are not there yet, or the schema's USAGE was not granted
        return f"{role} may not make or use tables here ({reason}); {OWNERS_INIT}, then give {role} {GRANTS}"
    return f"{role} lacks a right the kiosk needs ({reason}); as the tables' owner run {GRANTS} (`kiosk doctor` names each right missing)"
