import uuid

from django import forms
from django.core.validators import URLValidator
from django.db import models
from django.http import Http404
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.citations import CitationIndex, citation_ids_in
from pages.panels import PLAIN_PROMOTE_PANELS, PLAIN_SETTINGS_PANELS
from reviews.models import ClinicallyReviewed

from .base import BasePage


class ProgramIndexPage(BasePage):
    """Lists the levels of care (program pages)."""

    template = "pages/program_index_page.html"
    max_count = 1
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ProgramPage"]

    def route(self, request, path_components):
        """Fetch the program page, its reviewer and its rating in one query (Wagtail: three)."""
        if not path_components:
            return super().route(request, path_components)
        slug, *remaining = path_components
        from ratings.votes import with_rating

        program = with_rating(
            ProgramPage.objects.child_of(self).filter(slug=slug).select_related("reviewed_by")
        ).first()
        if program is None:
            raise Http404
        return program.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = (
            ProgramPage.objects.live().public().child_of(self).order_by("path").specific()
        )
        return context


class ProgramPage(ClinicallyReviewed, BasePage):
    """A level of care (e.g. Intensive Outpatient), written from benefit sections and CTAs."""

    template = "pages/program_page.html"
    parent_page_types = ["pages.ProgramIndexPage"]
    subpage_types = []

    body = StreamField(BodyBlock(), blank=True)
    ratings_enabled = models.BooleanField(
        "show the article rating",
        default=True,
        help_text="Untick to hide “Rate this article” on this page (votes so far are kept).",
    )

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        InlinePanel(
            "citations",
            heading="Citations",
            label="Citation",
            help_text=(
                "The sources this page cites. Place a marker in the text with the ‘Cite’ button of "
                "the text editor; the page numbers citations by where they first appear."
            ),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(
                ClinicallyReviewed.review_panels,
                heading="Clinical review",
                help_text=(
                    "A clinician checks every program page before it is published and again "
                    "after the review interval. Approving the page in the ‘Clinical review’ "
                    "workflow fills in the reviewer and the date; you rarely need to change them "
                    "by hand."
                ),
            ),
            ObjectList(PLAIN_PROMOTE_PANELS, heading="Promote"),
            ObjectList([*PLAIN_SETTINGS_PANELS, FieldPanel("ratings_enabled")], heading="Settings"),
        ]
    )

    def citation_index(self):
        """Citations numbered by their first marker in the body (one query, cached per instance)."""
        if not hasattr(self, "_citation_index"):
            ordered_ids = []
            for block in self.body:
                if block.block_type == "text":
                    ordered_ids += citation_ids_in(block.value.source)
                elif block.block_type == "benefit_section":
                    ordered_ids += citation_ids_in(block.value["text"].source)
            self._citation_index = CitationIndex(list(self.citations.all()), ordered_ids)
        return self._citation_index

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["citation_index"] = self.citation_index()
        return context


http_url = URLValidator(schemes=["http", "https"])


class Citation(Orderable):
    """One source a program page cites."""

    page = ParentalKey(ProgramPage, on_delete=models.CASCADE, related_name="citations")
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
    url = models.URLField(
        "URL",
        max_length=500,
        validators=[http_url],
        error_messages={"invalid": "Enter a web address starting with http:// or https://."},
        help_text="The full web address, starting with http:// or https://.",
    )
    note = models.CharField(max_length=300, blank=True, help_text="Optional, e.g. a page range.")

    panels = [
        FieldPanel("source"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("note"),
        FieldPanel("uuid", widget=forms.HiddenInput(attrs={"data-citation-uuid": ""})),
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
