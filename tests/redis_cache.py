"""The site's Redis cache (transformations.cache) on the machine's Redis, for tests that count
what reaches it."""

import pytest
import redis


class CountingConnection(redis.Connection):
    """A real Redis connection that counts its round trips (each command, or each pipeline, is
    sent once and answered once)."""

    sent = 0

    def send_packed_command(self, command, check_health=True):
        CountingConnection.sent += 1
        return super().send_packed_command(command, check_health)


def use_redis(settings, location):
    """Make `location` (flushed; the test is skipped without a Redis) the default cache, its
    round trips counted by CountingConnection."""
    try:
        redis.Redis.from_url(location, socket_timeout=1).flushdb()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "transformations.cache.FaultTolerantRedisCache",
            "LOCATION": location,
            "OPTIONS": {"CONNECTION_POOL_KWARGS": {"connection_class": CountingConnection}},
        }
    }
