"""A version of a procedure's content kept whole: its canonical JSON and its pictures' bytes, each
screen's own hash, and the Form made again from them (kiosk.store.versions keeps them by hash)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.content.schema import Form

SIGN_SCREEN = "sign"
DONE_SCREEN = "done"
"""The path's screens (kiosk.session.walk) that show the form's signing statement and closing."""


def screen_parts(form: Form) -> dict[str, Any]:
    """Each screen of the form that shows its words, by the screen's id on the patient's path: the
    reading screens, the questions, the signing statement and the closing, in path order."""
    parts: dict[str, Any] = {screen.id: screen for _, screen in form.content_screens()}
    parts |= {question.id: question for question in form.questions}
    parts[SIGN_SCREEN] = form.signing
    parts[DONE_SCREEN] = form.closing
    return parts


def screen_hashes(form: Form) -> dict[str, str]:
    """Each screen's own SHA-256 (its words, and its picture's hash), by screen id, in path order."""
    return {sid: _sha(part.model_dump(mode="json")) for sid, part in screen_parts(form).items()}


def screen_sha256(form: Form, screen_id: str) -> str | None:
    """One screen's own hash; None for a screen without words of the form (welcome, review)."""
    return form.screen_sha256s.get(screen_id)


def _sha(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Snapshot:
    """One language's content of one version, as kept: `content` is the canonical JSON (what
    `content_sha256` hashes) and `pictures` each picture's bytes by their SHA-256."""

    content_sha256: str
    form_id: str
    version: str
    language: str
    content: bytes
    pictures: Mapping[str, bytes]
    screens: Mapping[str, str]


def snapshot(form: Form) -> Snapshot:
    return Snapshot(
        content_sha256=form.content_sha256,
        form_id=form.id,
        version=form.version,
        language=form.language,
        content=form.canonical_json(),
        pictures={picture.sha256: picture.svg for _, picture in form.pictures()},
        screens=form.screen_sha256s,
    )


class SnapshotError(Exception):
    """A kept version that does not make its Form again (damaged, or its hash does not match)."""


def form_of(content: bytes, pictures: Mapping[str, bytes], content_sha256: str) -> Form:
    """The Form a snapshot was taken of, exactly: SnapshotError if what is kept does not hash to
    `content_sha256` (a damaged row is never shown as a patient's content)."""
    try:
        data = json.loads(content)
        for screen in _picture_holders(data):
            picture = screen.get("picture")
            if picture:
                picture["svg"] = pictures[picture.pop("sha256")]
        form = Form.model_validate(data)
    except (ValueError, KeyError, TypeError) as exc:
        raise SnapshotError(f"content {content_sha256[:12]} is damaged ({exc})") from None
    if form.content_sha256 != content_sha256:
        raise SnapshotError(f"content {content_sha256[:12]} does not hash to its own name")
    return form


def _picture_holders(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [data["about"], *data["steps"], *data["risks"], data["options"], data["precautions"]]
