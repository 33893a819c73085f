from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from pages.blocks import BodyBlock
from pages.latest import ShowsLatestArticles
from pages.models import BasePage
from programs.models import ProgramIndexPage


class HomePage(ShowsLatestArticles, BasePage):
    template = "home/home_page.html"
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "programs.ProgramIndexPage",
        "articles.ArticleIndexPage",
        "pages.StandardPage",
        "inquiries.ContactPage",
        "locations.LocationIndexPage",
        "insurance.InsurancePage",
    ]

    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        *ShowsLatestArticles.latest_articles_panels,
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["program_index"] = ProgramIndexPage.objects.live().descendant_of(self).first()
        return context
