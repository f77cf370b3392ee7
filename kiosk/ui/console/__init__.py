"""The coordinator's desk window (`kiosk console`): a normal desktop window over the kiosks' store."""
