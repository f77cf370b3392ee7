"""The fault suite: the kiosk killed, its disk filled, its database locked or read-only, its server
restarted, and a long day of briefings, each held to what it said it stored (docs/RELIABILITY.md)."""
