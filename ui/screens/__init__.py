"""One widget per session screen; each renders a SessionState and forwards touches to the Session."""
