"""Welcome's words are a patient's: never a command to run. A reviewer saw, on a fresh Spanish
kiosk with no staff account, “Ejecute «kiosk staff add NOMBRE» en este equipo; para probar una
sesión antes, ejecute «kiosk practice».” in bold across four lines. The patient is now asked for
staff; what is missing, and its command, is IT's (the log, once, and `kiosk doctor`)."""

from __future__ import annotations

import argparse
import re

import pytest

from kiosk.cli import build_parser
from kiosk.i18n import CATALOGS, PSEUDO, SOURCE, Msg, languages, words_for
from kiosk.unavailable import NOT_SET_UP, WELCOME_SAYS, not_set_up


def commands() -> list[str]:
    """Every `kiosk` command's name (`init`, `staff`, `practice`, …)."""
    parser = build_parser()
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(name for action in found for name in action.choices)


COMMAND = re.compile(rf"kiosk\s+(?:{'|'.join(commands())})\b", re.IGNORECASE)


def welcome_ids() -> list[str]:
    """Every message Welcome may show: its own words, and every message it may say under Start."""
    source = (CATALOGS / f"{SOURCE}.po").read_text(encoding="utf-8")
    own = re.findall(r'^msgid "(welcome\.[^"]+)"', source, re.MULTILINE)
    return sorted({*own, *WELCOME_SAYS})


@pytest.mark.parametrize("language", [*languages(), PSEUDO])
def test_no_welcome_words_ask_a_patient_to_run_a_command(language: str) -> None:
    words = words_for(language)
    for said in welcome_ids():
        text = words(Msg(said, {"language": "English"}))
        assert not COMMAND.search(text), f"{language} {said}: {text}"


def test_the_log_tells_it_the_command_that_sets_the_kiosk_up() -> None:
    assert commands() and COMMAND.search("run “kiosk staff add NAME”")  # (the check can see one)
    for missing in NOT_SET_UP:
        assert COMMAND.search(not_set_up(missing)), missing
        assert "kiosk practice" in not_set_up(missing)


def test_welcome_keeps_room_for_the_saving_messages_the_flow_says() -> None:
    """Named there by id (Welcome is drawn before the flow is loaded): the same ids as the flow's."""
    from kiosk.session.saving import NOT_SAVED, SAVING

    assert {NOT_SAVED.id, SAVING.id} <= set(WELCOME_SAYS)
