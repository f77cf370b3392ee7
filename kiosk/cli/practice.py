"""`kiosk practice`: the touchscreen on a practice data folder, with a sample patient ready to walk."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from datetime import UTC, datetime
from typing import Any


def register(commands: Any) -> None:
    from kiosk.cli import touchscreen_options

    practice = commands.add_parser(
        "practice",
        help="try the kiosk: the touchscreen on its own practice data, a sample patient prepared",
        description=(
            "Open the patient touchscreen on a practice data folder beside the real one (its name "
            "with -practice added), set up on first use, with a briefing prepared for a sample "
            "patient whenever none is waiting. Every screen and every PDF says PRACTICE; no real "
            "record is touched."
        ),
    )
    touchscreen_options(practice)
    practice.set_defaults(run=run_practice)


def run_practice(args: argparse.Namespace) -> int:
    from kiosk.cli import touchscreen
    from kiosk.cli.speech import read_aloud_check
    from kiosk.config import CONFIG_ENV, DATA_DIR_ENV, load_config
    from kiosk.i18n import SOURCE, words_for
    from kiosk.practice import SAMPLE, PracticeError, practice_folder, set_up, write_settings

    folder = practice_folder(load_config(args.config))
    try:
        path = write_settings(folder)
    except PracticeError as exc:
        print(f"kiosk practice: {exc}.", file=sys.stderr)
        return 1
    # The touchscreen, and every command run from it, reads the practice settings and folder.
    # (A data folder named in the environment wins over the settings file's: a command given to
    # run by hand names the practice one too.)
    pinned = f"{DATA_DIR_ENV}={shlex.quote(str(folder))} " if DATA_DIR_ENV in os.environ else ""
    os.environ[CONFIG_ENV] = str(path)
    os.environ[DATA_DIR_ENV] = str(folder)
    try:
        set_up(path, datetime.now(UTC))
    except PracticeError as exc:
        print(f"kiosk practice: {exc}.", file=sys.stderr)
        return 1
    print(f"practice  ready     {folder}")
    born = words_for(SOURCE).date(SAMPLE.date_of_birth)  # as the banner shows it, in English
    print(f"sample    patient   {SAMPLE.name}, born {born}")
    print(f"staff     account   {SAMPLE.staff}, PIN {SAMPLE.pin}")
    print("the same is shown at the top of every practice screen")
    if load_config(path)["walk_up_mode"]:
        print(
            "walk-up   on        no briefing is prepared: the patient types their name and birth date"
        )
    else:
        print(f"walk-up   off       to try it: walk_up_mode = true in {path}")
    # Listen (read-aloud) is offered only where the audio was rendered: say why it is not there.
    if read_aloud_check(load_config(path)).warning:
        import shutil

        engine = "" if shutil.which("espeak-ng") else " (needs espeak-ng, not found here)"
        print(
            "read-aloud off      Listen is not offered until its audio is rendered: "
            f"{pinned}kiosk --config {shlex.quote(str(path))} speech render{engine}"
        )
    args.config = None
    return touchscreen(args)
