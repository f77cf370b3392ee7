"""Staff mode at the kiosk: preparing a briefing through the real widgets, its checks, and what it leaves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from kiosk.i18n import words_for
from kiosk.session import ScreenKind
from kiosk.station import Station
from kiosk.store import audit
from kiosk.store.models import AuditEntry, BriefingRow, PatientRow
from kiosk.ui.staff import prepare
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.ui.drive import english, key, kind, tap, texts, type_date
from tests.ui.seen import settle
from tests.ui.staff_drive import staff_fits, type_keys

NAME = "Łukasz Wałęsa"
MRN = "A-1234"
PERSONAL = ("Łukasz", "Wałęsa", "Lukasz", "1962", "August 31", "08 / 31", MRN, "1234")


def type_mrn(qtbot: QtBot, window: KioskWindow, mrn: str) -> None:
    form = window.staff.prepare
    for ch in mrn:
        if ch.isdigit():
            tap(qtbot, key(form.digits, ch))
        else:
            type_keys(qtbot, form.mrn_keys, ch)


def open_prepare(qtbot: QtBot, window: KioskWindow) -> prepare.PrepareForm:
    window.open_staff()
    assert window.stack.currentWidget() is window.staff
    tap(qtbot, window.staff.prepare_button)
    form = window.staff.prepare
    assert form.isVisible() and form.step == prepare.NAME
    return form


def next_(qtbot: QtBot, form: prepare.PrepareForm) -> None:
    tap(qtbot, form.next_button)


def fill_in(
    qtbot: QtBot,
    window: KioskWindow,
    *,
    name: str = NAME,
    dob: str = "08311962",
    mrn: str = MRN,
    stop: int = prepare.CHECK,
) -> prepare.PrepareForm:
    """Open the form and go through name, date of birth and MRN, the procedure and language as
    they come, to the last step (or to `stop`: the procedure and the patient's language)."""
    form = open_prepare(qtbot, window)
    type_keys(qtbot, form.name_keys, name)
    assert form.name.text() == name
    next_(qtbot, form)
    assert form.step == prepare.BIRTH, form.message.text()
    type_date(qtbot, form.keypad, dob)
    next_(qtbot, form)
    assert form.step == prepare.MRN, form.message.text()
    type_mrn(qtbot, window, mrn)
    assert form.mrn.text() == mrn
    next_(qtbot, form)
    assert form.step == prepare.CHOOSE, form.message.text()
    if stop == prepare.CHOOSE:
        return form
    next_(qtbot, form)  # the only procedure, in the clinic's language
    assert form.step == prepare.PLAN, form.message.text()
    next_(qtbot, form)  # nobody signs beside the patient, no practitioner or date given
    assert form.step == prepare.CHECK, form.message.text()
    return form


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1280, 800)], ids=["1920", "1280"])
def test_ready_is_said_in_room_kept_for_it_and_the_menu_stays_put(
    qtbot: QtBot, window: KioskWindow, size: QSize
) -> None:
    """A reviewer prepared a briefing: "Ready: …" came over the menu and moved it 40 px down,
    and their next tap landed between two rows."""
    window.show_at(size)
    form = fill_in(qtbot, window)
    tap(qtbot, form.next_button)  # "Prepare"
    assert window.staff.ready.isVisible()
    settle()
    at = window.staff.prepare_button.mapTo(window, QPoint(0, 0))
    window.staff.show_menu()
    settle()
    assert not window.staff.ready.isVisible()
    assert window.staff.prepare_button.mapTo(window, QPoint(0, 0)) == at


def leftovers() -> list[str]:
    """Personal details any widget still holds, on screen or in a field's undo history."""
    found = [t for t in texts() if any(p in t for p in PERSONAL)]
    fields = [w for w in QApplication.allWidgets() if isinstance(w, QLineEdit)]
    found += [f"undo in {w.placeholderText()!r}" for w in fields if w.isUndoAvailable()]
    return found


def test_staff_prepare_a_briefing_and_the_next_patient_only_confirms_their_birth_date(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    form = fill_in(qtbot, window)
    assert form.summary.name.text() == NAME
    assert form.summary.birth.text() == english("staff.prepare.born", date=date(1962, 8, 31))
    assert form.summary.mrn.text() == english("staff.prepare.mrn", mrn=MRN)
    assert form.procedures["mild"].isChecked(), "the only procedure is chosen already"
    tap(qtbot, form.next_button)  # "Prepare"
    assert window.staff.pages.currentWidget() is window.staff.menu
    assert window.staff.ready.isVisible()
    assert window.staff.ready.text() == english(prepare.READY)
    assert leftovers() == []

    with station.store.reading() as session:
        row = session.scalars(select(BriefingRow)).one()
        patient = session.get(PatientRow, row.patient_id)
        assert patient is not None
        assert (patient.name, patient.date_of_birth, patient.mrn) == (
            NAME,
            date(1962, 8, 31),
            MRN,
        )
        assert (row.status, row.prepared_by, row.form_id) == ("prepared", "Sam Carter", "mild")
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "briefing_prepared")
        ).one()
        assert entry.actor == "Sam Carter" and entry.subject == f"briefing:{row.id}"

    tap(qtbot, window.staff.back_button)
    assert window.stack.currentWidget() is window.welcome
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    assert window.identity.title.text() == f"Hello, {NAME}"
    assert window.identity.keypad.isVisible() and not window.identity.keyboard.isVisible()


def test_staff_type_an_arabic_name_on_the_keys_of_a_kiosk_offering_arabic(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    """Staff mode in English, the patient's name in Arabic letters: the name, the search and the
    lines of who signs offer the Arabic page (the staff keys had Latin letters only, so an Arabic
    name could not be typed, though the patient's own walk-up keys had one)."""
    assert "ar" in station.offered_languages()
    form = open_prepare(qtbot, window)
    arabic = words_for("en")("keys.arabic-key")
    assert not form.name_keys.script_showing()  # the staff's own letters first
    tap(qtbot, key(form.name_keys, arabic))
    assert form.name_keys.script_showing()
    for letter in "محمد":
        tap(qtbot, key(form.name_keys, letter))
    tap(qtbot, key(form.name_keys, "Space"))
    for letter in "علي":
        tap(qtbot, key(form.name_keys, letter))
    assert form.name.text() == "محمد علي"
    next_(qtbot, form)
    assert form.step == prepare.BIRTH, form.message.text()
    for keys in (form.plan.plan_step.keys, form.plan.rep_step.keys, window.staff.briefings.keys):
        script_key = keys.findChild(QPushButton, "keyboardScriptKey")
        assert script_key is not None and script_key.isVisibleTo(keys)
    type_date(qtbot, form.keypad, "08311962")
    next_(qtbot, form)
    next_(qtbot, form)  # no MRN
    assert form.step == prepare.CHOOSE, form.message.text()
    tap(qtbot, form.languages.buttons["ar"])
    next_(qtbot, form)
    next_(qtbot, form)  # nobody signs beside the patient
    assert form.step == prepare.INTERP  # another language than the clinic's: none helps
    next_(qtbot, form)
    assert form.step == prepare.CHECK, form.message.text()
    assert form.summary.procedure.text() == english(
        "staff.prepare.check-procedure", title="The mild procedure", language="العربية"
    )
    tap(qtbot, form.next_button)
    with station.store.reading() as session:
        assert session.scalars(select(PatientRow.name)).one() == "محمد علي"


def test_staff_prepare_in_the_patients_language_and_the_briefing_starts_in_it(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    form = fill_in(qtbot, window, stop=prepare.CHOOSE)
    buttons = form.languages.buttons
    assert form.languages.isVisible() and next(iter(buttons)) == "en" and buttons["en"].isChecked()
    assert buttons["es"].text() == "Español" and buttons["ar"].text() == "العربية"
    tap(qtbot, buttons["es"])
    assert buttons["es"].isChecked() and not buttons["en"].isChecked()
    next_(qtbot, form)
    next_(qtbot, form)  # nobody signs beside the patient
    assert form.step == prepare.INTERP  # not the clinic's language: an interpreter is offered
    next_(qtbot, form)  # no interpreter helps
    assert form.step == prepare.CHECK
    tap(qtbot, form.next_button)  # "Prepare"
    with station.store.reading() as session:
        assert session.scalars(select(BriefingRow.language)).one() == "es"
    tap(qtbot, window.staff.back_button)
    tap(qtbot, window.welcome.start_button)
    assert window.words.language == "es"
    assert window.identity.title.text() == words_for("es")("identity.hello", name=NAME)


def test_each_step_explains_what_to_fix_in_one_sentence(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    form = open_prepare(qtbot, window)
    next_(qtbot, form)
    assert form.message.text() == english("staff.prepare.name-empty")
    type_keys(qtbot, form.name_keys, "  ")
    next_(qtbot, form)
    assert form.message.text() == english("staff.prepare.name-empty")
    form.name.setText("Mei \ue000")  # a name from a barcode or a physical keyboard
    next_(qtbot, form)
    assert form.message.text() == english("staff.prepare.unprintable") and form.step == prepare.NAME
    form.name.setText("Ana 😀")
    next_(qtbot, form)
    assert form.message.text() == english("staff.prepare.emoji") and form.step == prepare.NAME
    form.name.clear()
    type_keys(qtbot, form.name_keys, "Ana Díaz")
    next_(qtbot, form)
    assert form.step == prepare.BIRTH and not form.message.isVisible()

    next_(qtbot, form)
    assert form.message.text() == english("staff.date-incomplete")
    type_date(qtbot, form.keypad, "0230")
    next_(qtbot, form)
    assert form.message.text() == "There is no February 30. Please check the day."
    tap(qtbot, key(form.keypad, "Clear"))
    type_date(qtbot, form.keypad, f"0101{date.today().year + 1}")
    next_(qtbot, form)
    assert form.message.text() == "That date is in the future. Please check the year."
    tap(qtbot, key(form.keypad, "Clear"))
    type_date(qtbot, form.keypad, "01011850")
    next_(qtbot, form)
    assert form.message.text() == english("staff.date-too-old", count=130)
    tap(qtbot, key(form.keypad, "Clear"))
    type_date(qtbot, form.keypad, "01021950")
    next_(qtbot, form)
    assert form.step == prepare.MRN and not form.message.isVisible()

    for _ in range(65):
        tap(qtbot, key(form.digits, "7"))
    next_(qtbot, form)
    assert form.message.text() == english("staff.prepare.mrn-refused", count=64)
    tap(qtbot, key(form.mrn_keys, english("keys.delete")))
    next_(qtbot, form)
    next_(qtbot, form)  # the only procedure
    next_(qtbot, form)  # who performs and who signs: nothing given
    assert form.step == prepare.CHECK and form.summary.mrn.text() == english(
        "staff.prepare.mrn", mrn="7" * 64
    )

    for _ in range(3):
        tap(qtbot, form.back_button)
    form.mrn.clear()
    for _ in range(3):
        next_(qtbot, form)
    assert form.summary.mrn.text() == english("staff.prepare.no-mrn")
    for _ in range(4):
        tap(qtbot, form.back_button)
    assert form.step == prepare.BIRTH and form.keypad.entry().complete, "Back keeps what was typed"
    tap(qtbot, form.back_button)
    assert form.name.text() == "Ana Díaz"


def test_a_procedure_must_be_chosen_when_there_are_several(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    form = fill_in(qtbot, window, stop=prepare.CHOOSE)
    for choice in form.procedures.values():
        choice.setChecked(False)
    form._form_id = None  # as with several procedures: nothing is chosen for staff
    tap(qtbot, form.next_button)
    assert form.message.text() == english("staff.prepare.no-procedure")
    tap(qtbot, form.procedures["mild"])
    assert form.procedures["mild"].isChecked() and not form.message.isVisible()
    next_(qtbot, form)
    next_(qtbot, form)
    assert form.step == prepare.CHECK
    tap(qtbot, form.next_button)
    assert window.staff.ready.text() == english(prepare.READY)


def test_a_store_that_refuses_the_write_keeps_nothing_half_done(
    qtbot: QtBot, window: KioskWindow, station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = fill_in(qtbot, window)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("INSERT INTO audit_log", {}, Exception("disk I/O error"))

    monkeypatch.setattr(audit, "append", refuse)  # after the patient's row was written
    tap(qtbot, form.next_button)
    assert form.message.text() == english("staff.prepare.save-failed")
    assert form.step == prepare.CHECK and form.summary.name.text() == NAME
    with station.store.reading() as session:
        assert session.scalar(select(func.count()).select_from(BriefingRow)) == 0
        assert session.scalar(select(func.count()).select_from(PatientRow)) == 0
    monkeypatch.undo()
    tap(qtbot, form.next_button)  # try again
    assert window.staff.ready.text() == english(prepare.READY)
    with station.store.reading() as session:
        assert session.scalar(select(func.count()).select_from(BriefingRow)) == 1


def test_leaving_staff_mode_mid_form_forgets_what_was_typed(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock
) -> None:
    form = fill_in(qtbot, window)
    assert any(NAME in t for t in texts())
    tap(qtbot, form.back_button)  # a step back, with the MRN still typed
    tap(qtbot, form.cancel_button)
    assert window.staff.pages.currentWidget() is window.staff.menu
    assert leftovers() == []

    form = fill_in(qtbot, window)
    tap(qtbot, form.back_button)
    clock.advance(station.idle.warning_after)
    window.tick()  # staff walked away: staff mode closes
    assert window.stack.currentWidget() is window.welcome
    assert leftovers() == []

    form = fill_in(qtbot, window)
    window.staff_mode.close()  # "Back to the patient screen"
    assert leftovers() == []
    window.open_staff()
    assert window.staff.pages.currentWidget() is window.staff.menu
    tap(qtbot, window.staff.prepare_button)
    assert form.step == prepare.NAME and form.name.text() == "" and form.keypad.entry().empty
    with station.store.reading() as session:
        assert session.scalar(select(func.count()).select_from(BriefingRow)) == 0


def name_representative(form: prepare.PrepareForm) -> None:
    """The representative's step filled in: Luis Ruiz, the patient's son, for aphasia."""
    rep = form.plan.rep_step
    for field, text in (
        (rep.name, "Luis Ruiz"),
        (rep.relationship, "son"),
        (rep.reason, "aphasia"),
    ):
        field.setText(text)


def keys_under(window: KioskWindow, line: QWidget, keys: QWidget) -> None:
    """The keys right under the line they type into (on a portrait screen they were 1,000 px below
    it, the empty space between)."""
    bottom = line.mapTo(window, QPoint(0, line.height())).y()
    top = keys.mapTo(window, QPoint(0, 0)).y()
    assert 0 <= top - bottom <= 24, f"keys {top - bottom} px under the line"


@pytest.mark.parametrize("display", [QSize(1280, 800), QSize(1080, 1920)], ids=str)
def test_every_prepare_step_fits_landscape_and_portrait(
    qtbot: QtBot, window: KioskWindow, station: Station, display: QSize
) -> None:
    """At 1280x800 and on a portrait kiosk (reviewers read "Englisł" and "Españo" there)."""
    window.show_at(display)
    assert window.size() == display
    window.open_staff()
    staff_fits(window, "staff menu")
    tap(qtbot, window.staff.prepare_button)
    form = window.staff.prepare
    staff_fits(window, "name")
    keys_under(window, form.name, form.name_keys)
    type_keys(qtbot, form.name_keys, "Ana Díaz")
    next_(qtbot, form)
    staff_fits(window, "date of birth")
    next_(qtbot, form)  # with the message showing
    staff_fits(window, "date of birth, with a message")
    type_date(qtbot, form.keypad, "01021950")
    next_(qtbot, form)
    staff_fits(window, "MRN")
    keys_under(window, form.mrn, form.digits)
    for _ in range(65):
        tap(qtbot, key(form.digits, "1"))
    next_(qtbot, form)
    staff_fits(window, "MRN, with a message")
    form.mrn.clear()
    next_(qtbot, form)
    staff_fits(window, "the procedure and the language")
    tap(qtbot, form.languages.buttons["es"])
    next_(qtbot, form)
    staff_fits(window, "who performs and who signs")
    plan = form.plan.plan_step
    keys_under(window, plan.witness, plan.digits or plan.keys)
    steps = form.where.text()
    tap(qtbot, form.plan.plan_step.representative)  # a step more: counted at once (a reviewer)
    assert form.where.text() != steps
    assert form.where.text() == english("staff.prepare.where", at=5, total=8)
    next_(qtbot, form)
    staff_fits(window, "the representative")
    keys_under(window, form.plan.rep_step.reason, form.plan.rep_step.keys)
    next_(qtbot, form)
    staff_fits(window, "the representative, with a message")
    name_representative(form)
    next_(qtbot, form)
    staff_fits(window, "an interpreter")
    tap(qtbot, form.plan.interp_step.helps)
    next_(qtbot, form)
    staff_fits(window, "an interpreter, with a message")
    interp = form.plan.interp_step
    interp.name.setText("Marta Gil")
    interp.agency.setText("LL-7781")
    next_(qtbot, form)
    assert form.step == prepare.CHECK, form.message.text()
    staff_fits(window, "check and prepare")
    tap(qtbot, form.next_button)
    staff_fits(window, "staff menu, ready")


def test_the_check_before_prepare_repeats_who_performs_it_when_and_who_signs(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    """The last look before Prepare showed the name, birth date and MRN only: a practitioner, a
    planned date or a representative typed two steps back could not be checked; and the
    interpreter's step came after it, so what was typed there was never shown back (reviewers).
    The check is the last step, and shows them all."""
    form = fill_in(qtbot, window, mrn="", stop=prepare.CHOOSE)
    tap(qtbot, form.languages.buttons["es"])
    next_(qtbot, form)
    plan = form.plan.plan_step
    when = station.clock.now().date() + timedelta(days=12)
    plan.practitioner.setText("Dr Okafor")
    plan.planned.setText(when.strftime("%m%d%Y"))
    tap(qtbot, plan.representative)
    if not plan.witness.isChecked():
        tap(qtbot, plan.witness)
    next_(qtbot, form)
    name_representative(form)
    next_(qtbot, form)
    assert form.step == prepare.INTERP, form.message.text()
    interp = form.plan.interp_step
    tap(qtbot, interp.helps)
    interp.name.setText("Marta Gil")
    interp.agency.setText("LL-7781")
    next_(qtbot, form)
    assert form.step == prepare.CHECK, form.message.text()
    later = english("staff.prepare.signs-later")
    assert form.summary.procedure.text() == english(
        "staff.prepare.check-procedure", title="The mild procedure", language="Español"
    )
    assert form.summary.plan.isVisible()
    lines = form.summary.plan.text().splitlines()
    assert lines[:3] == [
        english("staff.detail.practitioner", name="Dr Okafor"),
        english("staff.detail.planned-date", date=when),
        english("staff.detail.representative", name="Luis Ruiz", relationship="son", state=later),
    ]
    assert lines[3] == english("staff.detail.representative-reason", reason="aphasia")
    assert lines[4].startswith("Interpreter: Marta Gil · LL-7781 · Español")
    assert lines[5] == english("staff.detail.witness-planned", state=later)
    for _ in range(3):  # nobody signs beside the patient after all, in the clinic's language
        tap(qtbot, form.back_button)
    assert form.step == prepare.PLAN
    tap(qtbot, plan.representative)
    tap(qtbot, plan.witness)
    plan.practitioner.setText("")
    plan.planned.setText("")
    tap(qtbot, form.back_button)
    tap(qtbot, form.languages.buttons["en"])
    next_(qtbot, form)
    next_(qtbot, form)
    assert form.step == prepare.CHECK and not form.summary.plan.isVisible()


@pytest.mark.parametrize(
    "display", [QSize(1280, 800), QSize(1080, 1920)], ids=["landscape", "portrait"]
)
def test_each_line_of_who_signs_keeps_its_name_in_sight_once_typed_into(
    qtbot: QtBot, window: KioskWindow, station: Station, display: QSize
) -> None:
    """A placeholder goes as soon as a line is typed into: the representative's and interpreter's
    lines are named beside them (landscape, where height is short) or above them (portrait,
    where the line needs the width), and the name is whole."""
    window.show_at(display)
    window.open_staff()
    tap(qtbot, window.staff.prepare_button)
    plan = window.staff.prepare.plan
    for step in (plan.plan_step, plan.rep_step, plan.interp_step):
        window.staff.prepare.steps.setCurrentWidget(step)
        QApplication.processEvents()  # laid out as shown
        for field in step.fields:
            field.setText("Luis Ruiz")
            name = field.accessibleName()
            shown = [w for w in step.findChildren(QLabel) if w.text().replace("\u2060", "") == name]
            assert len(shown) == 1 and not field.placeholderText(), name
            named = shown[0]
            at, there = named.mapTo(step, QPoint(0, 0)), field.mapTo(step, QPoint(0, 0))
            if display.height() > display.width():
                assert at.y() + named.height() <= there.y(), f"{name!r} is not above its line"
            else:
                assert at.x() + named.width() <= there.x(), f"{name!r} is not beside its line"
            lines = named.fontMetrics().boundingRect(
                named.contentsRect(), int(Qt.TextFlag.TextWordWrap), name
            )
            assert lines.height() <= named.contentsRect().height(), f"{name!r} is cut"


@pytest.mark.parametrize(
    "display", [QSize(1280, 800), QSize(1080, 1920)], ids=["landscape", "portrait"]
)
def test_the_menu_over_a_briefing_and_naming_a_representative_fit(
    qtbot: QtBot, window: KioskWindow, station: Station, display: QSize
) -> None:
    """Staff mode over a walk-up briefing under way offers "Someone signs for this patient"; the
    menu and the representative's panel (with what to fix said) fit, every word whole."""
    from dataclasses import replace

    station.config = replace(station.config, values={**station.config.values, "walk_up_mode": True})  # fmt: skip
    window.show_at(display)
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    window.open_staff()
    assert window.staff.represent_button.isVisible()
    staff_fits(window, "staff menu over a briefing")
    tap(qtbot, window.staff.represent_button)
    staff_fits(window, "someone signs for the patient")
    tap(qtbot, window.staff.represent.save_button)
    assert window.staff.represent.message.text() == english("staff.prepare.rep-name")
    staff_fits(window, "someone signs for the patient, with a message")


def test_the_staff_page_is_in_the_window_stack_only_while_open(
    qtbot: QtBot, window: KioskWindow
) -> None:
    """Staff mode's forms hold two thirds of the window's widgets: while a patient taps they are
    hidden and out of the stack (a QStackedLayout measured them at every tap, 1 to 2 ms)."""
    assert window.stack.indexOf(window.staff) == -1 and window.staff.isHidden()
    assert not window.stack.hasHeightForWidth()
    window.open_staff()
    assert window.stack.currentWidget() is window.staff and window.staff.isVisible()
    window.staff_mode.close()
    assert window.stack.indexOf(window.staff) == -1 and window.staff.isHidden()
    assert window.stack.currentWidget() is window.welcome


def test_how_an_interpreter_helps_is_chosen_only_once_one_helps(qtbot: QtBot) -> None:
    """Prepare's interpreter step showed "in person" chosen while no interpreter was (reviewers)."""
    from kiosk.i18n import words_for
    from kiosk.services.signing_plan import InterpreterMode
    from kiosk.ui.staff.plan_steps import InterpreterStep

    step = InterpreterStep(words_for("en"))
    qtbot.addWidget(step)
    modes = step.modes.values()
    assert not step.helps.isChecked()
    assert not any(m.isChecked() or m.isEnabled() for m in modes)
    step.helps.click()
    in_person = step.modes[InterpreterMode.IN_PERSON]
    assert in_person.isChecked() and all(m.isEnabled() for m in modes)
    other = next(m for mode, m in step.modes.items() if mode is not InterpreterMode.IN_PERSON)
    other.click()
    assert other.isChecked() and not in_person.isChecked()
    step.helps.click()  # no interpreter after all: nothing shows chosen
    assert not any(m.isChecked() or m.isEnabled() for m in modes)
    step.wipe()
    assert step.mode is InterpreterMode.IN_PERSON and not in_person.isChecked()


@pytest.mark.parametrize(
    "display", [QSize(1080, 1920), QSize(1280, 800)], ids=["portrait", "landscape"]
)
def test_how_an_interpreter_helps_is_chosen_on_one_row(
    qtbot: QtBot, window: KioskWindow, station: Station, display: QSize
) -> None:
    """In person, by phone, by video side by side, under "An interpreter helps" where the whole
    row does not fit (on a portrait screen all four stacked, one under another)."""
    window.show_at(display)
    window.open_staff()
    tap(qtbot, window.staff.prepare_button)
    step = window.staff.prepare.plan.interp_step
    window.staff.prepare.steps.setCurrentWidget(step)
    QApplication.processEvents()  # laid out as shown
    tops = {b.mapTo(step, QPoint(0, 0)).y() for b in step.modes.values()}
    assert len(tops) == 1, tops
    helps = step.helps.mapTo(step, QPoint(0, 0)).y()
    assert helps == tops.pop() or helps + step.helps.height() <= min(
        b.mapTo(step, QPoint(0, 0)).y() for b in step.modes.values()
    )


def test_what_prepare_says_stands_above_its_buttons_on_a_portrait_screen_and_goes_once_fixed(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    """A reviewer, portrait: the message squeezed between Back and Next in four narrow lines cut
    "Cancel" to "Cance" and lifted the buttons; the keys moved up when it came; and "Please type
    the whole date" stood on after the whole date was typed."""
    window.show_at(QSize(1080, 1920))
    window.open_staff()
    tap(qtbot, window.staff.prepare_button)
    form = window.staff.prepare
    type_keys(qtbot, form.name_keys, "Ana Díaz")
    next_(qtbot, form)
    QApplication.processEvents()
    keys = key(form.keypad, "1")
    at = keys.mapTo(window, QPoint(0, 0)).y()
    type_date(qtbot, form.keypad, "0102")  # not whole
    next_(qtbot, form)
    assert form.message.isVisible() and form.message.text()
    QApplication.processEvents()
    row = form.next_button.mapTo(window, QPoint(0, 0)).y()
    assert form.message.mapTo(window, QPoint(0, form.message.height())).y() <= row  # above them
    for b in (form.cancel_button, form.back_button, form.next_button):
        assert b.width() >= b.sizeHint().width(), b.text()  # whole: "Cance" no more
    assert keys.mapTo(window, QPoint(0, 0)).y() == at  # the keys stayed where they were
    type_date(qtbot, form.keypad, "1950")
    assert not form.message.isVisible() and not form.message.text()


def test_another_language_chosen_forgets_the_interpreter_named_for_the_first(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    """Spanish, an interpreter named, Back, then Arabic: the Spanish interpreter came back filled
    in on the interpreter's step, to be recorded as interpreting Arabic (a reviewer)."""
    form = fill_in(qtbot, window, stop=prepare.CHOOSE)
    tap(qtbot, form.languages.buttons["es"])
    next_(qtbot, form)
    next_(qtbot, form)
    assert form.step == prepare.INTERP
    interp = form.plan.interp_step
    tap(qtbot, interp.helps)
    interp.name.setText("Marta Gil")
    tap(qtbot, form.back_button)
    tap(qtbot, form.back_button)
    assert form.step == prepare.CHOOSE
    tap(qtbot, form.languages.buttons["ar"])
    assert not interp.helps.isChecked() and interp.name.text() == ""


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1280, 800)], ids=["1920", "1280"])
def test_a_dates_pattern_in_a_label_is_never_broken_across_lines(
    qtbot: QtBot, window: KioskWindow, size: QSize
) -> None:
    """A reviewer read "Planned date, MM/" over "DD/YYYY (optional)" at 1920x1080."""
    from PySide6.QtWidgets import QLabel

    from tests.ui.seen import lines

    window.show_at(size)
    form = fill_in(qtbot, window, stop=prepare.PLAN)
    settle()
    pattern = english("staff.prepare.planned-date").split(", ")[1].split(" ")[0]  # MM/DD/YYYY
    (said,) = [
        w
        for w in form.plan.plan_step.findChildren(QLabel)
        if pattern in w.text().replace("\u2060", "")
    ]
    text = said.text()
    for line in lines(text, said.font(), said.contentsRect().width()):
        shown = text[line.start : line.start + line.length].replace("\u2060", "")
        assert pattern in shown or not any(part in shown for part in ("MM/", "DD/", "/YYYY")), shown
