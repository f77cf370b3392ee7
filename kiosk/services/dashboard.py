"""The console dashboard without a screen: which procedure versions have briefings, the figures of
one over a date range (kiosk.records.dashboard, read in one short read-only transaction), and a
chart's numbers saved as CSV. Looking and saving are audited under the staff member's name."""

from __future__ import annotations

import csv
import io
import logging
from datetime import date, timedelta
from pathlib import Path

from kiosk.files import install_file
from kiosk.i18n import msg
from kiosk.records import dashboard
from kiosk.records.contents import Contents
from kiosk.records.csvrows import safe_cell
from kiosk.records.dashboard import CHARTS, Day, Figures, Spread, Tally, Version
from kiosk.services.console import ConsoleDesk, StaffError, local_midnight

__all__ = ["CHARTS", "Day", "DeskDashboard", "Figures", "Spread", "Tally", "Version"]

log = logging.getLogger(__name__)


class DeskDashboard:
    """The dashboard's reads over the shared store."""

    def __init__(self, desk: ConsoleDesk) -> None:
        self.desk = desk

    def versions(self) -> list[Version]:
        def work() -> list[Version]:
            with self.desk.store.reading() as session:
                return dashboard.versions(session)

        return self.desk.guarded("dashboard versions", work)

    def figures(self, staff: str, version: Version, first: date, last: date) -> Figures:
        """The figures of `version` for briefings started from `first` to `last` (both included,
        in either order); the look is audited (the version and the days, nothing of a patient)."""
        self.desk.acting(staff)
        first, last = min(first, last), max(first, last)
        since, until = local_midnight(first), local_midnight(last + timedelta(days=1))

        def work() -> Figures:
            with self.desk.store.reading() as session:
                # That version's content: this computer's, else as the store kept it (its
                # screens went by their ids, "step-anesthesia", for any version but the current)
                form = Contents(session, self.desk.forms.values())(version.content_sha256)
                return dashboard.figures(session, version, since, until, form)

        found = self.desk.guarded("dashboard", work)
        detail = {
            "form": version.form_id,
            "version": version.form_version,
            "first": first.isoformat(),
            "last": last.isoformat(),
        }
        self.desk.action(staff, "console_dashboard_viewed", detail)
        return found

    def save_csv(self, staff: str, figures: Figures, chart: str, target: Path) -> Path:
        """Write one chart's numbers as CSV (UTF-8 with a BOM, cells guarded against spreadsheet
        formulas) to `target`, whole or not at all; audited."""
        if chart not in CHARTS:
            raise ValueError(f"no chart {chart!r}")
        self.desk.acting(staff)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in dashboard.rows_of(figures, chart):
            writer.writerow(safe_cell(c) if isinstance(c, str) else c for c in row)
        try:
            install_file(target, ("\ufeff" + buffer.getvalue()).encode(), 0o600, overwrite=True)
        except OSError as exc:
            log.error("a dashboard CSV could not be written: %s", type(exc).__name__)
            raise StaffError(msg("console.dashboard.save-failed", path=str(target))) from None
        version = figures.version
        detail = {"chart": chart, "form": version.form_id, "version": version.form_version}
        self.desk.action(staff, "console_dashboard_exported", detail)
        return target
