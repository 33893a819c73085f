import datetime

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import dateformat, timezone
from django.utils.text import capfirst
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.search import index

from .roles import CLINICAL_REVIEWERS

DEFAULT_REVIEW_INTERVAL_MONTHS = 12
MAX_REVIEW_INTERVAL_MONTHS = 60


def validate_not_in_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(
            "The review date can’t be in the future. Enter the day the review took place "
            "(today at the latest).",
            code="future_review_date",
        )


class MonthsField(models.PositiveSmallIntegerField):
    """Months as a positive number; the form reports a bad value with the field's own messages.

    (PositiveSmallIntegerField's form field adds a generic "greater than or equal to 0" check
    that would answer -3 before our plainer message could.)
    """

    def formfield(self, **kwargs):
        attrs = {"min": 1, "max": MAX_REVIEW_INTERVAL_MONTHS, "inputmode": "numeric"}
        return super().formfield(
            **{"min_value": None, "widget": forms.NumberInput(attrs=attrs), **kwargs}
        )


class Reviewer(index.Indexed, models.Model):
    """A clinician who reviews health content. Shown on the pages they reviewed."""

    name = models.CharField(
        max_length=120,
        help_text="Full name as it should appear on the page, e.g. Jane Doe.",
    )
    credentials = models.CharField(
        max_length=80,
        help_text="Professional credentials shown after the name, e.g. MD or LCSW, CADC.",
    )
    role = models.CharField(
        max_length=120,
        help_text="Their role at Transformations, e.g. Medical Director.",
    )
    bio = models.TextField(
        "short bio",
        max_length=600,
        help_text="Two or three sentences about their training and experience.",
    )
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. A friendly head-and-shoulders photo.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewer",
        verbose_name="admin user",
        limit_choices_to={"groups__name": CLINICAL_REVIEWERS},
        help_text=(
            "Optional. The admin account this clinician signs in with (members of the ‘Clinical "
            "reviewers’ group). When they approve a page in the ‘Clinical review’ workflow, the "
            "page records them as its reviewer."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("credentials"),
        index.SearchField("role"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "clinical reviewer"
        permissions = [
            (
                "stamp_review",
                "Can set a page's reviewer and review date by hand (approval sets them)",
            )
        ]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def structured_data(self):
        """A schema.org Person."""
        person = {"@type": "Person", "name": self.name}
        if self.credentials:
            person["honorificSuffix"] = self.credentials
        if self.role:
            person["jobTitle"] = self.role
        return person


class ApprovalStampPanel(FieldPanel):
    """A field that approving the page in the Clinical review workflow sets: shown read-only to
    anyone who may not set it by hand (everyone but superusers, unless given stamp_review)."""

    STAMP_PERMISSION = "reviews.stamp_review"
    READ_ONLY_HELP = (
        "Set when a clinical reviewer approves the page in the ‘Clinical review’ workflow."
    )

    NOT_YET = "Not reviewed yet"

    def __init__(self, field_name, **kwargs):
        kwargs.setdefault("permission", self.STAMP_PERMISSION)
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        # Wagtail would show an empty stamp as "None" and a date as 2026-04-03.
        if value is None:
            return self.NOT_YET
        if isinstance(value, datetime.date):
            return dateformat.format(value, "F j, Y")
        return super().format_value_for_display(value)

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is not None and self.bound_field is None:
                # Not in this user's form: show the value, and how it gets there.
                self.read_only = True
                self.heading = self.panel.heading or capfirst(self.panel.db_field.verbose_name)
                self.help_text = self.panel.READ_ONLY_HELP

        def is_shown(self):
            # FieldPanel hides a field the user lacks the permission for; here it is shown as text.
            return self.read_only or super().is_shown()


class ClinicallyReviewed(models.Model):
    """Review fields for health-content page types: who reviewed the page, when, how often."""

    reviewed_by = models.ForeignKey(
        Reviewer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="clinically reviewed by",
        help_text=(
            "The clinician who last checked this page. Filled in for you when a clinical "
            "reviewer approves the page."
        ),
    )
    last_reviewed = models.DateField(
        "last reviewed",
        null=True,
        blank=True,
        validators=[validate_not_in_future],
        help_text=(
            "The day of the last clinical review. Filled in for you when a clinical reviewer "
            "approves the page; leave it empty if the page has never been reviewed."
        ),
    )
    review_interval_months = MonthsField(
        "review every (months)",
        default=DEFAULT_REVIEW_INTERVAL_MONTHS,
        validators=[
            MinValueValidator(
                1, message="Enter a number of months of 1 or more (12 means once a year)."
            ),
            MaxValueValidator(
                MAX_REVIEW_INTERVAL_MONTHS,
                message=f"Health pages must be reviewed at least every "
                f"{MAX_REVIEW_INTERVAL_MONTHS} months.",
            ),
        ],
        help_text=(
            "How often a clinician must check this page again. After this many months the page "
            "appears under ‘Due for clinical review’ on the dashboard."
        ),
    )

    # A copy is new content: it has not been reviewed.
    exclude_fields_in_copy = ["reviewed_by", "last_reviewed"]

    review_panels = [
        ApprovalStampPanel("reviewed_by"),
        ApprovalStampPanel("last_reviewed"),
        FieldPanel("review_interval_months"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def review_tab(cls, what):
        """The editor's "Clinical review" tab, its help naming the kind of page (`what`)."""
        return ObjectList(
            cls.review_panels,
            heading="Clinical review",
            help_text=(
                f"A clinician checks every {what} before it is published and again after the "
                f"review interval. Approving the {what} in the ‘Clinical review’ workflow fills "
                "in the reviewer and the date."
            ),
        )

    @classmethod
    def serve_queryset(cls, queryset):
        return super().serve_queryset(queryset).select_related("reviewed_by")

    @property
    def review_due(self):
        """The day the next review is due, or None when the page was never reviewed."""
        if self.last_reviewed is None:
            return None
        # The same day months later, clamped to the month's end (Jan 31 + 1 month = Feb 28/29).
        return self.last_reviewed + relativedelta(months=self.review_interval_months or 1)

    def review_is_due(self, today=None):
        today = today or timezone.localdate()
        return self.review_due is None or self.review_due <= today

    def review_structured_data(self):
        """Fields for the page's MedicalWebPage JSON-LD; {} when the page was never reviewed."""
        if self.last_reviewed is None:
            return {}
        data = {}
        if self.reviewed_by is not None:
            data["reviewedBy"] = self.reviewed_by.structured_data()
        data["lastReviewed"] = self.last_reviewed.isoformat()
        return data
