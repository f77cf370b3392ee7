"""A form's pictures: each one's SVG file read from the procedure's folder and checked to be a whole,
scalable SVG picture the kiosk can show and print, before the form is validated (no Qt)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

MAX_BYTES = 256 * 1024
"""The largest picture file accepted: a schematic drawing takes a few kilobytes."""

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
OUTSIDE = frozenset({"image", "script", "foreignObject", "iframe", "video", "audio"})
"""Elements that bring in what is not drawn by the file itself (or run something)."""
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.svg$")


def picture_tables(raw: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each `picture` table of the reading screens, with its key path ("steps[2].picture")."""
    keyed: list[tuple[str, Any]] = [(key, raw.get(key)) for key in ("about",)]
    for key in ("steps", "risks"):
        value = raw.get(key)
        if isinstance(value, list):
            keyed += [(f"{key}[{i}]", table) for i, table in enumerate(value)]
    keyed += [(key, raw.get(key)) for key in ("options", "precautions")]
    for where, screen in keyed:
        if isinstance(screen, dict) and isinstance(screen.get("picture"), dict):
            yield f"{where}.picture", screen["picture"]


def with_pictures(
    raw: dict[str, Any], folder: Path | None
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """`raw` with each picture's SVG bytes put in (as `svg`), and what is wrong with the pictures:
    (key path, message) each. `raw` itself is left as it was."""
    problems: list[tuple[str, str]] = []
    svgs: dict[int, bytes] = {}
    for where, table in picture_tables(raw):
        if "svg" in table:
            problems.append(
                (f"{where}.svg", "is not a known key; name the picture's SVG file with `file`")
            )
        name = table.get("file")
        if not isinstance(name, str) or not _NAME.match(name.strip()):
            continue  # the schema names what is wrong with the key itself
        if folder is None:
            problems.append((f"{where}.file", "cannot be read: the form was not read from a file"))
            continue
        svg, problem = read_svg(folder / name.strip())
        if problem:
            problems.append((f"{where}.file", problem))
        else:
            svgs[id(table)] = svg
    if not svgs:
        return raw, problems
    return _put(raw, svgs), problems


def read_svg(path: Path) -> tuple[bytes, str]:
    """The file's bytes, and "" if it is a picture the kiosk can use, else why it is not."""
    try:
        svg = path.read_bytes()
    except FileNotFoundError:
        return (
            b"",
            f'"{path.name}" is not in {path.parent.absolute()} (the folder of the form that names '
            "it); put the SVG file there or correct the name",
        )
    except OSError as exc:
        return b"", f'"{path.name}" cannot be read ({exc.strerror}); check its permissions'
    return svg, svg_problem(svg, path.name)


def svg_problem(svg: bytes, name: str) -> str:
    """Why these bytes are not an SVG picture the kiosk can show, scale and print ("" if they are)."""
    if len(svg) > MAX_BYTES:
        return (
            f'"{name}" is {len(svg) // 1024} KB; a picture may be at most {MAX_BYTES // 1024} KB '
            "(simplify the drawing, or remove what the editor embedded)"
        )
    if b"<!DOCTYPE" in svg or b"<!ENTITY" in svg:
        return f'"{name}" declares a DOCTYPE or entities; save it as plain SVG without them'
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as exc:
        return f'"{name}" is not a valid SVG file (not well-formed XML: {exc})'
    if root.tag == "svg":
        return (
            f'"{name}" is not a valid SVG file: its <svg> lacks xmlns="http://www.w3.org/2000/svg"'
        )
    if root.tag != f"{SVG}svg":
        return (
            f'"{name}" is not a valid SVG file: its root element is <{_local(root.tag)}>, not <svg>'
        )
    if not root.get("viewBox", "").strip():
        return f'"{name}" has no viewBox, so it cannot be scaled to the screen; add one (like viewBox="0 0 400 300")'
    for element in root.iter():
        tag = _local(element.tag)
        href = element.get("href") or element.get(XLINK_HREF) or ""
        if tag in OUTSIDE or (href and not href.startswith("#")):
            what = f"<{tag}>" if tag in OUTSIDE else f'a link to "{href}"'
            return (
                f'"{name}" has {what}: a picture must be drawn whole by its own file '
                "(no embedded images, links or scripts)"
            )
    return ""


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _put(raw: dict[str, Any], svgs: dict[int, bytes]) -> dict[str, Any]:
    """A copy of `raw` whose picture tables (found by identity) carry their SVG's bytes."""

    def copy(value: Any) -> Any:
        if isinstance(value, dict):
            out = {k: copy(v) for k, v in value.items()}
            if id(value) in svgs:
                out["svg"] = svgs[id(value)]
            return out
        if isinstance(value, list):
            return [copy(v) for v in value]
        return value

    result: dict[str, Any] = copy(raw)
    return result
