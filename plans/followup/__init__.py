"""Term follow-up: statistics from case data (never from free text)."""
