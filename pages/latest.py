"""“Latest articles” on pages that choose to show them (the home page, a program page).

The core knows no article model: the app that has articles answers the `latest_articles` Wagtail
hook with a function `(request, count) -> pages, newest first`. With no such app, nothing shows.
"""

from django.db import models
from wagtail import hooks
from wagtail.admin.panels import FieldPanel

HOOK = "latest_articles"
LATEST_COUNT = 3


def latest_articles(request, count=LATEST_COUNT):
    found = []
    for newest in hooks.get_hooks(HOOK):
        found.extend(newest(request, count))
    return found[:count]


class ShowsLatestArticles(models.Model):
    """The editor's choice to end a page with the site's newest articles."""

    show_latest_articles = models.BooleanField(
        "show the latest articles",
        default=False,
        help_text=f"Tick to list the {LATEST_COUNT} newest articles at the end of this page.",
    )

    latest_articles_panels = [FieldPanel("show_latest_articles")]

    class Meta:
        abstract = True
