"""The consent-and-briefing kiosk: patients read, acknowledge and sign; the clinic keeps a provable record."""

__version__ = "0.1.0"
