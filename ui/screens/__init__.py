"""One widget per session screen: renders a SessionState, forwards touches to the Session."""
