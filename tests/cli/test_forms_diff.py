"""`kiosk forms diff OLD NEW`: the screens added, removed and changed, from folders, files or the
versions the store kept; one sentence and exit status 2 on what it cannot compare."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content.diff import Change, diff_forms
from kiosk.store import open_store
from kiosk.store.versions import keep
from tests.versions_forms import ADDED, CHANGED, languages, two_versions


def test_diff_names_exactly_the_changed_and_added_risk_in_each_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = two_versions(tmp_path)
    assert main(["forms", "diff", str(old), str(new / "mild")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "mild 1.0.0 -> 1.1.0"
    assert [line.split()[:3] for line in out[1:]] == [
        ["en", "changed", CHANGED], ["en", "added", ADDED],
        ["es", "changed", CHANGED], ["es", "added", ADDED],
    ]  # fmt: skip
    assert out[2].endswith("Blood clot") and out[4].endswith("Coágulo de sangre")


def test_the_other_way_round_the_added_risk_is_removed(tmp_path: Path) -> None:
    old, new = two_versions(tmp_path)
    before, after = languages(old)["en"], languages(new)["en"]
    assert [(c.screen_id, c.change) for c in diff_forms(after, before)] == [
        (CHANGED, Change.CHANGED),
        (ADDED, Change.REMOVED),
    ]


def test_the_same_version_differs_in_nothing_and_a_file_against_a_folder_names_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = two_versions(tmp_path)
    assert main(["forms", "diff", str(old), str(old / "mild")]) == 0
    assert capsys.readouterr().out.splitlines() == ["mild 1.0.0 -> 1.0.0", "no screen differs"]
    assert main(["forms", "diff", str(old / "mild" / "en.toml"), str(new)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "es  only in NEW (1.1.0)"


def test_a_version_the_store_kept_is_compared_after_its_files_are_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = two_versions(tmp_path)
    assert main(["init"]) == 0
    config = load_config()
    store = open_store(config.database_url, config.kiosk_id)
    forms = languages(old)
    keep(store, forms.values(), forms["en"], datetime(2026, 11, 23, tzinfo=UTC))
    store.close()
    capsys.readouterr()
    for path in old.rglob("*.toml"):
        path.unlink()
    assert main(["forms", "diff", "mild@1.0.0", str(new)]) == 1
    assert [line.split()[:3] for line in capsys.readouterr().out.splitlines()[1:]] == [
        ["en", "changed", CHANGED], ["en", "added", ADDED],
        ["es", "changed", CHANGED], ["es", "added", ADDED],
    ]  # fmt: skip
    assert main(["forms", "diff", "mild@0.9", str(new)]) == 2
    assert capsys.readouterr().err == (
        "kiosk forms diff: the store keeps no version '0.9' of 'mild'; `kiosk forms diff` "
        "takes a version some briefing was given on.\n"
    )


@pytest.mark.parametrize(
    ("old", "new", "sentence"),
    [
        (
            "nowhere",
            "forms-1.1.0",
            "nowhere is neither a form file or folder nor PROCEDURE@VERSION",
        ),
        ("mild@1.0.0", "forms-1.1.0", "there is no database here yet; run `kiosk init` first"),
        ("pair", "forms-1.1.0", "pair holds 2 procedure folders; name the one to compare"),
        ("broken.toml", "forms-1.1.0", "broken.toml: "),
        ("copy/other.toml", "forms-1.1.0", "OLD is the procedure 'other' and NEW is 'mild'"),
    ],
)
def test_what_it_cannot_compare_is_one_sentence_and_exit_status_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    old: str,
    new: str,
    sentence: str,
) -> None:
    _, later = two_versions(tmp_path)
    (tmp_path / "broken.toml").write_text('id = "mild"\n', encoding="utf-8")
    for name in ("a", "b"):
        shutil.copytree(later / "mild", tmp_path / "pair" / name)
    shutil.copytree(later / "mild", tmp_path / "copy")
    text = (later / "mild" / "en.toml").read_text(encoding="utf-8")
    (tmp_path / "copy" / "other.toml").write_text(text.replace('id = "mild"', 'id = "other"', 1))
    monkeypatch.chdir(tmp_path)
    assert main(["forms", "diff", old, new]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kiosk forms diff: ") and sentence in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_help_documents_what_to_give_and_the_exit_statuses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["forms", "diff", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "PROCEDURE@VERSION" in out and "mild@1.0.0" in out
    assert "exit status: 0 no screen differs; 1 some screen" in out and "2 OLD or NEW" in out
