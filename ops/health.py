"""Liveness and readiness endpoints for load balancers, Docker and orchestrators.

Answered by the first middleware, before SecurityMiddleware (no HTTPS redirect), before any host
check (a probe may use the container's address) and before sessions or authentication.
- /healthz: the process serves requests. Touches nothing else, so it stays fast and green while
  the database is down (restarting web would not bring the database back).
- /readyz: the database and the cache answer; 503 otherwise, so a load balancer stops sending
  visitors to a web container that cannot serve pages.
"""

import contextlib
import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import JsonResponse

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
HEALTH_PATHS = (HEALTH_PATH, READY_PATH)


def _database_ok():
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        # Drop the broken connection so the next request reconnects instead of reusing it.
        with contextlib.suppress(DatabaseError):
            connection.close()
        return False


def _cache_ok():
    key = "ops:readyz"
    token = secrets.token_hex(8)
    try:
        cache.set(key, token, timeout=10)
        return cache.get(key) == token
    except Exception:  # noqa: BLE001  (any backend error means "not ready")
        return False


def _answer(status, checks):
    response = JsonResponse({"status": "ok" if status == 200 else "unavailable", **checks})
    response.status_code = status
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH:
            return _answer(200, {})
        if request.path == READY_PATH:
            checks = {"database": _database_ok(), "cache": _cache_ok()}
            ready = all(checks.values())
            if not ready:
                failed = ", ".join(name for name, ok in checks.items() if not ok)
                logger.warning("not ready: %s unreachable", failed)
            states = {name: "ok" if ok else "down" for name, ok in checks.items()}
            return _answer(200 if ready else 503, states)
        return self.get_response(request)
