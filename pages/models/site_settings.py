import contextlib

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from pages.addresses import address_lines
from pages.crisis import DEFAULT_CRISIS_LINES, CrisisLine, CrisisLinesBlock
from pages.phone import PhoneInput, display_phone, e164, tel_href, validate_phone

DEFAULT_ADMISSIONS_PHONE = "+18002704315"
DEFAULT_WHO_ANSWERS = "Your call is answered by our own admissions team, not a call center."
DEFAULT_META_DESCRIPTION = (
    "Transformations treats substance use disorders with care that fits each person. "
    "Call our admissions team for a free, confidential conversation."
)
DEFAULT_QUICK_EXIT_URL = "https://www.google.com/"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The one place for the organisation's name, phone number and shared messages."""

    organisation_name = models.CharField(max_length=120, default="Transformations")
    admissions_phone = models.CharField(
        "admissions phone number",
        max_length=32,
        default=DEFAULT_ADMISSIONS_PHONE,
        validators=[validate_phone],
        help_text=(
            "Shown in the header, the footer and every call-to-action box that leaves its own "
            "number blank. Write it as people dial it, e.g. 800-270-4315."
        ),
    )
    header_cta_text = models.CharField(
        "header call-to-action text", max_length=80, default="Call us and get help now"
    )
    footer_heading = models.CharField(max_length=80, default="You are not alone")
    footer_text = models.CharField(max_length=160, default="Transformations can help you.")
    footer_cta_text = models.CharField(
        "footer call-to-action text",
        max_length=120,
        default="Call us for a confidential discussion",
    )
    street_address = models.CharField(max_length=160, blank=True)
    locality = models.CharField("city", max_length=80, blank=True)
    region = models.CharField("state", max_length=80, blank=True)
    postal_code = models.CharField("ZIP code", max_length=20, blank=True)
    country = models.CharField(max_length=2, default="US", help_text="Two-letter country code.")
    admissions_email = models.EmailField(
        "admissions email address",
        blank=True,
        help_text=(
            "Told when a confidential inquiry arrives. The email only says that one arrived and "
            "links to it in the admin; it never contains what the person wrote."
        ),
    )
    ratings_enabled = models.BooleanField(
        "show article ratings",
        default=True,
        help_text="Untick to hide “Rate this article” on every program page.",
    )
    who_answers = models.CharField(
        "who answers the phone",
        max_length=160,
        default=DEFAULT_WHO_ANSWERS,
        help_text=(
            "Shown next to the admissions number. Visitors have been misled by call centers: say "
            "plainly who picks up."
        ),
    )
    crisis_heading = models.CharField(
        "crisis strip heading",
        max_length=80,
        default="In crisis?",
        help_text="The crisis strip is on every page, apart from the admissions number.",
    )
    crisis_lines = StreamField(
        CrisisLinesBlock(),
        blank=True,
        default=[("line", line) for line in DEFAULT_CRISIS_LINES],
        help_text="Emergency and crisis lines, in the order shown. Leave empty to hide the strip.",
    )
    meta_description = models.CharField(
        "default meta description",
        max_length=300,
        default=DEFAULT_META_DESCRIPTION,
        help_text="Used by search engines for pages that have no search description of their own.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the footer of every page.",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the footer of every page.",
    )
    availability_fresh_days = models.PositiveSmallIntegerField(
        "availability stays current for (days)",
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=(
            "Where the site says whether a program takes new clients, it says so for this many "
            "days after admissions staff last confirmed it, then hides it until they confirm it "
            "again."
        ),
    )
    quick_exit_enabled = models.BooleanField(
        "show a quick exit button",
        default=False,
        help_text=(
            "A button that leaves this site at once for a neutral one, for visitors who may be "
            "watched. Where the browser allows, this site is also left out of the back button."
        ),
    )
    quick_exit_url = models.URLField(
        "quick exit destination",
        default=DEFAULT_QUICK_EXIT_URL,
        help_text="A neutral site that gives nothing away, e.g. a search engine or the weather.",
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("admissions_phone", widget=PhoneInput()), FieldPanel("header_cta_text")],
            heading="Phone and header",
        ),
        MultiFieldPanel(
            [
                FieldPanel("footer_heading"),
                FieldPanel("footer_text"),
                FieldPanel("footer_cta_text"),
            ],
            heading="Footer message",
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("locality"),
                FieldPanel("region"),
                FieldPanel("postal_code"),
                FieldPanel("country"),
            ],
            heading="Address",
        ),
        MultiFieldPanel(
            [
                FieldPanel("admissions_email"),
                FieldPanel("ratings_enabled"),
                FieldPanel("availability_fresh_days"),
            ],
            heading="Inquiries, ratings and availability",
        ),
        FieldPanel("who_answers"),
        MultiFieldPanel(
            [FieldPanel("crisis_heading"), FieldPanel("crisis_lines")], heading="Crisis strip"
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading="Footer links",
        ),
        FieldPanel("meta_description"),
        MultiFieldPanel(
            [FieldPanel("quick_exit_enabled"), FieldPanel("quick_exit_url")],
            heading="Quick exit",
        ),
    ]

    # The footer links every page shows: loaded with the settings, not one query each.
    select_related = ["privacy_page", "accessibility_page"]

    class Meta:
        verbose_name = "site settings"

    def clean(self):
        super().clean()
        # Store one canonical form; the field validator reports a bad number next to the field.
        with contextlib.suppress(ValidationError):
            self.admissions_phone = e164(self.admissions_phone)

    @property
    def phone_href(self):
        return tel_href(self.admissions_phone)

    @property
    def phone_display(self):
        return display_phone(self.admissions_phone)

    @property
    def address_lines(self):
        return address_lines(self)

    @property
    def crisis_line_list(self):
        """The crisis lines as CrisisLine objects, for templates and the static error page."""
        return [
            CrisisLine(
                name=block.value["name"],
                number=block.value["number"],
                can_text=bool(block.value["can_text"]),
                note=block.value["note"] or "",
            )
            for block in self.crisis_lines
            if block.block_type == "line"
        ]
