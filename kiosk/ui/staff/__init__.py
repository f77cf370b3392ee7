"""Staff mode on the kiosk: sign-in, the staff menu, preparing a briefing, and the follow-up panels.

Staff read the clinic's main language (`Station.staff_language`: the first the kiosk offers),
whatever language the patient chose; every word comes from the catalog (`STAFF_WORDS`, English,
is the default of widgets built alone, and the console's). Nothing here reads the store: `kiosk.services.staff` does, off the screen's thread.
"""
