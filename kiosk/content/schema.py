"""The shape of a procedure content file, as pydantic models that refuse anything unexpected."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, computed_field

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Any text a patient reads: surrounding blanks are trimmed and it must not be empty."""

Id = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"
    ),
]
"""A stable identifier: lowercase letters and digits in words joined by single hyphens."""

QUESTIONS_MIN = 4
QUESTIONS_MAX = 6


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ContentKind(StrEnum):
    """The kinds of content screen a form supplies, in the order a patient meets them."""

    ABOUT = "about"
    STEP = "step"
    RISK = "risk"
    OPTIONS = "options"
    PRECAUTIONS = "precautions"


FileName = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        min_length=5,
        max_length=128,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*\.svg$",
    ),
]
"""A picture's file: an SVG file name in the procedure's own folder (no folder part)."""


class Picture(_Strict):
    """A picture on a reading screen: an SVG file beside the form, and the words that stand for it
    (read by a screen reader, and by a patient who cannot see it).

    `svg` is the file's bytes, put in by the loader (never written in the form file): the same
    picture is shown, printed and hashed, whatever happens to the file later."""

    file: FileName
    alt: Text
    svg: bytes = Field(default=b"", exclude=True, repr=False)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sha256(self) -> str:
        """SHA-256 of the SVG's bytes: what the content hash holds of the picture."""
        return hashlib.sha256(self.svg).hexdigest()


def paragraphs_of(text: str) -> list[str]:
    """A text split at blank lines, each paragraph on one line (a blank line drawn on screen stood
    as a gap twice the page's own between paragraphs)."""
    blocks = [" ".join(block.split()) for block in text.split("\n\n")]
    return [block for block in blocks if block]


class Section(_Strict):
    """One screen of reading: a title and a body of plain paragraphs separated by blank lines,
    and a picture if the form gives it one."""

    id: Id
    title: Text
    body: Text
    picture: Picture | None = None

    def paragraphs(self) -> list[str]:
        """The body split at blank lines, each paragraph on one line."""
        return paragraphs_of(self.body)


class Item(_Strict):
    """One entry in a list screen: an option if the procedure fails, or a precaution after it."""

    id: Id
    title: Text
    body: Text

    def paragraphs(self) -> list[str]:
        return paragraphs_of(self.body)


class ItemList(_Strict):
    """A screen that shows a short introduction and then a list of items."""

    id: Id
    title: Text
    intro: Text
    items: Annotated[list[Item], Field(min_length=1)]
    picture: Picture | None = None

    def paragraphs(self) -> list[str]:
        """The introduction split at blank lines, each paragraph on one line."""
        return paragraphs_of(self.intro)


class Choice(_Strict):
    id: Id
    text: Text


class Question(_Strict):
    """A comprehension question; `teaches` names the screen that explains the right answer."""

    id: Id
    prompt: Text
    choices: Annotated[list[Choice], Field(min_length=2, max_length=5)]
    answer: Id
    teaches: Id

    def choice(self, choice_id: str) -> Choice:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        raise KeyError(choice_id)


class Signing(_Strict):
    """What the patient's signature means, shown above the signature pad and printed in the PDF."""

    id: Id
    statement: Text


class Closing(_Strict):
    """The words on the last screen: what happens next."""

    id: Id
    body: Text


class Translation(_Strict):
    """Where a translated file comes from: the source version it was made from, who translated it,
    and who reviewed it ("" while nobody has: the check warns)."""

    source_version: Text
    translated_by: Text
    reviewed_by: str = ""


class Form(_Strict):
    """A whole procedure: everything the kiosk shows a patient about it, in one language.

    A translation (`translation` given) shares every screen id, question, choice, answer and
    `teaches` with its source file (`kiosk.content.translation` checks that)."""

    id: Id
    version: Text
    language: Text = "en"
    translation: Translation | None = None
    title: Text
    full_name: Text
    summary: Text
    about: Section
    steps: Annotated[list[Section], Field(min_length=1)]
    risks: Annotated[list[Section], Field(min_length=1)]
    options: ItemList
    precautions: ItemList
    questions: Annotated[list[Question], Field(min_length=QUESTIONS_MIN, max_length=QUESTIONS_MAX)]
    signing: Signing
    closing: Closing

    def content_screens(self) -> list[tuple[ContentKind, Section | ItemList]]:
        """The reading screens in the order the patient sees them."""
        screens: list[tuple[ContentKind, Section | ItemList]] = [(ContentKind.ABOUT, self.about)]
        screens += [(ContentKind.STEP, step) for step in self.steps]
        screens += [(ContentKind.RISK, risk) for risk in self.risks]
        screens += [
            (ContentKind.OPTIONS, self.options),
            (ContentKind.PRECAUTIONS, self.precautions),
        ]
        return screens

    def screen(self, screen_id: str) -> Section | ItemList:
        """The reading screen with this id; KeyError if there is none."""
        for _, screen in self.content_screens():
            if screen.id == screen_id:
                return screen
        raise KeyError(screen_id)

    def risk(self, risk_id: str) -> Section:
        for risk in self.risks:
            if risk.id == risk_id:
                return risk
        raise KeyError(risk_id)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def title_of(self, screen_id: str) -> str:
        """What a screen is called where staff read about it: a reading screen's title, a
        question's prompt, else its id."""
        try:
            return self.screen(screen_id).title
        except KeyError:
            pass
        try:
            return self.question(screen_id).prompt
        except KeyError:
            return screen_id

    def canonical_json(self) -> bytes:
        """The content as canonical JSON: sorted keys, no spaces, UTF-8; the input of the hash."""
        # A source file has no translation table: left out, its hash is what it was before
        # translations existed (every stored record names its content by it).
        data = self.model_dump(
            mode="json", exclude={"translation"} if self.translation is None else None
        )
        # A screen without a picture is left as it was before pictures existed, for the same
        # reason; a picture is its file, its words and the SHA-256 of its bytes.
        for screen in [data["about"], *data["steps"], *data["risks"]]:
            _drop_unset_picture(screen)
        for key in ("options", "precautions"):
            _drop_unset_picture(data[key])
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    def pictures(self) -> list[tuple[str, Picture]]:
        """Each reading screen's picture, with the key path of its table in the form file."""
        keyed: list[tuple[str, Section | ItemList]] = [("about", self.about)]
        keyed += [(f"steps[{i}]", step) for i, step in enumerate(self.steps)]
        keyed += [(f"risks[{i}]", risk) for i, risk in enumerate(self.risks)]
        keyed += [("options", self.options), ("precautions", self.precautions)]
        return [(f"{key}.picture", s.picture) for key, s in keyed if s.picture is not None]

    @cached_property
    def content_sha256(self) -> str:
        """SHA-256 of the canonical content, so a record can name exactly what was shown.

        Worked out once per Form (it dumps the whole procedure, about a millisecond, and every
        stored tap names it): a Form is frozen, and a copy with other values works out its own
        (`model_copy`)."""
        return hashlib.sha256(self.canonical_json()).hexdigest()

    @cached_property
    def screen_sha256s(self) -> Mapping[str, str]:
        """Each screen's own SHA-256 by screen id (kiosk.content.versions.screen_hashes), worked
        out once per Form: the signature's record names every screen shown by it."""
        from kiosk.content.versions import screen_hashes

        return MappingProxyType(screen_hashes(self))

    def __getstate__(self) -> dict[Any, Any]:
        """Pickled (a PDF drawn in a process of its own) without the screens' hashes: a read-only
        mapping does not pickle, and the other process works them out again if it needs them."""
        state = super().__getstate__()
        state["__dict__"] = {k: v for k, v in state["__dict__"].items() if k != "screen_sha256s"}
        return state

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copied = super().model_copy(update=update, deep=deep)
        for cached in ("content_sha256", "screen_sha256s"):  # the copy's content may differ
            copied.__dict__.pop(cached, None)
        return copied


def _drop_unset_picture(screen: dict[str, object]) -> None:
    if screen.get("picture", ...) is None:
        del screen["picture"]
