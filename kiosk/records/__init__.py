"""Briefing records for coordinators and audits: find them, and export them as CSV, JSON, FHIR R4 or PDFs (no Qt)."""

from kiosk.records.fhir_export import export_fhir
from kiosk.records.full import ExportCheck, check_export, export_json
from kiosk.records.output import ExportCancelled, ExportError, ExportResult
from kiosk.records.pdfs import export_pdfs
from kiosk.records.query import Filters, RecordRow, find_records, risk_totals
from kiosk.records.tabular import export_csv

__all__ = [
    "ExportCancelled",
    "ExportCheck",
    "ExportError",
    "ExportResult",
    "Filters",
    "RecordRow",
    "check_export",
    "export_csv",
    "export_fhir",
    "export_json",
    "export_pdfs",
    "find_records",
    "risk_totals",
]
