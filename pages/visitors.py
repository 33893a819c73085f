"""Telling visitors apart without knowing who they are.

The inquiry form and the article rating need to recognise "the same client again" (rate limits,
one vote per visitor). They never store or log the client's address: only a keyed hash of it
(HMAC-SHA256 with a key derived from SECRET_KEY), which cannot be reversed by trying all 2³²
IPv4 addresses without that key.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

KEY_SALT = "transformations.visitors"


def client_ip(request):
    """The address of the client as seen by the outermost trusted proxy.

    settings.TRUSTED_PROXY_COUNT is the number of reverse proxies in front of the application
    (0: clients connect directly). Each proxy appends the address it received the request from to
    X-Forwarded-For, so the Nth entry from the right was written by our outermost proxy; anything
    further left was sent by the client and cannot be trusted. With fewer entries than proxies the
    request did not come through the proxies and the socket address is used.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]


def keyed_hash(purpose, *parts):
    """A stable, keyed, one-way hash of `parts` for one `purpose` (hex, 64 characters)."""
    value = "\x1f".join(str(part) for part in parts)
    return salted_hmac(f"{KEY_SALT}.{purpose}", value, algorithm="sha256").hexdigest()


def client_key(request, purpose):
    """A keyed hash of the client address, different for each purpose."""
    return keyed_hash(purpose, client_ip(request))


def visitor_key(request, purpose):
    """A keyed hash of the client address and browser, for "one per visitor" rules.

    The browser's User-Agent is included so that people sharing one address (a household, a
    clinic's Wi-Fi) are not all counted as one visitor; the per-address rate limit bounds what
    someone switching User-Agents can do.
    """
    return keyed_hash(purpose, client_ip(request), request.META.get("HTTP_USER_AGENT", ""))


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
