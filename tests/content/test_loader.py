"""Validated loading: every problem in a form file is one line naming the file, the key path and the fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.content import FormError, load_catalog, load_form, parse_form
from tests.conftest import MILD, mild_pictures


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(FormError) as caught:
        parse_form(data, "forms/x.toml")
    return [str(p) for p in caught.value.problems]


def test_small_form_is_valid(form_data: dict[str, Any]) -> None:
    form = parse_form(form_data, "forms/small.toml")
    assert form.id == "small"
    assert [s.id for _, s in form.content_screens()] == [
        "about", "step-one", "step-two", "risk-a", "risk-b", "options", "precautions",
    ]  # fmt: skip
    assert form.about.paragraphs() == ["What it is.", "Why it is done."]
    assert form.question("q-2").choice("b").text == "Wrong"


def test_lookups_of_unknown_ids_raise(form_data: dict[str, Any]) -> None:
    form = parse_form(form_data, "forms/small.toml")
    for lookup in (form.screen, form.risk, form.question, form.questions[0].choice):
        with pytest.raises(KeyError):
            lookup("nope")
    assert form.screen("options") is form.options
    assert form.risk("risk-b").title == "Risk B"


def test_content_hash_is_stable_and_follows_the_words(form_data: dict[str, Any]) -> None:
    first = parse_form(form_data, "a").content_sha256
    reordered = dict(reversed(list(form_data.items())))
    assert parse_form(reordered, "b").content_sha256 == first
    form_data["risks"][0]["body"] = "A can happen, rarely."
    assert parse_form(form_data, "c").content_sha256 != first
    assert len(first) == 64


def test_a_copy_with_other_words_has_its_own_hash(form_data: dict[str, Any]) -> None:
    """The hash is worked out once per Form; a copy with other values never carries the old one."""
    form = parse_form(form_data, "a")
    first = form.content_sha256
    edited = form.model_copy(update={"title": form.title + " (revised)"})
    assert form.content_sha256 == first and edited.content_sha256 != first
    assert (
        edited.content_sha256 == parse_form(form_data | {"title": edited.title}, "b").content_sha256
    )
    assert form.model_copy().content_sha256 == first and form == parse_form(form_data, "c")


def test_surrounding_blanks_do_not_change_the_hash(form_data: dict[str, Any]) -> None:
    first = parse_form(form_data, "a").content_sha256
    form_data["title"] = "  A small procedure\n"
    assert parse_form(form_data, "b").content_sha256 == first


def test_empty_and_blank_texts_are_refused(form_data: dict[str, Any]) -> None:
    form_data["risks"][1]["title"] = ""
    form_data["steps"][0]["body"] = "   \n  "
    assert problems(form_data) == [
        "forms/x.toml: steps[0].body: must not be empty",
        "forms/x.toml: risks[1].title: must not be empty",
    ]


def test_unknown_and_missing_keys(form_data: dict[str, Any]) -> None:
    form_data["risks"][0]["colour"] = "red"
    del form_data["summary"]
    assert problems(form_data) == [
        "forms/x.toml: risks[0].colour: is not a known key; check its spelling or remove it",
        "forms/x.toml: summary: is required",
    ]


def test_duplicate_ids_anywhere_in_the_file(form_data: dict[str, Any]) -> None:
    form_data["risks"][1]["id"] = "step-one"
    form_data["precautions"]["items"][0]["id"] = "option-rest"
    assert problems(form_data) == [
        'forms/x.toml: risks[1].id: duplicate id "step-one" (already used at steps[0].id)',
        'forms/x.toml: precautions.items[0].id: duplicate id "option-rest" (already used at options.items[0].id)',
    ]


def test_question_rules(form_data: dict[str, Any]) -> None:
    question = form_data["questions"][2]
    question["teaches"] = "risk-z"
    question["answer"] = "d"
    form_data["questions"][3]["choices"][1]["id"] = "a"
    form_data["questions"][0]["teaches"] = "signing"
    assert problems(form_data) == [
        'forms/x.toml: questions[0].teaches: no screen has the id "signing"; use the id of the about, a step, a risk, options or precautions screen',
        'forms/x.toml: questions[2].answer: "d" is not one of the choices (a, b)',
        'forms/x.toml: questions[2].teaches: no screen has the id "risk-z"; use the id of the about, a step, a risk, options or precautions screen',
        'forms/x.toml: questions[3].choices[1].id: duplicate choice id "a" (already used at choices[0])',
    ]


def test_question_count_is_four_to_six(form_data: dict[str, Any]) -> None:
    del form_data["questions"][3]
    assert problems(form_data) == ["forms/x.toml: questions: must have between 4 and 6 questions"]
    form_data["questions"] *= 3
    assert "forms/x.toml: questions: must have between 4 and 6 questions" in problems(form_data)


def test_a_version_is_numbers_joined_by_dots(form_data: dict[str, Any]) -> None:
    """A reviewer's `version = "x"` was accepted ("ok — mild version x")."""
    form_data["version"] = "x"
    assert problems(form_data) == [
        "forms/x.toml: version: must be numbers joined by dots, like 1.3.0"
    ]
    form_data["version"] = " 2.10 "  # (blanks trimmed; two parts or four are versions too)
    assert parse_form(form_data, "forms/x.toml").version == "2.10"


def test_ids_must_be_plain_and_not_reserved(form_data: dict[str, Any]) -> None:
    form_data["risks"][1]["id"] = "Risk B"
    form_data["steps"][1]["id"] = "review"
    assert (
        problems(form_data)
        == [
            "forms/x.toml: risks[1].id: must be lowercase letters and digits, words joined by single hyphens (like risk-infection)",
            'forms/x.toml: steps[1].id: "review" is the name of one of the kiosk\'s own screens; choose another id',
        ][::-1]
    )


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d.update(steps={"id": "x"}), "steps: must be a list of tables ([[...]])"),
        (lambda d: d.update(about="text"), "about: must be a table"),
        (lambda d: d.update(title=3), "title: must be text in quotes"),
        (lambda d: d.update(steps=[]), "steps: must have at least 1 entries"),
        (
            lambda d: d["questions"][0].update(choices=[{"id": c, "text": c} for c in "abcdef"]),
            "questions[0].choices: must have at most 5 entries",
        ),
        (lambda d: d["risks"][0].update(id="r" * 65), "risks[0].id: must be at most 64 characters"),
        (lambda d: d.update(version=True), "version: must be text in quotes"),
        (lambda d: d.update(steps=["x"]), "steps[0]: must be a table"),
        (lambda d: d.update(language=None), "language: must be text in quotes"),
    ],
)
def test_wrong_shapes_are_named(form_data: dict[str, Any], edit: Any, expected: str) -> None:
    edit(form_data)
    assert f"forms/x.toml: {expected}" in problems(form_data)


def test_cross_checks_survive_a_malformed_file() -> None:
    data = {"steps": [{"id": "same"}, {"id": "same"}, "junk"], "questions": "junk", "about": "junk"}
    found = problems(data)
    assert 'forms/x.toml: steps[1].id: duplicate id "same" (already used at steps[0].id)' in found
    assert "forms/x.toml: title: is required" in found


def test_file_level_problems(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\ntitle = \n', encoding="utf-8")
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('title = "café"'.encode("latin-1"))
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    expected = {
        missing: "file not found; check the path",
        broken: "is not valid TOML: ",
        latin1: "is not UTF-8 text; save it as UTF-8",
        folder: "cannot be read (Is a directory); check its permissions",
    }
    for path, message in expected.items():
        with pytest.raises(FormError) as caught:
            load_form(path)
        assert str(caught.value).startswith(f"{path}: {message}")
        assert "\n" not in str(caught.value)


def test_the_mild_form_loads_from_disk() -> None:
    form = load_form(MILD)
    assert (form.id, len(form.steps), len(form.risks)) == ("mild", 7, 8)
    assert (len(form.options.items), len(form.precautions.items)) == (5, 7)
    assert 4 <= len(form.questions) <= 6
    assert load_form(MILD).content_sha256 == form.content_sha256


def test_catalog_keeps_good_forms_and_names_the_bad(tmp_path: Path) -> None:
    mild_pictures(tmp_path)
    (tmp_path / "a.toml").write_text(MILD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.toml").write_text(MILD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "c.toml").write_text("title = [", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a form", encoding="utf-8")
    catalog = load_catalog([tmp_path])
    assert list(catalog.forms) == ["mild"]
    assert catalog.sources["mild"] == tmp_path / "a.toml"
    assert [str(p) for p in catalog.problems[:1]] == [
        f'{tmp_path / "b.toml"}: id: procedure id "mild" is already used by {tmp_path / "a.toml"}; give each file its own id',
    ]
    assert str(catalog.problems[1]).startswith(f"{tmp_path / 'c.toml'}: is not valid TOML: ")


def test_an_edited_copy_has_its_own_hash(form_data: dict[str, Any]) -> None:
    form = parse_form(form_data, "a")
    assert form.model_copy(update={"version": "0.2"}).content_sha256 != form.content_sha256
