"""The full-page cache: anonymous GET/HEAD responses of live Wagtail pages.

Entries live in a Django cache (PAGE_CACHE_ALIAS: Redis in production, local memory in
development; never the database cache, which fails exactly when the database does). Every key
carries a *generation* token; publishing, unpublishing, moving or deleting a page, or changing
site settings, replaces the token, so every process sharing the cache stops serving the old
entries at once. A cache that fails degrades to a miss (transformations.cache): the site then
answers from the database. An invalidation missed while the cache is down is bounded by
PAGE_CACHE_TIMEOUT.
"""

import uuid

from django.conf import settings
from django.core.cache import caches

GENERATION_KEY = "pagecache:generation"


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def generation():
    cache = _cache()
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(GENERATION_KEY)
    return token


def key_for(request, token, path=None):
    scheme = "https" if request.is_secure() else "http"
    return f"pagecache:{token}:{scheme}:{request.get_host()}:{path or request.path}"


def get(request):
    """The cached (status, headers, content) for this request, or None."""
    return _cache().get(key_for(request, generation()))


def put(request, response):
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in {"set-cookie", "x-page-cache"}
    ]
    entry = (response.status_code, headers, response.content)
    _cache().set(
        key_for(request, generation()), entry, timeout=getattr(settings, "PAGE_CACHE_TIMEOUT", 600)
    )


def invalidate_all():
    """Make every cached page stale, in every process sharing the cache."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate_path(request, path):
    """Forget one page as served on this request's host (e.g. after a vote changed its rating)."""
    _cache().delete(key_for(request, generation(), path))
