"""Staff mode on the kiosk: sign-in, the staff menu, preparing a briefing, and the follow-up panels.

Staff read English (`STAFF_WORDS`) until staff mode has a language of its own; every word comes
from the catalog. Nothing here reads the store: `kiosk.services.staff` does, off the screen's thread.
"""
