"""Casting a vote and reading the aggregate."""

import dataclasses
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import ngettext

from .models import MAX_STARS, STARS, PageRating, RatingVote

TOKEN_SALT = "ratings.vote-form"  # noqa: S105 - a namespace for the signature, not a secret


def vote_message(status):
    """What the reader is told after voting: "thanks" (counted) or "already" (a repeat)."""
    if status == "thanks":
        return "Thank you: your rating has been counted."
    if status == "already":
        days = settings.RATING_VOTE_WINDOW_DAYS
        window = ngettext("the last day", "the last %(days)d days", days) % {"days": days}
        return (
            f"Thank you: you have already rated this article in {window}, "
            "and that rating still counts."
        )
    return ""


def form_token(page_id):
    """The token the rating form carries: signed, tied to the page, the same for every visitor.

    The page stays cacheable (nothing per visitor in its HTML). The token proves a vote came from
    our own form for that page; cross-site posts are refused by the Origin check.
    """
    return signing.Signer(salt=TOKEN_SALT).sign(str(page_id))


def token_is_valid(token, page_id):
    try:
        return signing.Signer(salt=TOKEN_SALT).unsign(token or "") == str(page_id)
    except signing.BadSignature:
        return False


@dataclasses.dataclass(frozen=True)
class RatingSummary:
    votes: int
    total: int

    @property
    def average(self):
        return Decimal(self.total) / Decimal(self.votes)

    @property
    def average_display(self):
        """One decimal, without a trailing .0: 4.5, 5."""
        rounded = self.average.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return (
            str(rounded.to_integral_value())
            if rounded == rounded.to_integral_value()
            else str(rounded)
        )

    @property
    def percent(self):
        """The average as a share of the full score: 4.5 of 5 stars is 90."""
        share = self.average * 100 / MAX_STARS
        return int(share.quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    @property
    def text(self):
        """The seed's form: 4.5 (90%) 12 votes."""
        votes = ngettext("%(count)d vote", "%(count)d votes", self.votes) % {"count": self.votes}
        return f"{self.average_display} ({self.percent}%) {votes}"

    @property
    def words(self):
        """For screen readers: rated 4.5 out of 5 by 12 readers."""
        readers = ngettext("%(count)d reader", "%(count)d readers", self.votes) % {
            "count": self.votes
        }
        return f"rated {self.average_display} out of {MAX_STARS} by {readers}"

    def as_dict(self):
        return {
            "votes": self.votes,
            "average": self.average_display,
            "percent": self.percent,
            "text": self.text,
            "words": self.words,
        }


def summary_for(page_id):
    """The page's rating in one query; None when nobody has voted."""
    rating = PageRating.objects.filter(page_id=page_id).only("votes", "total").first()
    if rating is None or rating.votes == 0:
        return None
    return RatingSummary(votes=rating.votes, total=rating.total)


def summary_for_page(page):
    """The page's rating, without a query when the page was served with its rating
    (RateablePage.serve_queryset)."""
    if not hasattr(page, "rating_votes"):
        return summary_for(page.pk)
    if not page.rating_votes:
        return None
    return RatingSummary(votes=page.rating_votes, total=page.rating_total)


def _add_to_aggregate(page_id, stars, now):
    changes = {"votes": F("votes") + 1, "total": F("total") + stars, "updated_at": now}
    if PageRating.objects.filter(page_id=page_id).update(**changes):
        return
    try:
        with transaction.atomic():
            PageRating.objects.create(page_id=page_id, votes=1, total=stars, updated_at=now)
    except IntegrityError:
        # Another first vote created the row meanwhile: add to it.
        PageRating.objects.filter(page_id=page_id).update(**changes)


def cast_vote(page_id, stars, visitor):
    """Count one vote unless this visitor voted on this page within the window.

    Returns True when counted, False for a repeat vote. The unique constraint on (page, visitor)
    decides repeats, so two simultaneous posts from one visitor count once; the aggregate is
    changed with a single UPDATE ... SET votes = votes + 1, so simultaneous voters never
    overwrite each other.
    """
    if stars not in STARS:
        raise ValueError(f"stars must be one of {STARS}")
    now = timezone.now()
    cutoff = now - timedelta(days=settings.RATING_VOTE_WINDOW_DAYS)
    RatingVote.objects.filter(created_at__lt=cutoff).delete()
    try:
        with transaction.atomic():
            RatingVote.objects.create(page_id=page_id, visitor=visitor, created_at=now)
            _add_to_aggregate(page_id, stars, now)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def reset_rating(page_id):
    """Forget a page's votes (the aggregate and who voted). Returns the summary it had."""
    summary = summary_for(page_id)
    PageRating.objects.filter(page_id=page_id).delete()
    RatingVote.objects.filter(page_id=page_id).delete()
    return summary
