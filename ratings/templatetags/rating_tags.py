from django import template

from pages.models import SiteSettings
from ratings.votes import MESSAGES, STARS, form_token, summary_for_page

register = template.Library()


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
    request = context.get("request")
    site_settings = context.get("site_settings")
    if site_settings is None and request is not None:
        site_settings = SiteSettings.for_request(request)
    enabled = bool(
        page.pk
        and getattr(page, "ratings_enabled", False)
        and (site_settings is None or site_settings.ratings_enabled)
    )
    if not enabled:
        return {"enabled": False}
    rated = request.GET.get("rated") if request is not None else None
    return {
        "enabled": True,
        "page": page,
        "summary": summary_for_page(page),
        "token": form_token(page.pk),
        "choices": [
            {"value": n, "label": f"{n} star" if n == 1 else f"{n} stars", "glyphs": "★" * n}
            for n in STARS
        ],
        "message": MESSAGES.get(rated, ""),
    }
