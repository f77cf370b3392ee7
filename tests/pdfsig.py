"""poppler's `pdfsig`, the tests' independent check of the kiosk's seal: found one way, read one way.

Where pdfsig is not installed its tests are skipped, saying which package gives it; in CI (the CI
variable set; `.ci/run` installs poppler-utils) they fail instead, as a check that never runs there
would prove nothing. pdfsig exits 0 even when a signature does not match, so its report is read,
for no more than the few facts the tests need.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

MISSING = "poppler's pdfsig is not installed (Debian: apt-get install poppler-utils)"


def pdfsig_command() -> str:
    """The pdfsig program; skips the test without it (fails it in CI)."""
    found = shutil.which("pdfsig")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{MISSING}: CI must run the pdfsig checks", pytrace=False)
        pytest.skip(MISSING)
    return found


@dataclass(frozen=True)
class Report:
    """What pdfsig said of a file (stdout and stderr together)."""

    text: str

    @property
    def valid(self) -> bool:
        """pdfsig found every signature's digest to match the bytes it covers."""
        return "Signature is Valid." in self.text

    @property
    def whole_document(self) -> bool:
        """A signature covers the whole file as it stands (nothing was appended after it)."""
        return "Total document signed" in self.text

    @property
    def pades(self) -> bool:
        """The signature is PAdES: its SubFilter, which pdfsig prints as the file has it."""
        return "ETSI.CAdES.detached" in self.text


def pdfsig(path: Path) -> Report:
    done = subprocess.run(
        [pdfsig_command(), str(path)], capture_output=True, text=True, timeout=30, check=False
    )
    return Report(done.stdout + done.stderr)
