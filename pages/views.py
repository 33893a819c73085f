import logging

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

logger = logging.getLogger(__name__)

FALLBACK_500 = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Something went wrong</title>"
    "<h1>Something went wrong on our side</h1><p>If you need help now, call "
    '<a href="tel:911">911</a> in an emergency, or call or text <a href="tel:988">988</a>.</p>'
)


@require_GET
@cache_control(max_age=86_400, public=True)
def robots_txt(request):
    """Keep crawlers out of the admin and point them at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def server_error(request, *args, **kwargs):
    """The 500 page, in the site's design, rendered without the database or the request.

    The error may be the database itself, so this never queries: the settings shown are the
    model's defaults (an unsaved SiteSettings), and the template gets no context processors.
    """
    from pages.models import SiteSettings

    try:
        html = render_to_string("500.html", {"s": SiteSettings()})
    except Exception:  # the error page itself must never fail
        logger.exception("The 500 page could not be rendered; sending the plain fallback.")
        html = FALLBACK_500
    return HttpResponseServerError(html)


def serve_media(request, path):
    """Uploaded images and their renditions, when no web server in front serves MEDIA_ROOT.

    Off unless settings.SERVE_MEDIA is on (production-like local runs such as `make audit`).
    """
    if not settings.SERVE_MEDIA:
        raise Http404("Media files are not served by this application.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
