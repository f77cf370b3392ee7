"""A translation keeps its source's screens, questions, choices, answers and `teaches`, is made from
the source's current version and is reviewed: `kiosk forms check` names each departure by file and
key, and the kiosk uses only translations that check clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content import load_catalog, load_form
from kiosk.content.catalog import load_procedure
from tests.conftest import MILD, mild_pictures

META = '\n[translation]\nsource_version = "1.3.0"\ntranslated_by = "A. Translator"\nreviewed_by = "B. Reviewer"\n'


def spanish(text: str, meta: str = META) -> str:
    """The mild form as a translation into Spanish would be shaped (the words are the point of
    other tests; these compare the structure)."""
    return text.replace('language = "en"', 'language = "es"', 1) + meta


def procedure(tmp_path: Path, translated: str) -> Path:
    folder = mild_pictures(tmp_path / "forms" / "mild")
    (folder / "en.toml").write_text(MILD.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "es.toml").write_text(translated, encoding="utf-8")
    return folder


def found(folder: Path) -> list[str]:
    return [str(p) for p in load_procedure(folder).checked[folder / "es.toml"]]


def without_risk(text: str, risk_id: str) -> str:
    start = text.rindex("[[risks]]", 0, text.index(f'id = "{risk_id}"'))
    end = text.index("[[", start + 2)
    return text[:start] + text[end:]


def test_a_clean_translation_is_used_beside_its_source(tmp_path: Path) -> None:
    folder = procedure(tmp_path, spanish(MILD.read_text(encoding="utf-8")))
    assert found(folder) == []
    catalog = load_catalog([tmp_path / "forms"])
    assert not catalog.problems and not catalog.warnings
    assert catalog.forms["mild"].language == "en"
    es = catalog.translations["mild"]["es"]
    assert es.translation is not None and es.translation.reviewed_by == "B. Reviewer"
    assert es.content_sha256 != catalog.forms["mild"].content_sha256  # a hash per language
    # The source's hash is the one every stored record names: no [translation] table in it.
    assert catalog.forms["mild"].content_sha256 == load_form(MILD).content_sha256


def test_a_translation_missing_a_risk_is_named_and_left_out(tmp_path: Path) -> None:
    folder = procedure(
        tmp_path, spanish(without_risk(MILD.read_text(encoding="utf-8"), "risk-blood-clots"))
    )
    es = folder / "es.toml"
    assert found(folder) == [
        f'{es}: risks: missing "risk-blood-clots"; 7 screens where the source has 8; '
        "a translation keeps the source's screens"
    ]
    catalog = load_catalog([tmp_path / "forms"])
    assert "es" not in catalog.translations["mild"] and "mild" in catalog.forms
    assert [p.file for p in catalog.problems] == [str(es)]


def test_a_changed_answer_is_named(tmp_path: Path) -> None:
    text = MILD.read_text(encoding="utf-8")
    first = text.index('answer = "b"')
    changed = text[:first] + 'answer = "a"' + text[first + len('answer = "b"') :]
    folder = procedure(tmp_path, spanish(changed))
    assert found(folder) == [
        f'{folder / "es.toml"}: questions[0].answer: is "a"; the source\'s right answer is "b"'
    ]


def test_an_extra_screen_is_named(tmp_path: Path) -> None:
    extra = '\n[[steps]]\nid = "step-extra"\ntitle = "Un paso más"\nbody = "Un paso que el original no tiene."\n'
    folder = procedure(tmp_path, spanish(MILD.read_text(encoding="utf-8") + extra))
    (problem,) = found(folder)
    assert problem.startswith(
        f'{folder / "es.toml"}: steps: extra "step-extra" (not in the source)'
    )


def test_a_translation_of_an_older_source_version_is_named(tmp_path: Path) -> None:
    folder = procedure(
        tmp_path, spanish(MILD.read_text(encoding="utf-8"), META.replace("1.3.0", "0.9.0"))
    )
    assert found(folder) == [
        f'{folder / "es.toml"}: translation.source_version: is "0.9.0" but the source is now '
        'version "1.3.0"; translate what changed, then set source_version to it'
    ]


def test_an_unreviewed_translation_is_a_warning_and_still_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = procedure(
        tmp_path, spanish(MILD.read_text(encoding="utf-8"), META.replace("B. Reviewer", ""))
    )
    catalog = load_catalog([tmp_path / "forms"])
    assert "es" in catalog.translations["mild"] and not catalog.problems
    (warning,) = catalog.warnings
    assert warning.path == "translation.reviewed_by" and str(warning).endswith("(warning)")
    monkeypatch.setattr("kiosk.config.bundled_forms_dir", lambda: tmp_path / "forms")
    assert main(["forms", "check"]) == 0  # a warning does not fail the check
    out, err = capsys.readouterr()
    assert (
        f"{folder / 'es.toml'}: ok — mild version 1.3.0, es, translated from version 1.3.0" in out
    )
    assert "has not been reviewed" in err


def test_the_check_names_every_departure_and_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MILD.read_text(encoding="utf-8")
    teaches = text.index("teaches = ", text.index("[[questions]]"))
    end = text.index("\n", teaches)
    changed = text[:teaches] + 'teaches = "about"' + text[end:]
    folder = procedure(tmp_path, spanish(changed))
    es = folder / "es.toml"
    monkeypatch.setattr("kiosk.config.bundled_forms_dir", lambda: tmp_path / "forms")
    assert main(["forms", "check", str(es)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(
        f'{es}: questions[0].teaches: is "about"; the source sends a wrong answer to'
    )
    assert err[-1] == "1 of 1 file(s) have problems; fix the lines above and run the check again."


def test_a_folder_needs_exactly_one_source(tmp_path: Path) -> None:
    folder = procedure(
        tmp_path, MILD.read_text(encoding="utf-8")
    )  # two files, no translation table
    catalog = load_catalog([tmp_path / "forms"])
    assert "mild" not in catalog.forms
    assert all("needs exactly one source file" in p.message for p in catalog.problems)
    assert {p.file for p in catalog.problems} == {str(folder / "en.toml"), str(folder / "es.toml")}


def test_a_question_with_another_number_of_choices_is_named(tmp_path: Path) -> None:
    text = MILD.read_text(encoding="utf-8")
    third = text.index('[[questions.choices]]\nid = "c"')
    end = text.index("[[", third + 2)
    folder = procedure(tmp_path, spanish(text[:third] + text[end:]))
    assert found(folder) == [
        f'{folder / "es.toml"}: questions[0].choices: missing "c"; 2 choices where the source '
        "has 3; a translation keeps the source's choices"
    ]


@pytest.mark.parametrize("language", ["es", "ar"])
def test_a_shipped_translation_checks_clean_but_for_its_review(language: str) -> None:
    """forms/mild/es.toml and ar.toml keep the source's structure; only the missing review is
    said (a warning), the catalog uses each beside the English source, and each has its own
    content hash."""
    folder = MILD.parent
    path = folder / f"{language}.toml"
    procedure = load_procedure(folder)
    assert procedure.source_path == MILD
    found = procedure.checked[path]
    assert [(p.path, p.warning) for p in found] == [("translation.reviewed_by", True)]
    catalog = load_catalog([folder.parent])
    assert not catalog.problems
    assert str(path) in [w.file for w in catalog.warnings]
    source = catalog.forms["mild"]
    translated = catalog.translations["mild"][language]
    assert translated.language == language and translated.version == source.version
    assert translated.translation is not None
    assert translated.translation.source_version == source.version
    assert "machine draft" in translated.translation.translated_by
    assert [q.answer for q in translated.questions] == [q.answer for q in source.questions]
    assert translated.content_sha256 != source.content_sha256
    assert translated.content_sha256 == load_form(path).content_sha256


def test_every_shipped_translation_is_unreviewed_and_says_so() -> None:
    """The README says the shipped translations are unreviewed drafts: each one warns."""
    folder = MILD.parent
    catalog = load_catalog([folder.parent])
    assert sorted(w.file for w in catalog.warnings) == sorted(
        str(p) for p in folder.glob("*.toml") if p != MILD
    )
