"""Banknote acceptors: a protocol-neutral interface, real serial drivers and an in-process fake."""
