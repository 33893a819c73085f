from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.latest import ShowsLatestArticles
from pages.models import BasePage, CitingPage
from pages.panels import editor_tabs
from pages.structured_data import medical_web_page
from ratings.models import RateablePage
from reviews.models import ClinicallyReviewed


class ProgramIndexPage(BasePage):
    """Lists the levels of care (program pages).

    Every child is a ProgramPage, so BasePage.route fetches a program page with its reviewer and
    its rating in one query. A new program index is put under the "Clinical review" workflow by
    the reviews app (it holds health pages).
    """

    template = "programs/program_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["programs.ProgramPage"]

    def programs(self):
        return ProgramPage.objects.live().public().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = self.programs()
        return context


class ProgramPage(ClinicallyReviewed, RateablePage, CitingPage, ShowsLatestArticles, BasePage):
    """A level of care (e.g. Intensive Outpatient), written from benefit sections and CTAs."""

    template = "programs/program_page.html"
    parent_page_types = ["programs.ProgramIndexPage"]
    subpage_types = []

    body = StreamField(BodyBlock(), blank=True)

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel(
            "body",
            help_text=(
                "A program page is built from benefit sections (a heading, text and an optional "
                "picture: one benefit of the program each) with calls to action between them "
                "(‘Need More Information?’ with the admissions number). Press + (above or between "
                "blocks) to add one."
            ),
        ),
        CitingPage.citation_panel,
        *ShowsLatestArticles.latest_articles_panels,
    ]
    edit_handler = editor_tabs(
        content_panels,
        ClinicallyReviewed.review_tab("program page"),
        settings_panels=RateablePage.rating_panels,
    )

    def structured_data(self, graph):
        page = medical_web_page(self, graph, self.citation_index().all_citations())
        page.update(self.review_structured_data())
        return [page]
