"""The briefing PDF's story: a pure function of the record and the content, as a list of flowables."""

from __future__ import annotations

from datetime import datetime, tzinfo

from reportlab.graphics.barcode.qr import QrCodeWidget  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing, PolyLine, Rect  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.content.schema import Form, ItemList, Section
from kiosk.document.fonts import BASE_FONT, BOLD_FONT, paragraph_markup
from kiosk.document.record import AckPart, BriefingRecord, FlagPart
from kiosk.document.styles import STYLES, TEXT_WIDTH

FLAG_NOTE = "Question flagged for the surgeon"
Flags = dict[str, FlagPart]
ACCENT = colors.HexColor("#1f4e79")
FLAG_COLOUR = colors.HexColor("#b45309")


def when(moment: datetime, zone: tzinfo | None) -> str:
    """A time as people read it, with its zone: 2026-11-23 09:00:05 EST (UTC-05:00)."""
    local = moment.astimezone(zone)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname()} (UTC{offset[:3]}:{offset[3:]})"


def p(text: str, style: str = "body", bold: bool = False) -> Paragraph:
    """A paragraph of untrusted text: escaped, font runs chosen per script, right-to-left ordered."""
    chosen = STYLES[style]
    return Paragraph(paragraph_markup(text, bold=bold or chosen.fontName == BOLD_FONT), chosen)


def build_story(record: BriefingRecord, form: Form, zone: tzinfo | None = None) -> list[Flowable]:
    """Everything the patient saw, in order, with what they did; `zone` sets how times print."""
    story: list[Flowable] = [*_title_block(record, form, zone)]
    flagged = {f.screen_id: f for f in record.flags}
    acks = {a.risk_id: a for a in record.acknowledgements}

    story += _heading(
        "What the patient read", "Every screen, in the order it was shown, with its words."
    )
    story += _section(form.about, flagged, zone)
    story += _heading("The steps of the procedure")
    for number, step in enumerate(form.steps, start=1):
        story += _section(step, flagged, zone, prefix=f"Step {number}. ")
    story += _heading("The risks, each acknowledged")
    for risk in form.risks:
        story += _risk(risk, acks.get(risk.id), flagged, zone)
    for listing in (form.options, form.precautions):
        story += _heading(listing.title)
        story += _item_list(listing, flagged, zone)
    story += _comprehension(record, form, zone, flagged)
    story += _other_flags(record, form, zone)
    story += _signature_block(record, form, zone)
    return story


def _title_block(record: BriefingRecord, form: Form, zone: tzinfo | None) -> list[Flowable]:
    patient = record.patient
    rows = [
        ["Patient", p(patient.name, bold=True)],
        ["Date of birth", p(patient.date_of_birth.isoformat())],
        ["MRN", p(patient.mrn or "none given")],
        ["Procedure", p(f"{form.title} ({form.full_name})")],
        [
            "Content",
            p(f"{form.id} version {form.version}, SHA-256 {record.content_sha256}", "small"),
        ],
        ["Briefing", p(record.briefing_id)],
        ["Kiosk", p(record.kiosk_id)],
        ["Signed", p(when(record.signed_at, zone))],
    ]
    label_rows = [[p(label, "label"), value] for label, value in rows]
    details = Table(label_rows, colWidths=[28 * mm, TEXT_WIDTH - 28 * mm - 34 * mm])
    details.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BASE_FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    head = Table([[details, _qr(record.briefing_id)]], colWidths=[TEXT_WIDTH - 34 * mm, 34 * mm])
    head.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BASE_FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [p("Procedure briefing record", "title"), head, Spacer(1, 4 * mm)]


def _qr(briefing_id: str) -> Drawing:
    widget = QrCodeWidget(briefing_id, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    size = 32 * mm
    drawing = Drawing(
        size,
        size,
        transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0],
        initialFontName=BASE_FONT,
    )
    drawing.add(widget)
    return drawing


def _heading(title: str, subtitle: str | None = None) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(40 * mm), p(title, "h1")]
    if subtitle:
        out.append(p(subtitle, "small"))
    return out


def _flag(screen_id: str, flagged: Flags, zone: tzinfo | None) -> list[Flowable]:
    flag = flagged.get(screen_id)
    if flag is None:
        return []
    return [p(f"⚑ {FLAG_NOTE} at {when(flag.flagged_at, zone)}", "flag")]


def _section(
    section: Section, flagged: Flags, zone: tzinfo | None, prefix: str = ""
) -> list[Flowable]:
    parts: list[Flowable] = [p(prefix + section.title, "h2")]
    parts += [p(text) for text in section.paragraphs()]
    return [*parts, *_flag(section.id, flagged, zone)]


def _risk(
    risk: Section, ack: AckPart | None, flagged: Flags, zone: tzinfo | None
) -> list[Flowable]:
    parts = _section(risk, flagged, zone)
    if ack is None:
        parts.append(p("Not acknowledged", "flag"))
    else:
        moment, seconds = when(ack.acknowledged_at, zone), ack.seconds_on_screen
        parts.append(p(f"✔ Acknowledged {moment}, after {seconds:.0f} s on this screen", "ack"))
    return [KeepTogether(parts[:2]), *parts[2:]]


def _item_list(listing: ItemList, flagged: Flags, zone: tzinfo | None) -> list[Flowable]:
    parts: list[Flowable] = [p(listing.intro)]
    for item in listing.items:
        parts += [p(item.title, "h3"), p(item.body)]
    return [*parts, *_flag(listing.id, flagged, zone)]


def _other_flags(record: BriefingRecord, form: Form, zone: tzinfo | None) -> list[Flowable]:
    """Flags raised on the kiosk's own screens (identity, review, signing), which have no section above."""
    sections = {screen.id for _, screen in form.content_screens()} | {q.id for q in form.questions}
    others = [f for f in record.flags if f.screen_id not in sections]
    return [
        p(f"⚑ {FLAG_NOTE} on the {f.screen_id} screen at {when(f.flagged_at, zone)}", "flag")
        for f in others
    ]


def _comprehension(
    record: BriefingRecord, form: Form, zone: tzinfo | None, flagged: Flags
) -> list[Flowable]:
    out = _heading(
        "Check of understanding",
        "Answers are recorded as given; a wrong first answer showed the screen that explains it.",
    )
    for question in form.questions:
        given = [a for a in record.answers if a.question_id == question.id]
        lines = [p(question.prompt, "h3")]
        for answer in given:
            mark = "✔ right" if answer.correct else "✘ not right"
            choice = question.choice(answer.choice_id).text
            lines.append(
                p(f"Answer {answer.attempt}: “{choice}” — {mark}, {when(answer.answered_at, zone)}")
            )
            if answer.revisit_screen_id:
                title = form.screen(answer.revisit_screen_id).title
                lines.append(p(f"Shown again: “{title}”, then asked again.", "small"))
        if not given:
            lines.append(p("Not answered.", "small"))
        out.append(KeepTogether(lines + _flag(question.id, flagged, zone)))
    revisited = [sid for sid in record.revisited() if _has_screen(form, sid)]
    if revisited:
        titles = ", ".join(f"“{form.screen(sid).title}”" for sid in revisited)
        out.append(p(f"Screens the patient went back to: {titles}.", "small"))
    return out


def _has_screen(form: Form, screen_id: str) -> bool:
    try:
        form.screen(screen_id)
    except KeyError:
        return False
    return True


def _signature_block(record: BriefingRecord, form: Form, zone: tzinfo | None) -> list[Flowable]:
    sig = record.signature
    block: list[Flowable] = [
        p("Signature", "h1"),
        p("What this signature means:", "label"),
        p(form.signing.statement),
    ]
    if sig.kind == "drawn":
        block += [Spacer(1, 2 * mm), signature_drawing(sig.strokes)]
    else:
        block.append(
            p(
                f"Typed signature: {sig.typed_name or ''}, attested by staff member {sig.attested_by or ''}"
            )
        )
    block += [
        p(f"Signed by: {record.patient.name}", bold=True),
        p(f"Date and time: {when(sig.signed_at, zone)}"),
        p(f"Meaning: {form.signing.statement}", "small"),
        Spacer(1, 3 * mm),
        p(f"Audit chain head at signing: {record.audit_head}", "small"),
    ]
    return [CondPageBreak(110 * mm), KeepTogether(block)]


def signature_drawing(
    strokes: list[list[list[float]]], width: float = 120 * mm, height: float = 40 * mm
) -> Drawing:
    """The finger strokes as vector lines, scaled into a box: crisp at any zoom."""
    drawing = Drawing(width, height, initialFontName=BASE_FONT)
    drawing.add(
        Rect(
            0,
            0,
            width,
            height,
            strokeColor=colors.HexColor("#9ca3af"),
            fillColor=None,
            strokeWidth=0.5,
        )
    )
    points = [pt for stroke in strokes for pt in stroke]
    if not points:
        return drawing
    xs, ys = [pt[0] for pt in points], [pt[1] for pt in points]
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    margin = 3 * mm
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    left = margin + ((width - 2 * margin) - span_x * scale) / 2
    bottom = margin + ((height - 2 * margin) - span_y * scale) / 2
    for stroke in strokes:
        # the pad's y grows downwards, the page's upwards
        coords = [
            c
            for pt in stroke
            for c in (left + (pt[0] - min(xs)) * scale, bottom + (max(ys) - pt[1]) * scale)
        ]
        if len(coords) >= 4:
            drawing.add(
                PolyLine(
                    coords, strokeColor=ACCENT, strokeWidth=1.4, strokeLineCap=1, strokeLineJoin=1
                )
            )
    return drawing
