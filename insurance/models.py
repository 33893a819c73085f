"""The insurance carriers the center works with (a snippet, ordered by hand) and the Insurance page
that lists them under the center's own wording: never a promise of coverage."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from pages.models import BasePage

DEFAULT_WORDING = (
    "We work with many insurance plans. Coverage depends on your plan: call us and we will check "
    "yours with you, free and in confidence."
)


class InsuranceCarrier(Orderable):
    name = models.CharField(max_length=120, unique=True)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = "insurance carrier"

    def __str__(self):
        return self.name


class InsurancePage(BasePage):
    """/insurance/: the carriers, under wording that promises no coverage."""

    template = "insurance/insurance_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    wording = models.TextField(
        default=DEFAULT_WORDING,
        help_text=(
            "Shown above the list of carriers. Say that coverage depends on the plan and invite "
            "people to call: the list is not a promise that a plan pays."
        ),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("wording")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["carriers"] = InsuranceCarrier.objects.order_by("sort_order", "name")
        return context
