"""`kiosk speech`: render every procedure's read-aloud audio ahead of time, and check it."""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any

from babel.units import format_unit

from kiosk.config import Config, load_config
from kiosk.content import Form, load_catalog
from kiosk.content.catalog import Catalog
from kiosk.store.maintenance import Check


def register(commands: Any) -> None:
    speech = commands.add_parser("speech", help="render and check the read-aloud audio")
    sub = speech.add_subparsers(dest="speech_command", metavar="ACTION", required=True)
    render = sub.add_parser(
        "render",
        help="render each procedure's sentences to audio, per content version and language",
    )
    render.add_argument("--procedure", metavar="ID", help="only this procedure (default: all)")
    render.add_argument("--language", metavar="LANG", help="only this language (default: all)")
    render.set_defaults(run=run_render)
    check = sub.add_parser("check", help="check the audio is rendered for the content in use")
    check.set_defaults(run=run_check)


def _forms(args: argparse.Namespace) -> list[Form]:
    """Every procedure in every language it checks clean in (the ones chosen)."""
    return _each(
        load_catalog(load_config(args.config).forms_dirs),
        getattr(args, "procedure", None),
        getattr(args, "language", None),
    )


def _each(
    catalog: Catalog, procedure: str | None = None, language: str | None = None
) -> list[Form]:
    found: list[Form] = []
    for form_id, form in sorted(catalog.forms.items()):
        if procedure not in (None, form_id):
            continue
        for lang, translated in sorted(
            {form.language: form, **catalog.translations.get(form_id, {})}.items()
        ):
            if language in (None, lang):
                found.append(translated)
    return found


def _rendered(config: Config, catalog: Catalog | None) -> tuple[list[str], list[str]]:
    """Each procedure and language ("mild es"): those with audio for the content in use, those without."""
    from kiosk.speech.render import check_folder

    missing: list[str] = []
    ready: list[str] = []
    for form in _each(catalog or load_catalog(config.forms_dirs)):
        (missing if check_folder(form, config.data_dir) else ready).append(
            f"{form.id} {form.language}"
        )
    return ready, missing


def listen_offered(config: Config, catalog: Catalog | None = None) -> bool:
    """Whether some procedure in some language has its audio: Listen is offered there."""
    return bool(_rendered(config, catalog)[0])


def read_aloud_check(config: Config, catalog: Catalog | None = None) -> Check:
    """`kiosk doctor`'s line: each procedure and language has its read-aloud audio, rendered for
    exactly the content in use. A warning when not: the kiosk works, but Listen (and reading every
    screen aloud) is not offered there until `kiosk speech render`."""
    ready, missing = _rendered(config, catalog)
    voices = voices_problem(config)
    said = [voices] if voices else []
    if missing:
        said.append(
            f"no audio for the content in use for {', '.join(missing)}: Listen is not offered "
            "there; run `kiosk speech render` (and again after a form changes)"
        )
    if said:
        return Check("read-aloud", True, "; ".join(said), warning=True)
    return Check("read-aloud", True, f"rendered for {', '.join(ready) or 'no procedure'}")


def voices_problem(config: Config) -> str | None:
    """The voices the `speech_voices` setting names that eSpeak NG cannot load, which `kiosk speech
    render` fails on and doctor had left unsaid. None when it loads them all, or without espeak-ng
    (`kiosk speech render` says to install it)."""
    from kiosk.speech.engines import Espeak, SpeechError

    try:
        engine = Espeak.find(str(config["speech_voices"]))
    except SpeechError:
        return None
    bad = []
    for language, voice in engine.voices:
        why = engine.cannot_load(voice)
        if why is not None:
            bad.append(f"{voice!r} for {language} ({why})")
    if not bad:
        return None
    return (
        f"espeak-ng cannot load {'the voice' if len(bad) == 1 else 'the voices'} speech_voices "
        f"sets, {', '.join(bad)}, so `kiosk speech render` would fail; install "
        f"{'it' if len(bad) == 1 else 'them'}, or set voices `espeak-ng --voices` lists in "
        f"speech_voices in {config.path}"
    )


SOUND_TIMEOUT = 20
"""Seconds `kiosk doctor` waits for the sound check (Qt Multimedia's backend asks the system)."""

NO_SOUND = (
    "no sound output device: Listen would mark each sentence on screen and nobody would hear it; "
    "connect speakers or headphones (the kiosk's user must be allowed to play sound)"
)


def sound_check() -> Check:
    """`kiosk doctor`'s line on the device Listen plays on, asked of Qt Multimedia in a process of
    its own (python -m kiosk.ui.sound_probe). A warning, never a failure: the kiosk works without."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "kiosk.ui.sound_probe"],
            capture_output=True,
            text=True,
            timeout=SOUND_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Check("sound", True, f"the sound check did not answer within {SOUND_TIMEOUT} s",
                     warning=True)  # fmt: skip
    return sound_said(result.returncode, result.stdout, result.stderr)


def sound_said(code: int, out: str, err: str) -> Check:
    """The sound line from what the probe printed (its exit code, stdout, stderr)."""
    lines = out.splitlines()
    if code != 0 or not lines or not lines[0].strip().isdigit():
        last = [line.strip() for line in err.splitlines() if line.strip()]
        why = last[-1] if last else f"exit status {code}"
        return Check("sound", True, f"the sound check failed: {why}", warning=True)
    count = int(lines[0])
    if count == 0:
        return Check("sound", True, NO_SOUND, warning=True)
    name = lines[1].strip() if len(lines) > 1 and lines[1].strip() else "a sound output"
    more = f" (and {count - 1} more)" if count > 1 else ""
    return Check("sound", True, f"Listen plays on {name}{more}")


def run_render(args: argparse.Namespace) -> int:
    from kiosk.speech.engines import Espeak, SpeechError
    from kiosk.speech.render import render_form

    config = load_config(args.config)
    data_dir = config.data_dir
    forms = _forms(args)
    if not forms:
        print("kiosk speech render: no procedure or language matches; see `kiosk forms list`.",
              file=sys.stderr)  # fmt: skip
        return 1
    try:
        engine = Espeak.find(str(config["speech_voices"]))
        for form in forms:
            done = render_form(form, data_dir, engine)
            minutes = format_unit(round(done.seconds / 60, 1), "duration-minute", locale="en")
            print(
                f"rendered  {form.id} {form.language}: {done.sentences} sentences "
                f"({done.made} new), {minutes}, {done.size / 1e6:.1f} MB  {done.folder}"
            )
    except SpeechError as exc:
        print(f"kiosk speech render: {exc}.", file=sys.stderr)
        return 1
    return 0


def run_check(args: argparse.Namespace) -> int:
    from kiosk.speech.render import check_folder

    data_dir = load_config(args.config).data_dir
    failed = 0
    for form in _forms(args):
        problems = check_folder(form, data_dir)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            failed += 1
        else:
            print(f"ok        {form.id} {form.language}")
    return 1 if failed else 0
