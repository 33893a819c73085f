"""Logging: one line per event, so log shippers never split a record; repeats held back."""

import logging
import time

from django.db import DatabaseError

from ops.health import HEALTH_PATHS


class OneLineFormatter(logging.Formatter):
    """The standard format, with newlines in messages and tracebacks escaped as \\n."""

    def format(self, record):
        return super().format(record).replace("\r", "").replace("\n", "\\n")


class RepeatedDatabaseErrorFilter(logging.Filter):
    """While the database is down every uncached request fails the same way, and Django logs
    each one with its traceback: thousands of identical records a minute, burying whatever else
    happens. This passes the first record of each database error (same class and message) and
    then at most one per WINDOW seconds, saying how many it held back. Other records pass.
    """

    WINDOW = 60.0

    def __init__(self, name=""):
        super().__init__(name)
        self._seen = {}  # (class, message) -> [time of the last record passed, held back since]

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, DatabaseError):
            return True
        key = (type(error).__name__, str(error).strip().split("\n", 1)[0])
        now = time.monotonic()
        seen = self._seen.get(key)
        if seen is not None and now - seen[0] < self.WINDOW:
            seen[1] += 1
            return False
        if seen is not None and seen[1]:
            record.msg = (
                f"{record.msg} (the same database error also failed {seen[1]} more "
                f"request(s) in the last {self.WINDOW:.0f} s, not logged)"
            )
        if len(self._seen) > 100:  # errors with ever-changing messages cannot grow this
            self._seen.clear()
        self._seen[key] = [now, 0]
        return True


class HealthProbeFilter(logging.Filter):
    """Drops Django's "Service Unavailable: /readyz" records: the readiness check logs one line of
    its own that says what is down, and a load balancer asks every few seconds."""

    def filter(self, record):
        request = getattr(record, "request", None)
        return getattr(request, "path", None) not in HEALTH_PATHS
