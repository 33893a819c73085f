from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import BodyBlock

from .base import BasePage


class StandardPage(BasePage):
    """The privacy notice, the accessibility statement and other plain pages."""

    template = "pages/standard_page.html"
    parent_page_types = ["home.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    body = StreamField(BodyBlock(), blank=True)

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]
