"""Every word a patient or staff member sees: message ids in the code, words in a catalog per language.

Code names a message (`Msg("risk.understand")`); a `Words` for the patient's language turns it into
words, formatting dates, times and numbers per locale (Babel) and choosing plurals by the locale's
rule. The catalogs are gettext files (`catalogs/<language>.po`, English the source), read compiled
(`.mo`, by `python -m kiosk.i18n.build`) with the standard library so the first screen is quick.
"""

from __future__ import annotations

import gettext
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from babel import Locale

log = logging.getLogger(__name__)

CATALOGS = Path(__file__).resolve().parent / "catalogs"
SOURCE = "en"
"""The language the catalog is written in; every other catalog translates it."""
PSEUDO = "en-XA"
"""The pseudo-locale: English accented, about 40% longer and bracketed, so a word left in the code
(or a layout that only holds for short English) shows in the tests."""

BABEL_LOCALES = {"en": "en_US", PSEUDO: "en_US", "es": "es_419", "ar": "ar"}
"""The locale whose dates, times, numbers and plural rules a language uses."""
RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur"})


@dataclass(frozen=True)
class Msg:
    """A message to show: its id in the catalog, the values it names, and the count that picks
    its plural form (None for a message without plurals)."""

    id: str
    args: Mapping[str, object] = field(default_factory=dict)
    count: int | None = None

    def __repr__(self) -> str:  # args can hold a patient's name: never in a log or a failure
        return f"Msg({self.id!r})"


class MonthName(int):
    """A month (1 to 12) that a message shows by its name in the patient's language."""


Text: TypeAlias = Msg | str
"""What a screen shows: a message from the catalog, or words from the procedure's content (already
in the patient's language)."""


def msg(message_id: str, /, count: int | None = None, **args: object) -> Msg:
    """A message with its values: `msg("risk.of", n=2, total=8)`; `count` picks the plural."""
    if count is not None:
        args.setdefault("count", count)
    return Msg(message_id, args, count)


class MessageError(Exception):
    """Something that cannot be done, in words from the catalog: `.text` for a screen (in the
    patient's or staff member's language), str() in English for the terminal and the log."""

    def __init__(self, message_id: str, /, count: int | None = None, **args: object) -> None:
        self.text = msg(message_id, count, **args)
        super().__init__(words_for(SOURCE)(self.text).replace("\u00a0", " "))  # (a terminal's)


class Words:
    """The words of one language: `words(Msg)` or `words("id", **args)` gives the text to show."""

    def __init__(self, language: str, translations: gettext.NullTranslations) -> None:
        self.language = language
        self._t = translations
        self._numbers: dict[float, str] = {}
        """Numbers as written here: a screen's progress formats two at every tap (Babel: 0.1 ms)."""
        self.right_to_left = language.split("-")[0] in RIGHT_TO_LEFT

    def __call__(self, message: Msg | str, /, count: int | None = None, **args: object) -> str:
        """The words of a message, or of a message id with its values (`count` picks the plural)."""
        if isinstance(message, Msg):
            return self._format(message.id, message.count, {**message.args, **args})
        if count is not None:
            args.setdefault("count", count)
        return self._format(message, count, args)

    def text(self, text: Text) -> str:
        """Words from the content pass through; a message is looked up."""
        return self(text) if isinstance(text, Msg) else text

    def _format(self, message_id: str, count: int | None, args: Mapping[str, object]) -> str:
        pattern = message_id
        if count is not None:  # the count kept on a line with the word after it ("23 / seconds")
            pattern = self._t.ngettext(message_id, message_id, count).replace(
                "{count} ", "{count}\u00a0"
            )
        if pattern == message_id:  # no count, or a message with one form for every count
            pattern = self._t.gettext(message_id)
        if pattern == message_id:
            log.warning("no words for message %s in %s", message_id, self.language)
        values = {k: self.value(v) for k, v in args.items()}
        try:
            return pattern.format(**values)
        except (KeyError, IndexError, ValueError):
            log.warning(
                "message %s in %s names a value it was not given", message_id, self.language
            )
            return pattern

    def value(self, value: object) -> str:
        """A value as this language writes it: dates, times and numbers by the locale."""
        if isinstance(value, datetime):
            return self("format.date-time", date=value.date(), time=value.timetz())
        if isinstance(value, date):
            return self.date(value)
        if isinstance(value, time):
            return self.time(value)
        if isinstance(value, MonthName):
            return self.month_names()[value]
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int | float):
            return self.number(value)
        if isinstance(value, Msg):
            return self(value)
        return str(value)

    # -- per locale, by Babel (loaded on first use: the first screen shows no date) --

    @cached_property
    def locale(self) -> Locale:
        """Parsed once per language (a parse costs a third of a millisecond, on every number)."""
        from babel import Locale

        return Locale.parse(BABEL_LOCALES.get(self.language, self.language))

    def language_named(self, language: str) -> str:
        """`language` as a sentence in this language names it ("inglés" in Spanish, "Spanish" in
        English: a Spanish PDF had read "algunas pantallas en English"), by the locale library;
        its own name (`language_name`) where the library has none."""
        return self.locale.languages.get(language.replace("-", "_")) or language_name(language)

    def date(self, value: date) -> str:
        """The one way a patient sees a date in this language ("March 14, 1948")."""
        from babel.dates import format_date

        return format_date(value, format="long", locale=self.locale)

    def time(self, value: time) -> str:
        from babel.dates import format_time

        return format_time(value, format="short", locale=self.locale)

    def number(self, value: float) -> str:
        written = self._numbers.get(value)
        if written is None:
            from babel.numbers import format_decimal

            if len(self._numbers) > 1000:
                self._numbers.clear()
            written = self._numbers[value] = format_decimal(value, locale=self.locale)
        return written

    @cached_property
    def date_order(self) -> tuple[str, str, str]:
        """The order this language writes a date's month, day and year in (its short date
        format): ("month", "day", "year") in English, ("day", "month", "year") in Spanish."""
        from babel.dates import get_date_format

        pattern = get_date_format("short", locale=self.locale).pattern
        seen = {"M": "month", "L": "month", "d": "day", "y": "year"}
        order: list[str] = []
        for ch in pattern:
            kind = seen.get(ch)
            if kind is not None and kind not in order:
                order.append(kind)
        if sorted(order) != ["day", "month", "year"]:
            return ("month", "day", "year")
        return (order[0], order[1], order[2])

    def month_names(self) -> tuple[str, ...]:
        """January to December as this language names them (index 0 empty), for a date being typed."""
        names = self.locale.months["format"]["wide"]
        return ("", *(names[m] for m in range(1, 13)))


def isolated(text: str) -> str:
    """`text` set into a sentence in its own direction (Unicode first-strong isolate, FSI ... PDI):
    an Arabic name at the start of an English line must not turn the line right to left, nor a
    Latin name beside an Arabic date pull the date's day over to it. On screen only (the PDF's
    shaping draws no such marks)."""
    return f"\u2068{text}\u2069"


_COUNT = re.compile(r"(\d+) (\S{1,4}) (\d+)")


def counted(text: str) -> str:
    """`text` with "1 of 5" kept on one line ("pregunta 1 de" over a lone "5" misread)."""
    return _COUNT.sub("\\1\u00a0\\2\u00a0\\3", text)


@cache
def words_for(language: str) -> Words:
    """The words of `language` (English for a message its catalog lacks, and for every message of
    a language with no catalog yet: a record in it still prints, dated by its locale)."""
    source = _load(SOURCE)
    if language == SOURCE:
        return Words(SOURCE, source)
    try:
        translations = _load(language)
    except LookupError:
        log.warning("no catalog for language %s: its words are English", language)
        return Words(language, source)
    translations.add_fallback(source)
    return Words(language, translations)


@cache
def language_name(language: str) -> str:
    """A language by its own name in its own script, as Welcome offers it ("English", "Español",
    "العربية"): its catalog's `language.self`, else the locale library's name for it, else the
    code itself."""
    if language in languages():
        return words_for(language)("language.self")
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(language.replace("-", "_")).get_display_name(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return language
    return name[:1].upper() + name[1:] if name else language


def _load(language: str) -> gettext.NullTranslations:
    path = CATALOGS / f"{language}.mo"
    try:
        with path.open("rb") as f:
            return gettext.GNUTranslations(f)
    except FileNotFoundError:
        raise LookupError(f"no catalog for language {language!r} ({path})") from None


@cache
def languages() -> tuple[str, ...]:
    """The languages with a catalog, the source first (the pseudo-locale is for tests, not listed)."""
    found = sorted(p.stem for p in CATALOGS.glob("*.mo") if p.stem not in (SOURCE, PSEUDO))
    return (SOURCE, *found)
