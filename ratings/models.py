"""Article ratings: one aggregate row per page, and short-lived keyed hashes that stop repeat votes.

Every vote counts and none is hidden or seeded; the ratings are shown to readers only and never
marked up as AggregateRating structured data (the reason is in ratings/templatetags/rating_tags.py).
"""

from django.db import models
from django.utils import timezone


class PageRating(models.Model):
    """The running total of a page's votes: read in one query, updated atomically with F()."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    votes = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField("sum of stars", default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "page rating"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__gte=models.F("votes"))
                & models.Q(total__lte=models.F("votes") * 5),
                name="rating_total_between_1_and_5_stars_per_vote",
            )
        ]

    def __str__(self):
        return f"Rating of page {self.page_id}: {self.votes} votes"


class RatingVote(models.Model):
    """Someone voted on a page: a keyed hash of who, kept only to refuse a second vote.

    Neither the address nor the stars are stored. Rows older than the vote window
    (RATING_VOTE_WINDOW_DAYS) are deleted whenever a vote is cast.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    visitor = models.CharField(
        max_length=64, help_text="Keyed hash of the visitor; not reversible."
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "visitor"], name="one_vote_per_visitor_per_page"
            )
        ]

    def __str__(self):
        return f"Vote on page {self.page_id} at {self.created_at:%Y-%m-%d}"
