"""Sealing of waiting answers with keys held outside the database.

A waiting answer is stored only as a libsodium sealed box (X25519 and XSalsa20-Poly1305 with a
fresh sender key each time) made with the public half of the first key in
FEEDBACK_SEALING_KEYS. Sealing needs only the public half; opening, done by the move, tries every
configured key, which is how keys are rotated. A sealed box carries no timestamp (unlike
Fernet), so the ciphertext says nothing about when it was written.

Before sealing, the answers (compact JSON) are padded with spaces, which JSON ignores, to the
largest size any set of answers to the survey can take (`payload_size`). Every waiting row of a
survey therefore has the same length, and the length of a ciphertext never hints at how much
someone wrote.
"""

import base64
import binascii
import functools
import json
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, SealedBox

from feedback.enums import QuestionKind
from feedback.models import ANSWER_LIMIT

KEY_BYTES = 32
# Bounds of the compact JSON of one answer. A question id key (`"<id>":` and a comma) needs at
# most 24 bytes with a 20-digit id; a choice id as a string as much.
_PER_QUESTION = 32
_PER_CHOICE = 24
# Any character takes at most 6 bytes in JSON with ensure_ascii=False (a control character
# becomes \u00XX; everything else is at most 4 bytes of UTF-8).
_PER_TEXT_CHARACTER = 6


def decode_key(text: str) -> PrivateKey:
    """The private key written as base64 in FEEDBACK_SEALING_KEYS; ValueError if it is not one."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not base64") from None
    if len(raw) != KEY_BYTES:
        raise ValueError(f"{len(raw)} bytes instead of {KEY_BYTES}")
    return PrivateKey(raw)


def generate_key() -> str:
    """A new private key, as base64, for FEEDBACK_SEALING_KEYS."""
    return base64.b64encode(bytes(PrivateKey.generate())).decode()


def public_name(key: PrivateKey) -> str:
    """A short public name for a key (the start of its public half), safe to print and log."""
    return base64.b64encode(bytes(key.public_key)).decode()[:10]


@functools.lru_cache(maxsize=4)
def _keys(texts: tuple[str, ...]) -> tuple[PrivateKey, ...]:
    return tuple(decode_key(text) for text in texts)


def configured_keys() -> tuple[PrivateKey, ...]:
    """The keys of FEEDBACK_SEALING_KEYS, the sealing one first."""
    return _keys(tuple(settings.FEEDBACK_SEALING_KEYS))


def _sealing_box() -> SealedBox:
    keys = configured_keys()
    if not keys:
        # Never store answers unsealed: refusing them is the loud, safe failure.
        raise ImproperlyConfigured(
            "FEEDBACK_SEALING_KEYS is empty: waiting answers cannot be sealed. Generate a key "
            "with `manage.py feedback_keygen`."
        )
    return SealedBox(keys[0].public_key)


def payload_size(questions: Iterable) -> int:
    """The largest compact JSON any set of answers to these questions can take, in bytes."""
    size = 2
    for question in questions:
        size += _PER_QUESTION
        if question.kind == QuestionKind.TEXT:
            size += 2 + _PER_TEXT_CHARACTER * ANSWER_LIMIT
        elif question.kind == QuestionKind.MULTIPLE:
            size += 2 + _PER_CHOICE * len(question.choices.all())
        else:
            size += _PER_CHOICE
    return size


def pad(answers: dict, *, size: int) -> bytes:
    """The answers as compact JSON, padded with spaces to `size` bytes."""
    plain = json.dumps(answers, ensure_ascii=False, separators=(",", ":")).encode()
    if len(plain) > size:
        # Not reachable for validated answers (payload_size is an upper bound); rounding up to a
        # multiple of the size still tells less than the exact length would.
        size *= -(-len(plain) // size)
    return plain.ljust(size, b" ")


def seal(answers: dict, *, size: int) -> bytes:
    """Answers padded to `size` and sealed to the public half of the first configured key."""
    return _sealing_box().encrypt(pad(answers, size=size))


def unseal(sealed: bytes) -> tuple[int, bytes] | None:
    """(index of the key that opens it, padded plaintext), or None when no configured key does."""
    for index, key in enumerate(configured_keys()):
        try:
            return index, SealedBox(key).decrypt(bytes(sealed))
        except CryptoError:
            continue
    return None


def answers_of(plain: bytes) -> dict:
    """The answers held in an unsealed, padded plaintext."""
    return json.loads(plain)


def reseal(plain: bytes) -> bytes:
    """An opened plaintext sealed again with the first key, keeping its padded length."""
    return _sealing_box().encrypt(plain)
