"""Pictures on reading screens: read from the procedure's folder into the content and its hash (a
form without pictures keeps the hash it always had), and every way a picture can be wrong named by
file and key, in the form file and in a translation of it."""

from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from kiosk.cli import main
from kiosk.content import FormError, load_form, parse_form
from kiosk.content.catalog import load_procedure
from tests.conftest import MILD, mild_pictures

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30"><rect width="40" height="30"/></svg>'

BEFORE_PICTURES = {
    "small": "08a8f82ad94acb53dfa6a1959cddc804c1a181df063affb98351bb5d02b84e76",
    "en": "c2cee41813b0d966c869c5f536825a8e133126842df9168b6f5c2d27d926ca23",
    "es": "a34653bc46ec87641161f05a9994efe4664dd2c0995f881c8c511d307dc0077f",
    "ar": "7f1f76b64061b98795f19ea14eb56e40fa978c305d3872f390009a1fbc556e77",
}
"""Content hashes from before pictures existed: stored records name their content by them."""


def pictured(form_data: dict[str, Any], folder: Path, svg: bytes = SVG) -> dict[str, Any]:
    (folder / "back.svg").write_bytes(svg)
    form_data["about"]["picture"] = {"file": "back.svg", "alt": "The lower back, marked."}
    return form_data


def problems(data: dict[str, Any], folder: Path | None) -> list[str]:
    with pytest.raises(FormError) as caught:
        parse_form(data, "x.toml", folder)
    return [f"{p.path}: {p.message}" for p in caught.value.problems]


def test_a_form_without_pictures_keeps_the_hash_it_had(form_data: dict[str, Any]) -> None:
    assert parse_form(form_data, "small.toml").content_sha256 == BEFORE_PICTURES["small"]


VERSION_1_2_0 = {
    "en": [
        (
            "Here are things you may be told to do, or to avoid.",
            "Here are things you may be told to avoid.",
        ),
        ('title = "Go to every follow-up visit"', 'title = "Follow-up visits"'),
        ('title = "Tell your team about pain or other worries"', 'title = "Ignoring pain"'),
    ],
    "es": [
        ("cosas que quizás le pidan hacer o evitar.", "cosas que quizás le pidan evitar."),
        ('title = "Vaya a todas sus citas de control"', 'title = "Citas de control"'),
        (
            'title = "Avise a su equipo del dolor u otras molestias"',
            'title = "No hacer caso al dolor"',
        ),
        ('title = "El manejo de un auto"', 'title = "Manejar"'),
        (
            'title = "Mucho tiempo sentado o de pie"',
            'title = "Estar mucho tiempo sentado o de pie"',
        ),
        ('title = "Peso y esfuerzo"', 'title = "Levantar peso y hacer fuerza"'),
        ('title = "El tabaco y el alcohol"', 'title = "Fumar y tomar alcohol"'),
        ("Tome descansos con frecuencia para", "Tome descansos seguidos para"),
        (
            "¿El procedimiento mild siempre le quita por completo",
            "¿Es seguro que el procedimiento mild le quite por completo",
        ),
        (" El nombre «mild» viene de las iniciales de su nombre en inglés.", ""),
    ],
    "ar": [
        ("قد يُطلب منك فعلها أو تجنّبها.", "قد يُطلب منك تجنّبها."),
        ('title = "يُرجى حضور كل مواعيد المتابعة"', 'title = "زيارات المتابعة"'),
        ('title = "يُرجى إبلاغ فريقك عن الألم أو ما يقلقك"', 'title = "تجاهل الألم"'),
    ],
}
"""What version 1.2.0 changed (headings that read as an order to ignore pain or skip a visit; in
Spanish, headings in the infinitive, which reads as an instruction; Spanish wording): (now, then)
in each language's file."""


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_the_mild_words_without_their_pictures_hash_as_version_1_0_0_did(language: str) -> None:
    """Version 1.1.0 added pictures and changed no word, 1.2.0 changed only the words above, 1.3.0
    moved one paragraph: with those put back and without the pictures (and at 1.0.0) each
    language's file is, byte for byte of its canonical content, what 1.0.0 was."""
    text = (MILD.parent / f"{language}.toml").read_text(encoding="utf-8")
    for now, then in VERSION_1_2_0[language]:
        assert text.count(now) == 1, now
        text = text.replace(now, then)
    data = tomllib.loads(text)
    # 1.3.0 moved the risks' introduction from Infection's screen (where "I understand this risk"
    # covered it) to the end of Recovery's, and changed no word
    recovery = next(step for step in data["steps"] if step["id"] == "step-recovery")
    infection = next(risk for risk in data["risks"] if risk["id"] == "risk-infection")
    kept, _, intro = recovery["body"].rstrip("\n").rpartition("\n\n")
    recovery["body"], infection["body"] = kept + "\n", f"{intro}\n\n{infection['body']}"
    screens = [data["about"], *data["steps"], *data["risks"], data["options"], data["precautions"]]
    assert sum(screen.pop("picture", None) is not None for screen in screens) == 9
    data["version"] = "1.0.0"
    if "translation" in data:
        data["translation"]["source_version"] = "1.0.0"
    assert parse_form(data, language).content_sha256 == BEFORE_PICTURES[language]
    assert load_form(MILD.parent / f"{language}.toml").content_sha256 != BEFORE_PICTURES[language]


def test_a_picture_is_in_the_content_and_its_hash(
    form_data: dict[str, Any], tmp_path: Path
) -> None:
    form = parse_form(pictured(form_data, tmp_path), "x.toml", tmp_path)
    assert form.about.picture is not None and form.about.picture.svg == SVG
    assert form.pictures() == [("about.picture", form.about.picture)]
    assert b'"sha256":"' in form.canonical_json() and SVG not in form.canonical_json()
    first = form.content_sha256
    assert first != BEFORE_PICTURES["small"]
    redrawn = parse_form(pictured(form_data, tmp_path, SVG.replace(b"40", b"41")), "x", tmp_path)
    assert redrawn.content_sha256 != first  # the same file name, another drawing
    form_data["about"]["picture"]["alt"] = "The lower back."
    assert parse_form(form_data, "x", tmp_path).content_sha256 != redrawn.content_sha256


def test_a_missing_picture_file_and_text_alternative_are_named(
    form_data: dict[str, Any], tmp_path: Path
) -> None:
    form_data["steps"][1]["picture"] = {"file": "gone.svg", "alt": "A step."}
    form_data["risks"][0]["picture"] = {"file": "back.svg"}
    form_data["options"]["picture"] = {"file": "back.svg", "alt": "  "}
    (tmp_path / "back.svg").write_bytes(SVG)
    assert problems(form_data, tmp_path) == [
        f'steps[1].picture.file: "gone.svg" is not in {tmp_path} (the folder of the form that '
        "names it); put the SVG file there or correct the name",
        "risks[0].picture.alt: is required: the words that stand for the picture, in this file's "
        "language, for a patient who cannot see it (a screen reader reads them)",
        "options.picture.alt: is required: the words that stand for the picture, in this file's "
        "language, for a patient who cannot see it (a screen reader reads them)",
    ]


def test_a_missing_picture_names_the_form_s_folder_in_full(
    form_data: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kiosk forms check myform.toml` in the form's own folder had said 'is not in .'."""
    form_data["steps"][1]["picture"] = {"file": "gone.svg", "alt": "A step."}
    monkeypatch.chdir(tmp_path)
    (said,) = problems(form_data, Path("."))
    assert f"is not in {tmp_path} (the folder" in said


@pytest.mark.parametrize(
    ("svg", "said"),
    [
        (b"not a drawing", "is not a valid SVG file (not well-formed XML"),
        (b"<svg viewBox='0 0 4 3'/>", 'its <svg> lacks xmlns="http://www.w3.org/2000/svg"'),
        (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "its root element is <html>"),
        (SVG.replace(b' viewBox="0 0 40 30"', b""), "has no viewBox"),
        (SVG.replace(b"<rect", b'<image href="photo.png"/><rect'), "has <image>"),
        (SVG.replace(b"<rect", b'<use href="other.svg#a"/><rect'), 'a link to "other.svg#a"'),
        (b'<!DOCTYPE svg [<!ENTITY a "b">]>' + SVG, "declares a DOCTYPE or entities"),
        (SVG.replace(b"</svg>", b"<!--" + b"x" * 300_000 + b"--></svg>"), "may be at most 256 KB"),
    ],
)
def test_a_file_that_is_not_a_usable_svg_is_named(
    form_data: dict[str, Any], tmp_path: Path, svg: bytes, said: str
) -> None:
    (found,) = problems(pictured(form_data, tmp_path, svg), tmp_path)
    assert found.startswith('about.picture.file: "back.svg" ') and said in found


def test_a_picture_file_name_is_a_plain_svg_name_and_the_bytes_are_not_written_in(
    form_data: dict[str, Any], tmp_path: Path
) -> None:
    pictured(form_data, tmp_path)
    form_data["about"]["picture"]["file"] = "../elsewhere/back.png"
    form_data["steps"][0]["picture"] = {"file": "back.svg", "alt": "A", "svg": "<svg/>"}
    assert problems(form_data, tmp_path) == [
        "about.picture.file: must be the name of an SVG file in the procedure's folder, like "
        "lower-back.svg",
        "steps[0].picture.svg: is not a known key; name the picture's SVG file with `file`",
    ]
    del form_data["steps"][0]["picture"]
    form_data["about"]["picture"]["file"] = "back.svg"
    assert problems(form_data, None) == [
        "about.picture.file: cannot be read: the form was not read from a file"
    ]


# -- a translation shows its source's pictures, with words of its own --


def translation_of(folder: Path, text: str) -> list[str]:
    version = re.search(r'^version = "(.+)"', text, re.M)
    assert version is not None
    meta = f'\n[translation]\nsource_version = "{version[1]}"\ntranslated_by = "T"\nreviewed_by = "R"\n'
    (folder / "es.toml").write_text(
        text.replace('language = "en"', 'language = "es"', 1) + meta, encoding="utf-8"
    )
    return [f"{p.path}: {p.message}" for p in load_procedure(folder).checked[folder / "es.toml"]]


@pytest.fixture
def mild_copy(tmp_path: Path) -> tuple[Path, str]:
    folder = mild_pictures(tmp_path / "mild")
    text = MILD.read_text(encoding="utf-8")
    (folder / "en.toml").write_text(text, encoding="utf-8")
    return folder, text


def test_a_translation_with_the_sources_pictures_is_clean(mild_copy: tuple[Path, str]) -> None:
    folder, text = mild_copy
    assert translation_of(folder, text) == []


def test_a_translation_showing_another_file_is_named(mild_copy: tuple[Path, str]) -> None:
    folder, text = mild_copy
    (folder / "other.svg").write_bytes(SVG)
    changed = text.replace('file = "small-cut.svg"', 'file = "other.svg"')
    assert translation_of(folder, changed) == [
        'steps[1].picture.file: is "other.svg"; the source shows "small-cut.svg" on this screen'
    ]


def test_a_translation_lacking_a_picture_or_adding_one_is_named(
    mild_copy: tuple[Path, str],
) -> None:
    folder, text = mild_copy
    start = text.index("[about.picture]")
    without = text[:start] + text[text.index("[[steps]]", start) :]
    extra = '[options.picture]\nfile = "small-cut.svg"\nalt = "Un corte."\n\n[[options.items]]'
    changed = without.replace("[[options.items]]", extra, 1)
    assert translation_of(folder, changed) == [
        'about.picture: is missing; the source shows "lower-back.svg" on this screen: give the '
        "same file, with alt in this file's language",
        "options.picture: is not in the source: a translation shows the source's pictures; remove "
        "it, or add it to the source first",
    ]


def test_a_translation_lacking_the_text_alternative_is_named(
    mild_copy: tuple[Path, str],
) -> None:
    folder, text = mild_copy
    alt = re.search(r'^alt = ".*"\n', text[text.index("[about.picture]") :], re.M)
    assert alt is not None
    changed = text.replace(alt[0], "", 1)
    (found,) = translation_of(folder, changed)
    assert found.startswith("about.picture.alt: is required")


def test_forms_check_names_a_pictures_file_and_key(
    mild_copy: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = mild_copy
    (folder / "tubes-widening.svg").unlink()
    (folder / "small-cut.svg").write_text("<svg>unfinished", encoding="utf-8")
    assert main(["forms", "check", str(folder / "en.toml")]) == 1
    err = capsys.readouterr().err.splitlines()
    en = folder / "en.toml"
    assert err[0].startswith(f'{en}: steps[1].picture.file: "small-cut.svg" is not a valid SVG')
    assert err[1] == (
        f'{en}: steps[3].picture.file: "tubes-widening.svg" is not in {folder} (the folder of '
        "the form that names it); put the SVG file there or correct the name"
    )


# -- the mild procedure's own pictures --


def test_the_mild_pictures_are_small_wordless_and_the_same_in_every_language() -> None:
    forms = {lang: load_form(MILD.parent / f"{lang}.toml") for lang in ("en", "es", "ar")}
    files = {lang: [(k, p.file, p.sha256) for k, p in f.pictures()] for lang, f in forms.items()}
    assert files["es"] == files["en"] == files["ar"]
    assert len({file for _, file, _ in files["en"]}) == 9
    for _, picture in forms["en"].pictures():
        assert len(picture.svg) < 4096, picture.file
        root = ElementTree.fromstring(picture.svg)
        tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
        assert not tags & {"text", "tspan", "textPath"}, f"{picture.file} has words in it"
        colours = set(re.findall(rb"#[0-9A-Fa-f]{6}", picture.svg))
        assert len(colours) <= 12, f"{picture.file}: {len(colours)} colours"
    alts = {lang: [p.alt for _, p in f.pictures()] for lang, f in forms.items()}
    assert all(a != b for a, b in zip(alts["en"], alts["es"], strict=True))
    assert all(a != b for a, b in zip(alts["en"], alts["ar"], strict=True))


def test_the_parsed_form_is_not_changed_by_reading_pictures(
    form_data: dict[str, Any], tmp_path: Path
) -> None:
    data = pictured(form_data, tmp_path)
    before = copy.deepcopy(data)
    parse_form(data, "x", tmp_path)
    assert data == before
