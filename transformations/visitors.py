"""Telling visitors apart without knowing who they are.

The inquiry form and the article rating need to recognise "the same client again" (rate limits,
one vote per visitor). They never store or log the client's address: only a keyed hash of it
(HMAC-SHA256 with a key derived from SECRET_KEY), which cannot be reversed by trying all 2³²
IPv4 addresses without that key.
"""

from django.core.cache import cache
from django.utils.crypto import salted_hmac

from ops.net import client_ip

KEY_SALT = "transformations.visitors"


def client_address(request):
    """The client's address as far as it can be trusted (TRUSTED_PROXY_COUNT; see ops.net)."""
    return client_ip(request)


def keyed_hash(purpose, *parts):
    """A stable, keyed, one-way hash of `parts` for one `purpose` (hex, 64 characters)."""
    value = "\x1f".join(str(part) for part in parts)
    return salted_hmac(f"{KEY_SALT}.{purpose}", value, algorithm="sha256").hexdigest()


def client_key(request, purpose):
    """A keyed hash of the client address, different for each purpose."""
    return keyed_hash(purpose, client_address(request))


def visitor_key(request, purpose):
    """A keyed hash of the client address and browser, for "one per visitor" rules.

    The browser's User-Agent is included so that people sharing one address (a household, a
    clinic's Wi-Fi) are not all counted as one visitor; the per-address rate limit bounds what
    someone switching User-Agents can do.
    """
    return keyed_hash(purpose, client_address(request), request.META.get("HTTP_USER_AGENT", ""))


def over_rate_limit(request, scope, limit, window_seconds):
    """Count one request from this client in `scope`; True once it is over `limit` per window.

    A fixed window in the default cache, keyed by a keyed hash of the client address.
    """
    key = f"ratelimit:{scope}:{client_key(request, f'ratelimit.{scope}')}"
    if cache.add(key, 1, timeout=window_seconds):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit
