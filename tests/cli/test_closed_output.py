"""`kiosk … | head`: a reader that closes the output early ends the command quietly, exit 141."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main

KIOSK = Path(sys.executable).with_name("kiosk")
SIGPIPE_STATUS = 141
"""128 + SIGPIPE: what a shell reports of `yes | head`."""


@pytest.mark.parametrize(
    "command",
    [["config", "show"], ["forms", "list"], ["staff", "list"], ["records", "list"], ["--help"]],
    ids=" ".join,
)
def test_a_closed_reader_ends_a_command_quietly(command: list[str], tmp_path: Path) -> None:
    assert main(["init"]) == 0
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line is written
    try:
        result = subprocess.run(
            [str(KIOSK), *command],
            stdout=write,
            stderr=subprocess.PIPE,
            # Buffered, as a shell runs it: unbuffered, each line fails as it is written, and a
            # flush at the end that logged success before failing went unseen.
            env={
                **{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
                "QT_QPA_PLATFORM": "offscreen",
            },
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    if command == ["--help"]:  # argparse drops what it cannot write, and exits 0 as it does
        assert (result.returncode, result.stderr) == (0, "")
        return
    assert result.returncode == SIGPIPE_STATUS
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
    log = (tmp_path / "data" / "logs" / "commands.log").read_text(encoding="utf-8")
    assert "its reader closed the output; stopped" in log
    name = "kiosk " + " ".join(command)  # (it logged success, then failed on the last flush)
    assert not [line for line in log.splitlines() if name in line and "exit status" in line]
    assert "BrokenPipeError" not in log
