"""Page 1's facts that take more than a field: the languages the briefing was given in, and the
content it was given on (no reportlab)."""

from __future__ import annotations

from babel.lists import format_list

from kiosk.content.schema import Form
from kiosk.document import runs
from kiosk.document.record import BriefingRecord
from kiosk.i18n import Words, language_name


def languages_line(w: Words, record: BriefingRecord) -> str:
    """The briefing's language, and those of any screen the patient gave something on after a
    switch mid-way (page 1 said "English" of a briefing acknowledged in Spanish and Arabic too)."""
    first, *others = record.languages()
    if not others:
        return language_name(first)
    also = format_list([w.language_named(x) for x in others], locale=w.locale)
    return w("pdf.language-also", language=language_name(first), others=also)


def content_lines(w: Words, record: BriefingRecord, form: Form) -> list[str]:
    """The procedure's version and content hash as recorded (the exports carry the same), and, for
    a briefing in a translation, the hash of the words printed, as `kiosk forms check` shows it
    for that file (a Spanish PDF printed the English file's alone: a reviewer). One line, the two
    joined by "; "; right to left, two lines: a semicolon after a hash that wraps was drawn at the
    start of its first line, inside the hash (a reviewer)."""
    rtl = w.right_to_left
    line = w(
        "pdf.content-version",
        form=runs.code(form.id, rtl),
        version=runs.code(form.version, rtl),
        sha256=record.content_sha256,  # after "SHA-256": one left-to-right run with it
    )
    if form.content_sha256 == record.content_sha256:
        return [line]
    translated = w(
        "pdf.content-translated",
        language=w.language_named(form.language),
        sha256=form.content_sha256,
    )
    return [line, translated] if rtl else [f"{line}; {translated}"]


def translation_notes(w: Words, form: Form) -> list[str]:
    """Page 1 says when the translation printed has not been reviewed yet (its `reviewed_by` is
    empty): the kiosk's log and `kiosk forms check` warned of it, and the patient's signed copy,
    resting on those words, did not (a reviewer)."""
    made = form.translation
    return [w("pdf.translation-unreviewed")] if made and not made.reviewed_by.strip() else []
