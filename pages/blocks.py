"""The blocks editors build pages from. Never raw HTML: rich text is limited to what the design
supports, links are web addresses or pages of this site, phone numbers are checked."""

import html
import re

from django.forms.utils import ErrorList
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from pages.citations import strip_markers
from pages.phone import PhoneInput, validate_phone
from pages.streams import stored_blocks
from pages.structured_data import json_ld_script
from pages.validators import validate_http_url

# What the design supports in body text.
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "citation"]


def image_loading(parent_context):
    """How an image loads: at once when it is the first thing on the page, else when scrolled to.

    Page templates render their first block with `above_fold=True`.
    """
    if (parent_context or {}).get("above_fold"):
        return {"loading": "eager", "fetchpriority": "high", "decoding": None}
    return {"loading": "lazy", "fetchpriority": None, "decoding": "async"}


class HttpURLBlock(blocks.URLBlock):
    """A URL that must start with http:// or https://."""

    def clean(self, value):
        value = super().clean(value)
        if value:
            validate_http_url(value)
        return value


class PhoneNumberBlock(blocks.CharBlock):
    """A phone number, checked, in a telephone field that shows it as people write it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(validators=[validate_phone], **kwargs)
        self.field.widget = PhoneInput(self.field.widget.attrs)


class CitationRichTextBlock(blocks.RichTextBlock):
    """Rich text whose citation markers render as numbered links to the page's references."""

    def render(self, value, context=None):
        html = super().render(value, context=context)
        citation_index = (context or {}).get("citation_index")
        if citation_index is None:
            return strip_markers(html)
        return citation_index.render_markers(html)


class PictureBlock(ImageBlock):
    """An image with alt text (or marked decorative), loaded early only above the fold."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context.update(image_loading(parent_context))
        return context


class LinkStructValue(blocks.StructValue):
    """A link's address and words. Named apart from the block's own fields: a template reading
    `value.link.url` gets the `url` field (a dict key wins over an attribute), never the page's."""

    @property
    def href(self):
        page = self.get("page")
        if page:
            return page.url
        return self.get("url") or ""

    @property
    def label(self):
        page = self.get("page")
        return self.get("text") or (page.title if page else "")


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(required=False, max_length=80, help_text="The button's words.")
    page = blocks.PageChooserBlock(required=False, help_text="A page on this site…")
    url = HttpURLBlock(required=False, label="URL", help_text="…or a web address.")

    class Meta:
        icon = "link"
        value_class = LinkStructValue
        form_classname = "link-block"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("page") and value.get("url"):
            errors["url"] = ErrorList(["Choose a page or enter a web address, not both."])
        if value.get("url") and not value.get("text"):
            errors["text"] = ErrorList(["Give the button some words."])
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class BenefitSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = CitationRichTextBlock(features=RICH_TEXT_FEATURES)
    image = ImageBlock(required=False, help_text="Optional. Describe it in the alt text.")

    class Meta:
        icon = "doc-full"
        template = "blocks/benefit_section.html"
        label = "Benefit section"
        description = "A heading with text and an optional image: one benefit of the program."
        preview_value = {
            "heading": "Outpatient care provides greater flexibility",
            "text": "<p>Many programs offer day and evening options, so clients can keep working "
            "or studying while in treatment.</p>",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context.update(image_loading(parent_context))
        return context


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, default="Need More Information?")
    text = blocks.CharBlock(
        max_length=240,
        default="Call now to be connected with one of our friendly, helpful treatment specialists.",
    )
    show_phone = blocks.BooleanBlock(
        required=False,
        default=True,
        label="Show a phone number",
        help_text="Untick to show only the button link.",
    )
    phone = PhoneNumberBlock(
        required=False,
        label="Phone number",
        help_text="Leave blank to use the admissions number from the site settings.",
    )
    link = LinkBlock(required=False, label="Button link (optional)")

    class Meta:
        icon = "mobile-alt"
        template = "blocks/call_to_action.html"
        label = "Call to action"
        description = "A box inviting the reader to call, with an optional button."
        preview_value = {
            "heading": "Need More Information?",
            "text": "Call now to be connected with one of our friendly, helpful treatment "
            "specialists.",
            "show_phone": True,
        }

    def clean(self, value):
        value = super().clean(value)
        link = value.get("link")
        has_link = bool(link and (link.get("page") or link.get("url")))
        if not value.get("show_phone") and not has_link:
            # Next to the tick box, which is what fixes it (or the link below it).
            if value.get("phone"):
                message = (
                    "Tick ‘Show a phone number’ to show the number you typed, or add a button link."
                )
            else:
                message = (
                    "A call to action needs something to do: tick ‘Show a phone number’ (the "
                    "admissions number is used when the number is left blank), or add a button "
                    "link."
                )
            raise StructBlockValidationError(block_errors={"show_phone": ErrorList([message])})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        phone = ""
        if value.get("show_phone"):
            # Its own number, else the site's admissions number (pages.context_processors).
            site_settings = (parent_context or {}).get("site_settings")
            phone = value.get("phone") or getattr(site_settings, "admissions_phone", "")
        context["phone"] = phone
        return context


FAQ_ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def plain_text(rich_text):
    """Rich text as one line of plain text: paragraphs and list items separated by spaces."""
    spaced = re.sub(r"<(/p|/li|/h\d|br\s*/?)>", " ", str(rich_text))
    return " ".join(html.unescape(strip_tags(spaced)).split())


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        max_length=200,
        help_text="Ask it the way a worried reader would, e.g. ‘Can I keep working?’",
    )
    answer = blocks.RichTextBlock(
        features=FAQ_ANSWER_FEATURES,
        help_text="A short, direct answer. Links and lists are fine.",
    )

    class Meta:
        icon = "help"
        label = "Question and answer"


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Frequently asked questions")
    items = blocks.ListBlock(FAQItemBlock(), min_num=1, label="Questions")

    class Meta:
        icon = "help"
        template = "blocks/faq.html"
        label = "FAQ"
        description = (
            "Questions and answers. Readers open each answer; search engines read them too."
        )
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {
                    "question": "Can I keep working during an intensive outpatient program?",
                    "answer": "<p>Many programs offer day and evening sessions, so most people "
                    "keep working or studying during treatment.</p>",
                },
                {
                    "question": "How many hours a week does an IOP take?",
                    "answer": "<p>A typical IOP meets four to five days a week, one to four "
                    "hours a day.</p>",
                },
            ],
        }

    def structured_data(self, value):
        """A schema.org FAQPage with each question and its answer."""
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": item["question"],
                    "acceptedAnswer": {
                        "@type": "Answer",
                        "text": plain_text(item["answer"]),
                    },
                }
                for item in value["items"]
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["faq_json_ld"] = json_ld_script(self.structured_data(value))
        return context


class BodyBlock(blocks.StreamBlock):
    text = CitationRichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label="Text",
        template="blocks/rich_text.html",
        description="Paragraphs, lists and citations.",
        preview_value="<p>An intensive outpatient program combines structured treatment "
        "with the flexibility of living at home.</p>",
    )
    benefit_section = BenefitSectionBlock()
    call_to_action = CallToActionBlock()
    image = PictureBlock(
        template="blocks/image.html",
        description="A picture on its own, with alt text.",
    )
    faq = FAQBlock()

    class Meta:
        # Search engines read one FAQPage per page.
        block_counts = {"faq": {"max_num": 1}}


def reads_other_pages(stream):
    """Whether rendering `stream` shows what other pages hold (their titles or their list), so
    that it changes when another page is published: a page chosen in a block, or a block that
    declares `reads_pages = True` (a list of the latest articles, say). A page linked from rich
    text shows only its address, which changes only when that page moves."""
    return any(
        getattr(block, "reads_pages", False)
        or (isinstance(block, blocks.PageChooserBlock) and value)
        for block, value in stored_blocks(stream)
    )
