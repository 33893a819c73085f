"""The blocks of the home page: a stream the editors arrange to guide a visitor from the first
screen to a call (a hero, the programs with their facts and availability, what happens when you
call, the locations, the credentials, questions, the latest articles, text)."""

from django.core.exceptions import ValidationError
from wagtail import blocks

from credentials.models import current_credentials
from locations.models import LocationIndexPage, location_views
from pages import latest
from pages.blocks import BodyBlock, PictureBlock
from pages.models import SiteSettings
from programs.models import live_programs


def _request(parent_context):
    return (parent_context or {}).get("request")


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120, help_text="The page's main heading: say what the center does, plainly."
    )
    text = blocks.TextBlock(required=False, help_text="One or two sentences under the heading.")
    call_label = blocks.CharBlock(
        max_length=40,
        default="Call",
        help_text="Shown before the admissions number on the call button.",
    )
    image = PictureBlock(
        required=False, help_text="Optional. Shown beside the text on wide screens."
    )

    class Meta:
        icon = "title"
        label = "Hero"
        template = "home/blocks/hero.html"
        description = "The first screen: the main heading, a sentence and the call button."


class ProgramCardsBlock(blocks.StructBlock):
    reads_pages = True  # with no programs chosen, it lists every published one
    heading = blocks.CharBlock(max_length=120, default="Our programs")
    intro = blocks.TextBlock(required=False)
    programs = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="programs.ProgramPage"),
        default=[],
        label="Programs to show",
        help_text="Leave empty to show every published program, in the Programs page's order.",
    )

    class Meta:
        icon = "list-ul"
        label = "Program cards"
        template = "home/blocks/program_cards.html"
        description = "A card per program with its facts and whether it takes new clients now."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # Read with what a card shows (and only those visitors may see), in the editor's order.
        shown = live_programs(_request(parent_context))
        chosen = [page.pk for page in value["programs"] if page is not None]
        if chosen:
            by_pk = {page.pk: page for page in shown}
            shown = [by_pk[pk] for pk in chosen if pk in by_pk]
        context["programs"] = shown
        return context


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)

    class Meta:
        icon = "arrow-right"
        label = "Step"


class CallStepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="What happens when you call")
    steps = blocks.ListBlock(StepBlock(), min_num=1, max_num=8)
    call_label = blocks.CharBlock(
        max_length=40,
        default="Call",
        required=False,
        help_text="Shown before the number on a call button after the steps. Empty: no button.",
    )

    class Meta:
        icon = "list-ol"
        label = "What happens when you call"
        template = "home/blocks/call_steps.html"
        description = "Numbered steps, so that calling is less daunting."


class LocationsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Where to find us")
    intro = blocks.TextBlock(required=False)

    class Meta:
        icon = "site"
        label = "Locations"
        template = "home/blocks/locations.html"
        description = "Every location's name, address and phone, with a link to its details."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = _request(parent_context)
        phone = SiteSettings.for_request(request).admissions_phone if request else ""
        context["locations"] = location_views(phone)
        index = LocationIndexPage.objects.live().first()
        context["locations_url"] = index.get_url(request) if index else ""
        return context


class CredentialsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Licensed and accredited")
    intro = blocks.TextBlock(
        required=False,
        default="Each one links to the issuer's own public lookup, where you can check it.",
    )

    class Meta:
        icon = "success"
        label = "Credentials"
        template = "home/blocks/credentials.html"
        description = "The current licenses and accreditations (expired ones are left out)."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["credentials"] = list(current_credentials())
        return context


class LatestArticlesBlock(blocks.StructBlock):
    reads_pages = True
    heading = blocks.CharBlock(max_length=120, default="Latest articles")
    count = blocks.IntegerBlock(min_value=1, max_value=6, default=3)

    class Meta:
        icon = "doc-full"
        label = "Latest articles"
        template = "home/blocks/latest_articles.html"
        description = "The newest published articles (nothing shows while there are none)."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["articles"] = latest.latest_articles(_request(parent_context), value["count"])
        return context


class HomeBodyBlock(BodyBlock):
    """The body text blocks every page has, and the home page's own."""

    hero = HeroBlock()
    program_cards = ProgramCardsBlock()
    call_steps = CallStepsBlock()
    locations = LocationsBlock()
    credentials = CredentialsBlock()
    latest_articles = LatestArticlesBlock()

    class Meta:
        block_counts = {
            "faq": {"max_num": 1},
            "hero": {"max_num": 1},
            "latest_articles": {"max_num": 1},
        }

    def clean(self, value):
        value = super().clean(value)
        positions = [i for i, child in enumerate(value) if child.block_type == "hero"]
        if positions and positions[0] != 0:
            raise blocks.StreamBlockValidationError(
                block_errors={
                    positions[0]: ValidationError(
                        "The hero holds the page's main heading: move it to the top."
                    )
                }
            )
        return value
