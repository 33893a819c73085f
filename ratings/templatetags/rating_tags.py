from django import template
from django.utils.translation import ngettext

from ratings.models import STARS
from ratings.votes import form_token, summary_for_page, vote_message

register = template.Library()


def ratings_shown(context, page):
    """Whether "Rate this article" shows on this page: its own switch and the site's."""
    return bool(
        page.pk
        and getattr(page, "ratings_enabled", False)
        and context["site_settings"].ratings_enabled
    )


@register.inclusion_tag("ratings/rating_widget.html", takes_context=True)
def rating_widget(context, page):
    """ "Rate this article": the aggregate and the vote form, at most one query.

    No AggregateRating structured data (schema.org JSON-LD or microdata) is emitted for this
    rating, on purpose. Google's review-snippet policy treats reviews an organisation collects
    about itself and shows on its own site as "self-serving" and does not use them, and the US
    Federal Trade Commission's rule on consumer reviews and testimonials (16 CFR Part 465)
    forbids suppressing or inventing reviews. So the rating is for readers only: every vote
    counts, none is hidden, nothing is seeded, and nothing is marked up to chase search stars.
    """
    if not ratings_shown(context, page):
        return {"enabled": False}
    request = context.get("request")
    rated = request.GET.get("rated") if request is not None else None
    return {
        "enabled": True,
        "page": page,
        "summary": summary_for_page(page),
        "token": form_token(page.pk),
        "choices": [
            {
                "value": stars,
                "label": ngettext("%(count)d star", "%(count)d stars", stars) % {"count": stars},
                "glyphs": "★" * stars,
            }
            for stars in STARS
        ],
        "message": vote_message(rated),
    }
