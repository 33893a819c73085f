"""Encode the images live pages show before a visitor asks for them.

A page's first view makes its image renditions (AVIF, WebP and JPEG at two or three widths):
about half a second of encoding and some 30 MB more memory in the web worker that does it, for
the visitor who happened to come first. This command renders every live page once, outside any
web worker, so the renditions its templates ask for already exist. The templates stay the one
place that says which renditions a page uses.

The compose `migrate` service runs it after each deploy and the scheduler after each
publish_scheduled run, for the pages published since its previous turn.
"""

import logging
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIRequest
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail.images import get_image_model
from wagtail.models import Page

logger = logging.getLogger(__name__)


def render_once(page):
    """Render a live page as an anonymous visitor would see it; return the response.

    Not Wagtail's make_preview_request(): that runs every middleware, and with production's
    SECURE_SSL_REDIRECT a dummy request for a Site on port 80 is answered with a 301, so no page
    would be rendered. Only the view is needed here: images are made by the templates.
    """
    request = WSGIRequest(page._get_dummy_headers())
    request.is_dummy = True
    request.user = AnonymousUser()
    response = page.serve_preview(request, page.default_preview_mode)
    if hasattr(response, "render"):
        response.render()
    return response


class Command(BaseCommand):
    help = "Render every live page once so the image renditions it shows exist before visitors ask."

    def add_arguments(self, parser):
        parser.add_argument(
            "--published-within",
            type=int,
            metavar="SECONDS",
            help="Only pages (re)published in the last SECONDS (the scheduler's frequent turn).",
        )

    def handle(self, *args, published_within=None, **options):
        if published_within is not None and published_within < 1:
            raise CommandError("--published-within must be at least 1 second.")
        pages = Page.objects.live().filter(depth__gt=1).order_by("path")
        if published_within is not None:
            since = timezone.now() - timedelta(seconds=published_within)
            pages = pages.filter(last_published_at__gte=since)
        renditions = get_image_model().get_rendition_model().objects
        before = renditions.count()
        failed = []
        rendered = 0
        for page in pages.specific().iterator():
            try:
                response = render_once(page)
            except Exception:
                logger.exception("prepare_renditions: page %s failed to render", page.pk)
                failed.append(page)
                continue
            if response.status_code != 200:
                logger.error(
                    "prepare_renditions: page %s answered %s", page.pk, response.status_code
                )
                failed.append(page)
                continue
            rendered += 1
        made = renditions.count() - before
        pages_text = ngettext("%(count)d live page", "%(count)d live pages", rendered)
        renditions_text = ngettext(
            "%(count)d new image rendition", "%(count)d new image renditions", made
        )
        self.stdout.write(
            f"Rendered {pages_text % {'count': rendered}}; {renditions_text % {'count': made}}."
        )
        if failed:
            ids = ", ".join(str(page.pk) for page in failed)
            message = ngettext(
                "%(count)d page could not be rendered",
                "%(count)d pages could not be rendered",
                len(failed),
            )
            raise CommandError(f"{message % {'count': len(failed)}} (ids: {ids}).")
