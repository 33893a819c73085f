from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
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

    @property
    def summary(self):
        return self.intro or self.search_description

    def get_context(self, request, *args, **kwargs):
        from .site_settings import SiteSettings

        context = super().get_context(request, *args, **kwargs)
        # Blocks (call-to-action boxes) fall back to the site's admissions number.
        context["site_settings"] = SiteSettings.for_request(request)
        return context
