from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index


class BasePage(Page):
    """Fields every public page shares: an introduction used on the page and in listings."""

    intro = models.TextField(
        blank=True,
        help_text="One or two sentences under the title. Also used as the summary in listings.",
    )

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """The view restrictions of this page and its ancestors, in one query (Wagtail's takes two).

        As in Wagtail, a page that is an alias uses its source page's restrictions. The ancestors'
        paths are prefixes of this page's path, so no query is needed to find them.
        """
        step = self.steplen
        chain = Page.objects.filter(
            path__in=[self.path[:end] for end in range(step, len(self.path) + 1, step)]
        )
        return PageViewRestriction.objects.filter(
            Q(page__in=chain.filter(alias_of__isnull=True).values("pk"))
            | Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of"))
        )

    @property
    def summary(self):
        return self.intro or self.search_description

    def get_context(self, request, *args, **kwargs):
        from .site_settings import SiteSettings

        context = super().get_context(request, *args, **kwargs)
        # Blocks (call-to-action boxes) fall back to the site's admissions number.
        context["site_settings"] = SiteSettings.for_request(request)
        return context
