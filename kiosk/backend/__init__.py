"""Everything the kiosk knows about the utility's back-end contract (API v1)."""
