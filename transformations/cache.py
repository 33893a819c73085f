"""A Redis cache (django-redis) that degrades to a miss when Redis is down.

A Redis backend raises on every call while the server is unreachable, and Wagtail (image
renditions, settings, the page cache) would turn that into a 500 for the visitor. Here a failed
read is a miss and a failed write is skipped; the first failure is logged once per process and the
recovery once, so the logs say what happened without a line per request. (django-redis's own
IGNORE_EXCEPTIONS would log a traceback per call and never say that Redis is back.)

django-redis keeps one client per server for the process, so a call costs one round trip and no
client set-up (Django's own Redis backend builds a new client object for every call).
get_many_tracked costs none while what it reads has not changed (TrackedCopies).
"""

import collections
import functools
import logging
import os
import threading
import time

import redis
from django_redis.cache import RedisCache
from redis.exceptions import RedisError, ResponseError

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
            self._answered()
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


def _forgetting(keys_of):
    """After a write, this process's copies of what it wrote are forgotten (TrackedCopies): its
    next read of them goes to Redis, whether Redis's word of the change has arrived yet or not.
    keys_of(*args) names the keys written; None means all of them."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            finally:
                keys = keys_of(*args, **kwargs)
                self._tracked.forget(None if keys is None else [self.make_key(k) for k in keys])

        return wrapper

    return decorate


def _the_key(key, *args, **kwargs):
    return [key]


def _the_keys(keys, *args, **kwargs):
    return list(keys)


def _every_key(*args, **kwargs):
    return None


class FaultTolerantRedisCache(RedisCache):
    _failing = False

    get = _tolerant(_default)(RedisCache.get)
    get_many = _tolerant(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _tolerant(_false)(RedisCache.has_key)
    add = _forgetting(_the_key)(_tolerant(_false)(RedisCache.add))
    set = _forgetting(_the_key)(_tolerant(_false)(RedisCache.set))
    set_many = _forgetting(_the_keys)(_tolerant(lambda *args, **kwargs: [])(RedisCache.set_many))
    touch = _tolerant(_false)(RedisCache.touch)
    delete = _forgetting(_the_key)(_tolerant(_false)(RedisCache.delete))
    delete_many = _forgetting(_the_keys)(_tolerant(_nothing)(RedisCache.delete_many))
    incr = _forgetting(_the_key)(_tolerant(_first_count)(RedisCache.incr))
    clear = _forgetting(_every_key)(_tolerant(_nothing)(RedisCache.clear))

    def __init__(self, server, params):
        options = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        primary = server if isinstance(server, str) else server[0]
        self._tracked = TrackedCopies(
            primary.split(",")[0],
            **options.get("CONNECTION_POOL_KWARGS", {}),
            socket_timeout=options["SOCKET_TIMEOUT"],
            socket_connect_timeout=options["SOCKET_CONNECT_TIMEOUT"],
        )

    def get_many_tracked(self, keys):
        """get_many, answered from this process's copies of what Redis says has not changed since
        it was read (TrackedCopies); read as usual when they cannot be used."""
        names = {self.make_key(key): key for key in keys}
        found = self._tracked.get_many(list(names), self.client.decode)
        if found is None:
            return self.get_many(keys)
        # Redis answered (or its pushes vouch for the copies): after an outage this may be the
        # first word from it that this process has, when another worker wrote the pages back.
        self._answered()
        return {names[name]: value for name, value in found.items() if value is not None}

    def _answered(self):
        if self._failing:
            self._failing = False
            logger.info("Cache available again.")

    @_tolerant(_nothing)
    def settle(self):
        """Return once Redis has sent its word of this process's last writes to every connection
        tracking the keys (one round trip). Redis queues that word while it executes a write but
        may answer the writer first; a command sent after the answer is read in a later turn of
        its loop, after everything queued before it went out. So when a publish returns, every
        process on this host has the news waiting on its socket, and its next lookup applies it."""
        self.client.get_client(write=True).ping()


class TrackedCopies:
    """Values this process read from Redis, kept until Redis says they changed.

    A page-cache hit reads two keys (the generation and the page's entry) that change only when
    an editor publishes or a vote is counted, yet the round trip to Redis for them was half of
    what a hit cost. They are read here over one connection per process with client tracking on
    (RESP3, `CLIENT TRACKING ON`): Redis remembers the keys the connection read and, when one is
    written, deleted, expired or evicted, or the database is flushed, pushes an invalidation on
    that connection. Before every read, the pushes waiting on the socket are applied; keys still
    held are answered from here, the others read (and tracked again) in one MGET. A process's
    own writes forget its copies at once; one that invalidates pages waits for Redis to have
    sent its pushes (FaultTolerantRedisCache.settle) before it returns. So a publish or a vote
    that is done is never answered from an old copy on this host, and a replica on another host
    has the push as soon as it has crossed the network, well before a visitor's next request.

    Trust is bounded: after MAX_SILENCE seconds without a reply the keys are read again (a
    connection that died without closing fails that read), and a connection that fails or
    closes drops every copy: the caller then reads as usual (through the fault-tolerant cache)
    and the connection is tried again after RETRY_AFTER seconds. A server that refuses tracking
    (older than Redis 6, or a user without the CLIENT command) is logged once and left alone.
    Values are shared between callers: they must not be changed in place.
    """

    MAX_SILENCE = 1.0
    RETRY_AFTER = 1.0
    MAX_BYTES = 16 * 1024 * 1024

    def __init__(self, url, **connection_options):
        self._url, self._options = url, connection_options
        self._lock = threading.Lock()
        self._connection = self._pid = None
        self._copies = collections.OrderedDict()  # key: (size, value), least recently used first
        self._bytes = 0
        self._heard = self._retry_at = 0.0
        self._refused = False

    def get_many(self, keys, decode):
        """{key: value or None} for these Redis keys (as stored), or None if tracking is off."""
        with self._lock:
            try:
                return self._get_many(keys, decode)
            except ResponseError as error:
                self._drop()
                self._refused = True
                logger.warning("Redis refused client tracking (%s); reading without it.", error)
            except (RedisError, OSError):
                self._drop()
                self._retry_at = time.monotonic() + self.RETRY_AFTER
            return None

    def _get_many(self, keys, decode):
        if self._pid != os.getpid():  # a forked worker: the parent's connection is not ours
            self._connection = None
            self._forget(None)
        if self._connection is None:
            if self._refused or time.monotonic() < self._retry_at:
                return None
            self._connect()
        connection = self._connection
        while connection.can_read():  # invalidations pushed since the last read
            connection.read_response(push_request=True)
        if time.monotonic() - self._heard < self.MAX_SILENCE:
            held = [self._copies.get(key) for key in keys]
            if None not in held:
                for key in keys:
                    self._copies.move_to_end(key)
                return {key: copy[1] for key, copy in zip(keys, held, strict=True)}
        connection.send_command("MGET", *keys)
        found = connection.read_response()
        self._heard = time.monotonic()
        values = {}
        for key, raw in zip(keys, found, strict=True):
            values[key] = None if raw is None else decode(raw)
            self._keep(key, len(key) + len(raw or b""), values[key])
        return values

    def forget(self, keys):
        """Drop the copies of these keys (None: of every key)."""
        with self._lock:
            self._forget(keys)

    def _connect(self):
        pool = redis.ConnectionPool.from_url(self._url, protocol=3, **self._options)
        connection = pool.make_connection()
        connection.connect()
        connection.send_command("CLIENT", "TRACKING", "ON")
        connection.read_response()
        # redis-py hands a RESP3 push to the parser's handler for its type ([b"invalidate",
        # keys], or None for keys when the database was flushed).
        connection._parser.set_invalidation_push_handler(self._invalidated)
        self._connection, self._pid = connection, os.getpid()

    def _invalidated(self, push):
        keys = push[1]
        self._forget(None if keys is None else [key.decode() for key in keys])

    def _forget(self, keys):
        if keys is None:
            self._copies.clear()
            self._bytes = 0
        for key in keys or ():
            size, _ = self._copies.pop(key, (0, None))
            self._bytes -= size

    def _keep(self, key, size, value):
        previous, _ = self._copies.pop(key, (0, None))
        self._copies[key] = (size, value)
        self._bytes += size - previous
        while self._bytes > self.MAX_BYTES and len(self._copies) > 1:
            _, (evicted, _) = self._copies.popitem(last=False)
            self._bytes -= evicted

    def _drop(self):
        self._forget(None)
        if self._connection is not None and self._pid == os.getpid():
            self._connection.disconnect()
        self._connection = None
