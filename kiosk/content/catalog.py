"""Finding the procedures available to the kiosk: every form file in the form folders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.loader import FORM_SUFFIX, FormError, Problem, load_form
from kiosk.content.schema import Form


@dataclass
class Catalog:
    """The valid forms by id (with the file each came from) and the problems of the others."""

    forms: dict[str, Form] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def form_files(folders: Iterable[Path]) -> list[Path]:
    """Every form file directly inside the folders, sorted by name within each folder."""
    return [
        path
        for folder in folders
        for path in sorted(folder.glob(f"*{FORM_SUFFIX}"))
        if path.is_file()
    ]


def load_catalog(folders: Iterable[Path]) -> Catalog:
    """Load every form found; a broken file is reported, never silently skipped, and never hides the others.

    Folders are read in order and the first one to define a procedure id wins, so a clinic's own
    folder can hold a newer version of a shipped procedure. Two files with one id in the same
    folder are a problem to fix.
    """
    catalog = Catalog()
    for folder in folders:
        for path in form_files([folder]):
            try:
                form = load_form(path)
            except FormError as exc:
                catalog.problems += exc.problems
                continue
            other = catalog.sources.get(form.id)
            if other is not None and other.parent == path.parent:
                catalog.problems.append(
                    Problem(
                        str(path),
                        "id",
                        f'procedure id "{form.id}" is already used by {other}; give each file its own id',
                    )
                )
            if other is None:
                catalog.forms[form.id] = form
                catalog.sources[form.id] = path
    return catalog
