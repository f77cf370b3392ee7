"""The mild procedure content keeps every fact of its clinical source, in plain, short sentences.

Each fact of the source text (shared/seed/mild-procedure.txt) is one test case: the screen or list
item that should carry it must contain its key words (case-insensitive).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.content.loader import load_form
from kiosk.content.schema import Form, Item, ItemList, Section

FORM_PATH = Path(__file__).parents[2] / "forms" / "mild" / "en.toml"

STEP_IDS = [
    "step-anesthesia",
    "step-incision",
    "step-access",
    "step-dilation",
    "step-removal",
    "step-closure",
    "step-recovery",
]
RISK_IDS = [
    "risk-infection",
    "risk-bleeding",
    "risk-nerve-injury",
    "risk-dural-tear",
    "risk-no-relief",
    "risk-allergic-reaction",
    "risk-blood-clots",
    "risk-persistent-pain",
]
OPTION_IDS = [
    "option-conservative-care",
    "option-repeat-procedure",
    "option-other-minimally-invasive",
    "option-open-surgery",
    "option-specialists",
]
PRECAUTION_IDS = [
    "precaution-strenuous-activity",
    "precaution-driving",
    "precaution-sitting-standing",
    "precaution-heavy-lifting",
    "precaution-smoking-alcohol",
    "precaution-follow-up",
    "precaution-report-symptoms",
]

MAX_SENTENCE_WORDS = 25
MAX_SCREEN_WORDS = 120

# (case id, where the fact must appear, words that must all appear there).
# "where" is a screen id (about, a step, a risk, options, precautions: the whole screen with its
# items), a list item id, or "form" for the top-level title, full name and summary.
FACTS: list[tuple[str, str, tuple[str, ...]]] = [
    # Top of the form.
    ("form-names", "form", ("mild procedure", "minimally invasive lumbar decompression")),
    # What it is and why it is done.
    ("about-full-name", "about", ("minimally invasive lumbar decompression",)),
    ("about-relatively-new", "about", ("new",)),
    ("about-treats-stenosis", "about", ("lumbar spinal stenosis",)),
    ("about-canal-narrows", "about", ("spinal canal", "narrow")),
    ("about-pressure-on-nerves", "about", ("presses on the nerves", "lower back")),
    ("about-small-incision", "about", ("small cut",)),
    ("about-removes-bone-tissue", "about", ("bone", "tissue", "special tools")),
    ("about-relieves-pressure", "about", ("takes pressure off the nerves",)),
    ("about-unlike-open-surgery", "about", ("open surgery",)),
    ("about-local-and-sedation", "about", ("local anesthesia", "sedation")),
    ("about-less-pain-faster", "about", ("less pain", "faster")),
    ("about-who-after-conservative", "about", ("medicine", "physical therapy", "relief")),
    # The steps.
    ("step-face-down", "step-anesthesia", ("face down", "operating table")),
    ("step-local-anesthesia-numbs", "step-anesthesia", ("local anesthesia", "numbs")),
    ("step-mild-sedation-relax", "step-anesthesia", ("some cases", "sedation", "relax")),
    (
        "step-specifics-vary",
        "step-anesthesia",
        ("general overview", "different", "your body", "surgeon"),
    ),
    ("step-incision-size", "step-incision", ("less than", "1 centimeter")),
    ("step-incision-site", "step-incision", ("skin", "lower back", "vertebrae")),
    ("step-access-fluoroscopy", "step-access", ("fluoroscopy", "x-ray", "real time")),
    ("step-access-needle", "step-access", ("needle", "through the cut", "spinal canal")),
    ("step-dilation-tubes", "step-dilation", ("tubes", "over the needle", "larger")),
    ("step-dilation-tunnel", "step-dilation", ("widen", "tunnel", "muscle")),
    ("step-dilation-less-damage", "step-dilation", ("damage", "as small as possible")),
    ("step-removal-tools", "step-removal", ("tunnel", "tools")),
    (
        "step-removal-what",
        "step-removal",
        ("bone", "ligament", "tissue", "pressing on your spinal nerves"),
    ),
    (
        "step-removal-decompresses",
        "step-removal",
        ("key step", "decompresses", "pressure off the nerves"),
    ),
    ("step-closure-tools-out", "step-closure", ("tools are removed",)),
    ("step-closure-stitches", "step-closure", ("one or two stitches", "not always needed")),
    ("step-closure-bandage", "step-closure", ("small bandage",)),
    ("step-recovery-monitored", "step-recovery", ("recovery area", "short time", "problems")),
    ("step-recovery-same-day", "step-recovery", ("same day",)),
    ("step-recovery-overnight", "step-recovery", ("overnight", "overall health", "advice")),
    (
        "step-recovery-care-before-after",
        "step-recovery",
        ("before surgery", "after", "good result"),
    ),
    ("risk-generally-safe", "step-recovery", ("generally safe", "some risks", "care team")),
    # The risks.
    (
        "risk-infection-where",
        "risk-infection",
        ("infection", "where the cut is made", "deeper inside"),
    ),
    ("risk-infection-sterile", "risk-infection", ("sterile", "germs")),
    ("risk-infection-antibiotics", "risk-infection", ("antibiotic", "prophylaxis")),
    ("risk-bleeding-during-after", "risk-bleeding", ("bleeding", "during or after")),
    ("risk-bleeding-minimal", "risk-bleeding", ("small", "control")),
    ("risk-nerve-small-risk", "risk-nerve-injury", ("small risk", "nearby nerve", "by accident")),
    ("risk-nerve-symptoms", "risk-nerve-injury", ("pain", "numbness", "weakness")),
    (
        "risk-dura-explained",
        "risk-dural-tear",
        ("dura", "protective layer", "spinal cord", "nerves"),
    ),
    ("risk-dura-torn", "risk-dural-tear", ("torn", "punctured")),
    ("risk-dura-csf-leak", "risk-dural-tear", ("cerebrospinal fluid", "leak")),
    ("risk-dura-headache", "risk-dural-tear", ("headache", "more treatment")),
    (
        "risk-no-relief-guarantee",
        "risk-no-relief",
        ("many people", "no guarantee", "lumbar spinal stenosis"),
    ),
    ("risk-no-relief-partial", "risk-no-relief", ("partial relief", "more treatment")),
    ("risk-allergy-rare", "risk-allergic-reaction", ("allergic", "rare")),
    (
        "risk-allergy-causes",
        "risk-allergic-reaction",
        ("anesthesia", "contrast agents", "other medicines"),
    ),
    (
        "risk-clots-immobility",
        "risk-blood-clots",
        ("not moving", "during and after", "blood clots"),
    ),
    ("risk-clots-legs-dvt", "risk-blood-clots", ("legs", "deep vein thrombosis")),
    ("risk-clots-lungs-pe", "risk-blood-clots", ("lungs", "pulmonary embolism")),
    ("risk-persistent-new", "risk-persistent-pain", ("still have symptoms", "new symptoms")),
    (
        "risk-persistent-examples",
        "risk-persistent-pain",
        ("back pain", "nerve irritation", "weakness"),
    ),
    ("risk-persistent-follow-up", "risk-persistent-pain", ("check you again", "more treatment")),
    # Options if the procedure does not help.
    ("options-when", "options", ("does not relieve", "get worse")),
    ("options-talk-openly", "options", ("talk openly", "prefer", "goals", "quality of life")),
    (
        "option-conservative-first",
        "option-conservative-care",
        ("without more surgery", "tried or continued"),
    ),
    (
        "option-conservative-what",
        "option-conservative-care",
        ("physical therapy", "manage pain", "chiropractic", "medicines", "inflammation"),
    ),
    ("option-repeat-again", "option-repeat-procedure", ("mild procedure again",)),
    ("option-repeat-why", "option-repeat-procedure", ("every cause", "came back over time")),
    ("option-mis-percutaneous", "option-other-minimally-invasive", ("percutaneous decompression",)),
    ("option-mis-endoscopic", "option-other-minimally-invasive", ("endoscopic",)),
    ("option-mis-laser", "option-other-minimally-invasive", ("laser",)),
    (
        "option-mis-approach",
        "option-other-minimally-invasive",
        ("different parts", "different approach"),
    ),
    ("option-open-last-resort", "option-open-surgery", ("open surgery", "last resort")),
    ("option-open-laminectomy", "option-open-surgery", ("laminectomy",)),
    ("option-open-laminotomy", "option-open-surgery", ("laminotomy",)),
    ("option-open-more-removal", "option-open-surgery", ("more bone and tissue",)),
    ("option-open-tradeoff", "option-open-surgery", ("longer recovery", "higher risk")),
    (
        "option-specialist-kinds",
        "option-specialists",
        ("neurosurgeon", "orthopedic", "pain management"),
    ),
    ("option-specialist-plan", "option-specialists", ("care plan",)),
    # Precautions after the procedure.
    ("precautions-vary", "precautions", ("different", "surgeon's advice")),
    ("precautions-follow-instructions", "precautions", ("follow all", "before and after")),
    (
        "precaution-strenuous-what",
        "precaution-strenuous-activity",
        ("heavy lifting", "exercise", "bending", "twisting"),
    ),
    ("precaution-strenuous-why", "precaution-strenuous-activity", ("spine", "heal")),
    (
        "precaution-driving-what",
        "precaution-driving",
        ("driving", "drive", "pain", "trouble moving"),
    ),
    (
        "precaution-driving-depends",
        "precaution-driving",
        ("overall condition", "anesthesia", "medicines"),
    ),
    (
        "precaution-sitting-why",
        "precaution-sitting-standing",
        ("sitting", "standing", "pressure", "slow healing"),
    ),
    ("precaution-sitting-alternate", "precaution-sitting-standing", ("walking", "breaks")),
    ("precaution-lifting-what", "precaution-heavy-lifting", ("heavy objects", "physical effort")),
    ("precaution-lifting-why", "precaution-heavy-lifting", ("strain", "muscles", "risk")),
    ("precaution-smoking-alcohol", "precaution-smoking-alcohol", ("smoking", "alcohol", "heal")),
    ("precaution-smoking-advice", "precaution-smoking-alcohol", ("not to smoke", "limit alcohol")),
    (
        "precaution-follow-up-why",
        "precaution-follow-up",
        ("follow-up", "healing", "treatment plan"),
    ),
    ("precaution-follow-up-attend", "precaution-follow-up", ("every visit", "unusual")),
    (
        "precaution-report-what",
        "precaution-report-symptoms",
        ("severe", "worsening", "swelling", "numbness"),
    ),
    ("precaution-report-promptly", "precaution-report-symptoms", ("report", "right away")),
]


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form(FORM_PATH)


def _list_text(screen: ItemList) -> str:
    items = [f"{item.title} {item.body}" for item in screen.items]
    return " ".join([screen.title, screen.intro, *items])


def _text_of(form: Form, where: str) -> str:
    """All the words a patient reads in one screen, list item, or the form's top-level texts."""
    if where == "form":
        return f"{form.title} {form.full_name} {form.summary}"
    for screen in (form.options, form.precautions):
        if screen.id == where:
            return _list_text(screen)
        for item in screen.items:
            if item.id == where:
                return f"{item.title} {item.body}"
    screen = form.screen(where)
    assert isinstance(screen, Section)
    return f"{screen.title} {screen.body}"


def _normalize(text: str) -> str:
    return " ".join(text.split()).casefold()


def _all_texts(form: Form) -> list[tuple[str, str]]:
    """Every block of patient-facing prose, with a label naming where it is."""
    texts: list[tuple[str, str]] = [("summary", form.summary), ("about", form.about.body)]
    texts += [(step.id, step.body) for step in form.steps]
    texts += [(risk.id, risk.body) for risk in form.risks]
    for screen in (form.options, form.precautions):
        texts.append((f"{screen.id}.intro", screen.intro))
        texts += [(item.id, item.body) for item in screen.items]
    texts += [("signing", form.signing.statement), ("closing", form.closing.body)]
    return texts


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", paragraph) if s]


def test_top_level(form: Form) -> None:
    assert form.id == "mild"
    assert form.version == "1.3.0"
    assert form.language == "en"
    assert form.title == "The mild procedure"
    assert form.full_name == "Minimally Invasive Lumbar Decompression"
    assert form.about.id == "about"
    assert form.signing.id == "signing"
    assert form.closing.id == "closing"


def test_steps_in_order(form: Form) -> None:
    assert [step.id for step in form.steps] == STEP_IDS


def test_risks_in_order(form: Form) -> None:
    assert [risk.id for risk in form.risks] == RISK_IDS


def test_options_in_order(form: Form) -> None:
    assert form.options.id == "options"
    assert [item.id for item in form.options.items] == OPTION_IDS


def test_precautions_in_order(form: Form) -> None:
    assert form.precautions.id == "precautions"
    assert [item.id for item in form.precautions.items] == PRECAUTION_IDS


@pytest.mark.parametrize(
    ("where", "words"), [pytest.param(where, words, id=case) for case, where, words in FACTS]
)
def test_fact_survives(form: Form, where: str, words: tuple[str, ...]) -> None:
    text = _normalize(_text_of(form, where))
    missing = [word for word in words if _normalize(word) not in text]
    assert not missing, f"{where} does not mention {missing}"


def test_every_fact_names_a_real_place(form: Form) -> None:
    for _, where, _ in FACTS:
        _text_of(form, where)  # raises KeyError for an unknown id


def test_fact_case_ids_unique() -> None:
    cases = [case for case, _, _ in FACTS]
    assert len(cases) == len(set(cases))


TEXT_LABELS = [label for label, _ in _all_texts(load_form(FORM_PATH))]


@pytest.mark.parametrize("label", TEXT_LABELS)
def test_sentences_are_short(form: Form, label: str) -> None:
    text = dict(_all_texts(form))[label]
    long = [
        sentence
        for paragraph in _paragraphs(text)
        for sentence in _sentences(paragraph)
        if len(sentence.split()) > MAX_SENTENCE_WORDS
    ]
    assert not long, f"{label}: sentences over {MAX_SENTENCE_WORDS} words: {long}"


@pytest.mark.parametrize("label", TEXT_LABELS)
def test_screen_text_fits(form: Form, label: str) -> None:
    text = dict(_all_texts(form))[label]
    assert len(text.split()) <= MAX_SCREEN_WORDS


def test_uses_american_spelling(form: Form) -> None:
    everything = _normalize(" ".join(text for _, text in _all_texts(form)))
    for british in ("anaesthe", "centimetre", "orthopaed", "haemo", "oedema"):
        assert british not in everything


def test_questions_teach_existing_screens(form: Form) -> None:
    screen_ids = {screen.id for _, screen in form.content_screens()}
    for question in form.questions:
        assert question.teaches in screen_ids, question.id
        assert question.answer in {choice.id for choice in question.choices}, question.id
        form.screen(question.teaches)  # the screen teaching the right answer can be shown


def test_questions_shape(form: Form) -> None:
    assert len(form.questions) == 5
    assert all(question.id.startswith("q-") for question in form.questions)
    for question in form.questions:
        assert [choice.id for choice in question.choices] == ["a", "b", "c"], question.id
    answers = {question.answer for question in form.questions}
    assert len(answers) > 1, "the right answer is always the same letter"


def test_signing_statement_is_honest(form: Form) -> None:
    statement = _normalize(form.signing.statement)
    assert statement.startswith("by signing, i ")
    required = (
        "mild procedure",
        "each risk",
        "flag questions",
        "not a promise",
        "does not replace",
        "consent",
    )
    for words in required:
        assert words in statement, words


def test_closing_says_what_happens_next(form: Form) -> None:
    body = _normalize(form.closing.body)
    for words in ("collect you", "surgeon will answer", "copy", "record"):
        assert words in body, words


def test_item_kinds(form: Form) -> None:
    assert all(isinstance(item, Item) for item in form.options.items + form.precautions.items)
