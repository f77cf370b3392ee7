"""Every `kiosk` command's parser loads without the PDF's and the seal's libraries: an IT person's
`kiosk --help`, `kiosk staff list` or `kiosk config show` took a second each (pyhanko and
reportlab, loaded by the parser of `kiosk demo` and `kiosk verify`), which only the commands that
make or check a PDF need."""

from __future__ import annotations

import subprocess
import sys

from kiosk.cli.document import NOT_CHECKED
from kiosk.document.verify import Outcome

HEAVY = ("pyhanko", "reportlab", "pypdf", "PySide6")


def test_building_the_parser_loads_no_pdf_library() -> None:
    probe = (
        "import sys; from kiosk.cli import build_parser; build_parser(); "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""


def test_verify_refused_keeps_its_own_status() -> None:
    assert Outcome.NOT_CHECKED.value == NOT_CHECKED
