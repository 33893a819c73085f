"""Which pages anyone may see, decided inside the query that reads them.

Wagtail's `.public()` first reads every view restriction of the site (a query of its own) and
then excludes the restricted sections; a page listing three kinds of pages pays for it three
times, and serving a page reads its restrictions again. Here the same rule is one `EXISTS` in the
page's own query: a page is restricted when it or one of its ancestors (a page whose path its
path starts with) carries a view restriction.
"""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from wagtail.models import PageViewRestriction


def is_restricted():
    """An expression for a page queryset: True when a view restriction covers the page."""
    listed_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    return Exists(
        PageViewRestriction.objects.annotate(listed_path=listed_path).filter(
            listed_path__startswith=F("page__path")
        )
    )


def public(queryset):
    """`queryset` (of pages) without the pages a view restriction hides, as Wagtail's .public()."""
    return queryset.filter(~is_restricted())


RESTRICTED_PATHS_ATTR = "_restricted_paths"  # when something already read them for the request


def restricted_paths(request=None):
    """The paths of the pages that carry a view restriction (their sections are hidden)."""
    known = getattr(request, RESTRICTED_PATHS_ATTR, None) if request is not None else None
    if known is None:
        known = sorted(PageViewRestriction.objects.values_list("page__path", flat=True))
        if request is not None:
            setattr(request, RESTRICTED_PATHS_ATTR, known)
    return known


def under_restriction(page, paths):
    """Whether a view restriction covers `page`, given the restricted `paths` (restricted_paths):
    the rule of is_restricted(), for pages already read."""
    return any(page.path.startswith(path) for path in paths)


def public_for_search(queryset, request=None):
    """public() for a queryset the search backend reads: it filters on indexed fields only (the
    path), not on EXISTS, so the restricted sections are excluded by their paths, as Wagtail's
    .public() does (the paths are kept on the request: RESTRICTED_PATHS_ATTR)."""
    for path in restricted_paths(request):
        queryset = queryset.exclude(path__startswith=path)
    return queryset
