"""The site's Redis cache (transformations.cache) on the machine's Redis, for tests that count
what reaches it; and a private redis-server, for tests that stop it."""

import contextlib
import socket
import subprocess
import time

import pytest
import redis

from scripts.gunicorn_server import free_port, stop_process


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


class RedisServer:
    """A redis-server of the test's own on a spare loopback port, nothing saved to disk: it can be
    stopped and started again (empty) on the same port."""

    def __init__(self, ports=()):
        self.port = free_port(ports)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1),
            ):
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        stop_process(self.proc, timeout=10)
