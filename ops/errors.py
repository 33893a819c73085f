"""Error pages that must work while the database is down (handler500, and the 503 of an outage).

Both are rendered from static templates without the database or the request: the settings shown
are the model's defaults (an unsaved SiteSettings), and the templates get no context processors.
"""

import logging
import sys

from django.db import DatabaseError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join

from pages.crisis import DEFAULT_CRISIS_LINES, dial_href
from pages.models import SiteSettings

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30

# When the error template itself cannot be rendered: still the crisis lines, by plain links.
FALLBACK_PAGE = format_html(
    "<!doctype html><html lang=en><meta charset=utf-8><title>Something went wrong</title>"
    "<h1>Something went wrong on our side</h1><p>If you need help now:</p><ul>{}</ul>",
    format_html_join(
        "",
        '<li>{}: <a href="{}">call {}</a></li>',
        (
            (line["name"], dial_href(line["number"]), line["number"])
            for line in DEFAULT_CRISIS_LINES
        ),
    ),
)


def render_static_error(template_name):
    """An error page in the site's design, rendered without the database or the request."""
    try:
        return render_to_string(template_name, {"site_settings": SiteSettings()})
    except Exception:  # the error page itself must never fail
        logger.exception(
            "The %s page could not be rendered; sending the plain fallback.", template_name
        )
        return FALLBACK_PAGE


def server_error(request, template_name="500.html"):
    """handler500: the 503 page when the database is unreachable, else the 500 page.

    Django calls handler500 while handling the exception, so sys.exc_info() tells which it was.
    """
    if isinstance(sys.exc_info()[1], DatabaseError):
        response = HttpResponse(render_static_error("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = HttpResponse(render_static_error(template_name), status=500)
    response["Cache-Control"] = "no-store"
    return response
