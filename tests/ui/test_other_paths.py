"""Walk-up patients, typed signatures, a PDF that cannot be made, and a store that refuses a write."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from kiosk.i18n import isolated
from kiosk.session import ScreenKind, Status
from kiosk.station import Station
from kiosk.store.models import BriefingRow, Document, PatientRow, RiskAcknowledgement, SignatureRow
from kiosk.ui.pages.identity import IdentityPage
from kiosk.ui.staff.sign_in import ForPatient
from kiosk.ui.window import KioskWindow
from tests.ui.conftest import FakeInteraction
from tests.ui.drive import (
    acknowledge,
    begin,
    english,
    key,
    kind,
    message,
    next_,
    scroll_to_end,
    sign_here,
    store_refusing,
    tap,
    texts,
    type_date,
    walk_to,
)
from tests.ui.seen import readable, settle


def type_on(qtbot: QtBot, keyboard: object, text: str) -> None:
    """Type with the on-screen keys, switching to the accents page for accented letters."""
    from kiosk.ui.widgets.key_words import ACCENTS_TEXT, LETTERS_TEXT, SHIFT_TEXT

    for ch in text:
        label = {" ": "Space"}.get(ch, ch)
        if ch.lower() in "àáâäãåąæçćčèéêëęğìíîïıłñńòóôöõőøœřśšşßùúûüűýÿźżž":
            tap(qtbot, key(keyboard, ACCENTS_TEXT))  # type: ignore[arg-type]
            tap(qtbot, key(keyboard, label))  # type: ignore[arg-type]
            if keyboard.accents_showing():  # type: ignore[attr-defined]
                tap(qtbot, key(keyboard, LETTERS_TEXT))  # type: ignore[arg-type]
        else:
            visible = [b.text() for b in keyboard.findChildren(QAbstractButton) if b.isVisible()]  # type: ignore[attr-defined]
            if label not in visible:  # a capital the keyboard does not offer by itself
                tap(qtbot, key(keyboard, SHIFT_TEXT))  # type: ignore[arg-type]
            tap(qtbot, key(keyboard, label))  # type: ignore[arg-type]


def start_identity(qtbot: QtBot, window: KioskWindow, larger: bool) -> IdentityPage:
    """Start touched (and Larger text, if `larger`): the identity page, laid out."""
    tap(qtbot, window.welcome.start_button)
    if larger:
        tap(qtbot, window.top.larger_button)
    settle()
    return window.identity


def places(window: KioskWindow, keys: QWidget) -> list[tuple[int, int, int, int]]:
    """Where each key shown stands in the window, and its size."""
    shown = [b for b in keys.findChildren(QAbstractButton) if b.isVisible()]
    return [(*b.mapTo(window, QPoint(0, 0)).toTuple(), b.width(), b.height()) for b in shown]


@pytest.mark.parametrize("settings", [{"walk_up_mode": True}])
def test_a_walk_up_patient_types_their_name_and_birth_date(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    assert window.identity.keyboard.isVisible() and not window.identity.keypad.isVisible()
    next_(qtbot, window)  # no name yet
    assert message(window) == english("name.type-full-name")
    type_on(qtbot, window.identity.keyboard, "Seán O'Brien")
    assert window.identity.name.text() == "Seán O'Brien"
    next_(qtbot, window)
    assert window.identity.keypad.isVisible() and not window.identity.keyboard.isVisible()
    tap(qtbot, window.bottom.back)  # back to the name, still typed
    assert window.identity.keyboard.isVisible() and window.identity.name.text() == "Seán O'Brien"
    next_(qtbot, window)
    type_date(qtbot, window.identity.keypad, "07021948")
    next_(qtbot, window)
    assert kind(window) is ScreenKind.ABOUT
    b = window.briefing
    assert b is not None and b.patient is not None and b.patient.name == "Seán O'Brien"
    with station.store.reading() as session:
        row = session.get(BriefingRow, b.briefing_id)
        assert row is not None and row.patient_id is not None
        patient = session.get(PatientRow, row.patient_id)
        assert patient is not None and patient.name == "Seán O'Brien"
        assert patient.date_of_birth.isoformat() == "1948-07-02"


@pytest.mark.parametrize("settings", [{"walk_up_mode": True}])
def test_a_walk_up_name_the_pdf_cannot_print_is_refused_kindly(
    qtbot: QtBot, window: KioskWindow
) -> None:
    tap(qtbot, window.welcome.start_button)
    window.identity.name.setText("𠮷田 花子")  # U+20BB7, CJK extension B: in no kiosk font
    next_(qtbot, window)
    assert message(window) == english("name.cannot-print")
    assert window.identity.keyboard.isVisible()
    window.identity.name.setText("Ana 😀")
    next_(qtbot, window)
    assert message(window) == english("name.emoji")
    window.identity.name.setText("김민준")  # refused until this round: now it prints
    next_(qtbot, window)
    assert window.identity.keypad.isVisible() and not window.identity.keyboard.isVisible()


def test_a_typed_signature_needs_a_staff_member(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    station: Station,
    interaction: FakeInteraction,
) -> None:
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    scroll_to_end(qtbot, window.sign.statement)
    qtbot.waitUntil(window.bottom.primary.isEnabled)
    tap(qtbot, window.sign.switch)
    assert window.sign.keyboard.isVisible() and not window.sign.pad.isVisible()
    type_on(qtbot, window.sign.keyboard, "Zoë")
    interaction.answer = None  # staff cancelled: back as it was, the name kept, nothing refused
    next_(qtbot, window)
    assert message(window) == "" and window.sign.typed.text() == "Zoë"
    assert window.briefing is not None and window.briefing.status is Status.IN_PROGRESS
    # The patient read, over staff's words, theirs: ask a staff member to come, or go back.
    assert interaction.patients[-1] == ForPatient(
        english("sign.staff-call"), english("sign.staff-call-back"), right_to_left=False
    )
    interaction.answer = "Sam Carter"
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
        next_(qtbot, window)
    # Staff read whose signature it is and the name typed (a reviewer confirmed one never shown).
    b = window.briefing
    assert b is not None and b.patient is not None
    assert interaction.asked[-1] == english(
        "sign.attest-reason", person=isolated(b.patient.name), typed=isolated("Zoë")
    )
    with station.store.reading() as session:
        sig = session.scalars(
            select(SignatureRow).where(SignatureRow.briefing_id == prepared)
        ).one()
    assert (sig.kind, sig.typed_name, sig.attested_by) == ("typed", "Zoë", "Sam Carter")


@pytest.mark.parametrize("settings", [{"typed_signature": False}])
def test_typed_signatures_can_be_turned_off(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    assert not window.sign.switch.isVisible()


def test_a_pdf_that_cannot_be_made_leaves_the_briefing_complete_and_tells_staff(
    qtbot: QtBot, window: KioskWindow, prepared: str, station: Station
) -> None:
    station.pdfs.signer, station.pdfs.signer_problem = None, "keys/kiosk-key.pem: cannot be read"
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    sign_here(qtbot, window)
    with qtbot.waitSignal(window.pdf_failed, timeout=30_000) as failed:
        next_(qtbot, window)
        assert kind(window) is ScreenKind.DONE  # at once, before the PDF work ends
    assert failed.args[0] == prepared
    assert window.done.staff.isVisible()
    assert window.done.staff.text().startswith(english("done.for-staff", reason=""))
    assert "kiosk-key.pem: cannot be read" in window.done.staff.text()
    with station.store.reading() as session:
        assert session.get(BriefingRow, prepared).status == "completed"  # type: ignore[union-attr]
        document = session.scalars(select(Document).where(Document.briefing_id == prepared)).one()
        assert document.status == "pending"


def test_a_write_the_store_refuses_shows_a_message_and_changes_nothing(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    station: Station,
) -> None:
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.RISK)
    b = window.briefing
    assert b is not None
    with store_refusing(station):
        acknowledge(qtbot, window)
        assert message(window) == english("problem.not-saved")
        assert b.current.id not in b.acknowledgements
        assert window.reading.understand.isVisible()
    tap(qtbot, window.reading.understand)
    assert b.current.id in b.acknowledgements
    with station.store.reading() as session:
        assert session.scalars(
            select(RiskAcknowledgement.risk_id).where(RiskAcknowledgement.briefing_id == prepared)
        ).all() == [b.current.id]


def test_the_done_screen_returns_to_welcome_on_its_own(
    qtbot: QtBot, window: KioskWindow, prepared: str, clock: object
) -> None:
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    sign_here(qtbot, window)
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
        next_(qtbot, window)
    clock.advance(44)  # type: ignore[attr-defined]
    window.tick()
    assert kind(window) is ScreenKind.DONE
    with qtbot.waitSignal(window.session_ended):
        clock.advance(1)  # type: ignore[attr-defined]
        window.tick()
    assert window.stack.currentWidget() is window.welcome and window.briefing is None


def test_back_to_welcome_then_start_goes_on_with_the_same_briefing(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    station: Station,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reviewer went back from the birth date (after three wrong ones) to Welcome, and Start
    then did nothing and said nothing: the kiosk took no patient until it was restarted."""
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    tap(qtbot, window.bottom.back)
    assert window.stack.currentWidget() is window.welcome
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    assert window.briefing is not None and window.briefing.briefing_id == prepared
    for _ in range(3):
        type_date(qtbot, window.identity.keypad, "01011950")
        next_(qtbot, window)
    tap(qtbot, window.bottom.back)
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    assert english("blocker.identity-locked") in texts(window)
    # Whoever touched Start is not told they typed it; staff end the briefing to free the kiosk
    # (it waited for the idle limit, or for the kiosk to be closed: a reviewer).
    assert window.identity.title.text() == english("identity.locked-again")
    window.open_staff()
    page = window.staff
    assert page.end_button.isVisibleTo(page.menu)
    assert page.briefing_note.text() == english("staff.menu.briefing-locked")  # why it waits
    tap(qtbot, page.end_button)  # it asks first: one tap by mistake ends nothing
    assert window.briefing is not None
    confirm = page.end_confirm
    assert confirm.isVisible() and confirm.title.text() == english("staff.end.title")
    # A second tap where End was lands on no End (a finger that bounced had ended it).
    spot = page.end_button.mapTo(window, page.end_button.rect().center())
    go = confirm.go_button
    assert not QRect(go.mapTo(window, QPoint(0, 0)), go.size()).contains(spot)
    tap(qtbot, confirm.keep_button)  # back to the menu: nothing ended
    assert window.briefing is not None and page.menu.isVisible()
    tap(qtbot, page.end_button)

    def unrecorded(*args: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    # Ending is stored; who ended it could not be: the screen is wiped all the same.
    monkeypatch.setattr(station, "ended_by_staff", unrecorded)
    tap(qtbot, confirm.go_button)
    assert window.briefing is None and not page.end_button.isVisibleTo(page.menu)
    assert page.menu.isVisible()  # still signed in
    with station.store.reading() as session:
        row = session.execute(select(BriefingRow).where(BriefingRow.id == prepared)).scalar_one()
        assert (row.status, row.end_reason) == ("abandoned", "staff")
    tap(qtbot, page.back_button)
    assert window.stack.currentWidget() is window.welcome


@pytest.mark.parametrize("settings", [{"walk_up_mode": True}])
def test_back_on_welcome_the_next_touch_of_start_asks_who_it_is_again(
    qtbot: QtBot, window: KioskWindow
) -> None:
    """A walk-up patient typed their name and birth date, went back to Welcome and walked away: the
    next person to touch Start was welcomed as them ("Thank you, Rosa Muñoz", Next to begin). Now
    they are asked the birth date first; and a name half typed before going back is not shown to
    whoever comes next."""
    tap(qtbot, window.welcome.start_button)
    type_on(qtbot, window.identity.keyboard, "Khalid")
    tap(qtbot, window.bottom.back)  # from the name to Welcome, half typed
    assert window.stack.currentWidget() is window.welcome
    tap(qtbot, window.welcome.start_button)
    assert window.identity.keyboard.isVisible() and window.identity.name.text() == ""
    assert "Khalid" not in " ".join(texts(window))
    type_on(qtbot, window.identity.keyboard, "Rosa Munoz")
    next_(qtbot, window)
    type_date(qtbot, window.identity.keypad, "07021948")
    next_(qtbot, window)
    assert kind(window) is ScreenKind.ABOUT
    tap(qtbot, window.bottom.back)  # "Thank you, Rosa Munoz": the identity screen, confirmed
    assert kind(window) is ScreenKind.IDENTITY
    tap(qtbot, window.bottom.back)
    assert window.stack.currentWidget() is window.welcome
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    assert window.identity.keypad.isVisible() and window.bottom.primary.isVisible()
    next_(qtbot, window)  # no birth date typed: not let through
    assert kind(window) is ScreenKind.IDENTITY
    type_date(qtbot, window.identity.keypad, "01011990")
    next_(qtbot, window)
    assert kind(window) is ScreenKind.IDENTITY
    assert message(window) == english("identity.no-match", count=2)
    type_date(qtbot, window.identity.keypad, "07021948")
    next_(qtbot, window)
    assert kind(window) is ScreenKind.ABOUT


@pytest.mark.parametrize("settings", [{"walk_up_mode": True}])
@pytest.mark.parametrize("larger", [False, True], ids=["normal", "larger"])
def test_a_name_refused_is_said_under_it_and_the_keyboard_holds_still(
    qtbot: QtBot, window: KioskWindow, larger: bool
) -> None:
    """Next with no name, at 1280x800: "Please type your full name" stands under the name field in
    room kept for it. Among the words beside the field it scrolled them with a cue, pushed the
    keyboard down 60 px and, with larger text, its rows onto each other (a reviewer's taps fell
    between keys). It goes once the patient types."""
    page = start_identity(qtbot, window, larger)
    before = places(window, page.keyboard)
    next_(qtbot, window)
    settle()
    assert page.name_notice.isVisible() and page.name_notice.text() == english(
        "name.type-full-name"
    )
    assert not page.notice.isVisible() and not page.cue.isVisible()
    assert places(window, page.keyboard) == before
    readable(window, "a name refused")
    type_on(qtbot, page.keyboard, "Ro")
    assert not page.name_notice.isVisible() and places(window, page.keyboard) == before


@pytest.mark.parametrize("larger", [False, True], ids=["normal", "larger"])
def test_on_a_portrait_screen_a_wrong_birth_date_is_said_over_the_keys(
    qtbot: QtBot, window: KioskWindow, prepared: str, larger: bool
) -> None:
    """1080x1920: "That date of birth does not match…" stood among the words at the top, 600 px over
    the keys where the patient looks (a reviewer). It stands right over the date now, and the keys
    stay where they were."""
    window.show_at(QSize(1080, 1920))
    page = start_identity(qtbot, window, larger)
    before = places(window, page.keypad)
    type_date(qtbot, page.keypad, "01011990")
    next_(qtbot, window)
    settle()
    said = page.date_notice
    assert said.isVisible() and not page.notice.isVisible()
    assert message(window) == english("identity.no-match", count=2)
    bottom = said.mapTo(window, QPoint(0, said.height())).y()
    top_of_keys = page.keypad.mapTo(window, QPoint(0, 0)).y()
    assert 0 <= top_of_keys - bottom <= 40
    assert places(window, page.keypad) == before
    readable(window, "a wrong birth date, portrait")
