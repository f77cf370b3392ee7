"""`kiosk staff add`, `list`, `disable`, `enable` and `pin`: staff accounts, for coordinators and IT.

A PIN is never taken from the command line (it would sit in the shell history and the process
list): it is asked for twice without echo, or read as two lines from standard input when that
is not a terminal (scripts and tests).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from kiosk.cli.columns import pad, width
from kiosk.config import load_config
from kiosk.store import InputError, Store, open_store
from kiosk.store.maintenance import Check
from kiosk.store.staff import (
    StaffInfo,
    add_staff,
    clean_staff_name,
    disable_staff,
    enable_staff,
    list_staff,
    set_staff_pin,
)
from kiosk.unavailable import not_set_up


def register(commands: Any) -> None:
    staff = commands.add_parser("staff", help="staff accounts: add, list, disable, enable, pin")
    actions = staff.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="add a staff member; asks for their PIN (4 to 12 digits, not 1111 or 1234) twice",
    )
    add.add_argument(
        "name", metavar="NAME", help="the staff member's name, as they sign in with it"
    )
    add.set_defaults(run=run_add)
    listing = actions.add_parser("list", help="every staff account and whether it can log in")
    listing.set_defaults(run=run_list)
    disable = actions.add_parser("disable", help="stop a staff member from logging in")
    disable.add_argument("name", metavar="NAME", help="the name of the staff account to disable")
    disable.set_defaults(run=run_disable)
    enable = actions.add_parser("enable", help="let a disabled staff member log in again")
    enable.add_argument("name", metavar="NAME", help="the name of the staff account to enable")
    enable.set_defaults(run=run_enable)
    pin = actions.add_parser(
        "pin", help="give a staff member a new PIN (a forgotten one); asks for it twice"
    )
    pin.add_argument("name", metavar="NAME", help="the name of the staff account")
    pin.set_defaults(run=run_pin)


def _open(args: argparse.Namespace) -> Store:
    config = load_config(args.config)
    return open_store(config.database_url, config.kiosk_id, create=False, at_head=True)


def _fail(action: str, message: str) -> int:
    print(f"kiosk staff {action}: {message}", file=sys.stderr)
    return 1


class _NoPin(Exception):
    pass


def read_pin(name: str) -> tuple[str, str]:
    """The PIN and its confirmation: without echo on a terminal, else two lines of standard input."""
    if sys.stdin.isatty():
        first = getpass.getpass(f"PIN for {name}: ")
        second = getpass.getpass(f"PIN for {name} again: ")
        return first, second
    lines = [sys.stdin.readline(), sys.stdin.readline()]
    if not lines[0]:
        raise _NoPin
    first, second = (line.rstrip("\r\n") for line in lines)
    return first, second


def _name_problem(name: str) -> str | None:
    """Why a new staff member's name cannot be taken, before their PIN is asked for: the store's
    rules, then the one for every name on a briefing PDF (a witness's, or who confirmed a typed
    signature, is printed there), as for a patient's, a representative's or a practitioner's."""
    from kiosk.document.printable import Unprintable, unprintable  # (the fonts: this command's)

    try:
        cleaned = clean_staff_name(name)
    except InputError as exc:
        return f"{exc}."
    why = unprintable(cleaned)
    if why is Unprintable.EMOJI:
        return (
            "name: has emoji, which the briefing PDFs (where staff names are printed) cannot "
            "print; type the name with letters only."
        )
    if why is Unprintable.LETTERS:
        return (
            "name: has letters no font of the kiosk draws, so the briefing PDFs (where staff "
            "names are printed) cannot print them; type them another way, such as the common "
            "form of a rare character."
        )
    return None


def _new_pin(action: str, name: str) -> str | None:
    """The PIN typed twice, or None once it is said why not (nothing is stored then)."""
    try:
        first, second = read_pin(name)
    except (_NoPin, EOFError):
        _fail(action, "no PIN was given; type it twice when asked.")
        return None
    if first != second:
        _fail(action, "the two PINs differ; nothing was saved, run the command again.")
        return None
    return first


def _change(
    args: argparse.Namespace, action: str, change: Callable[[Store, datetime, str], str], done: str
) -> int:
    """Make `change` to the store as `kiosk staff ACTION`, then say `done` of the account's name."""
    store = _open(args)
    try:
        name = change(store, datetime.now(UTC), f"kiosk staff {action}")
    except InputError as exc:
        return _fail(action, f"{exc}.")
    finally:
        store.close()
    print(done.format(name=name))
    return 0


def run_add(args: argparse.Namespace) -> int:
    problem = _name_problem(args.name)
    if problem is not None:
        return _fail("add", problem)
    pin = _new_pin("add", args.name)
    if pin is None:
        return 1
    return _change(
        args, "add", lambda store, now, actor: add_staff(store, args.name, pin, now, actor).name,
        "staff added: {name} (active)",
    )  # fmt: skip


def _state(info: StaffInfo, now: datetime) -> str:
    if not info.active:
        return "disabled"
    if info.locked_until is not None and info.locked_until > now:
        return f"locked until {info.locked_until:%Y-%m-%d %H:%M:%S} UTC"
    return "active"


def run_list(args: argparse.Namespace) -> int:
    store = _open(args)
    try:
        people = list_staff(store)
    finally:
        store.close()
    if not people:
        print("no staff accounts yet; add one with `kiosk staff add NAME`")
        return 0
    now = datetime.now(UTC)
    widest = max(width(p.name) for p in people)  # on screen: a Korean name's letters take two
    states = [_state(p, now) for p in people]
    widest_state = max(width(s) for s in states)  # "active" beside "disabled": the dates in line
    for person, state in zip(people, states, strict=True):
        print(
            f"{pad(person.name, widest)}  {pad(state, widest_state)}"
            f"  (added {person.created_at:%Y-%m-%d})"
        )
    return 0


def run_disable(args: argparse.Namespace) -> int:
    return _change(
        args, "disable", lambda store, now, actor: disable_staff(store, args.name, now, actor),
        "staff disabled: {name} (can no longer log in; kept in the record)",
    )  # fmt: skip


def run_enable(args: argparse.Namespace) -> int:
    return _change(
        args, "enable", lambda store, now, actor: enable_staff(store, args.name, now, actor),
        "staff enabled: {name} (can log in again with their PIN)",
    )  # fmt: skip


def run_pin(args: argparse.Namespace) -> int:
    pin = _new_pin("pin", args.name)
    if pin is None:
        return 1
    return _change(
        args, "pin", lambda store, now, actor: set_staff_pin(store, args.name, pin, now, actor),
        "new PIN set: {name} (any lock on the account is lifted)",
    )  # fmt: skip


def staff_check(store: Store) -> Check:
    """`kiosk doctor`'s line for staff accounts: with none active, no briefing can be prepared here
    and Welcome asks each patient for staff (a warning: walk-up briefings still start)."""
    active = sum(1 for person in list_staff(store) if person.active)
    if active:
        return Check("staff", True, f"{active} active account(s)")
    return Check("staff", True, not_set_up("staff"), warning=True)
