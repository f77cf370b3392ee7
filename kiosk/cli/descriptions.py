"""What each command's --help says above its options: what it works on, what it needs, what it
leaves behind (a reviewer found `kiosk console --help` and `kiosk init --help` saying nothing but
"-h, --help"). A command not named here says its one-line help as a sentence."""

from __future__ import annotations

import argparse

DESCRIPTIONS = {
    ("init",): (
        "Create what a kiosk needs, where the settings say: the settings file (with every "
        "setting shown and explained), the data folder (readable by this user only), the "
        "database at the current schema, and the kiosk's signing key and certificate. Safe to run "
        "twice: what exists is kept and said so. Next: `kiosk staff add NAME`, then `kiosk`."
    ),
    ("doctor",): (
        "Check the installation, one line per check (settings, database, audit chain, signing "
        "key, forms, fonts, disk, display, PDF files): ok, WARN or FAIL with what to do. Exits 1 "
        "when a check fails."
    ),
    ("console",): (
        "Open the coordinator's desk: a desktop window over the records the kiosks use (the "
        "database the settings name, SQLite or PostgreSQL), to prepare briefings, follow up "
        "flagged questions, print or copy PDFs, export and see the dashboard. It needs a display "
        "and a staff account (`kiosk staff add NAME`); staff sign in with their PIN."
    ),
    ("staff", "add"): (
        "Add a staff account: the PIN is asked twice at the prompt (or read as two lines from "
        "standard input), 4 to 12 digits, not one digit repeated nor a straight run, and stored "
        "only as a hash."
    ),
    ("backup",): (
        "Write an online, consistent copy of the SQLite database while kiosks run, with its audit "
        "checkpoint beside it, readable by this user only (on PostgreSQL it says to use "
        "pg_dump). It only reads the database."
    ),
}


def describe(path: tuple[str, ...], parser: argparse.ArgumentParser, help_text: str | None) -> None:
    """Give `parser` (the command `path`) its description, unless it has one."""
    if parser.description:
        return
    said = DESCRIPTIONS.get(path)
    if said is None and help_text:
        said = help_text[0].upper() + help_text[1:] + "."
    if said:
        parser.description = said
