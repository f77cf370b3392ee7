"""The seal's one error, apart from the seal: a command names it without loading the PDF's and the
seal's libraries (pyhanko and reportlab take most of a second to load)."""


class SealError(Exception):
    """The signing identity cannot be made, read or used, or a PDF cannot be sealed; one sentence."""
