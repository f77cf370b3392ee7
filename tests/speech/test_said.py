"""Every screen a patient can see says aloud only sentences rendered ahead for its content (so each
has Listen once `kiosk speech render` ran), in every language shipped, and never the patient's name."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.content import Form, load_form
from kiosk.i18n import words_for
from kiosk.paths import bundled_forms_dir
from kiosk.session import Briefing, DrawnSignature, Patient, Point, ScreenKind, Stroke
from kiosk.session.cosign import Cosigning, Plan, Representative, Witnessed
from kiosk.session.screen import ScreenModel
from kiosk.session.signers import Signer
from kiosk.session.view import Action, View
from kiosk.speech.said import spoken
from kiosk.speech.script import script
from tests.session.drive import to_kind, typed
from tests.session.fakes import FakeClock, RecordingSink

MILD = bundled_forms_dir() / "mild"
DOB = date(1951, 3, 14)
NAME = "Ana Ruiz"
SIGNATURE = DrawnSignature((Stroke((Point(0, 0, 0), Point(60, 40, 120), Point(120, 5, 260))),))


class NoCosigners:
    """A store for the representative's plan: nothing of it is stored on these screens."""

    def add(self, signer: Signer) -> None:
        raise AssertionError("nothing is signed here")

    def witness(self, name: str, pin: str) -> Witnessed:
        raise AssertionError("no witness here")

    def staff_names(self) -> list[str]:
        return []


def _model(clock: FakeClock, language: str) -> ScreenModel:
    model = ScreenModel(
        today=lambda: date(2026, 12, 3),
        monotonic=clock.monotonic,
        not_saved=lambda exc: False,
        check_name=lambda name: None,
        now=clock.now,
    )
    model.offer_languages([language])
    return model


def _every_screen(form: Form) -> list[View]:
    """Each screen of a whole briefing as the patient sees it, a question flagged on the way, and
    the identity screen's other steps (walk-up name, confirmed, locked)."""
    clock = FakeClock()
    model = _model(clock, form.language)
    views = [model.view]
    b = Briefing(form, "b-1", RecordingSink(), clock, patient=Patient(NAME, DOB))
    model.begin(b)
    while model.view.kind is not ScreenKind.DONE:
        view = model.view
        views.append(view)
        if view.kind is ScreenKind.IDENTITY:
            b.confirm_identity(DOB)
            model.do(Action.NEXT)
            model.do(Action.BACK)  # the confirmed step, then on
            views.append(model.view)
        elif view.kind is ScreenKind.RISK:
            model.read_to_end()
            model.do(Action.FLAG)
            model.do(Action.ACKNOWLEDGE)
            views.append(model.view)  # acknowledged: it says so
        elif view.kind is ScreenKind.QUESTION:
            question = form.question(view.screen_id)
            if question.id == form.questions[0].id and not b.answers_to(question.id):
                wrong = next(c.id for c in question.choices if c.id != question.answer)
                model.answer(wrong)  # a screen to read again, "Not quite" first
                views.append(model.view)
                model.do(Action.NEXT)
            model.answer(question.answer)
            views.append(model.view)
        elif view.kind is ScreenKind.SIGN:
            model.read_to_end()
            model.sign(SIGNATURE)
            continue
        model.do(Action.NEXT)
    views.append(model.view)
    walk_up = _model(clock, form.language)
    walk_up.begin(Briefing(form, "b-2", RecordingSink(), clock))
    views.append(walk_up.view)
    locked = _model(clock, form.language)
    other = Briefing(form, "b-3", RecordingSink(), clock, patient=Patient(NAME, DOB))
    locked.begin(other)
    for _ in range(3):
        other.confirm_identity(date(1950, 1, 1))
    locked.do(Action.LANGUAGES)  # any change: the locked step drawn
    views.append(locked.view)
    locked.do(Action.BACK)  # whoever touches Start next reads that staff are awaited
    locked.do(Action.START)
    views.append(locked.view)
    walk_up.enter_name("Rosa Muñoz")  # a walk-up asked again after Welcome: "Welcome back"
    walk_up.confirm_birth_date(typed("03141951"))
    while walk_up.kind is not ScreenKind.WELCOME:
        walk_up.do(Action.BACK)
    walk_up.do(Action.START)
    views.append(walk_up.view)
    # A representative reads for the patient: the identity and signing screens address them.
    for_them = _model(clock, form.language)
    plan = Plan(Representative("Luis Ruiz", "son", "aphasia"), None, False)
    rep = Briefing(
        form, "b-4", RecordingSink(), clock, patient=Patient(NAME, DOB),
        cosign=Cosigning(plan, NoCosigners(), clock),
    )  # fmt: skip
    for_them.begin(rep)
    views.append(for_them.view)
    rep.confirm_identity(DOB)
    to_kind(for_them, ScreenKind.SIGN)
    views.append(for_them.view)
    return views


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_every_screen_says_only_what_is_rendered_ahead(language: str) -> None:
    form = load_form(MILD / f"{language}.toml")
    rendered = {s.text for s in script(form)}
    words = words_for(language)
    views = _every_screen(form)
    kinds = {v.kind for v in views}
    # The interpreter's and the witness's steps (kiosk.session.cosign) are not the patient's: an
    # interpreter and a staff member read them, so nothing of them is rendered or read aloud.
    assert kinds == set(ScreenKind) - {ScreenKind.INTERPRETER, ScreenKind.WITNESS}
    for view in views:
        said = spoken(view, words)
        assert said, f"{view.screen_id} says nothing"
        missing = [s for s in said if s not in rendered]
        assert not missing, f"{view.screen_id} ({view.identity_step}): {missing}"
        assert not any(NAME in s for s in said)


def test_a_risk_says_what_to_tap_and_a_screen_read_again_says_why() -> None:
    """A patient listening heard neither "I understand this risk" nor why a step came back after
    a wrong answer ("Not quite. ..."): the screen's words only."""
    form = load_form(MILD / "en.toml")
    words = words_for("en")
    views = _every_screen(form)
    risks = [v for v in views if v.kind is ScreenKind.RISK]
    assert spoken(risks[0], words)[-1] == words("risk.understand")
    assert spoken(next(v for v in risks if v.acknowledged), words)[-1] == words("risk.understood")
    again = next(v for v in views if v.notice is not None and v.notice.id == "reading.revisit")
    said = spoken(again, words)
    assert said[0] == "Not quite." and said[1:3] != [] and again.title is not None
    assert words.text(again.title) in said


def test_a_screen_reads_its_picture_words_and_welcome_its_way_in() -> None:
    form = load_form(MILD / "en.toml")
    words = words_for("en")
    views = {v.screen_id: v for v in _every_screen(form)}
    about = spoken(views[form.about.id], words)
    assert about[0] == form.about.title
    assert form.about.picture is not None
    assert about[-1] == form.about.picture.alt.split(". ")[-1]  # the picture's words come last
    assert spoken(views["welcome"], words)[-1] == words("welcome.start")
    review = spoken(views["review"], words)
    assert review[0] == words("review.title") and review[-1] == words("review.ready")
    assert words("review.questions") in review  # the questions flagged, by their screens' titles
