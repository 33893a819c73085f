"""The full-page cache: anonymous GET/HEAD responses of live Wagtail pages.

Entries live in a Django cache (PAGE_CACHE_ALIAS: Redis in production, local memory in
development; never the database cache, which fails exactly when the database does). Every entry
records the *generation* token current when it was stored; publishing, unpublishing, moving or
deleting a page, or changing site settings, replaces the token, so every process sharing the
cache stops serving the old entries at once. A lookup reads the token and the entry together, on
Redis from copies the process keeps until Redis pushes word that either changed
(transformations.cache.TrackedCopies): a hit then makes no round trip at all.

An entry is fresh for PAGE_CACHE_TIMEOUT seconds in its generation. It is kept longer
(PAGE_CACHE_STALE_TIMEOUT) as a *stale* copy, served only when rendering the page fails because
the database is down: visitors then still read the page (and find the phone number) through an
outage longer than the freshness window, or one that starts just after a publish. A page that is
unpublished or deleted leaves a tombstone, so its stale copy is never served again.

A cache that fails degrades to a miss (transformations.cache): the site then answers from the
database. An invalidation missed while the cache is down is bounded by PAGE_CACHE_TIMEOUT.
"""

import contextlib
import contextvars
import time
import uuid

from django.conf import settings
from django.core.cache import caches

GENERATION_KEY = "pagecache:generation"
# A second token for what a page's own content renders to (pagecache.fragments): replaced with
# the generation by every change except a page's publication, which leaves the other pages'
# bodies as they were (their links follow pages by ID; a changed URL comes as a move or a slug
# change, which replaces both).
CONTENT_KEY = "pagecache:content"
GONE_PREFIX = "pagecache:gone:"
FRAGMENT_PREFIX = "pagecache:fragment:"


def shared_cache():
    """The cache every web process shares (Redis in production)."""
    return caches[settings.PAGE_CACHE_ALIAS]


class _Round:
    """What one request read ahead (read_ahead) and will write (keep) while it renders."""

    def __init__(self):
        self.read, self.writes = {}, {}


_round = contextvars.ContextVar("pagecache_round", default=None)


def keep(key, value):
    """Store `value` under `key` for PAGE_CACHE_TIMEOUT seconds: at once, or with the other
    writes of the request being rendered (gathered_writes)."""
    current = _round.get()
    if current is None:
        shared_cache().set(key, value, timeout=settings.PAGE_CACHE_TIMEOUT)
    else:
        current.writes[key] = value


def read_ahead(keys):
    """Read `keys` in one round trip for the request being rendered, which kept() then answers
    from (a page rendered afresh asks for its parts one by one: one round trip each)."""
    current = _round.get()
    if current is not None and keys:
        found = shared_cache().get_many(keys)
        current.read.update({key: found.get(key) for key in keys})


def kept(key):
    """What keep() stored under `key` (None if nothing): this request's writes, then what it read
    ahead, then the cache."""
    current = _round.get()
    if current is not None:
        if key in current.writes:
            return current.writes[key]
        if key in current.read:
            return current.read[key]
    return shared_cache().get(key)


@contextlib.contextmanager
def gathered_writes():
    """Within it, keep() gathers its writes and sends them in one round trip at the end: a page
    rendered from nothing writes its site data, its route and five parts, seven round trips
    otherwise. Another process sees them a render later, which only costs it that render."""
    current = _Round()
    reset = _round.set(current)
    try:
        yield
    finally:
        _round.reset(reset)
        if current.writes:
            shared_cache().set_many(current.writes, timeout=settings.PAGE_CACHE_TIMEOUT)


def start_generation(key=GENERATION_KEY):
    """The token of a fresh (or flushed, or unreachable) cache: the first process to ask sets it."""
    cache = shared_cache()
    token = uuid.uuid4().hex
    if cache.add(key, token, timeout=None):  # one round trip when this process is the first
        return token
    return cache.get(key)


def key_for(request, path=None):
    scheme = "https" if request.is_secure() else "http"
    # "v2": the entry layout of this code; entries an older release stored are never read.
    return f"pagecache:v2:{scheme}:{request.get_host()}:{path or request.path}"


def lookup(request):
    """(token, fresh, stale) for this request.

    token: the current generation, read before the page renders, so a render that overlaps a
    publish is stored under the old generation and never served after it (None only when the
    cache is unreachable). fresh: the (status, headers, content) to serve, or None. stale: an
    older copy of the page for when rendering fails, or None.
    """
    key = key_for(request)
    cache = shared_cache()
    # On Redis, from this process's copies while Redis has not said they changed: no round trip.
    read = getattr(cache, "get_many_tracked", cache.get_many)
    found = read([GENERATION_KEY, key])
    token, entry = found.get(GENERATION_KEY), found.get(key)
    if token is None:
        token = start_generation()
    if entry is None:
        return token, None, None
    stored_token, stored_at, *response = entry
    age = time.time() - stored_at
    if stored_token == token and age < settings.PAGE_CACHE_TIMEOUT:
        return token, tuple(response), None
    return token, None, tuple(response)


def put(request, response, token):
    if token is None:  # the cache is unreachable: nothing to store
        return
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in {"set-cookie", "x-page-cache"}
    ]
    entry = (token, time.time(), response.status_code, headers, response.content)
    timeout = max(settings.PAGE_CACHE_STALE_TIMEOUT, settings.PAGE_CACHE_TIMEOUT)
    shared_cache().set(key_for(request), entry, timeout=timeout)


def is_gone(path):
    """Whether the page at this path was unpublished or deleted: never serve a stale copy."""
    return shared_cache().get(GONE_PREFIX + path) is not None


def _paths(page):
    parts = page.get_url_parts()
    return [parts[2]] if parts else []


def mark_gone(page):
    for path in _paths(page):
        shared_cache().set(GONE_PREFIX + path, 1, timeout=settings.PAGE_CACHE_STALE_TIMEOUT)


def mark_live(page):
    shared_cache().delete_many([GONE_PREFIX + path for path in _paths(page)])


def _settle(cache):
    """Return once every process has been told of what was just written (on Redis, whose word
    of a change to a key a process keeps a copy of may go out just after its answer to us:
    transformations.cache.FaultTolerantRedisCache.settle). Other caches tell nobody."""
    settle = getattr(cache, "settle", None)
    if settle is not None:
        settle()


def invalidate_all():
    """Make every cached page and every page's cached content stale, in every process sharing
    the cache."""
    cache = shared_cache()
    cache.set_many({GENERATION_KEY: uuid.uuid4().hex, CONTENT_KEY: uuid.uuid4().hex}, timeout=None)
    _settle(cache)


def invalidate_pages():
    """A page was published: every cached page is stale (menus, listings, breadcrumbs and the
    page itself may have changed), but what the other pages' own content renders to is not."""
    cache = shared_cache()
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    _settle(cache)


def invalidate_path(request, path):
    """Forget one page as served on this request's host (e.g. after a vote changed its rating)."""
    cache = shared_cache()
    cache.delete(key_for(request, path))
    _settle(cache)


def fragment(name, version, render):
    """What `render()` returns (HTML, or any value pickle keeps), shared by every process for a
    part of many pages that costs queries to build (e.g. the footer's credentials).

    Kept under `name` with the `version` it was built for (what else the HTML depends on, e.g.
    the day) and at most PAGE_CACHE_TIMEOUT seconds: whoever changes what it shows calls
    forget_fragment(name), and an invalidation missed while the cache was down is bounded like a
    page's. Without a shared cache (FRAGMENT_CACHE_ENABLED off) or with it unreachable, it is
    simply rendered.
    """
    if not settings.FRAGMENT_CACHE_ENABLED:
        return render()
    key = FRAGMENT_PREFIX + name
    stored = kept(key)
    if stored is not None and stored[0] == version:
        return stored[1]
    value = render()
    keep(key, (version, value))
    return value


def forget_fragment(name):
    shared_cache().delete(FRAGMENT_PREFIX + name)
