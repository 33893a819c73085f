from django.db import models
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.latest import ShowsLatestArticles
from pages.models import BasePage, CitingPage
from pages.panels import editor_tabs
from pages.structured_data import medical_therapy, medical_web_page
from pages.visibility import public
from ratings.models import RateablePage
from reviews.models import ClinicallyReviewed

from .facts import LevelOfCare, Setting, how_performed, level_label, program_facts

LIVE_PROGRAMS_ATTR = "_live_programs"


def live_programs(request):
    """Every live program page visitors may see, in the tree's order, with what a page of the
    type is served with (its availability, its locations: the cards show both without a query
    each). Read once per request: the cards and the clinic's JSON-LD share it."""
    found = getattr(request, LIVE_PROGRAMS_ATTR, None)
    if found is None:
        queryset = public(ProgramPage.objects.live()).order_by("path")
        found = list(ProgramPage.serve_queryset(queryset))
        if request is not None:
            setattr(request, LIVE_PROGRAMS_ATTR, found)
    return found


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = [p for p in live_programs(request) if p.path.startswith(self.path)]
        return context


class ProgramPageForm(WagtailAdminPageForm):
    """The editor's form: a program page is not saved without its level of care."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "level_of_care" in self.fields:
            self.fields["level_of_care"].required = True


class ProgramPage(ClinicallyReviewed, RateablePage, CitingPage, ShowsLatestArticles, BasePage):
    """A level of care (e.g. Intensive Outpatient), written from benefit sections and CTAs."""

    template = "programs/program_page.html"
    base_form_class = ProgramPageForm
    parent_page_types = ["programs.ProgramIndexPage"]
    subpage_types = []

    body = StreamField(BodyBlock(), blank=True)

    # Blank in the database (pages made in code or imported may not know it yet), required in
    # the editor (ProgramPageForm).
    level_of_care = models.CharField(
        max_length=40,
        choices=LevelOfCare.choices,
        blank=True,
        help_text=(
            "The level of care this program provides. The ASAM level shown next to it on the "
            "page comes with the choice."
        ),
    )
    who_it_is_for = models.CharField(
        "who it is for",
        max_length=200,
        blank=True,
        help_text=(
            "One sentence, e.g. ‘Adults who need structured treatment while living at home.’ "
            "Left empty, it is not shown."
        ),
    )
    schedule = models.CharField(
        max_length=120,
        blank=True,
        help_text="e.g. ‘3 hours a day, 3 to 5 days a week’. Left empty, it is not shown.",
    )
    typical_length = models.CharField(
        max_length=80,
        blank=True,
        help_text="e.g. ‘8 to 12 weeks’. Left empty, it is not shown.",
    )
    setting = models.CharField(
        max_length=20,
        choices=Setting.choices,
        blank=True,
        help_text="Where the program takes place. Left empty, it is not shown.",
    )

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
    facts_panels = [
        FieldPanel("level_of_care"),
        FieldPanel("who_it_is_for"),
        FieldPanel("schedule"),
        FieldPanel("typical_length"),
        FieldPanel("setting"),
    ]
    edit_handler = editor_tabs(
        content_panels,
        ObjectList(facts_panels, heading="Facts"),
        ClinicallyReviewed.review_tab("program page"),
        settings_panels=RateablePage.rating_panels,
    )

    @property
    def facts(self):
        """The facts box: level of care, who it is for, schedule, length, setting (filled only)."""
        return program_facts(self)

    @property
    def level_label(self):
        return level_label(self.level_of_care)

    def structured_data(self, graph):
        page = medical_web_page(self, graph, self.citation_index().all_citations())
        page.update(self.review_structured_data())
        therapy = medical_therapy(
            graph,
            name=self.title,
            alternate_name=self.level_label,
            description=self.who_it_is_for,
            how_performed=how_performed(self),
        )
        page["about"] = {"@id": therapy["@id"]}
        # The clinic offers the therapy: the same organisation node, merged by its @id.
        clinic = {"@id": graph.organisation_id, "availableService": {"@id": therapy["@id"]}}
        return [page, therapy, clinic]
