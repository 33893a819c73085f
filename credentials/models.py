"""The center's licenses and accreditations (a snippet, ordered by hand) and the About page that
shows them in full.

A credential says who issued it and how to check it: the issuer's public lookup is the proof, so
the verification link is required. One past its expiry date is never shown as current.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.models import BasePage
from pages.models.fields import HttpURLField

SOON_DAYS = 60  # the dashboard warns this long before a credential expires
FOOTER_FRAGMENT = "credentials-footer"  # the footer's list, shared by every page (wagtail_hooks)


class Credential(Orderable):
    class Kind(models.TextChoices):
        LICENSE = "license", "License"
        ACCREDITATION = "accreditation", "Accreditation"
        CERTIFICATION = "certification", "Certification"

    name = models.CharField(
        max_length=160,
        help_text="As the issuer words it, e.g. ‘Behavioral Health Care Accreditation’.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.LICENSE)
    issuing_body = models.CharField(
        max_length=160, help_text="Who issued it, e.g. the state's department of health."
    )
    number = models.CharField(
        "license or accreditation number",
        max_length=80,
        blank=True,
        help_text="As printed on the certificate, so that a visitor can look it up.",
    )
    verification_url = HttpURLField(
        "verification link",
        help_text="The issuer's public lookup where anyone can check this credential.",
    )
    logo = models.ForeignKey(
        "pages.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: the issuer's seal, uploaded here (never linked from their site).",
    )
    issued_on = models.DateField("issued on", null=True, blank=True)
    expires_on = models.DateField(
        "expires on",
        null=True,
        blank=True,
        help_text="Optional. After this day the credential is hidden and the dashboard says so.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("issuing_body"),
        FieldPanel("number"),
        FieldPanel("verification_url"),
        FieldPanel("logo"),
        FieldRowPanel([FieldPanel("issued_on"), FieldPanel("expires_on")], heading="Dates"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "credential"

    def __str__(self):
        return f"{self.name} ({self.issuing_body})"

    def clean(self):
        super().clean()
        if self.issued_on and self.expires_on and self.expires_on <= self.issued_on:
            raise ValidationError({"expires_on": "The expiry date must be after the issue date."})
        if self.issued_on and self.issued_on > timezone.localdate():
            raise ValidationError({"issued_on": "The issue date cannot be in the future."})

    def is_current(self, today=None):
        return self.expires_on is None or self.expires_on >= (today or timezone.localdate())


def current_credentials(today=None):
    """What visitors see: every credential not past its expiry date (valid on the day itself),
    in the editors' order."""
    today = today or timezone.localdate()
    return (
        Credential.objects.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .select_related("logo")
        .order_by("sort_order", "name")
    )


def credentials_to_renew(today=None):
    """[(credential, expired)] for staff: expired ones (hidden from visitors) first, then those
    expiring within SOON_DAYS."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=SOON_DAYS)
    due = Credential.objects.filter(expires_on__lte=soon).order_by("expires_on", "name")
    return [(credential, not credential.is_current(today)) for credential in due]


class AboutPage(BasePage):
    """/about/: who the center is, then its licenses and accreditations in full."""

    template = "credentials/about_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    body = StreamField(BodyBlock(), blank=True)
    credentials_heading = models.CharField(
        max_length=120,
        default="Licenses and accreditations",
        help_text="Above the list of credentials (edited under Credentials in the menu).",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        FieldPanel("credentials_heading"),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["credentials"] = current_credentials()
        return context
