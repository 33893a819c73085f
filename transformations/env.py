"""Every environment variable the project reads is read here, through these helpers."""

import base64
import binascii
import hashlib
import os
import sys

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def get(name, default=None):
    return os.environ.get(name, default)


def get_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no, not {raw!r}.")


def get_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def get_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def require(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production and is not set."
        )
    return value


def missing(*names):
    """The names among `names` that are unset or blank in the environment."""
    return [name for name in names if not os.environ.get(name, "").strip()]


def exit_if_missing(*names):
    """Stop the process with one line naming every missing variable (no traceback)."""
    absent = missing(*names)
    if absent:
        sys.exit(
            f"Refusing to start: required environment variable(s) not set: {', '.join(absent)}. "
            "See .env.example."
        )


def fernet_key_problem(name):
    """Why the comma-separated Fernet keys in `name` cannot be used, or None when they can."""
    from cryptography.fernet import Fernet

    for position, key in enumerate(get_list(name), start=1):
        try:
            Fernet(key)
        except (ValueError, binascii.Error):
            return (
                f"{name} holds an invalid key (key {position}): each key must be 32 bytes in "
                "url-safe base64, as Fernet.generate_key() makes them. See README, Operations."
            )
    return None


def exit_if_invalid_fernet_keys(name):
    """Stop the process with one line naming the variable (no traceback)."""
    problem = fernet_key_problem(name)
    if problem:
        sys.exit(f"Refusing to start: {problem}")


def development_fernet_key(secret):
    """A key derived from a development SECRET_KEY: never for production (production.py)."""
    return base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()).decode()
