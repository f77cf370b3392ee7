"""Procedure content: the schema of a form file, validated loading, and the catalogue of forms (no Qt)."""

from kiosk.content.catalog import Catalog, load_catalog
from kiosk.content.loader import FormError, Problem, load_form, parse_form
from kiosk.content.schema import Form

__all__ = ["Catalog", "Form", "FormError", "Problem", "load_catalog", "load_form", "parse_form"]
