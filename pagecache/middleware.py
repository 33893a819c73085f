import contextlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import fragments, shared, store

# Set on the request by the before_serve_page hook when a live page is served to an anonymous
# visitor: only such responses may be stored.
CACHEABLE_ATTR = "_page_cache_cacheable"


# Campaign and click identifiers that ads, newsletters and social sites append to our links. No
# page reads them (this site runs no analytics), so a link carrying only these is the same page:
# an ad or a news story sending a spike of visitors must not send every one of them past the
# cache. Such a request is answered from the cache; on a miss it renders and is not stored.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "twclid", "mc_cid", "mc_eid"}
)


def _only_tracking(query_string):
    names = [pair.partition("=")[0] for pair in query_string.split("&") if pair]
    if not names:
        return False
    return all(name.startswith("utm_") or name in TRACKING_PARAMETERS for name in names)


def _bypass(request):
    """Requests never served from, nor stored in, the page cache."""
    if request.method not in ("GET", "HEAD"):
        return True
    query_string = request.META.get("QUERY_STRING", "")
    if query_string and not _only_tracking(query_string):
        return True
    # Wagtail's previews (and prepare_renditions) render through a dummy request for the page's
    # own URL: it must see the draft it asked for, never the live page stored here.
    if getattr(request, "is_dummy", False) or getattr(request, "is_preview", False):
        return True
    if request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
        return True
    # Logged-in editors (and anyone with a session or a pending message) see pages fresh.
    personal = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}
    if personal & set(request.COOKIES):
        return True
    return "HTTP_AUTHORIZATION" in request.META


def _storable(request, response):
    if not getattr(request, CACHEABLE_ATTR, False) or response.status_code != 200:
        return False
    if response.streaming or response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if "cookie" in response.headers.get("Vary", "").lower():
        return False
    cache_control = response.headers.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class PageCacheMiddleware:
    """Serve anonymous page views from the full-page cache; store the ones that may be shared.

    Sits before the security-header, session, CSRF and auth middleware: a stored response carries
    the headers they added when it was made (the public CSP has no nonce), and a hit touches
    neither them nor the database. The host is validated here (get_host) before any lookup.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or _bypass(request):
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:
            return self.get_response(request)

        token, fresh, stale = store.lookup(request)
        if fresh is not None:
            return _replay(request, fresh, "hit")

        response = self.get_response(request)
        if response.status_code == 503 and stale is not None and not store.is_gone(request.path):
            # The page could not be rendered (the database is down): its last copy is better
            # than the outage page. Served as it was, but never stored further on.
            replayed = _replay(request, stale, "stale")
            replayed.headers["Cache-Control"] = "no-cache"
            return replayed
        if _storable(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PAGE_CACHE_BROWSER_MAX_AGE,
                s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE,
            )
            if request.method == "GET" and not request.META.get("QUERY_STRING"):
                store.put(request, response, token)
            response.headers["X-Page-Cache"] = "miss"
        return response


def _replay(request, entry, label):
    status, headers, content = entry
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["Content-Length"] = str(len(content))
    response.headers["X-Page-Cache"] = label
    return response


class SharedSiteDataMiddleware:
    """Below the page cache (a hit needs nothing): hands a public page's request the site, the
    site settings and the menu kept for every page of the site (pagecache.shared)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(
            tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)
        ):
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        # What the render builds to share (site data, route, parts) is written in one round trip
        # once it is done.
        with store.gathered_writes():
            # The database down: the request goes on without what prime reads, and fails (or not)
            # where a view reads it, below the security headers and the CSP, which the branded
            # 503 then carries.
            with contextlib.suppress(DatabaseError):
                shared.prime(request)
            fragments.read_ahead(request)
            return self.get_response(request)
