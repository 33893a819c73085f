"""Error views that must work while the database is down."""

import sys

from django.db import DatabaseError
from django.http import HttpResponse

from pages.views import render_static_error

RETRY_AFTER_SECONDS = 30


def server_error(request, template_name="500.html"):
    """handler500: the 503 page when the database is unreachable, else the 500 page.

    Django calls handler500 while handling the exception, so sys.exc_info() tells which it was.
    Both pages are static (pages.views.render_static_error): they must not need the database.
    """
    if isinstance(sys.exc_info()[1], DatabaseError):
        response = HttpResponse(render_static_error("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = HttpResponse(render_static_error(template_name), status=500)
    response["Cache-Control"] = "no-store"
    return response
