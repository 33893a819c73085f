"""Availability: per program, whether it takes new clients and when the next group starts, with
the day Admissions confirmed it.

It lives beside the program page, not in it: changing it makes no page revision and goes through
no clinical review, so Admissions staff can keep it current without any permission on pages.
A value is shown to visitors only while fresh (confirmed within the site's `fresh_days`); a stale
one is hidden, never shown as if current, and listed on the admin dashboard instead. How long a
value stays fresh is a site setting (SiteSettings.availability_fresh_days, beside the other
switches visitors' pages read, so reading it costs no query of its own).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone


class Accepting(models.TextChoices):
    YES = "yes", "Accepting new clients"
    WAITLIST = "waitlist", "Waitlist"
    NOT_NOW = "not_now", "Not accepting new clients right now"


def is_fresh(status, confirmed_on, fresh_days, today):
    """Whether a value confirmed on `confirmed_on` may still be shown on `today`."""
    return bool(
        status
        and confirmed_on
        and today - datetime.timedelta(days=fresh_days) <= confirmed_on <= today
    )


@dataclass(frozen=True)
class ShownAvailability:
    """What a visitor may be told: only ever built from a fresh value."""

    status: str
    label: str
    next_group_on: datetime.date | None
    confirmed_on: datetime.date

    @property
    def accepting(self):
        return self.status == Accepting.YES


class Availability(models.Model):
    page = models.OneToOneField(
        "programs.ProgramPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="availability",
    )
    status = models.CharField(
        "accepting new clients", max_length=10, choices=Accepting.choices, blank=True
    )
    next_group_on = models.DateField("next group starts on", null=True, blank=True)
    confirmed_on = models.DateField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "availability"
        verbose_name_plural = "availability"

    def __str__(self):
        return f"Availability of {self.page}"

    def is_fresh(self, fresh_days, today=None):
        return is_fresh(self.status, self.confirmed_on, fresh_days, today or timezone.localdate())

    def shown(self, fresh_days, today=None):
        """The ShownAvailability while fresh; None when stale or never confirmed. A next group
        date already past is left out."""
        today = today or timezone.localdate()
        if not self.is_fresh(fresh_days, today):
            return None
        next_group = self.next_group_on
        return ShownAvailability(
            status=self.status,
            label=Accepting(self.status).label,
            next_group_on=next_group if next_group and next_group >= today else None,
            confirmed_on=self.confirmed_on,
        )
