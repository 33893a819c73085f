import uuid

from django.db import models
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from pages.citations import CitationIndex
from pages.panels import HiddenFieldPanel

from .fields import HttpURLField


class Citation(Orderable):
    """One source a page cites (any page type that mixes in CitingPage)."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="citations")
    uuid = models.UUIDField(
        "marker ID",
        null=True,
        blank=True,
        help_text="Filled in automatically; the text's citation markers point here.",
    )
    source = models.CharField(
        "source organisation",
        max_length=200,
        help_text="Who published it, e.g. National Institute on Drug Abuse.",
    )
    title = models.CharField(max_length=300)
    url = HttpURLField(
        "URL",
        max_length=500,
        help_text="The full web address, starting with http:// or https://.",
    )
    note = models.CharField(max_length=300, blank=True, help_text="Optional, e.g. a page range.")

    panels = [
        FieldPanel("source"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("note"),
        HiddenFieldPanel("uuid", attrs={"data-citation-uuid": ""}),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "uuid"], name="unique_citation_marker_per_page")
        ]

    def __str__(self):
        return f"{self.source}. {self.title}"

    def save(self, *args, **kwargs):
        if self.uuid is None:
            self.uuid = uuid.uuid4()
        super().save(*args, **kwargs)


class CitingPage(models.Model):
    """For page types whose `body` cites sources: the Citations panel and the numbering.

    The page numbers its citations by their first marker in the body; templates get the
    numbering as `citation_index` (markers in the text, the references list below it).
    """

    citation_panel = InlinePanel(
        "citations",
        heading="Citations",
        label="Citation",
        help_text=(
            "The sources this page cites. Place a marker in the text with the ‘Cite’ button of "
            "the text editor; the page numbers citations by where they first appear."
        ),
    )

    class Meta:
        abstract = True

    def citation_index(self):
        """Citations numbered by their first marker in the body (one query, kept per instance)."""
        if not hasattr(self, "_citation_index"):
            self._citation_index = CitationIndex.for_stream(list(self.citations.all()), self.body)
        return self._citation_index

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read when the template first asks (a body kept by the fragment cache never does).
        context["citation_index"] = SimpleLazyObject(self.citation_index)
        return context
