"""The briefing PDF's story: a pure function of the record, the content and the briefing's words,
as a list of flowables. Every fixed word comes from the message catalog (`pdf.*`); dates, times,
numbers and lists are written by the locale (Babel, through `Words`)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from babel.dates import get_timezone_gmt
from babel.lists import format_list
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.content.schema import Form, ItemList, Section
from kiosk.document import runs
from kiosk.document.facts import content_lines, languages_line, translation_notes
from kiosk.document.figure import with_figure
from kiosk.document.fonts import BASE_FONT, BOLD_FONT, loaded, paragraph_markup
from kiosk.document.ink import signature_drawing
from kiosk.document.kept import Para, kept_paragraph
from kiosk.document.language import RightToLeft, Widths
from kiosk.document.listened import listened_block, screen_name
from kiosk.document.qr import QrCode
from kiosk.document.rebrief import rebriefed
from kiosk.document.record import AckPart, AnswerPart, BriefingRecord, FlagPart, SignaturePart
from kiosk.document.signers import plan_rows, signers_block
from kiosk.document.styles import STYLES, TEXT_WIDTH
from kiosk.document.together import kept_with_next, opened
from kiosk.i18n import Words

Flags = dict[str, FlagPart]
ACCENT = colors.HexColor("#1f4e79")
FLAG_COLOUR = colors.HexColor("#b45309")

KIOSK_SCREENS = {
    "identity": "identity.heading",
    "review": "review.heading",
    "sign": "sign.heading",
}
"""The kiosk's own screens (no section of the form), by the heading the patient saw on them."""


def when(moment: datetime, zone: tzinfo | None, words: Words) -> str:
    """A moment as the patient's screens write it (date and time by the locale), with its zone:
    "November 23, 2026, 9:00 AM (GMT-05:00)"; in a right-to-left language, the offset one
    left-to-right run ("غرينتش+03:00", never "03:00+")."""
    local = moment.astimezone(zone)
    gmt = get_timezone_gmt(local, width="long", locale=words.locale)
    return words(
        "pdf.moment",
        date=local.date(),
        time=local.timetz(),
        zone=runs.zone(gmt, words.right_to_left),
    )


def p(
    text: str,
    style: str = "body",
    bold: bool = False,
    rtl: bool = False,
    content: bool = False,
    widths: Widths | None = None,
) -> Flowable:
    """A paragraph of untrusted text: escaped, font runs chosen per script, right-to-left ordered;
    in a right-to-left document (`rtl`), right-aligned and broken into lines in reading order
    (`content`: the procedure's own words, whose lines are kept for the next briefing; `widths`:
    the words measured for this PDF)."""
    chosen = STYLES[style]
    bold = bold or chosen.fontName == BOLD_FONT
    if rtl:
        return RightToLeft(text, chosen, bold, content, widths)
    if content:
        return kept_paragraph(paragraph_markup(text, bold=bold), chosen)
    return Para(paragraph_markup(text, bold=bold), chosen)


def build_story(
    record: BriefingRecord,
    form: Form,
    words: Words,
    zone: tzinfo | None = None,
    seal_sha256: str | None = None,
) -> list[Flowable]:
    """Everything the patient saw, in order, with what they did, in `words`' language; `zone` sets
    how times print; `seal_sha256`, the kiosk certificate's fingerprint, is printed by the signature
    so that whoever receives the PDF can check the seal is this kiosk's."""
    loaded()  # the base font measured before anything is drawn (the labels' column)
    page = _Page(words, zone, {f.screen_id: f for f in record.flags}, record.language)
    acks = {a.risk_id: a for a in record.acknowledgements}
    story: list[Flowable] = [*page.title_block(record, form)]
    if record.rebriefing is not None:  # only what changed since an earlier briefing
        story += rebriefed(page, record, form, acks)
    else:
        story += page.heading(words("pdf.read"), words("pdf.read-note"))
        story += page.section(form.about)
        story += page.heading(words("pdf.steps"))
        for number, step in enumerate(form.steps, start=1):
            story += page.section(step, words("pdf.step", n=number, title=step.title))
        story += page.heading(words("pdf.risks"))
        for risk in form.risks:
            story += page.risk(risk, acks.get(risk.id))
        for listing in (form.options, form.precautions):
            story += page.heading(listing.title)
            story += page.item_list(listing)
        story += page.comprehension(record, form)
    story += page.other_flags(record, form)
    story += listened_block(page, record, form)
    story += page.signature_block(record, form, seal_sha256)
    story += signers_block(page, record)
    return kept_with_next(story)  # a heading never ends a page


class _Page:
    """The story's parts, each written in one language and time zone."""

    def __init__(self, words: Words, zone: tzinfo | None, flagged: Flags, language: str) -> None:
        self.words = words
        self.zone = zone
        self.flagged = flagged
        self.language = language
        """The briefing's language: a row given on a screen in another one says so."""
        self.rtl = words.right_to_left
        self.widths: Widths = {}
        """The words measured for this PDF's right-to-left lines, dropped with it."""

    def p(self, text: str, style: str = "body", bold: bool = False) -> Flowable:
        return p(text, style, bold, self.rtl, widths=self.widths)

    def c(self, text: str, style: str = "body") -> Flowable:
        """A paragraph of the procedure's own words or the catalog's (the same in every briefing,
        never a patient's: their right-to-left lines are kept for the next PDF)."""
        return p(text, style, False, self.rtl, content=True)

    def given_in(self, part: AckPart | FlagPart | AnswerPart | SignaturePart) -> list[Flowable]:
        """A line under what the patient gave on a screen in another language than the briefing's
        (they switched mid-way): nothing when it is the briefing's own."""
        if part.language == self.language:
            return []
        return [
            self.p(
                self.words("pdf.given-in", language=self.words.language_named(part.language)),
                "small",
            )
        ]

    def when(self, moment: datetime) -> str:
        return when(moment, self.zone, self.words)

    def own(self, value: str) -> str:
        """A person's words, set as a run of their own in a right-to-left line."""
        return runs.own(value, self.rtl)

    def code(self, value: str) -> str:
        """A hash or an id, set as one left-to-right run in a right-to-left line."""
        return runs.code(value, self.rtl)

    def title_block(self, record: BriefingRecord, form: Form) -> list[Flowable]:
        w, patient = self.words, record.patient
        rows: list[tuple[str, Flowable | list[Flowable]]] = [
            (w("pdf.patient"), self.p(self.own(patient.name), bold=True)),
            (w("pdf.date-of-birth"), self.p(w.date(patient.date_of_birth))),
            (w("pdf.mrn"), self.p(self.own(patient.mrn) if patient.mrn else w("pdf.no-mrn"))),
            (
                w("pdf.procedure"),
                self.c(w("pdf.procedure-name", title=form.title, name=form.full_name)),
            ),
            (w("pdf.content"), [self.p(x, "small") for x in content_lines(w, record, form)]),
            (w("pdf.briefing"), self.p(self.code(record.briefing_id))),
            (w("pdf.kiosk"), self.p(self.own(record.kiosk_id))),
            (w("pdf.signed"), self.p(self.when(record.signed_at))),
            (
                w("pdf.language"),
                [
                    self.c(languages_line(w, record)),
                    *(self.p(x, "small") for x in translation_notes(w, form)),
                ],
            ),
            (w("pdf.questions"), self.p(self.questions(record, form))),
            *plan_rows(self, record),
        ]
        label_rows = [[self.c(label, "label"), value] for label, value in rows]
        labels = _label_width([label for label, _ in rows])
        widths = [labels, TEXT_WIDTH - labels - 34 * mm]
        if self.rtl:  # mirrored: the labels on the right, the QR code on the left
            label_rows = [row[::-1] for row in label_rows]
            widths = widths[::-1]
        details = Table(label_rows, colWidths=widths)
        details.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), BASE_FONT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        cells, widths = [details, _qr(record.briefing_id)], [TEXT_WIDTH - 34 * mm, 34 * mm]
        head = Table(
            [cells[::-1]] if self.rtl else [cells], colWidths=widths[::-1] if self.rtl else widths
        )
        head.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), BASE_FONT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [self.c(w("pdf.title"), "title"), head, Spacer(1, 4 * mm)]

    def heading(self, title: str, subtitle: str | None = None) -> list[Flowable]:
        """A section's heading (kept with what follows: `kept_with_next`) and its note."""
        out: list[Flowable] = [CondPageBreak(40 * mm), self.c(title, "h1")]
        if subtitle:
            note = self.c(subtitle, "small")
            note.keepWithNext = 1  # part of the heading: kept with what follows too
            out.append(note)
        return out

    def flag(self, screen_id: str) -> list[Flowable]:
        flag = self.flagged.get(screen_id)
        if flag is None:
            return []
        return [
            self.p(self.words("pdf.flagged", when=self.when(flag.flagged_at)), "flag"),
            *self.given_in(flag),
        ]

    def section(
        self, section: Section, title: str | None = None, *, flag: bool = True
    ) -> list[Flowable]:
        parts: list[Flowable] = [self.c(title or section.title, "h2")]
        parts += [self.c(text) for text in section.paragraphs()]
        flagged = self.flag(section.id) if flag else []
        return [*with_figure(parts, section.picture, self.rtl), *flagged]

    def risk(self, risk: Section, ack: AckPart | None) -> list[Flowable]:
        """The risk's words, then what the patient did on it in the order they did it (a question
        flagged after the acknowledgement is printed after it), kept on one page with them: an
        acknowledgement never starts the page after its risk."""
        parts = self.section(risk, flag=False)
        flag = self.flagged.get(risk.id)
        if ack is None:
            done = [self.c(self.words("pdf.not-acknowledged"), "flag")]
        else:
            seconds = round(ack.seconds_on_screen)
            line = self.words(
                "pdf.acknowledged", count=seconds, when=self.when(ack.acknowledged_at)
            )
            done = [self.p(line, "ack"), *self.given_in(ack)]
        if flag is not None and ack is not None and flag.flagged_at > ack.acknowledged_at:
            parts += [*done, *self.flag(risk.id)]
        else:
            parts += [*self.flag(risk.id), *done]
        # One block (a pictured risk's own block opened into it: ReportLab breaks the page
        # before any KeepTogether that holds another).
        return [KeepTogether([g for f in parts for g in opened(f)])]

    def item_list(self, listing: ItemList) -> list[Flowable]:
        # Paragraph by paragraph (given whole, a blank line ran two paragraphs into one).
        parts: list[Flowable] = [self.c(t) for t in listing.paragraphs()]
        for item in listing.items:
            parts += [self.c(item.title, "h3"), *(self.c(t) for t in item.paragraphs())]
        return [*with_figure(parts, listing.picture, self.rtl), *self.flag(listing.id)]

    def questions(self, record: BriefingRecord, form: Form) -> str:
        """The screens the patient flagged a question on, in the order flagged, on the first page:
        the ⚑ lines stand by each screen, pages apart (a reviewer's surgeon would have read 11
        pages to find five questions)."""
        w = self.words
        if not record.flags:
            return w("pdf.questions-none")
        quoted = [w("pdf.quoted", title=screen_name(form, f.screen_id, w)) for f in record.flags]
        return w("pdf.questions-list", titles=format_list(quoted, locale=w.locale))

    def other_flags(self, record: BriefingRecord, form: Form) -> list[Flowable]:
        """Flags raised on the kiosk's own screens (identity, review, signing), which have no
        section above: named by the heading the patient saw there."""
        sections = {screen.id for _, screen in form.content_screens()}
        sections |= {q.id for q in form.questions}
        out: list[Flowable] = []
        for f in record.flags:
            if f.screen_id in sections:
                continue
            heading = KIOSK_SCREENS.get(f.screen_id)
            screen = self.words(heading) if heading else f.screen_id
            moment = self.when(f.flagged_at)
            out.append(self.p(self.words("pdf.flagged-on", screen=screen, when=moment), "flag"))
            out += self.given_in(f)
        return out

    def comprehension(self, record: BriefingRecord, form: Form) -> list[Flowable]:
        w = self.words
        out = self.heading(w("pdf.check"), w("pdf.check-note"))
        for question in form.questions:
            given = [a for a in record.answers if a.question_id == question.id]
            lines = [self.c(question.prompt, "h3")]
            for answer in given:
                mark = w("pdf.right" if answer.correct else "pdf.not-right")
                choice = question.choice(answer.choice_id).text
                moment = self.when(answer.answered_at)
                line = w("pdf.answer", n=answer.attempt, choice=choice, mark=mark, when=moment)
                lines += [self.p(line), *self.given_in(answer)]
                if answer.revisit_screen_id:
                    title = form.screen(answer.revisit_screen_id).title
                    lines.append(self.c(w("pdf.shown-again", title=title), "small"))
            if not given:
                lines.append(self.c(w("pdf.not-answered"), "small"))
            out.append(KeepTogether(lines + self.flag(question.id)))
        revisited = [sid for sid in record.revisited() if _has_screen(form, sid)]
        if revisited:
            quoted = [w("pdf.quoted", title=form.screen(sid).title) for sid in revisited]
            titles = format_list(quoted, locale=w.locale)
            out.append(self.p(w("pdf.seen-again", titles=titles), "small"))
        return out

    def signature_block(
        self, record: BriefingRecord, form: Form, seal_sha256: str | None = None
    ) -> list[Flowable]:
        w, sig = self.words, record.signature
        # The statement the patient signed under, once, right above their signature: the
        # meaning of the signature (21 CFR 11.50), with their printed name and the time below.
        block: list[Flowable] = [
            self.c(w("pdf.signature"), "h1"),
            self.c(w("pdf.meaning-label"), "label"),
            self.c(form.signing.statement),
        ]
        if sig.kind == "drawn":
            # room under the box: "Signed by" never touches the signature
            drawing = signature_drawing(sig.strokes, ACCENT, self.rtl)
            block += [Spacer(1, 2 * mm), drawing, Spacer(1, 3 * mm)]
        else:
            typed = w(
                "pdf.typed",
                name=self.own(sig.typed_name or ""),
                staff=self.own(sig.attested_by or ""),
            )
            block.append(self.p(typed))
        # A representative drew the signature for the patient (kiosk.session.cosign): theirs.
        rep = next((s for s in record.signers if s.kind == "representative"), None)
        name = self.own(rep.name if rep else record.patient.name)
        signed_by = [self.p(w("pdf.signed-by", name=name), bold=True)]
        if rep is not None:
            signed_by.append(self.p(w("document.signed-for", name=self.own(record.patient.name))))
        block += [
            *signed_by,
            self.p(w("pdf.signed-when", when=self.when(sig.signed_at))),
            *self.given_in(sig),
            Spacer(1, 3 * mm),
            self.p(w("pdf.audit-head", hash=self.code(record.audit_head)), "small"),
        ]
        if seal_sha256:
            pairs = ":".join(seal_sha256[i : i + 2] for i in range(0, len(seal_sha256), 2))
            block.append(self.p(w("pdf.seal-fingerprint", sha256=pairs.upper()), "small"))
        return [CondPageBreak(110 * mm), KeepTogether(block)]


def _label_width(labels: list[str]) -> float:
    """The labels' column: as wide as the longest label (a translation runs longer), within limits."""
    from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]

    style = STYLES["label"]
    widest = max(float(stringWidth(label, style.fontName, style.fontSize)) for label in labels)
    low, high = float(28 * mm), float(50 * mm)
    return min(max(low, widest + 8), high)


def _qr(briefing_id: str) -> QrCode:
    return QrCode(briefing_id, 32 * mm)


def _has_screen(form: Form, screen_id: str) -> bool:
    try:
        form.screen(screen_id)
    except KeyError:
        return False
    return True
