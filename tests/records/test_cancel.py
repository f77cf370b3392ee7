"""An export stopped by its progress callback (ExportCancelled): nothing under the target's name, no
temporary file or folder beside it, nothing audited; the same for every format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.records import (
    ExportCancelled,
    Filters,
    export_csv,
    export_fhir,
    export_json,
    export_pdfs,
)
from kiosk.records import query as query_module
from kiosk.store.models import AuditEntry
from tests.records.conftest import Made

EXPORTS: dict[str, Callable[..., Any]] = {
    "csv": export_csv,
    "json": export_json,
    "fhir": export_fhir,
    "pdf-zip": lambda *a, **k: export_pdfs(*a, as_zip=True, **k),
    "pdf-folder": export_pdfs,
}
READS_PDFS = {"fhir", "pdf-zip", "pdf-folder"}


@pytest.mark.parametrize("kind", EXPORTS)
def test_a_cancelled_export_leaves_nothing_behind(
    kind: str, made: Made, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query_module, "CHUNK", 2)  # several steps, so it stops midway
    told: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        told.append((done, total))
        if len(told) == 1:
            raise ExportCancelled

    out = tmp_path / "export" / "out"
    out.parent.mkdir()
    pdfs = {"documents": made.documents} if kind in READS_PDFS else {}
    with pytest.raises(ExportCancelled):
        EXPORTS[kind](made.store, out, Filters(), by="Auditor", progress=progress, **pdfs)
    assert len(told) == 1 and told[0][0] < told[0][1]  # stopped before the end
    assert list(out.parent.iterdir()) == []  # no file, no .out.*.tmp
    with made.store.reading() as session:
        audited = session.execute(
            select(AuditEntry).where(AuditEntry.action == "records_exported")
        ).first()
    assert audited is None
