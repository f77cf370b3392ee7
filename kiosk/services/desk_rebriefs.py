"""The desk's re-briefings: each given in a language staff choose (kiosk.services.rebriefing has
who to brief again and the kiosk's own)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.content.offered import offered_in
from kiosk.i18n import language_name, msg
from kiosk.services.console import STORE_FAILED
from kiosk.services.rebriefing import GONE, Outdated, Rebriefs
from kiosk.services.staff import Language, StaffError, StaleError, named
from kiosk.store.briefings import ANY_KIOSK

if TYPE_CHECKING:
    from kiosk.services.console import ConsoleDesk


class DeskRebriefs(Rebriefs):
    """The desk's re-briefings, each given in a language staff choose among those the procedure's
    current version is offered in (as the Prepare view offers them)."""

    def __init__(self, desk: ConsoleDesk) -> None:
        days, forms = int(desk.config["rebrief_within_days"]), desk.forms
        super().__init__(desk.store, forms, desk.now, days, STORE_FAILED, ANY_KIOSK)
        self.translations = desk.translations
        self.configured = desk.config.languages

    def languages(self, row: Outdated) -> list[Language]:
        """The languages a re-briefing of `row` can be given in, the clinic's main one first."""
        form, translated = self.forms.get(row.form_id), self.translations.get(row.form_id, {})
        return named(offered_in(form, translated, self.configured)) if form else []

    def language(self, row: Outdated) -> str | None:
        """The language a re-briefing of `row` is given in unless staff choose another: that of
        the patient's last briefing, when it is still offered; else the clinic's main one."""
        offered = [x.code for x in self.languages(row)]
        return row.language if row.language in offered else next(iter(offered), None)

    def prepare(self, staff: str, row: Outdated, language: str | None = None) -> str:
        """Prepare a re-briefing for the patient of `row` on the current version, in `language`
        (None: `self.language(row)`); its id. StaleError if that briefing is no longer one to brief
        again; StaffError if the language is not offered or the store cannot be written."""
        form = self.forms.get(row.form_id)
        if form is None:
            raise StaleError(msg(GONE))
        offered, chosen = self.languages(row), language or self.language(row) or "-"
        if chosen not in [x.code for x in offered]:
            names, told = ", ".join(x.name for x in offered), "staff.prepare.language-not-offered"
            raise StaffError(
                msg(told, title=form.title, language=language_name(chosen), offered=names)
            )
        return super().prepare(staff, row, chosen)
