"""What people write in the contact form is stored encrypted (Fernet, keys from the environment).

settings.INQUIRY_ENCRYPTION_KEYS lists Fernet keys, newest first: the first encrypts, all of them
decrypt (MultiFernet), so a key can be rotated: add a new key in front, run
`manage.py reencrypt_inquiries`, then remove the old key. A database dump or backup holds only
ciphertext; without the keys, nobody (us included) can read the inquiries again.
"""

import binascii
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder

SETTING = "INQUIRY_ENCRYPTION_KEYS"
# The one key stored in a submission's form_data: its value is the Fernet token.
SEALED = "encrypted"


class UnreadableInquiry(Exception):
    """No key in INQUIRY_ENCRYPTION_KEYS decrypts this inquiry."""


_cache = {}


def keyring():
    keys = tuple(settings.INQUIRY_ENCRYPTION_KEYS)
    if not keys:
        raise ImproperlyConfigured(f"{SETTING} is empty: inquiries cannot be stored or read.")
    if keys not in _cache:
        try:
            _cache.clear()
            _cache[keys] = MultiFernet([Fernet(key) for key in keys])
        except (ValueError, binascii.Error):
            raise ImproperlyConfigured(
                f"{SETTING} holds an invalid key: each key must be 32 bytes in url-safe base64, "
                "as Fernet.generate_key() makes them."
            ) from None
    return _cache[keys]


def seal(data):
    """form_data to store: the submitted values as one encrypted token."""
    plain = json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":")).encode()
    return {SEALED: keyring().encrypt(plain).decode()}


def is_sealed(form_data):
    return isinstance(form_data, dict) and set(form_data) == {SEALED}


def unseal(form_data):
    """The submitted values from stored form_data."""
    try:
        return json.loads(keyring().decrypt(form_data[SEALED].encode()))
    except InvalidToken:
        raise UnreadableInquiry(f"No key in {SETTING} decrypts this inquiry.") from None


def reseal(form_data):
    """The same values encrypted with the newest key."""
    try:
        return {SEALED: keyring().rotate(form_data[SEALED].encode()).decode()}
    except InvalidToken:
        raise UnreadableInquiry(f"No key in {SETTING} decrypts this inquiry.") from None
