"""Staff sign-in as staff meet it at the kiosk: in practice mode with the practice account in
sight, and on a portrait screen with the PIN's keys large and in the middle."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QPoint, QSize
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.practice import SAMPLE
from kiosk.station import Station
from kiosk.ui.staff.sign_in import StaffSignIn
from kiosk.ui.widgets.practice import PracticeBanner
from kiosk.ui.window import KioskWindow
from tests.ui.drive import key, tap
from tests.ui.seen import settle

STAFF, PIN = "Dana Okafor", "482913"


@pytest.fixture
def staffed(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """`kiosk staff add` as IT runs it: the PIN typed twice."""
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n{PIN}\n"))
    assert main(["staff", "add", STAFF]) == 0
    capsys.readouterr()
    return STAFF


def _open(qtbot: QtBot, window: KioskWindow, station: Station) -> StaffSignIn:
    dialog = StaffSignIn(window, station, "Staff mode")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("practice_banner", [True, False])
def test_practice_mode_keeps_the_practice_account_in_sight_while_signing_in(
    qtbot: QtBot, window: KioskWindow, station: Station, practice_banner: bool, staffed: str
) -> None:
    """Welcome's banner names the practice account and its PIN; the sign-in covered it, so a
    newcomer had to remember the PIN from the screen before."""
    dialog = _open(qtbot, window, station)
    banners = [b for b in dialog.findChildren(PracticeBanner) if b.isVisible()]
    if not practice_banner:
        assert banners == []
        return
    (banner,) = banners
    assert SAMPLE.staff in banner.text() and SAMPLE.pin in banner.text()
    assert banner.mapTo(dialog, QPoint(0, 0)).y() < dialog.height() // 4  # at the top
    # One line: the PIN's keys keep their room on the shortest screen (Welcome's three lines
    # pushed the last row under Cancel at 1280x800).
    assert banner.height() < 2 * banner.fontMetrics().lineSpacing() + 20
    tap(qtbot, key(dialog, STAFF))
    qtbot.waitUntil(dialog.pad.isVisible)
    zero = key(dialog.pad, "0")
    assert (
        zero.mapTo(dialog, QPoint(0, zero.height())).y()
        <= dialog.cancel.mapTo(dialog, QPoint(0, 0)).y()
    )


def _pin_keys(qtbot: QtBot, window: KioskWindow, station: Station) -> tuple[QSize, int, int]:
    """A PIN key's size, and the room left and right of the keys, with a name tapped."""
    dialog = _open(qtbot, window, station)
    tap(qtbot, key(dialog, STAFF))
    qtbot.waitUntil(dialog.pad.isVisible)
    one = key(dialog.pad, "1")
    left = dialog.pad.mapTo(dialog, QPoint(0, 0)).x()
    right = dialog.width() - left - dialog.pad.width()
    dialog.reject()
    return one.size(), left, right


def test_the_pin_keys_are_large_and_in_the_middle_on_a_portrait_screen(
    qtbot: QtBot, window: KioskWindow, station: Station, staffed: str
) -> None:
    """They stood at the top left in the size they have at 1280x800: small on a portrait kiosk."""
    window.show_at(QSize(1280, 800))
    landscape, left, right = _pin_keys(qtbot, window, station)
    assert abs(left - right) <= 2, (left, right)
    window.show_at(QSize(1080, 1920))
    portrait, left, right = _pin_keys(qtbot, window, station)
    assert abs(left - right) <= 2, (left, right)
    assert portrait.width() > landscape.width() and portrait.height() > landscape.height()


@pytest.mark.parametrize(
    "display", [QSize(1280, 800), QSize(1080, 1920)], ids=["landscape", "portrait"]
)
def test_a_wrong_pin_said_moves_no_key(
    qtbot: QtBot, window: KioskWindow, station: Station, staffed: str, display: QSize
) -> None:
    """ "That PIN does not match" appeared above the buttons and the keys moved up under the
    finger; Sign in ended 4 px from the screen's edge."""
    window.show_at(display)
    dialog = _open(qtbot, window, station)
    tap(qtbot, key(dialog, STAFF))
    qtbot.waitUntil(dialog.pad.isVisible)

    def places() -> list[int]:
        settle()
        return [key(dialog.pad, d).mapTo(dialog, QPoint(0, 0)).y() for d in "1470"] + [
            dialog.ok.mapTo(dialog, QPoint(0, 0)).y()
        ]

    before = places()
    for digit in "1111":
        tap(qtbot, key(dialog.pad, digit))
    tap(qtbot, dialog.ok)
    qtbot.waitUntil(dialog.message.isVisible)
    assert places() == before
    assert dialog.ok.mapTo(dialog, QPoint(0, dialog.ok.height())).y() <= dialog.height() - 16
    assert dialog.pad.pin == ""
    tap(qtbot, key(dialog.pad, "4"))  # typed afresh: what was said goes, and no key moves
    assert not dialog.message.isVisible() and places() == before
    dialog.reject()


@pytest.mark.parametrize("practice_banner", [True, False])
def test_staff_sign_in_and_staff_mode_fit_though_the_patient_left_larger_text_on(
    qtbot: QtBot, window: KioskWindow, station: Station, practice_banner: bool, staffed: str
) -> None:
    """A reviewer left Larger text on and held the corner: Cancel, "Another name" and Sign in were
    cut in half by the screen's edge at 1280x800. They stand whole, in the Larger text the patient
    (or a staff member who reads poorly) chose: staff stand at the same screen."""
    window.show_at(QSize(1280, 800))
    tap(qtbot, window.welcome.start_button)
    tap(qtbot, window.top.larger_button)
    assert window.look.larger
    dialog = _open(qtbot, window, station)
    tap(qtbot, key(dialog, STAFF))
    qtbot.waitUntil(dialog.pad.isVisible)
    settle()
    for button in (dialog.cancel, dialog.back, dialog.ok, key(dialog.pad, "0")):
        bottom = button.mapTo(dialog, QPoint(0, button.height())).y()
        assert bottom <= window.height(), f"{button.text()!r} ends at {bottom} of {window.height()}"
        assert button.visibleRegion().boundingRect().height() == button.height(), button.text()
    assert dialog.font().pixelSize() == window.look.body > window.look.plain.body


@pytest.mark.parametrize("practice_banner", [True, False])
def test_the_pin_keys_stay_whole_under_a_long_reason(
    qtbot: QtBot, window: KioskWindow, station: Station, practice_banner: bool, staffed: str
) -> None:
    """Confirming a typed signature, the reason names who signs and the name typed; on two lines
    it pushed the PIN pad's last row (Clear, 0, Delete) under the screen's edge at 1280x800."""
    from kiosk.i18n import isolated, msg, words_for

    window.show_at(QSize(1280, 800))
    words = words_for("en")
    reason = words(
        msg(
            "sign.attest-reason",
            person=isolated("Zoë Ångström-Łukasiewicz Fitzgerald-Montgomery"),
            typed=isolated("Zoë Ångström-Łukasiewicz Fitzgerald-Montgomery"),
        )
    )
    dialog = StaffSignIn(window, station, reason)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tap(qtbot, key(dialog, STAFF))
    qtbot.waitUntil(dialog.pad.isVisible)
    settle()
    for button in (key(dialog.pad, "0"), key(dialog.pad, "1"), dialog.cancel, dialog.ok):
        seen = button.visibleRegion().boundingRect().height()
        bottom = button.mapTo(dialog, QPoint(0, button.height())).y()
        assert seen == button.height() and bottom <= window.height(), (button.text(), seen)


def test_the_sign_in_is_gone_once_answered(
    qtbot: QtBot, window: KioskWindow, station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its reason may name the patient and what they typed (a typed signature's check): the
    dialog stayed, hidden, a child of the window, one more at each typed signature (a reviewer)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from kiosk.ui.interaction import Interaction

    monkeypatch.setattr(StaffSignIn, "exec", lambda self: 0)  # answered at once: cancelled
    assert Interaction(station).staff_sign_in(window, "Check that Zoë typed her name") is None
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(StaffSignIn) == []


@pytest.mark.parametrize("practice_banner", [True])
def test_a_typed_signatures_check_fits_with_larger_text_under_the_practice_banner(
    qtbot: QtBot, window: KioskWindow, station: Station, practice_banner: bool, staffed: str
) -> None:
    """A reviewer, in Arabic with Larger text at 1280x800 in practice mode, typed their name to
    sign: the sign-in over it showed Cancel cut by the screen's edge, and after a wrong PIN,
    Cancel, "Another name" and Sign in half shown."""
    from kiosk.i18n import isolated, msg, words_for
    from kiosk.ui.staff.sign_in import ForPatient

    window.show_at(QSize(1280, 800))
    tap(qtbot, window.welcome.languages.buttons["ar"])
    tap(qtbot, window.top.larger_button)
    arabic, english = words_for("ar"), words_for("en")
    reason = english(
        msg("sign.attest-reason", person=isolated("Alex Sample"), typed=isolated("Alex Sample"))
    )
    patient = ForPatient(arabic("sign.staff-call"), arabic("sign.staff-call-back"), True)
    dialog = StaffSignIn(window, station, reason, english, patient)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    assert dialog.height() == window.height(), "the sign-in is the screen's height, no more"

    def whole(*buttons: object) -> None:
        for button in buttons:
            seen = button.visibleRegion().boundingRect().height()  # type: ignore[attr-defined]
            bottom = button.mapTo(dialog, QPoint(0, button.height())).y()  # type: ignore[attr-defined]
            assert seen == button.height() and bottom <= window.height(), (
                button.text(),
                seen,
                bottom,
            )  # type: ignore[attr-defined]

    whole(dialog.cancel, key(dialog, STAFF), dialog.patient_back)
    tap(qtbot, key(dialog, STAFF))
    qtbot.waitUntil(dialog.pad.isVisible)
    for digit in "1111":
        tap(qtbot, key(dialog.pad, digit))
    tap(qtbot, dialog.ok)
    qtbot.waitUntil(dialog.message.isVisible)
    settle()
    whole(dialog.cancel, dialog.back, dialog.ok, key(dialog.pad, "0"), dialog.message)
    dialog.reject()
