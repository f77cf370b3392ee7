"""Compile the catalogs: `python -m kiosk.i18n.build` writes each `catalogs/*.po` as `.mo`, and the
pseudo-locale's from the English one. Run it after editing a `.po`; a test fails while one is stale."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kiosk.i18n import CATALOGS, PSEUDO, SOURCE
from kiosk.i18n.pseudo import pseudo


def read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=path.stem.replace("-", "_"), abort_invalid=True)


def pseudo_catalog(source: Catalog) -> Catalog:
    # The source's dates, not today's: the same .po must always make the same .mo.
    out = Catalog(
        locale="en",
        fuzzy=False,
        project=source.project,
        creation_date=source.creation_date,
        revision_date=source.revision_date,
    )
    for message in source:
        if not message.id:
            continue
        if isinstance(message.string, tuple | list):
            string: str | tuple[str, ...] = tuple(pseudo(s) for s in message.string)
        else:
            string = pseudo(message.string or "")
        out.add(message.id, string, flags=message.flags)
    return out


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def expected() -> dict[Path, bytes]:
    """Every `.mo` file as the `.po` files make it."""
    out: dict[Path, bytes] = {}
    for po in sorted(CATALOGS.glob("*.po")):
        catalog = read(po)
        out[po.with_suffix(".mo")] = compiled(catalog)
        if po.stem == SOURCE:
            out[CATALOGS / f"{PSEUDO}.mo"] = compiled(pseudo_catalog(catalog))
    return out


def main() -> int:
    for path, data in expected().items():
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            print(f"wrote {path.relative_to(CATALOGS.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
