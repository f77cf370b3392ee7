"""A procedure's audio, rendered once per content version and language into the data folder:
one WAV per sentence and a manifest naming the content hash, the voice, and each file's SHA-256.

    <data>/speech/<procedure>/<language>-<first 16 of the content hash>/
        manifest.json, 000.wav, 001.wav, …

Rendering again keeps every file the manifest already vouches for (same sentence, same voice, same
bytes) and makes the rest, so an interrupted render resumes; a new content version is a new folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import wave
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kiosk.content.schema import Form
from kiosk.files import install_file, make_private_dirs
from kiosk.speech.engines import SpeechError
from kiosk.speech.script import Spoken, script

MANIFEST = "manifest.json"
FORMAT = 1


class Engine(Protocol):
    @property
    def name(self) -> str: ...

    def voice(self, language: str) -> str: ...

    def render(self, text: str, language: str, out: Path) -> None: ...


@dataclass(frozen=True)
class Rendered:
    folder: Path
    sentences: int
    made: int
    """How many were rendered now (the others were already there, vouched for by the manifest)."""
    seconds: float
    """The audio's length, all sentences together."""
    size: int
    """Bytes on disk, all files together."""


def speech_folder(data_dir: Path, form: Form) -> Path:
    return data_dir / "speech" / form.id / f"{form.language}-{form.content_sha256[:16]}"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seconds_of(path: Path) -> float:
    """A WAV file's length; SpeechError if it is not one."""
    try:
        with wave.open(str(path)) as audio:
            frames, rate = audio.getnframes(), audio.getframerate()
    except (wave.Error, EOFError, OSError) as exc:
        raise SpeechError(f"{path} is not a readable WAV file ({exc}); render it again") from None
    if rate <= 0:
        raise SpeechError(f"{path} says it plays at {rate} frames a second; render it again")
    return float(frames / rate)


def load_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of a rendered folder, or None if there is none (or it cannot be read)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def render_form(
    form: Form,
    data_dir: Path,
    engine: Engine,
    progress: Callable[[int, int], None] | None = None,
) -> Rendered:
    """Every sentence of `form` (in its own language) rendered with `engine`, and the manifest."""
    folder = speech_folder(data_dir, form)
    try:
        make_private_dirs(folder)  # speech/ and the procedure's folder too, as every other one
    except OSError as exc:
        raise SpeechError(
            f"{folder}: the audio folder cannot be made ({exc.strerror}); check the data "
            "folder's permissions"
        ) from None
    said = script(form)
    voice = engine.voice(form.language)
    name = engine.name  # a program run to ask it: once, not once per sentence kept
    old = load_manifest(folder) or {}
    kept = {
        (e["file"], e["text"]): e
        for e in old.get("sentences", [])
        if old.get("engine") == name and old.get("voice") == voice
    }
    # The engine is a program of its own: a sentence for each core at once.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        jobs = [
            pool.submit(_sentence, folder, n, spoken, kept, engine, form.language)
            for n, spoken in enumerate(said)
        ]
        entries: list[dict[str, Any]] = []
        for n, job in enumerate(jobs):
            entries.append(job.result())
            if progress is not None:
                progress(n + 1, len(said))
    made = sum(e.pop("made") for e in entries)
    manifest = {
        "format": FORMAT,
        "procedure": form.id,
        "version": form.version,
        "language": form.language,
        "content_sha256": form.content_sha256,
        "engine": name,
        "voice": voice,
        "sentences": entries,
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    try:
        install_file(folder / MANIFEST, text, 0o600, overwrite=True)
    except OSError as exc:
        raise SpeechError(
            f"{folder / MANIFEST}: cannot be written ({exc.strerror}); check the disk"
        ) from None
    return Rendered(
        folder,
        len(entries),
        made,
        sum(float(e["seconds"]) for e in entries),
        sum((folder / str(e["file"])).stat().st_size for e in entries),
    )


def _sentence(
    folder: Path,
    n: int,
    spoken: Spoken,
    kept: dict[tuple[str, str], dict[str, Any]],
    engine: Engine,
    language: str,
) -> dict[str, Any]:
    """One sentence's manifest entry (and whether it was rendered now), rendering it unless the
    old manifest vouches for the file already there."""
    name = f"{n:03d}.wav"
    path = folder / name
    known = kept.get((name, spoken.text))
    if known is not None and path.exists() and _sha256(path) == known["sha256"]:
        return {**known, "made": 0}
    tmp = folder / f".{name}.tmp"
    engine.render(spoken.text, language, tmp)
    seconds = seconds_of(tmp)
    tmp.chmod(0o600)
    tmp.replace(path)
    return {
        "screen": spoken.screen_id,
        "index": spoken.index,
        "text": spoken.text,
        "file": name,
        "sha256": _sha256(path),
        "seconds": round(seconds, 3),
        "made": 1,
    }


def check_folder(form: Form, data_dir: Path) -> list[str]:
    """What is wrong with a form's rendered audio, one sentence each (empty: all there and intact,
    for exactly this content)."""
    folder = speech_folder(data_dir, form)
    manifest = load_manifest(folder)
    if manifest is None:
        return [f"{form.id} ({form.language}): no audio rendered; run `kiosk speech render`"]
    if manifest.get("content_sha256") != form.content_sha256:
        return [f"{folder / MANIFEST}: made for other content; run `kiosk speech render`"]
    wanted = [s.text for s in script(form)]
    entries = manifest.get("sentences", [])
    if [e.get("text") for e in entries] != wanted:
        return [f"{folder / MANIFEST}: its sentences are not the form's; run `kiosk speech render`"]
    problems = []
    for e in entries:
        path = folder / str(e.get("file"))
        if not path.exists():
            problems.append(f"{path}: missing; run `kiosk speech render`")
        elif _sha256(path) != e.get("sha256"):
            problems.append(f"{path}: changed since it was rendered; run `kiosk speech render`")
    return problems
