"""Finding the procedures available to the kiosk: the form files in the form folders.

A procedure is one file (`forms/<id>.toml`), or a folder of one file per language
(`forms/mild/en.toml`, `forms/mild/es.toml`): the file without a `[translation]` table is the
source, and every other one is checked against it (`kiosk.content.translation`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.loader import FORM_SUFFIX, FormError, Problem, load_form
from kiosk.content.schema import Form
from kiosk.content.translation import check_translation


@dataclass
class Catalog:
    """The valid forms by id (in their source language, with the file each came from), their
    translations by id and language, the problems of the files left out, and warnings about
    files that are used all the same (an unreviewed translation)."""

    forms: dict[str, Form] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    translations: dict[str, dict[str, Form]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Procedure:
    """One procedure folder read: its source, its usable translations, and what was found."""

    source: Form | None = None
    source_path: Path | None = None
    translations: dict[str, Form] = field(default_factory=dict)
    checked: dict[Path, list[Problem]] = field(default_factory=dict)
    """Every file of the folder with what was found in it (empty: it is fine)."""

    def problems(self) -> list[Problem]:
        return [p for found in self.checked.values() for p in found if not p.warning]

    def warnings(self) -> list[Problem]:
        return [p for found in self.checked.values() for p in found if p.warning]


def form_files(folders: Iterable[Path]) -> list[Path]:
    """Every form file directly inside the folders, sorted by name within each folder."""
    return [
        path
        for folder in folders
        for path in sorted(folder.glob(f"*{FORM_SUFFIX}"))
        if path.is_file()
    ]


def procedure_folders(folders: Iterable[Path]) -> list[Path]:
    """Every folder of one procedure's files (one per language) inside the form folders."""
    return [
        path
        for folder in folders
        for path in sorted(p for p in folder.glob("*") if p.is_dir())
        if any(path.glob(f"*{FORM_SUFFIX}"))
    ]


def load_procedure(folder: Path) -> Procedure:
    """Read a procedure folder: the one file without a `[translation]` table is the source, every
    other file a translation of it, used only if it checks clean (warnings aside)."""
    done = Procedure()
    loaded: list[tuple[Path, Form]] = []
    for path in form_files([folder]):
        try:
            loaded.append((path, load_form(path)))
            done.checked[path] = []
        except FormError as exc:
            done.checked[path] = list(exc.problems)
    sources = [(path, form) for path, form in loaded if form.translation is None]
    if len(sources) != 1:
        named = ", ".join(p.name for p, _ in sources) or "none"
        for path, _ in loaded:
            done.checked[path].append(
                Problem(
                    str(path),
                    "",
                    f"the folder {folder} needs exactly one source file (one without a "
                    f"[translation] table); it has {named}",
                )
            )
        return done
    done.source_path, done.source = sources[0]
    for path, form in loaded:
        if form is done.source:
            continue
        found = check_translation(done.source, form, str(path))
        if form.language in done.translations:
            found.append(
                Problem(str(path), "language", f'"{form.language}" is translated twice in {folder}')
            )
        done.checked[path] += found
        if not any(not p.warning for p in found):
            done.translations[form.language] = form
    return done


def load_catalog(folders: Iterable[Path]) -> Catalog:
    """Load every form found; a broken file is reported, never silently skipped, and never hides the others.

    Folders are read in order and the first one to define a procedure id wins, so a clinic's own
    folder can hold a newer version of a shipped procedure. Two files with one id in the same
    folder are a problem to fix.
    """
    catalog = Catalog()
    broken: dict[str, Path] = {}
    """Procedures (by their file's or folder's name) whose file in a folder read earlier is broken:
    a later folder's version (the shipped one) must not be briefed in its place."""
    for folder in folders:
        found_broken: dict[str, Path] = {}
        for path in form_files([folder]):
            try:
                form = load_form(path)
            except FormError as exc:
                catalog.problems += exc.problems
                found_broken[path.stem] = path
                continue
            if not _shadowed(catalog, broken, form, path):
                _add(catalog, folder, path, form, {})
        for sub in procedure_folders([folder]):
            procedure = load_procedure(sub)
            catalog.problems += procedure.problems()
            catalog.warnings += procedure.warnings()
            if procedure.source is None or procedure.source_path is None:
                found_broken[sub.name] = sub
            elif not _shadowed(catalog, broken, procedure.source, procedure.source_path):
                _add(
                    catalog, folder, procedure.source_path, procedure.source, procedure.translations
                )
        broken |= {k: v for k, v in found_broken.items() if k not in catalog.forms}
    return catalog


def _shadowed(catalog: Catalog, broken: dict[str, Path], form: Form, path: Path) -> bool:
    """Whether a folder read earlier holds a broken file of this procedure: then this version is
    not used in its place (a clinic's form that does not load must be fixed, not replaced)."""
    blocker = broken.get(form.id)
    if blocker is None or form.id in catalog.forms:
        return False
    catalog.problems.append(
        Problem(
            str(blocker),
            "",
            f'procedure "{form.id}" is not offered: this file cannot be used, and {path} is not '
            "briefed in its place; fix it (kiosk forms check) or remove it",
        )
    )
    return True


def _add(
    catalog: Catalog, folder: Path, path: Path, form: Form, translations: dict[str, Form]
) -> None:
    """The procedure, unless a folder read earlier had it (a clinic's newer version wins); the same
    id twice in one folder is a problem."""
    other = catalog.sources.get(form.id)
    if other is None:
        catalog.forms[form.id] = form
        catalog.sources[form.id] = path
        catalog.translations[form.id] = dict(translations)
    elif _same_folder(other, path, folder):
        catalog.problems.append(
            Problem(
                str(path),
                "id",
                f'procedure id "{form.id}" is already used by {other}; give each file its own id',
            )
        )


def _same_folder(a: Path, b: Path, folder: Path) -> bool:
    """Both files belong to the one form folder being read (directly, or in a procedure folder)."""
    return folder in (a.parent, a.parent.parent) and folder in (b.parent, b.parent.parent)
