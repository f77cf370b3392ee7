"""Which rendered audio a screen has: its sentences' files, from the manifest made for exactly the
content the patient is reading (the procedure's content hash in that language)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.content.schema import Form
from kiosk.speech.render import MANIFEST, load_manifest, speech_folder


@dataclass(frozen=True)
class Clip:
    """One sentence of a screen and its audio."""

    text: str
    path: Path
    seconds: float
    sha256: str
    """The file's SHA-256, as the manifest vouches for it (what the record names as heard)."""


class Audio:
    """The rendered audio in a data folder, read once per content version and language."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._screens: dict[tuple[str, str], dict[str, tuple[Clip, ...]]] = {}
        self._texts: dict[tuple[str, str], dict[str, Clip]] = {}
        self._missed: dict[tuple[str, str], tuple[int, int] | None] = {}
        """A content with no whole audio, by the manifest as it stood when that was found (its
        change time and size; None: there was none): read again once the manifest changes, not
        at every screen drawn (a file read each tap, in a language with no audio)."""
        self.voices: dict[tuple[str, str], str] = {}
        """The engine and voice of each content (by id and hash) that has audio."""

    def clips_for(self, form: Form, said: list[str]) -> tuple[Clip, ...]:
        """The audio of exactly these sentences (a screen as it shows now, kiosk.speech.said), in
        order: none unless every one of them was rendered for this content."""
        heard = self._sentences(form)
        found = tuple(heard[s] for s in said if s in heard)
        return found if said and len(found) == len(said) else ()

    def _sentences(self, form: Form) -> dict[str, Clip]:
        """Every rendered sentence of the form's content, by its words (the first of the same)."""
        key = (form.id, form.content_sha256)
        if key not in self._texts:
            screens = self._load(form)
            if not screens:
                return {}
            by_text: dict[str, Clip] = {}
            for clips in screens.values():
                for clip in clips:
                    by_text.setdefault(clip.text, clip)
            self._texts[key] = by_text
        return self._texts[key]

    def voice(self, form: Form) -> str | None:
        """The engine and voice the form's audio was rendered with, if it has any."""
        self._load(form)
        return self.voices.get((form.id, form.content_sha256))

    def _load(self, form: Form) -> dict[str, tuple[Clip, ...]]:
        key = (form.id, form.content_sha256)
        if key not in self._screens:
            # Not rendered yet: looked for again once a render (it may be running) writes the
            # manifest, which it does last.
            stamp = self._stamp(form)
            if key in self._missed and self._missed[key] == stamp:
                return {}
            found = self._read(form)
            if not found:
                self._missed[key] = stamp
                return found
            self._screens[key] = found
        return self._screens[key]

    def _stamp(self, form: Form) -> tuple[int, int] | None:
        try:
            status = (speech_folder(self.data_dir, form) / MANIFEST).stat()
        except OSError:
            return None
        return (status.st_mtime_ns, status.st_size)

    def _read(self, form: Form) -> dict[str, tuple[Clip, ...]]:
        folder = speech_folder(self.data_dir, form)
        manifest = load_manifest(folder)
        if manifest is None or manifest.get("content_sha256") != form.content_sha256:
            return {}
        screens: dict[str, list[Clip]] = {}
        for entry in manifest.get("sentences", []):
            path = folder / str(entry["file"])
            screens.setdefault(str(entry["screen"]), []).append(
                Clip(str(entry["text"]), path, float(entry["seconds"]), str(entry["sha256"]))
            )
        whole = {
            screen: tuple(clips)
            for screen, clips in screens.items()
            if all(c.path.exists() for c in clips)
        }
        if whole:
            self.voices[(form.id, form.content_sha256)] = (
                f"{manifest.get('engine')} {manifest.get('voice')}"
            )
        return whole
