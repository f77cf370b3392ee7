"""`kiosk staff add`, `list`, `disable`, `enable` and `pin`, run as IT would run them (the PIN on standard input)."""

from __future__ import annotations

import argparse
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.cli import main
from kiosk.cli import staff as staff_cli
from kiosk.cli import store as store_cli
from kiosk.config import load_config
from kiosk.store import audit, open_store
from kiosk.store.models import AuditEntry
from kiosk.store.staff import LoginOutcome, check_pin

PIN = "73914862"


def parser() -> argparse.ArgumentParser:
    """The `kiosk` parser's shape with only the staff commands (until kiosk.cli registers them)."""
    built = argparse.ArgumentParser(prog="kiosk")
    built.add_argument("--config", type=Path)
    commands = built.add_subparsers(dest="command", metavar="COMMAND")
    staff_cli.register(commands)
    return built


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *argv: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    args = parser().parse_args(list(argv))
    try:
        code: int = args.run(args)
    except store_cli.ERRORS as exc:  # as kiosk.cli.main reports them
        print(f"kiosk {args.command}: {exc}", file=sys.stderr)
        code = 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def initialised(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()


@pytest.mark.usefixtures("initialised")
def test_add_list_disable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(capsys, monkeypatch, "staff", "list")
    assert (code, err) == (0, "")
    assert out == "no staff accounts yet; add one with `kiosk staff add NAME`\n"

    code, out, err = run(
        capsys, monkeypatch, "staff", "add", "Dana Okafor", stdin=f"{PIN}\n{PIN}\n"
    )
    assert (code, out, err) == (0, "staff added: Dana Okafor (active)\n", "")
    code, out, _ = run(capsys, monkeypatch, "staff", "add", "Ben Adler", stdin="6142\r\n6142\r\n")
    assert code == 0

    code, out, _ = run(capsys, monkeypatch, "staff", "list")
    assert code == 0
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    assert out.splitlines() == [
        f"Ben Adler    active  (added {today})",
        f"Dana Okafor  active  (added {today})",
    ]

    code, out, err = run(capsys, monkeypatch, "staff", "disable", "Ben Adler")
    assert (code, err) == (0, "")
    assert out.startswith("staff disabled: Ben Adler")
    code, out, _ = run(capsys, monkeypatch, "staff", "list")
    assert out.splitlines() == [  # the dates in one column (a reviewer saw them drift)
        f"Ben Adler    disabled  (added {today})",
        f"Dana Okafor  active    (added {today})",
    ]

    config = load_config()
    store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        assert check_pin(store, "Dana Okafor", PIN, datetime.now(UTC)).ok
        assert check_pin(store, "Ben Adler", "6142", datetime.now(UTC)).outcome is (
            LoginOutcome.UNKNOWN
        )
        with store.reading() as session:
            rows = session.execute(
                select(AuditEntry.action, AuditEntry.actor, AuditEntry.detail).where(
                    AuditEntry.action.like("staff_%")
                )
            ).all()
            assert audit.verify(session).ok
            session.rollback()
    finally:
        store.close()
    assert [(a, actor) for a, actor, _ in rows] == [
        ("staff_added", "kiosk staff add"),
        ("staff_added", "kiosk staff add"),
        ("staff_disabled", "kiosk staff disable"),
        ("staff_login", "Dana Okafor"),
        ("staff_login_failed", "Ben Adler"),
    ]
    database = tmp_path / "data" / "kiosk.db"
    for file in (database, Path(f"{database}-wal")):
        if file.exists():
            assert PIN.encode() not in file.read_bytes()


@pytest.mark.usefixtures("initialised")
@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (f"{PIN}\n{PIN}9\n", "kiosk staff add: the two PINs differ; nothing was saved"),
        ("", "kiosk staff add: no PIN was given"),
        ("12\n12\n", "kiosk staff add: pin: must be 4 to 12 digits"),
        ("12ab\n12ab\n", "kiosk staff add: pin: must be 4 to 12 digits"),
        ("1234\n1234\n", "kiosk staff add: pin: must not be one digit repeated"),
        ("0000\n0000\n", "kiosk staff add: pin: must not be one digit repeated"),
        ("1111\n1111\n", "kiosk staff add: pin: must not be one digit repeated"),
        ("987654\n987654\n", "kiosk staff add: pin: must not be one digit repeated"),
    ],
)
def test_add_refuses_a_bad_pin(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: str,
    message: str,
) -> None:
    code, out, err = run(capsys, monkeypatch, "staff", "add", "Dana Okafor", stdin=stdin)
    assert (code, out) == (1, "")
    assert err.startswith(message)
    assert err.count("\n") == 1 and err.rstrip().endswith(".")
    assert PIN not in err and "12ab" not in err
    assert run(capsys, monkeypatch, "staff", "list")[1].startswith("no staff accounts yet")


@pytest.mark.usefixtures("initialised")
def test_duplicate_unknown_and_blank_names_are_one_sentence_errors(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, monkeypatch, "staff", "add", "Dana Okafor", stdin="3907\n3907\n")[0] == 0
    code, _, err = run(capsys, monkeypatch, "staff", "add", "Dana Okafor", stdin="5683\n5683\n")
    assert code == 1
    assert err == (
        "kiosk staff add: name: a staff account named 'Dana Okafor' already exists; "
        "choose another name.\n"
    )
    code, _, err = run(capsys, monkeypatch, "staff", "add", "  ", stdin="5683\n5683\n")
    assert (code, err) == (1, "kiosk staff add: name: must not be empty; type the full name.\n")
    code, _, err = run(capsys, monkeypatch, "staff", "disable", "Nobody")
    assert (code, err) == (
        1,
        "kiosk staff disable: name: there is no staff account named 'Nobody'; "
        "run `kiosk staff list` to see the names.\n",
    )
    assert run(capsys, monkeypatch, "staff", "disable", "Dana Okafor")[0] == 0
    code, _, err = run(capsys, monkeypatch, "staff", "disable", "Dana Okafor")
    assert code == 1 and "already disabled" in err


@pytest.mark.usefixtures("initialised")
def test_a_name_the_pdf_cannot_print_is_refused_as_a_patients_is(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer added "Dr 😀": staff names are printed on PDFs (a witness, who confirmed a typed
    signature), and a patient's, representative's or practitioner's name with emoji is refused."""
    code, out, err = run(capsys, monkeypatch, "staff", "add", "Dr 😀", stdin="3907\n3907\n")
    assert (code, out) == (1, "")
    assert err == (
        "kiosk staff add: name: has emoji, which the briefing PDFs (where staff names are "
        "printed) cannot print; type the name with letters only.\n"
    )
    code, _, err = run(capsys, monkeypatch, "staff", "add", "Dr \U00020000", stdin="3907\n3907\n")
    assert code == 1 and err.startswith("kiosk staff add: name: has letters no font of the kiosk")
    code, _, err = run(capsys, monkeypatch, "staff", "add", "Dr 😀")  # no PIN asked for first
    assert (code, err.count("\n")) == (1, 1) and "emoji" in err
    assert run(capsys, monkeypatch, "staff", "list")[1].startswith("no staff accounts yet")
    assert run(capsys, monkeypatch, "staff", "add", "Dr Zoë Ångström", stdin="3907\n3907\n")[0] == 0


def test_without_a_database_it_says_to_run_init(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(capsys, monkeypatch, "staff", "list")
    assert (code, out) == (1, "")
    assert "run `kiosk init` first" in err


@pytest.mark.usefixtures("initialised")
def test_on_a_terminal_the_pin_is_asked_for_without_echo(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts: list[str] = []

    def fake_getpass(prompt: str = "Password: ", stream: object = None) -> str:
        prompts.append(prompt)
        return PIN

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    args = parser().parse_args(["staff", "add", "Dana Okafor"])
    monkeypatch.setattr("sys.stdin", Terminal("not read\n"))
    assert args.run(args) == 0
    assert prompts == ["PIN for Dana Okafor: ", "PIN for Dana Okafor again: "]
    out, err = capsys.readouterr()
    assert PIN not in out + err


def test_the_pin_cannot_be_given_on_the_command_line() -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(["staff", "add", "Dana Okafor", PIN])
    with pytest.raises(SystemExit):
        parser().parse_args(["staff", "add", "Dana Okafor", "--pin", PIN])


@pytest.mark.usefixtures("initialised")
def test_a_name_is_kept_with_single_spaces_and_disabled_however_it_is_cased(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, monkeypatch, "staff", "add", "Dana  Okafor", stdin=f"{PIN}\n{PIN}\n")
    assert (code, out) == (0, "staff added: Dana Okafor (active)\n")
    code, _, err = run(capsys, monkeypatch, "staff", "add", "dana okafor", stdin="5683\n5683\n")
    assert (code, err) == (
        1,
        "kiosk staff add: name: a staff account named 'Dana Okafor' already exists; "
        "choose another name.\n",
    )
    code, out, err = run(capsys, monkeypatch, "staff", "disable", "dana okafor")
    assert (code, err) == (0, "")
    assert out.startswith("staff disabled: Dana Okafor (")
    code, out, _ = run(capsys, monkeypatch, "staff", "list")
    assert [line.split("  ")[0:2] for line in out.splitlines()] == [["Dana Okafor", "disabled"]]


@pytest.mark.usefixtures("initialised")
def test_a_disabled_account_is_enabled_again_and_a_forgotten_pin_replaced(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer disabled "Sam IT" and could neither enable it (no such command) nor add the same
    name again: IT had to invent another name, splitting the person's audit trail. Nor could a
    forgotten PIN be replaced."""
    assert run(capsys, monkeypatch, "staff", "add", "Sam IT", stdin=f"{PIN}\n{PIN}\n")[0] == 0
    assert run(capsys, monkeypatch, "staff", "disable", "sam it")[0] == 0
    code, _, err = run(capsys, monkeypatch, "staff", "pin", "Sam IT", stdin="52816\n52816\n")
    assert code == 1 and "is disabled; run `kiosk staff enable` first" in err  # not a way back in
    code, out, err = run(capsys, monkeypatch, "staff", "enable", "SAM  it")
    assert (code, err) == (0, "") and out.startswith("staff enabled: Sam IT")
    code, _, err = run(capsys, monkeypatch, "staff", "enable", "Sam IT")
    assert (
        code == 1
        and err == "kiosk staff enable: name: the staff account 'Sam IT' is already active.\n"
    )
    code, _, err = run(capsys, monkeypatch, "staff", "enable", "Nobody Here")
    assert code == 1 and "run `kiosk staff list` to see the names" in err

    config = load_config()
    store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        now = datetime.now(UTC)
        assert check_pin(store, "Sam IT", PIN, now).ok  # back, with the PIN it had
        for _ in range(5):
            check_pin(store, "Sam IT", "000000", now)
        assert check_pin(store, "Sam IT", PIN, now).outcome is LoginOutcome.LOCKED
    finally:
        store.close()
    code, _, err = run(capsys, monkeypatch, "staff", "pin", "Sam IT", stdin="1234\n1234\n")
    assert code == 1 and err.startswith("kiosk staff pin: ")  # the PIN rules hold
    code, _, err = run(capsys, monkeypatch, "staff", "pin", "Sam IT", stdin="52816\n52817\n")
    assert code == 1 and "the two PINs differ; nothing was saved" in err
    code, out, err = run(capsys, monkeypatch, "staff", "pin", "Sam IT", stdin="52816\n52816\n")
    assert (code, err) == (0, "") and out.startswith("new PIN set: Sam IT")
    store = open_store(config.database_url, config.kiosk_id, create=False)
    try:
        now = datetime.now(UTC)
        assert check_pin(store, "Sam IT", "52816", now).ok  # unlocked, with the new PIN
        assert not check_pin(store, "Sam IT", PIN, now).ok
        with store.reading() as session:
            actions = session.scalars(
                select(AuditEntry.action).where(AuditEntry.action.like("staff_%"))
            ).all()
            session.rollback()
    finally:
        store.close()
    assert [a for a in actions if a in ("staff_enabled", "staff_pin_set")] == [
        "staff_enabled",
        "staff_pin_set",
    ]
