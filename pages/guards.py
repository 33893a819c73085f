"""The checks every public form post passes before its data is read.

Public pages carry forms (the inquiry form, the article rating) whose posts come from anyone.
Before a post is read, `check_post` refuses one that is too large, one sent from another site
(for forms that carry no CSRF token), and a burst from one client (a keyed-hash rate limit, see
pages.visitors). Each feature words the refusal for its own visitors.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from pages.visitors import over_rate_limit

TOO_LARGE = "too_large"
CROSS_ORIGIN = "cross_origin"
RATE_LIMITED = "rate_limited"


@dataclass(frozen=True)
class Refusal:
    status: int
    reason: str  # TOO_LARGE, CROSS_ORIGIN or RATE_LIMITED


def body_length(request):
    """The declared body size; a value that is not a number counts as too large."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


def is_same_origin(request):
    """True when the post comes from a page of this site (Origin, else Referer)."""
    origin = request.headers.get("Origin")
    if origin is None:
        referer = request.headers.get("Referer")
        if not referer:
            return False
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    if origin == "null":
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def check_post(request, *, scope, max_bytes, rate_limit, require_same_origin):
    """The first reason to refuse this post unread, or None when it may be read.

    rate_limit: (posts, seconds) per client address in `scope`. require_same_origin: for forms
    without a CSRF token (a cacheable page cannot carry one); Django's CSRF check covers the rest.
    """
    length = body_length(request)
    if length is None or length > max_bytes:
        return Refusal(413, TOO_LARGE)
    if require_same_origin and not is_same_origin(request):
        return Refusal(403, CROSS_ORIGIN)
    limit, window = rate_limit
    if over_rate_limit(request, scope, limit, window):
        return Refusal(429, RATE_LIMITED)
    return None
