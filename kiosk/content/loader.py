"""Reading procedure files: TOML in, a validated Form out, or every problem at once, one line each."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kiosk.content.pictures import with_pictures
from kiosk.content.schema import QUESTIONS_MAX, QUESTIONS_MIN, Form

FORM_SUFFIX = ".toml"
RESERVED_IDS = frozenset({"welcome", "identity", "review", "sign", "done"})
"""Ids of the kiosk's own screens, which a form may not reuse."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file: where it is and what to do about it."""

    file: str
    path: str
    message: str
    warning: bool = False
    """Worth fixing, but the file can be used meanwhile (an unreviewed translation)."""

    def __str__(self) -> str:
        said = (
            f"{self.file}: {self.path}: {self.message}"
            if self.path
            else f"{self.file}: {self.message}"
        )
        return f"{said} (warning)" if self.warning else said


class FormError(Exception):
    """A content file that cannot be used; `problems` holds every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def load_form(path: Path) -> Form:
    """Read and validate one procedure file; raise FormError listing every problem in it."""
    label = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FormError([Problem(label, "", "file not found; check the path")]) from None
    except UnicodeDecodeError:
        raise FormError([Problem(label, "", "is not UTF-8 text; save it as UTF-8")]) from None
    except OSError as exc:
        raise FormError(
            [Problem(label, "", f"cannot be read ({exc.strerror}); check its permissions")]
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise FormError([Problem(label, "", f"is not valid TOML: {exc}")]) from None
    return parse_form(raw, label, path.parent)


def parse_form(raw: dict[str, Any], label: str, folder: Path | None = None) -> Form:
    """Validate already-parsed content; `label` names its source in every problem, and `folder`
    holds its pictures' SVG files (a form with pictures needs it)."""
    problems: list[Problem] = []
    form: Form | None = None
    filled, pictured = with_pictures(raw, folder)
    problems += [Problem(label, path, msg) for path, msg in pictured]
    try:
        form = Form.model_validate(filled)
    except ValidationError as exc:
        problems += [Problem(label, _key_path(err["loc"]), _message(err)) for err in exc.errors()]
    problems += [Problem(label, path, msg) for path, msg in _cross_checks(raw)]
    if problems:
        raise FormError(sorted(set(problems), key=_problem_order(raw)))
    assert form is not None
    return form


def _key_path(loc: Iterable[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _message(err: Any) -> str:
    kind, ctx, loc = err["type"], err.get("ctx", {}), tuple(err["loc"])
    if loc[-2:] == ("picture", "alt") and kind in ("missing", "string_too_short"):
        return (
            "is required: the words that stand for the picture, in this file's language, "
            "for a patient who cannot see it (a screen reader reads them)"
        )
    if loc[-2:] == ("picture", "file") and kind in ("string_pattern_mismatch", "string_too_short"):
        return "must be the name of an SVG file in the procedure's folder, like lower-back.svg"
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known key; check its spelling or remove it"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return "must be lowercase letters and digits, words joined by single hyphens (like risk-infection)"
    if kind == "string_too_long":
        return f"must be at most {ctx['max_length']} characters"
    if kind == "string_type":
        return "must be text in quotes"
    if kind in ("list_type", "model_type", "dict_type"):
        return "must be a list of tables ([[...]])" if kind == "list_type" else "must be a table"
    if kind == "too_short" and err["loc"] == ("questions",):
        return f"must have between {QUESTIONS_MIN} and {QUESTIONS_MAX} questions"
    if kind == "too_long" and err["loc"] == ("questions",):
        return f"must have between {QUESTIONS_MIN} and {QUESTIONS_MAX} questions"
    if kind == "too_short":
        return f"must have at least {ctx['min_length']} entries"
    if kind == "too_long":
        return f"must have at most {ctx['max_length']} entries"
    return str(err["msg"]).rstrip(".").lower()


VERSION = re.compile(r"[0-9]+(\.[0-9]+){0,3}")
"""A file's content version: numbers joined by dots, so staff and a translation can tell which came
later (`version = "x"` had been accepted: a reviewer). Checked of files as they are read, not of
the versions the store keeps, which stay as they were made."""


def _cross_checks(raw: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Rules that span several keys; tolerant of a malformed file, so all problems show at once."""
    made = raw.get("translation")
    for key, value in (
        ("version", raw.get("version")),
        (
            "translation.source_version",
            made.get("source_version") if isinstance(made, dict) else None,
        ),
    ):
        if isinstance(value, str) and value.strip() and not VERSION.fullmatch(value.strip()):
            yield key, "must be numbers joined by dots, like 1.3.0"
    seen: dict[str, str] = {}
    for path, value in _ids(raw):
        if value in RESERVED_IDS:
            yield (
                path,
                f'"{value}" is the name of one of the kiosk\'s own screens; choose another id',
            )
        elif value in seen:
            yield path, f'duplicate id "{value}" (already used at {seen[value]})'
        else:
            seen[value] = path
    screens = set(_screen_ids(raw))
    for qi, question in _tables(raw.get("questions")):
        where = f"questions[{qi}]"
        teaches = question.get("teaches")
        if isinstance(teaches, str) and teaches.strip() and teaches.strip() not in screens:
            yield (
                f"{where}.teaches",
                f'no screen has the id "{teaches}"; use the id of the about, a step, a risk, options or precautions screen',
            )
        choice_ids: dict[str, int] = {}
        for ci, choice in _tables(question.get("choices")):
            cid = choice.get("id")
            if isinstance(cid, str):
                if cid in choice_ids:
                    yield (
                        f"{where}.choices[{ci}].id",
                        f'duplicate choice id "{cid}" (already used at choices[{choice_ids[cid]}])',
                    )
                choice_ids.setdefault(cid, ci)
        answer = question.get("answer")
        if (
            isinstance(answer, str)
            and answer.strip()
            and choice_ids
            and answer.strip() not in choice_ids
        ):
            listed = ", ".join(choice_ids)
            yield f"{where}.answer", f'"{answer}" is not one of the choices ({listed})'


def _ids(raw: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every screen and item id in the file, with its key path (choice ids are local to a question)."""
    for key in ("about", "options", "precautions", "signing", "closing"):
        table = raw.get(key)
        if isinstance(table, dict):
            yield from _id_of(table, key)
            for i, item in _tables(table.get("items")):
                yield from _id_of(item, f"{key}.items[{i}]")
    for key in ("steps", "risks", "questions"):
        for i, table in _tables(raw.get(key)):
            yield from _id_of(table, f"{key}[{i}]")


def _screen_ids(raw: dict[str, Any]) -> Iterator[str]:
    """Ids of the reading screens a question may send the patient back to."""
    for key in ("about", "options", "precautions"):
        table = raw.get(key)
        if isinstance(table, dict):
            yield from (value for _, value in _id_of(table, key))
    for key in ("steps", "risks"):
        for i, table in _tables(raw.get(key)):
            yield from (value for _, value in _id_of(table, f"{key}[{i}]"))


def _id_of(table: dict[str, Any], where: str) -> Iterator[tuple[str, str]]:
    value = table.get("id")
    if isinstance(value, str) and value.strip():
        yield f"{where}.id", value.strip()


def _tables(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for i, entry in enumerate(value):
            if isinstance(entry, dict):
                yield i, entry


def _problem_order(raw: dict[str, Any]) -> Any:
    keys = list(raw)

    def order(problem: Problem) -> tuple[int, str]:
        head = problem.path.split(".")[0].split("[")[0]
        return (keys.index(head) if head in keys else len(keys), problem.path)

    return order
