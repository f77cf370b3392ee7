"""Versions kept: each version of a procedure's content a briefing was given on, whole, by its
content hash (and its pictures by theirs), so a record's screens can be shown and its PDF made
again after the forms folder changed."""

from __future__ import annotations

import json
import re
import threading
import weakref
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.content.schema import Form
from kiosk.content.versions import Snapshot, form_of, snapshot
from kiosk.store.database import Store
from kiosk.store.models import ContentPictureRow, ContentVersionRow

_KNOWN: weakref.WeakKeyDictionary[Engine, set[str]] = weakref.WeakKeyDictionary()
"""The content hashes each open database keeps, as far as this process has kept or found them:
keeping is then free on every later briefing."""
_LOCK = threading.Lock()
_PICTURE_SHA = re.compile(r'"sha256":"([0-9a-f]{64})"')


def keep(store: Store, forms: Iterable[Form], source: Form, now: datetime) -> list[str]:
    """Keep each of `forms` (the procedure `source` in its languages) if it is not kept yet;
    returns the content hashes newly kept. Safe when two kiosks keep the same version at once."""
    with _LOCK:
        known = set(_KNOWN.get(store.engine, ()))
    wanted = [f for f in forms if f.content_sha256 not in known]
    if not wanted:
        return []
    kept: list[str] = []
    try:
        with store.sessions.begin() as session:
            have = set(
                session.scalars(
                    select(ContentVersionRow.content_sha256).where(
                        ContentVersionRow.content_sha256.in_([f.content_sha256 for f in wanted])
                    )
                )
            )
            for form in wanted:
                if form.content_sha256 not in have:
                    _add(session, snapshot(form), source.content_sha256, now)
                    kept.append(form.content_sha256)
                    have.add(form.content_sha256)
                    session.flush()
    except IntegrityError:  # another kiosk kept some of it a moment ago: the rest on the next try
        return []
    with _LOCK:
        _KNOWN.setdefault(store.engine, set()).update(f.content_sha256 for f in wanted)
    return kept


def _add(session: Session, snap: Snapshot, source_sha256: str, now: datetime) -> None:
    for sha, svg in snap.pictures.items():
        if session.get(ContentPictureRow, sha) is None:
            session.add(ContentPictureRow(sha256=sha, svg=svg))
    session.add(
        ContentVersionRow(
            content_sha256=snap.content_sha256,
            form_id=snap.form_id,
            form_version=snap.version,
            language=snap.language,
            source_sha256=source_sha256,
            content=snap.content,
            screens_json=json.dumps(dict(snap.screens)),
            kept_at=now,
        )
    )


_RISKS: dict[str, int] = {}
"""Each kept version's number of risks, by content hash (what a hash names never changes)."""


def kept_risk_counts(session: Session, known: Collection[str] = ()) -> dict[str, int]:
    """The number of risks of each kept version whose hash is not in `known` (a damaged one is
    left out): an unfinished briefing on an older version counts its risks after the forms
    changed."""
    shas = set(session.scalars(select(ContentVersionRow.content_sha256))) - set(known)
    with _LOCK:
        out = {sha: _RISKS[sha] for sha in shas if sha in _RISKS}
    rest = shas - out.keys()
    if rest:
        rows = session.execute(
            select(ContentVersionRow.content_sha256, ContentVersionRow.content).where(
                ContentVersionRow.content_sha256.in_(sorted(rest))
            )
        )
        for sha, content in rows:
            try:
                risks = json.loads(content)["risks"]
            except (ValueError, KeyError, TypeError):
                continue
            if isinstance(risks, list):
                out[sha] = len(risks)
        with _LOCK:
            _RISKS.update(out)
    return out


def kept_form(session: Session, content_sha256: str) -> Form | None:
    """The content kept under this hash, exactly as it was; None if it was never kept.
    SnapshotError if the kept row is damaged."""
    row = session.get(ContentVersionRow, content_sha256)
    if row is None:
        return None
    shas = set(_PICTURE_SHA.findall(row.content.decode()))
    rows = session.execute(
        select(ContentPictureRow.sha256, ContentPictureRow.svg).where(
            ContentPictureRow.sha256.in_(shas)
        )
    )
    pictures = {sha: svg for sha, svg in rows.all()}  # noqa: C416 - Row pairs, typed
    return form_of(row.content, pictures, content_sha256)


@dataclass(frozen=True)
class KeptVersion:
    form_id: str
    version: str
    language: str
    content_sha256: str
    source_sha256: str
    kept_at: datetime


def kept_versions(session: Session, form_id: str | None = None) -> list[KeptVersion]:
    """Every kept version (of one procedure), oldest first."""
    query = select(
        ContentVersionRow.form_id,
        ContentVersionRow.form_version,
        ContentVersionRow.language,
        ContentVersionRow.content_sha256,
        ContentVersionRow.source_sha256,
        ContentVersionRow.kept_at,
    ).order_by(
        ContentVersionRow.kept_at, ContentVersionRow.form_version, ContentVersionRow.language
    )
    if form_id is not None:
        query = query.where(ContentVersionRow.form_id == form_id)
    return [KeptVersion(*row) for row in session.execute(query)]


def find_kept(session: Session, form_id: str, version: str, language: str | None) -> Form | None:
    """The kept content of `form_id` at `version` in `language` (its source language when None)."""
    for kept in kept_versions(session, form_id):
        if kept.version != version:
            continue
        if language is None and kept.content_sha256 != kept.source_sha256:
            continue
        if language is not None and kept.language != language:
            continue
        return kept_form(session, kept.content_sha256)
    return None


def kept_in(session: Session, source_sha256: str, language: str, shown: set[str]) -> Form | None:
    """The kept content of the version whose source-language hash is `source_sha256`, in
    `language`: the one whose hash the patient's screens in that language carried (`shown`), if
    they gave anything there; None if it was not kept (a briefing from before versions were kept)."""
    source = session.get(ContentVersionRow, source_sha256)
    if source is None:
        return None
    if source.language == language:
        return kept_form(session, source_sha256)
    if not shown:
        rows = session.scalars(
            select(ContentVersionRow.content_sha256).where(
                ContentVersionRow.source_sha256 == source_sha256,
                ContentVersionRow.language == language,
            )
        ).all()
        shown = set(rows)
    for sha in sorted(shown):
        row = session.get(ContentVersionRow, sha)
        if row is not None and row.source_sha256 == source_sha256 and row.language == language:
            return kept_form(session, sha)
    return None
