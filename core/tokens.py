"""Secrets sent by email or in addresses are stored only as a hash."""

import hashlib


def hash_token(token: str) -> str:
    """The SHA-256 of `token`, hex: what the database keeps instead of the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()
