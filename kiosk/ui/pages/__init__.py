"""The pages of the patient's path: each draws the briefing's state and calls its intents."""
