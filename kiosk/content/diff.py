"""Which screens changed between two versions of a procedure: added, removed and changed, per
language, by each screen's own hash (kiosk.content.versions)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from kiosk.content.schema import Form


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class ScreenChange:
    screen_id: str
    change: Change
    title: str
    """What the screen is called in the version that has it (the new one, unless removed)."""


def diff_forms(old: Form, new: Form) -> list[ScreenChange]:
    """The screens of `new` that `old` does not have or had other words on, and those it lost, in
    path order (the new version's, then the removed ones in the old one's)."""
    before, after = old.screen_sha256s, new.screen_sha256s
    out = [
        ScreenChange(sid, Change.ADDED if sid not in before else Change.CHANGED, new.title_of(sid))
        for sid, sha in after.items()
        if before.get(sid) != sha
    ]
    out += [
        ScreenChange(sid, Change.REMOVED, old.title_of(sid)) for sid in before if sid not in after
    ]
    return out


@dataclass(frozen=True)
class VersionDiff:
    """Two versions of one procedure compared in each language both have."""

    form_id: str
    old_version: str
    new_version: str
    changes: dict[str, list[ScreenChange]]
    """Each language both versions have, the source's first: its screens that differ."""
    only_old: list[str]
    """Languages only the old version has."""
    only_new: list[str]

    @property
    def same(self) -> bool:
        return not any(self.changes.values()) and not self.only_old and not self.only_new


class DiffError(Exception):
    """Two things that are not versions of one procedure; the message says what to compare."""


def diff_versions(old: Mapping[str, Form], new: Mapping[str, Form]) -> VersionDiff:
    """Compare two versions, each the procedure by language (its source language first)."""
    first_old, first_new = next(iter(old.values())), next(iter(new.values()))
    if first_old.id != first_new.id:
        raise DiffError(
            f"OLD is the procedure {first_old.id!r} and NEW is {first_new.id!r}; "
            "compare two versions of the same procedure"
        )
    return VersionDiff(
        form_id=first_new.id,
        old_version=first_old.version,
        new_version=first_new.version,
        changes={lang: diff_forms(old[lang], form) for lang, form in new.items() if lang in old},
        only_old=[lang for lang in old if lang not in new],
        only_new=[lang for lang in new if lang not in old],
    )


def rebriefed_screens(changes: list[ScreenChange], form: Form) -> list[str]:
    """Of the changes, the reading screens a re-briefing shows (added and changed), in path order."""
    reading = {screen.id for _, screen in form.content_screens()}
    return [
        c.screen_id for c in changes if c.change is not Change.REMOVED and c.screen_id in reading
    ]
