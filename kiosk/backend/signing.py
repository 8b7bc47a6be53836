"""HMAC request signing of the utility API (shared by the client and the simulator)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

NONCE_RE = re.compile(r"^[A-Za-z0-9-]{16,64}$")
IDEMPOTENCY_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def canonical(method: str, path_with_query: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """METHOD\\npath?query\\ntimestamp\\nnonce\\nsha256(body) as the contract defines it."""
    digest = hashlib.sha256(body).hexdigest()
    return "\n".join([method.upper(), path_with_query, timestamp, nonce, digest]).encode()


def sign(
    secret: str, method: str, path_with_query: str, timestamp: str, nonce: str, body: bytes
) -> str:
    """Lowercase hex HMAC-SHA256 of the canonical string."""
    return sign_key(secret.encode(), method, path_with_query, timestamp, nonce, body)


def sign_key(
    key: bytes, method: str, path_with_query: str, timestamp: str, nonce: str, body: bytes
) -> str:
    """sign() with the secret already encoded (the client encodes it once)."""
    message = canonical(method, path_with_query, timestamp, nonce, body)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def verify(
    secret: str,
    signature: str,
    method: str,
    path_with_query: str,
    timestamp: str,
    nonce: str,
    body: bytes,
) -> bool:
    expected = sign(secret, method, path_with_query, timestamp, nonce, body)
    return hmac.compare_digest(expected, signature)


def new_nonce() -> str:
    return secrets.token_hex(16)
