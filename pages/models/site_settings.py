import contextlib

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from pages.phone import display_phone, e164, tel_href, validate_phone

DEFAULT_ADMISSIONS_PHONE = "+18002704315"


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

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("admissions_phone"), FieldPanel("header_cta_text")],
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
            [FieldPanel("admissions_email"), FieldPanel("ratings_enabled")],
            heading="Inquiries and ratings",
        ),
    ]

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
        city_line = " ".join(
            part
            for part in [
                f"{self.locality}," if self.locality else "",
                self.region,
                self.postal_code,
            ]
            if part
        ).strip(" ,")
        return [line for line in [self.street_address, city_line] if line]
