"""What the patient listened to, as staff read it in a briefing's detail: a line per Listen, the
screen named as the patient saw it, to the end or where it stopped."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.content import load_form
from kiosk.i18n import words_for
from kiosk.records.listened import listened
from kiosk.store import Store
from kiosk.ui.staff.describe import listened_lines, when
from tests.conftest import MILD
from tests.shared import walk_listening

EN = load_form(MILD)
ES = load_form(MILD.with_name("es.toml"))


def test_staff_read_each_listening_of_a_briefing(store: Store) -> None:
    briefing_id = walk_listening(store, {"en": EN, "es": ES}, "en")
    heard = listened(store, {EN.id: EN}, briefing_id)
    assert [(h.screen_id, h.title, h.completed) for h in heard] == [
        (EN.about.id, EN.about.title, False),
        (EN.about.id, EN.about.title, True),
        ("sign", None, False),
    ]
    en, now = words_for("en"), datetime.now(UTC)
    lines = listened_lines(en, heard, now)
    assert lines == [
        en(
            "staff.detail.listened-stopped",
            screen=EN.about.title,
            when=when(en, heard[0].started_at, now),
            heard=2,
            sentences=4,
        ),
        en(
            "staff.detail.listened-whole",
            screen=EN.about.title,
            when=when(en, heard[1].started_at, now),
        ),
        en(
            "staff.detail.listened-stopped",
            screen=en("sign.heading"),
            when=when(en, heard[2].started_at, now),
            heard=1,
            sentences=2,
        ),
    ]


def test_a_briefing_nobody_listened_to_says_so(store: Store) -> None:
    assert listened(store, {EN.id: EN}, "no-such-briefing") == []
    en = words_for("en")
    assert listened_lines(en, [], datetime.now(UTC)) == [en("staff.detail.listened-none")]


def test_the_console_names_each_listening_among_the_briefings_events(store: Store) -> None:
    from kiosk.records.timeline import timeline
    from kiosk.ui.console.describe import event_text

    briefing_id = walk_listening(store, {"en": EN, "es": ES}, "en")
    with store.reading() as session:
        events = timeline(session, briefing_id, {EN.id: EN})
    heard = [e for e in events if e.kind == "listened"]
    en = words_for("en")
    assert [event_text(en, e) for e in heard[:2]] == [
        en("console.event.listened", screen=EN.about.title)
    ] * 2
