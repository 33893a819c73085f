from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from pages.models import BasePage
from programs.models import ProgramIndexPage

from .blocks import HomeBodyBlock


class HomePage(BasePage):
    """The site's root: a stream of blocks the editors arrange (home.blocks). Without a hero block
    at the top, the page opens with its title, introduction and call button."""

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
        "credentials.AboutPage",
    ]

    body = StreamField(
        HomeBodyBlock(),
        blank=True,
        help_text=(
            "Start with a hero for the main heading and the call button; then, for example, the "
            "program cards, what happens when you call, locations, credentials and questions."
        ),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    @property
    def opens_with_hero(self):
        return bool(self.body) and self.body[0].block_type == "hero"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not self.opens_with_hero:
            context["program_index"] = ProgramIndexPage.objects.live().child_of(self).first()
        return context
