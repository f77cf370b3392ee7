"""Columns in a terminal: text padded by the columns it takes on screen, not by its characters."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """Columns the text takes in a terminal: wide (CJK) letters take two, combining marks none."""
    return sum(
        0
        if unicodedata.combining(ch)
        else 2
        if unicodedata.east_asian_width(ch) in ("W", "F")
        else 1
        for ch in text
    )


def pad(text: str, columns: int) -> str:
    """The text followed by the spaces that make it `columns` wide on screen (ljust by display width)."""
    return text + " " * (columns - width(text))


def table(rows: list[list[str]]) -> str:
    """Rows as aligned columns two spaces apart, each as wide as its widest cell on screen."""
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(pad(cell, w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )
