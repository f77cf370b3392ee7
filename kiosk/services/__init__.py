"""What the screens ask of the kiosk between patients, without Qt: the only way kiosk.ui reaches the store."""
