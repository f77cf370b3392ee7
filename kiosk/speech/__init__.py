"""Read-aloud audio, rendered ahead of time: every sentence of a procedure's screens, per content
version and language, with a manifest of SHA-256s tied to the content hash (`kiosk speech render`).

Qt-free: the touchscreen plays what is rendered here; nothing in this package plays sound.
"""
