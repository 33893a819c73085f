"""Article ratings: one aggregate row per page, and short-lived keyed hashes that stop repeat votes.

Every vote counts and none is hidden or seeded; the ratings are shown to readers only and never
marked up as AggregateRating structured data (the reason is in ratings/templatetags/rating_tags.py).
"""

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

# Readers rate an article from 1 to MAX_STARS stars.
MAX_STARS = 5
STARS = tuple(range(1, MAX_STARS + 1))


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
                & models.Q(total__lte=models.F("votes") * MAX_STARS),
                name="rating_total_between_1_and_max_stars_per_vote",
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


class RateablePage(models.Model):
    """For page types that show "Rate this article": the per-page switch, and the page's votes
    read in the page's own query when it is served (BasePage.serve_queryset)."""

    ratings_enabled = models.BooleanField(
        "show the article rating",
        default=True,
        help_text="Untick to hide “Rate this article” on this page (votes so far are kept).",
    )

    rating_panels = [FieldPanel("ratings_enabled")]

    class Meta:
        abstract = True

    @classmethod
    def serve_queryset(cls, queryset):
        rating = PageRating.objects.filter(page_id=OuterRef("pk"))
        return (
            super()
            .serve_queryset(queryset)
            .annotate(
                rating_votes=Subquery(rating.values("votes")[:1]),
                rating_total=Subquery(rating.values("total")[:1]),
            )
        )
