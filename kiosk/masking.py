"""Masking of card numbers, payment codes and names before they reach a log, journal or screen."""

from __future__ import annotations


def mask_pan(pan: str) -> str:
    """First 6 and last 4 digits, the rest as '*' (PCI DSS display rule)."""
    digits = "".join(ch for ch in pan if ch.isdigit())
    if len(digits) < 12:
        return "*" * len(digits)
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]


def mask_code(code: str) -> str:
    """A wallet payment code as its first 2 and last 4 characters."""
    if len(code) <= 6:
        return "*" * len(code)
    return code[:2] + "*" * (len(code) - 6) + code[-4:]


def mask_name(name: str) -> str:
    """张三明 -> 张*明; 张三 -> 张*; Latin names keep the first letter of each word."""
    name = name.strip()
    if not name:
        return ""
    if name.isascii():
        return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split())
    if len(name) == 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
