"""What the patient listened to, in the PDF (one line per Listen, in the briefing's language), in
the record it carries (verify still finds it intact) and in the JSON export."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from kiosk.content import load_form
from kiosk.document import seal
from kiosk.document.make import make_document
from kiosk.document.verify import embedded_record, verify_pdf
from kiosk.i18n import words_for
from kiosk.records import Filters, export_json
from kiosk.session.listening import audio_sha256
from kiosk.speech.listening import Clip
from kiosk.store import Store
from tests.conftest import MILD
from tests.document.conftest import SignedBriefing, pdf_text
from tests.shared import LISTENED_VOICE, walk_listening

EN = load_form(MILD)
ES = load_form(MILD.with_name("es.toml"))
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def test_the_pdf_states_each_listening_in_the_briefings_language(
    store: Store, signer: seal.Signer, tmp_path: Path
) -> None:
    briefing_id = walk_listening(store, {"en": EN, "es": ES}, "es")
    made = make_document(
        store, briefing_id, {EN.id: EN}, signer, tmp_path, NOW, zone=UTC,
        translations={EN.id: {"es": ES}},
    )  # fmt: skip
    text = " ".join(pdf_text(made.path).split())
    es = words_for("es")
    assert es("document.listened") in text
    assert es("document.listened-note", voices=LISTENED_VOICE) in text
    record = json.loads(embedded_record(made.path.read_bytes()) or b"{}")
    heard = record["listenings"]
    assert [(x["screen_id"], x["completed"], x["heard"], x["automatic"]) for x in heard] == [
        (EN.about.id, False, 2, False),
        (EN.about.id, True, 4, True),
        ("sign", False, 1, False),
    ]
    started = [datetime.fromisoformat(x["started_at"]) for x in heard]
    about = ES.about.title
    for line in (
        es("document.listened-stopped", screen=about, when=_when(started[0]), heard=2, sentences=4),
        es("document.listened-whole", screen=about, when=_when(started[1])),
        es(
            "document.listened-stopped",
            screen=es("sign.heading"),
            when=_when(started[2]),
            heard=1,
            sentences=2,
        ),
    ):
        assert " ".join(line.split()) in text, line
    clips = tuple(Clip(f"{n}.", Path(f"{n:03d}.wav"), 1.0, f"{n:064x}") for n in range(4))
    assert es("document.listened-tapped", sha256=audio_sha256(clips)) in text
    assert es("document.listened-automatic", sha256=audio_sha256(clips)) in text
    verdict = verify_pdf(made.path.read_bytes(), store)
    assert verdict.intact, verdict.message


def _when(moment: datetime) -> str:
    from kiosk.document.story import when

    return when(moment, UTC, words_for("es"))


def test_a_briefing_nobody_listened_to_has_no_such_section(
    store: Store, signed: SignedBriefing, signer: seal.Signer, tmp_path: Path
) -> None:
    made = make_document(store, signed(), {EN.id: EN}, signer, tmp_path, NOW, zone=UTC)
    assert words_for("en")("document.listened") not in pdf_text(made.path)
    record = json.loads(embedded_record(made.path.read_bytes()) or b"{}")
    assert "listenings" not in record  # a record without any reads exactly as before


def test_the_json_export_carries_every_listening_row(store: Store, tmp_path: Path) -> None:
    briefing_id = walk_listening(store, {"en": EN, "es": ES}, "es")
    target = tmp_path / "out.json"
    export_json(store, target, Filters(), by="Auditor")
    data = json.loads(target.read_text(encoding="utf-8"))
    (briefing,) = [b for b in data["briefings"] if b["briefing"]["id"] == briefing_id]
    rows = briefing["listenings"]
    assert [(r["number"], r["screen_id"], r["completed"]) for r in rows] == [
        (1, EN.about.id, False),
        (2, EN.about.id, True),
        (3, "sign", False),
    ]
    assert {r["voice"] for r in rows} == {LISTENED_VOICE}
    assert data["summary"]["tables"]["listenings"] == 3
    events = [e for e in briefing["audit_log"] if e["action"] == "listened"]
    assert len(events) == 3


def test_a_screen_heard_in_another_language_says_which(
    store: Store, signer: seal.Signer, tmp_path: Path
) -> None:
    """A Spanish briefing whose patient switched to Arabic and listened: the PDF said only the
    screen's Spanish title, as if it had been heard in Spanish (a reviewer)."""
    from kiosk.session import ScreenKind
    from kiosk.session.listening import Listens
    from kiosk.speech.listening import Clip
    from tests.shared import walk_in_languages

    ar = load_form(MILD.with_name("ar.toml"))
    clips = tuple(Clip(f"{n}.", Path(f"{n:03d}.wav"), 1.0, f"{n:064x}") for n in range(2))

    def listen(b, clock):  # type: ignore[no-untyped-def]
        if b.current.kind is ScreenKind.ABOUT:  # to Arabic, heard, and back to Spanish
            b.switch_language("ar")
            heard = Listens(lambda: b, clock.now, lambda exc: False)
            heard.started(b.current.id, clips, LISTENED_VOICE, automatic=False)
            clock.advance(2)
            heard.ended(True)
            b.switch_language("es")

    briefing_id = walk_in_languages(store, {"en": EN, "es": ES, "ar": ar}, "es", on_each=listen)
    made = make_document(
        store, briefing_id, {EN.id: EN}, signer, tmp_path, NOW, zone=UTC,
        translations={EN.id: {"es": ES, "ar": ar}},
    )  # fmt: skip
    # (the language's own name is a right-to-left run: its letters shaped, between marks)
    shown = unicodedata.normalize("NFKC", pdf_text(made.path))
    text = " ".join(shown.replace("\u202a", "").replace("\u202b", "").replace("\u202c", "").split())
    assert words_for("es")("pdf.heard-in", language="árabe") in text  # as Spanish names it
