"""The resident's session: a UI-free state machine that the Qt UI renders and feeds with touches."""
