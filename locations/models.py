"""Locations: a snippet each (name, address, phone, hours, programs offered, pictures, a
directions link), listed on one Locations page.

A snippet rather than a page: a location is facts that several pages read (the locations list,
each program page, the JSON-LD), not a page of writing with its own address and review.
"""

import contextlib
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable

from pages.addresses import address_lines
from pages.models import BasePage, SiteSettings
from pages.models.fields import HttpURLField
from pages.phone import PhoneInput, display_phone, e164, tel_href, validate_phone

from .blocks import HoursStreamBlock, day_range
from .structured_data import medical_clinic

FICTIONAL_HELP = (
    "Write the real street address. (The demo site's address, on Example Street, is made up: "
    "replace it before going live.)"
)


class Location(Orderable):
    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="For the link to this location, e.g. ‘main-campus’."
    )
    street_address = models.CharField(max_length=160, help_text=FICTIONAL_HELP)
    locality = models.CharField("city", max_length=80)
    region = models.CharField("state", max_length=80)
    postal_code = models.CharField("ZIP code", max_length=20)
    country = models.CharField(max_length=2, default="US", help_text="Two-letter country code.")
    phone = models.CharField(
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text="Leave empty to show the admissions number from the site settings.",
    )
    opening_hours = StreamField(
        HoursStreamBlock(),
        blank=True,
        help_text="When the building is open. Leave empty to show no hours.",
    )
    admissions_hours = StreamField(
        HoursStreamBlock(),
        blank=True,
        help_text="When the admissions line answers, if that differs from the building's hours.",
    )
    programs = models.ManyToManyField(
        "programs.ProgramPage",
        blank=True,
        related_name="locations",
        help_text="The programs offered here: their pages say so.",
    )
    photo = models.ForeignKey(
        "pages.SiteImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    map_image = models.ForeignKey(
        "pages.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: a map you upload. Pages never embed a map service.",
    )
    directions_url = HttpURLField(
        "directions link",
        blank=True,
        help_text="A link to this address on a map service; visitors open it themselves.",
    )
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Optional, for search engines: between -90 and 90.",
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Optional, for search engines: between -180 and 180.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
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
        FieldPanel("phone", widget=PhoneInput()),
        FieldPanel("opening_hours"),
        FieldPanel("admissions_hours"),
        FieldPanel("programs", widget=forms.CheckboxSelectMultiple),
        FieldPanel("photo"),
        FieldPanel("map_image"),
        FieldPanel("directions_url"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading="Coordinates"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "location"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # Store one canonical form; the field validator reports a bad number next to the field.
        if self.phone:
            with contextlib.suppress(ValidationError):
                self.phone = e164(self.phone)

    @property
    def address_lines(self):
        return address_lines(self)


def hours_lines(stream):
    """[(days, opens, closes)] for templates and JSON-LD."""
    return [
        (day_range(block.value["days"]), block.value["opens"], block.value["closes"])
        for block in stream
        if block.block_type == "hours"
    ]


@dataclass(frozen=True)
class LocationView:
    """A location as a page shows it: its phone, or the admissions number when it has none."""

    location: Location
    phone: str

    @property
    def phone_href(self):
        return tel_href(self.phone)

    @property
    def phone_display(self):
        return display_phone(self.phone)

    @property
    def opening_hours(self):
        return hours_lines(self.location.opening_hours)

    @property
    def admissions_hours(self):
        return hours_lines(self.location.admissions_hours)


def location_views(admissions_phone, locations=None):
    """Every location (of `locations`, default all) as a page shows it, in the editors' order:
    its own phone, or the admissions number when it has none."""
    locations = Location.objects.all() if locations is None else locations
    return [
        LocationView(location, location.phone or admissions_phone)
        for location in locations.order_by("sort_order", "name")
    ]


class LocationIndexPage(BasePage):
    """/locations/: every location with its address, hours, phone and programs."""

    template = "locations/location_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read once: the template and the JSON-LD (structured_data, rendered after) share it.
        self._location_views = location_views(
            SiteSettings.for_request(request).admissions_phone,
            Location.objects.select_related("photo", "map_image").prefetch_related("programs"),
        )
        context["locations"] = self._location_views
        return context

    def structured_data(self, graph):
        views = getattr(self, "_location_views", [])
        return [medical_clinic(view, graph) for view in views]
