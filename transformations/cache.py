"""A Redis cache (django-redis) that degrades to a miss when Redis is down.

A Redis backend raises on every call while the server is unreachable, and Wagtail (image
renditions, settings, the page cache) would turn that into a 500 for the visitor. Here a failed
read is a miss and a failed write is skipped; the first failure is logged once per process and the
recovery once, so the logs say what happened without a line per request. (django-redis's own
IGNORE_EXCEPTIONS would log a traceback per call and never say that Redis is back.)

django-redis keeps one client per server for the process, so a call costs one round trip and no
client set-up (Django's own Redis backend builds a new client object for every call).
"""

import functools
import logging

from django_redis.cache import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# A dead server must cost milliseconds, not the default (unbounded) wait.
DEFAULT_OPTIONS = {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.5}


def _tolerant(fallback):
    """Answer `fallback(*args, **kwargs)` instead of raising while Redis is unreachable."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                if not self._failing:
                    self._failing = True
                    logger.warning(
                        "Cache unavailable (%s); answering without it until it is back.",
                        error.__class__.__name__,
                    )
                return fallback(*args, **kwargs)
            if self._failing:
                self._failing = False
                logger.info("Cache available again.")
            return result

        return wrapper

    return decorate


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _default(key, default=None, *args, **kwargs):
    return default


def _first_count(key, delta=1, *args, **kwargs):
    # A counter (a rate limit) that cannot be read counts as the first hit: the site stays open to
    # people asking for help while the cache is down.
    return delta


class FaultTolerantRedisCache(RedisCache):
    _failing = False

    def __init__(self, server, params):
        options = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})

    get = _tolerant(_default)(RedisCache.get)
    get_many = _tolerant(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _tolerant(_false)(RedisCache.has_key)
    add = _tolerant(_false)(RedisCache.add)
    set = _tolerant(_false)(RedisCache.set)
    set_many = _tolerant(lambda *args, **kwargs: [])(RedisCache.set_many)
    touch = _tolerant(_false)(RedisCache.touch)
    delete = _tolerant(_false)(RedisCache.delete)
    delete_many = _tolerant(_nothing)(RedisCache.delete_many)
    incr = _tolerant(_first_count)(RedisCache.incr)
    clear = _tolerant(_nothing)(RedisCache.clear)
