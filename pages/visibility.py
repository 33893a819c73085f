"""Which pages anyone may see, decided inside the query that lists them.

Wagtail's `.public()` first reads every view restriction of the site (a query of its own) and
then excludes the restricted sections; a page listing three kinds of pages pays for it three
times. Here the same rule is one `NOT EXISTS` in the listing's own query: a page is hidden when it
or one of its ancestors (a page whose path its path starts with) carries a restriction.
"""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from wagtail.models import PageViewRestriction


def public(queryset):
    """`queryset` (of pages) without the pages a view restriction hides, as Wagtail's .public()."""
    listed_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restricting = PageViewRestriction.objects.annotate(listed_path=listed_path).filter(
        listed_path__startswith=F("page__path")
    )
    return queryset.filter(~Exists(restricting))
