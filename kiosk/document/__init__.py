"""The briefing PDF: story, page template, fonts, signing and verification (no Qt)."""
