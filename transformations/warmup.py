"""Do in the gunicorn master, once, the work Django and Wagtail otherwise do lazily on each
worker's first requests.

gunicorn loads the application before it forks its workers (preload_app) and replaces a worker
now and then (max_requests). Without this, every new worker pays on its first requests for
importing the views and the cache client, collecting Wagtail's hooks and compiling templates:
measured at 125 ms for the first cache hit of a fresh worker, during which the requests queued
behind it wait too. Done before the fork, the work is shared by every worker (copy-on-write).

Nothing here opens a connection: sockets opened before the fork would be shared by workers.
"""

import logging
from pathlib import Path

# The cache client, which django-redis imports lazily on a worker's first cache call.
import django_redis.client  # noqa: F401
import redis  # noqa: F401
from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver
from wagtail import hooks

logger = logging.getLogger(__name__)


def _templates():
    for directory in settings.TEMPLATES[0]["DIRS"]:
        root = Path(directory)
        for path in sorted(root.rglob("*.html")):
            yield path.relative_to(root).as_posix()


def warm_up():
    get_resolver().url_patterns  # noqa: B018 - imports every URLconf and view module
    hooks.search_for_hooks()
    engine = engines["django"]
    for name in _templates():
        try:
            engine.get_template(name)  # compiled once, kept by the cached loader
        except TemplateSyntaxError:
            # The page using it answers with the error page, as it would without this.
            logger.exception("Template %s does not compile", name)
