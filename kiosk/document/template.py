"""The page furniture: every page's footer with patient, briefing, content version and page N of M,
in the briefing's words.

A right-to-left footer too long for one line (a long clinic name) is broken into lines in reading
order first and each line then ordered for drawing, as the body's paragraphs are
(kiosk.document.language): ordered whole and then wrapped, its first words went to the end."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.utils import TimeStamp  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate  # type: ignore[import-untyped]

from kiosk.document.fonts import BASE_FONT, loaded, paragraph_markup
from kiosk.document.language import break_lines
from kiosk.document.runs import code, each_line_whole, own
from kiosk.document.styles import FOOTER_HEIGHT, MARGIN, PAGE, STYLES, TEXT_WIDTH
from kiosk.i18n import Words

PAGE_LABEL_WIDTH = 70
PAGE_LABEL = ParagraphStyle("page", parent=STYLES["footer"], alignment=TA_RIGHT)
# Right to left, the footer is mirrored: who and what on the right, "page N of M" on the left.
FOOTER_RTL = ParagraphStyle("footer-rtl", parent=STYLES["footer"], alignment=TA_RIGHT)
PAGE_LABEL_RTL = ParagraphStyle("page-rtl", parent=STYLES["footer"], alignment=TA_LEFT)
FOOTER_WIDTH = TEXT_WIDTH - PAGE_LABEL_WIDTH


def footer_text(
    words: Words, patient_name: str, briefing_id: str, form_version: str, content_sha256: str
) -> str:
    # the name goes last: a right-to-left name then reads correctly at the end of a left-to-right line
    rtl = words.right_to_left  # right to left, each value one run of its own (kiosk.document.runs)
    return words(
        "pdf.footer",
        briefing=code(briefing_id, rtl),
        version=code(form_version, rtl),
        sha256=content_sha256[:12],  # after "sha256": one left-to-right run with it
        name=own(patient_name, rtl),
    )


def footer_markup(footer: str, right_to_left: bool) -> str:
    """The footer's markup, for a paragraph FOOTER_WIDTH wide. Right to left and longer than a
    line: its lines in reading order, each ordered for drawing, joined by breaks."""
    footer = footer.replace(" · ", " ·\u00a0")  # a "·" goes to the next line with what it heads
    whole: str = paragraph_markup(footer, right_to_left=right_to_left)
    if not right_to_left:
        return whole
    para = Paragraph(whole, FOOTER_RTL)
    para.wrap(FOOTER_WIDTH, FOOTER_HEIGHT)
    if len(para.blPara.lines) <= 1:
        return whole
    lines = each_line_whole(break_lines(footer, FOOTER_RTL, False, FOOTER_WIDTH - 1))
    return "<br/>".join(paragraph_markup(line, right_to_left=True) for line in lines)


def created_stamp(moment: datetime) -> TimeStamp:
    """reportlab's time stamp for the PDF's CreationDate and ModDate: `moment` (the signing), in
    UTC. The document stays invariant otherwise (its ID does not depend on the clock)."""
    stamp = TimeStamp(invariant=True)
    utc = moment.astimezone(UTC)
    stamp.t = utc.timestamp()
    stamp.lt = utc.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    return stamp


def _numbered_canvas(footer: str, words: Words, created: datetime | None = None) -> type[Canvas]:
    """A canvas that holds each page until the end, so every footer can say 'page N of M'."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # start every page in the embedded font, so no non-embedded base font is ever referenced
            super().__init__(*args, **{**kwargs, "initialFontName": BASE_FONT})
            self._pages: list[dict[str, Any]] = []
            if created is not None:  # the real creation date, not invariant mode's 2000-01-01
                self._doc._timeStamp = created_stamp(created)

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            who = footer_markup(footer, words.right_to_left)  # the same on every page: once
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(who, number, total)
                super().showPage()
            super().save()

        def _draw_footer(self, who_markup: str, number: int, total: int) -> None:
            self.saveState()
            self.setStrokeColorRGB(0.8, 0.8, 0.8)
            self.line(MARGIN, FOOTER_HEIGHT + 2, PAGE[0] - MARGIN, FOOTER_HEIGHT + 2)
            rtl = words.right_to_left
            who = Paragraph(who_markup, FOOTER_RTL if rtl else STYLES["footer"])
            _, height = who.wrapOn(self, FOOTER_WIDTH, FOOTER_HEIGHT)
            who.drawOn(self, MARGIN + (PAGE_LABEL_WIDTH if rtl else 0), FOOTER_HEIGHT - height - 2)
            # through the shaping, as every other text: "page N of M" in Arabic is joined and ordered
            page = words("pdf.page", page=number, pages=total)
            label = Paragraph(
                paragraph_markup(page, right_to_left=rtl), PAGE_LABEL_RTL if rtl else PAGE_LABEL
            )
            _, height = label.wrapOn(self, PAGE_LABEL_WIDTH, FOOTER_HEIGHT)
            x = MARGIN if rtl else PAGE[0] - MARGIN - PAGE_LABEL_WIDTH
            label.drawOn(self, x, FOOTER_HEIGHT - height - 2)
            self.restoreState()

    return NumberedCanvas


def render(
    story: list[Flowable],
    *,
    words: Words,
    footer: str,
    title: str,
    subject: str,
    lang: str | None = None,
    created: datetime | None = None,
) -> bytes:
    """Lay the story out on pages with the footer; the PDF as bytes (fonts embedded, subset).
    `subject` is for machines (verify reads it); the words are in `words`' language, which the
    PDF's /Lang names (BCP-47; `lang`, else the words' language); `created` is its CreationDate."""
    loaded()  # the base font; a face for another script is read when a paragraph needs it
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + FOOTER_HEIGHT,
        title=title,
        subject=subject,
        author=words("pdf.creator"),
        creator=words("pdf.creator"),
        invariant=True,
        lang=lang or words.language,
    )
    doc.build(story, canvasmaker=_numbered_canvas(footer, words, created))
    return out.getvalue()
