"""Error views that must work while the database is down."""

import logging
import sys

from django.db import DatabaseError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
FALLBACK_503 = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>We'll be right back</title>"
    "<h1>We'll be right back</h1><p>Our website is briefly unavailable. Please try again in a "
    "minute.</p>"
)


def server_error(request, template_name="500.html"):
    """handler500: the branded 503 page when the database is unreachable, else the 500 page.

    Django calls handler500 while handling the exception, so sys.exc_info() tells which it was.
    The 503 template is rendered without a request, hence without context processors: it must
    not need the database (no site settings, no user).
    """
    exc = sys.exc_info()[1]
    if isinstance(exc, DatabaseError):
        try:
            html = loader.get_template("503.html").render({})
        except Exception:
            logger.exception("the 503 page could not be rendered")
            html = FALLBACK_503
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return defaults.server_error(request, template_name=template_name)
