"""Checking a translated procedure file against its source: the same screens, questions, choices,
answers and `teaches`, made from the source's current version, and reviewed.

A translation changes the words and nothing else. What a patient is asked and which answer is
right, which screen a wrong answer sends them back to, and which risks they acknowledge must be
the source's, or a record made in one language would not mean what it means in another.
"""

from __future__ import annotations

from collections.abc import Iterator

from kiosk.content.loader import Problem
from kiosk.content.schema import Form, ItemList, Section


def check_translation(source: Form, translation: Form, label: str) -> list[Problem]:
    """Every way `translation` (read from the file `label`) departs from `source`, one problem
    each, naming the key; an unreviewed translation is a warning."""
    return [
        Problem(label, path, message, warning)
        for path, message, warning in _findings(source, translation)
    ]


def _findings(source: Form, tr: Form) -> Iterator[tuple[str, str, bool]]:
    if tr.id != source.id:
        yield "id", f'is "{tr.id}"; a translation keeps its source\'s id "{source.id}"', False
    if tr.language == source.language:
        yield (
            "language",
            f"is \"{tr.language}\", the source's own language; name the translation's",
            False,
        )
    meta = tr.translation
    if meta is None:
        yield "translation", "is missing; say source_version, translated_by and reviewed_by", False
    else:
        if meta.source_version != source.version:
            yield (
                "translation.source_version",
                f'is "{meta.source_version}" but the source is now version "{source.version}"; '
                "translate what changed, then set source_version to it",
                False,
            )
        if not meta.reviewed_by.strip():
            yield (
                "translation.reviewed_by",
                "is empty: this translation has not been reviewed; have a qualified medical "
                "translator review it before patients read it",
                True,
            )
    yield from _same_screens("steps", source.steps, tr.steps)
    yield from _same_screens("risks", source.risks, tr.risks)
    for key, a, b in (
        ("about", source.about, tr.about),
        ("options", source.options, tr.options),
        ("precautions", source.precautions, tr.precautions),
    ):
        if a.id != b.id:
            yield f"{key}.id", f'is "{b.id}"; the source\'s is "{a.id}"', False
        if isinstance(a, ItemList) and isinstance(b, ItemList):
            ids_a, ids_b = [i.id for i in a.items], [i.id for i in b.items]
            if ids_a != ids_b:
                yield f"{key}.items", _differ("items", ids_a, ids_b), False
    yield from _same_pictures(source, tr)
    yield from _same_questions(source, tr)
    for key, a_id, b_id in (
        ("signing.id", source.signing.id, tr.signing.id),
        ("closing.id", source.closing.id, tr.closing.id),
    ):
        if a_id != b_id:
            yield key, f'is "{b_id}"; the source\'s is "{a_id}"', False


def _same_screens(
    key: str, source: list[Section], tr: list[Section]
) -> Iterator[tuple[str, str, bool]]:
    ids_a, ids_b = [s.id for s in source], [s.id for s in tr]
    if ids_a != ids_b:
        yield key, _differ("screens", ids_a, ids_b), False


def _same_pictures(source: Form, tr: Form) -> Iterator[tuple[str, str, bool]]:
    """Each screen shows the source's picture (the same file), with words of its own."""
    theirs = dict(_screens(tr))
    for screen_id, (_, a) in _screens(source):
        if screen_id not in theirs:
            continue  # a missing screen is named already
        key, b = theirs.pop(screen_id)
        if a.picture is not None and b.picture is None:
            yield (
                f"{key}.picture",
                f'is missing; the source shows "{a.picture.file}" on this screen: give the same '
                "file, with alt in this file's language",
                False,
            )
        elif a.picture is None and b.picture is not None:
            yield (
                f"{key}.picture",
                "is not in the source: a translation shows the source's pictures; remove it, or "
                "add it to the source first",
                False,
            )
        elif a.picture is not None and b.picture is not None and a.picture.file != b.picture.file:
            yield (
                f"{key}.picture.file",
                f'is "{b.picture.file}"; the source shows "{a.picture.file}" on this screen',
                False,
            )


def _screens(form: Form) -> Iterator[tuple[str, tuple[str, Section | ItemList]]]:
    """Each reading screen by its id, with the key path of its table."""
    yield form.about.id, ("about", form.about)
    yield from ((s.id, (f"steps[{i}]", s)) for i, s in enumerate(form.steps))
    yield from ((s.id, (f"risks[{i}]", s)) for i, s in enumerate(form.risks))
    yield form.options.id, ("options", form.options)
    yield form.precautions.id, ("precautions", form.precautions)


def _same_questions(source: Form, tr: Form) -> Iterator[tuple[str, str, bool]]:
    ids_a, ids_b = [q.id for q in source.questions], [q.id for q in tr.questions]
    if ids_a != ids_b:
        yield "questions", _differ("questions", ids_a, ids_b), False
    theirs = {q.id: (i, q) for i, q in enumerate(tr.questions)}
    for q in source.questions:
        if q.id not in theirs:
            continue
        i, t = theirs[q.id]
        where = f"questions[{i}]"
        if t.answer != q.answer:
            yield (
                f"{where}.answer",
                f'is "{t.answer}"; the source\'s right answer is "{q.answer}"',
                False,
            )
        if t.teaches != q.teaches:
            yield (
                f"{where}.teaches",
                f'is "{t.teaches}"; the source sends a wrong answer to "{q.teaches}"',
                False,
            )
        choices_a, choices_b = [c.id for c in q.choices], [c.id for c in t.choices]
        if choices_a != choices_b:
            yield f"{where}.choices", _differ("choices", choices_a, choices_b), False


def _differ(what: str, source: list[str], tr: list[str]) -> str:
    """What is missing, added or out of order, against the source's list."""
    missing = [i for i in source if i not in tr]
    extra = [i for i in tr if i not in source]
    said = []
    if missing:
        said.append("missing " + ", ".join(f'"{i}"' for i in missing))
    if extra:
        said.append("extra " + ", ".join(f'"{i}"' for i in extra) + " (not in the source)")
    if not said:
        said.append(f"in another order than the source's ({', '.join(source)})")
    elif len(source) != len(tr):
        said.append(f"{len(tr)} {what} where the source has {len(source)}")
    return "; ".join(said) + f"; a translation keeps the source's {what}"
