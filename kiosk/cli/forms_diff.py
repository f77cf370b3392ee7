"""`kiosk forms diff OLD NEW`: which screens were added, removed and changed between two versions of
a procedure, in each language, from form folders or files or the versions the store kept."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.columns import pad, width
from kiosk.config import ConfigError, load_config
from kiosk.content import Form, FormError, load_form
from kiosk.content.catalog import load_procedure, procedure_folders
from kiosk.content.diff import DiffError, VersionDiff, diff_versions
from kiosk.content.versions import SnapshotError

SAME, DIFFERS, BAD_INPUT = 0, 1, 2
EXIT_CODES = (
    "exit status: 0 no screen differs; 1 some screen was added, removed or changed (or a "
    "language is only in one of them); 2 OLD or NEW cannot be read as a version of one procedure "
    "(one sentence says which and why)"
)
VERSION_HELP = (
    "a procedure folder (one file per language), a forms folder holding one procedure, a form "
    "file (.toml), or PROCEDURE@VERSION for a version this kiosk's store kept (e.g. mild@1.0.0)"
)


def register_diff(sub: Any) -> None:
    diff = sub.add_parser(
        "diff",
        help="which screens changed between two versions of a procedure",
        description="List the screens added, removed and changed between two versions of a "
        "procedure, in each language both have (a screen's words, a question's choices, a "
        "picture). A version is read from form files or from the store, which keeps every "
        "version a briefing was given on.",
        epilog=EXIT_CODES,
    )
    diff.add_argument("old", metavar="OLD", help=f"the earlier version: {VERSION_HELP}")
    diff.add_argument("new", metavar="NEW", help="the later version, in any of the same forms")
    diff.set_defaults(run=run_diff)


class BadVersion(Exception):
    """OLD or NEW cannot be read as a version of a procedure; the message is one sentence."""


def run_diff(args: argparse.Namespace) -> int:
    try:
        found = diff_versions(_version(args.old, args), _version(args.new, args))
    except (BadVersion, DiffError, ConfigError) as exc:
        print(f"kiosk forms diff: {exc}.", file=sys.stderr)
        return BAD_INPUT
    print(describe(found))
    return SAME if found.same else DIFFERS


def describe(found: VersionDiff) -> str:
    """One line for the versions, then one per screen that differs: language, change, id, title."""
    lines = [f"{found.form_id} {found.old_version} -> {found.new_version}"]
    rows = [
        (lang, change.change.value, change.screen_id, change.title)
        for lang, changes in found.changes.items()
        for change in changes
    ]
    if rows:
        widths = [max(width(row[i]) for row in rows) for i in range(3)]
        lines += ["  ".join(pad(c, w) for c, w in zip(row, widths, strict=False)) + "  " + row[3]
                  for row in rows]  # fmt: skip
    lines += [f"{lang}  only in OLD ({found.old_version})" for lang in found.only_old]
    lines += [f"{lang}  only in NEW ({found.new_version})" for lang in found.only_new]
    if found.same:
        lines.append("no screen differs")
    return "\n".join(lines)


def _version(spec: str, args: argparse.Namespace) -> dict[str, Form]:
    """The procedure by language (its source first) that `spec` names."""
    path = Path(spec)
    if path.exists():
        return _from_path(path)
    if "@" in spec and "/" not in spec and "\\" not in spec:
        return _kept(spec, args)
    raise BadVersion(f"{spec} is neither a form file or folder nor PROCEDURE@VERSION; {_USE}")


_USE = "give a form folder or file, or e.g. mild@1.0.0 for a version the store kept"


def _from_path(path: Path) -> dict[str, Form]:
    if path.is_file():
        try:
            form = load_form(path)
        except FormError as exc:
            raise BadVersion(f"{exc.problems[0]}; run `kiosk forms check {path}`") from None
        return {form.language: form}
    if not any(path.glob("*.toml")):
        inside = procedure_folders([path])
        if len(inside) != 1:
            raise BadVersion(
                f"{path} holds {len(inside)} procedure folders; name the one to compare"
            )
        path = inside[0]
    procedure = load_procedure(path)
    if procedure.source is None:
        problems = procedure.problems()
        why = str(problems[0]) if problems else f"{path} holds no form file"
        raise BadVersion(f"{why}; run `kiosk forms check` on {path}")
    return {procedure.source.language: procedure.source, **procedure.translations}


def _kept(spec: str, args: argparse.Namespace) -> dict[str, Form]:
    from kiosk.store import StoreError, open_store
    from kiosk.store.versions import kept_form, kept_versions

    form_id, _, version = spec.partition("@")
    config = load_config(args.config)
    try:
        store = open_store(config.database_url, config.kiosk_id, create=False)
    except StoreError as exc:
        raise BadVersion(str(exc).rstrip(".")) from None
    try:
        with store.reading() as session:
            kept = [k for k in kept_versions(session, form_id) if k.version == version]
            kept.sort(key=lambda k: k.content_sha256 != k.source_sha256)  # the source first
            forms = {k.language: kept_form(session, k.content_sha256) for k in kept}
    except SnapshotError as exc:
        raise BadVersion(str(exc)) from None
    finally:
        store.close()
    if not forms:
        raise BadVersion(
            f"the store keeps no version {version!r} of {form_id!r}; "
            "`kiosk forms diff` takes a version some briefing was given on"
        )
    return {lang: form for lang, form in forms.items() if form is not None}
