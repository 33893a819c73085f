"""The full-page cache: anonymous GET/HEAD responses of live Wagtail pages.

Entries live in a Django cache (PAGE_CACHE_ALIAS: Redis in production, local memory in
development; never the database cache, which fails exactly when the database does). Every entry
records the *generation* token current when it was stored; publishing, unpublishing, moving or
deleting a page, or changing site settings, replaces the token, so every process sharing the
cache stops serving the old entries at once. A lookup reads the token and the entry in one round
trip (get_many: one MGET on Redis), which is most of what a hit costs.

A cache that fails degrades to a miss (transformations.cache): the site then answers from the
database. An invalidation missed while the cache is down is bounded by PAGE_CACHE_TIMEOUT.
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


def key_for(request, path=None):
    scheme = "https" if request.is_secure() else "http"
    return f"pagecache:{scheme}:{request.get_host()}:{path or request.path}"


def lookup(request):
    """(token, entry): the current generation token and this request's cached
    (status, headers, content), or None when there is no fresh entry. The token is read before
    the page renders, so a render that overlaps a publish is stored under the old generation and
    never served after it. The token is None only when the cache is unreachable."""
    key = key_for(request)
    found = _cache().get_many([GENERATION_KEY, key])
    token, entry = found.get(GENERATION_KEY), found.get(key)
    if token is None:  # a fresh (or flushed, or unreachable) cache: start a generation
        cache = _cache()
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        return cache.get(GENERATION_KEY), None
    if entry is None or entry[0] != token:
        return token, None
    return token, entry[1:]


def put(request, response, token):
    if token is None:  # the cache is unreachable: nothing to store
        return
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in {"set-cookie", "x-page-cache"}
    ]
    entry = (token, response.status_code, headers, response.content)
    _cache().set(key_for(request), entry, timeout=getattr(settings, "PAGE_CACHE_TIMEOUT", 600))


def invalidate_all():
    """Make every cached page stale, in every process sharing the cache."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate_path(request, path):
    """Forget one page as served on this request's host (e.g. after a vote changed its rating)."""
    _cache().delete(key_for(request, path))
