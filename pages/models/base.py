from django.db import models
from django.db.models import Q
from django.http import Http404
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from pages.navigation import known_children
from pages.visibility import restricted_paths, under_restriction

# A function taking (page model, queryset) and returning the queryset with what it adds to serving.
SERVE_QUERYSET_HOOK = "serve_queryset"
# {page type: its served queryset}, built once per process (BasePage.served).
_SERVED = {}


def _to_serve(queryset, request):
    """The page `queryset` (of served pages) finds, else Http404; told whether a view restriction
    covers it (so that serving one that none covers reads no restrictions), from the restricted
    paths the request holds (the page cache's site data) or reads once: cheaper than an EXISTS
    in the page's own query."""
    page = queryset.first()
    if page is None:
        raise Http404
    page.restricted = under_restriction(page, restricted_paths(request))
    return page


class BasePage(Page):
    """Fields and behaviour every public page shares.

    - an introduction used on the page and in listings;
    - `structured_data(graph)`: the JSON-LD nodes the page adds to the site's graph;
    - `serve_queryset(queryset)`: what a page type loads with itself when it is served. Mixins
      (the clinical review, the rating) add their related data here, so that a page whose
      children are all of one type routes to a child in one query instead of Wagtail's three.
    """

    intro = models.TextField(
        blank=True,
        help_text="One or two sentences under the title. Also used as the summary in listings.",
    )

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.intro or self.search_description

    def structured_data(self, graph):
        """JSON-LD nodes for this page (pages.structured_data.GraphContext); none by default."""
        return []

    @classmethod
    def serve_queryset(cls, queryset):
        """`queryset` (of this type) with what serving a page of this type reads: what apps add
        through the SERVE_QUERYSET_HOOK for page types they do not own. (Whether a view
        restriction covers it is decided by routing: _to_serve.)"""
        for extend in hooks.get_hooks(SERVE_QUERYSET_HOOK):
            queryset = extend(cls, queryset)
        return queryset

    @classmethod
    def served(cls):
        """Every page of this type, with what serving one reads (serve_queryset): built once per
        process and filtered afresh for each use (building it took as long as running it). Never
        evaluated itself: each filter is a new queryset."""
        if cls not in _SERVED:
            _SERVED[cls] = cls.serve_queryset(cls.objects.all())
        return _SERVED[cls]

    def route(self, request, path_components):
        """Route to a child with what serving it reads (serve_queryset): in one query when every
        child is of one page type, else in two (its type, then the page), as Wagtail's."""
        if not path_components:
            if self.get_deferred_fields():
                # Reached as its type without its own fields (the home page the page cache's site
                # data holds, which most requests only pass through): served, so read whole.
                served = _to_serve(type(self).served().filter(pk=self.pk), request)
                return super(BasePage, served).route(request, path_components)
            return super().route(request, path_components)
        slug, *remaining = path_components
        children = known_children(request, self.pk)
        known = children.get(slug) if children is not None else None
        if remaining and known is not None:
            # Passed through on the way to a page below it: its own type, without its own fields
            # (routing and breadcrumbs read only the fields every page has), and no query.
            child = known.specific_deferred
            child._cached_parent_obj = self
            return child.route(request, remaining)
        child_models = type(self).allowed_subpage_models()
        if len(child_models) == 1:
            (child_model,) = child_models
        else:
            child_model = self._child_model(slug, children)
            if child_model is None or not issubclass(child_model, BasePage):
                return super().route(request, path_components)
        child = _to_serve(child_model.served().child_of(self).filter(slug=slug), request)
        child._cached_parent_obj = self  # as Wagtail does: get_parent() needs no query
        return child.route(request, remaining)

    def _child_model(self, slug, children):
        """The type of the child at `slug` (None if there is none): from `children` when the
        request holds them, else one query."""
        if children is not None:
            found = children.get(slug)
        else:
            found = self.get_children().filter(slug=slug).first()
        return found.specific_class if found is not None else None

    def get_view_restrictions(self):
        """The view restrictions of this page and its ancestors, in one query (Wagtail's takes two).

        As in Wagtail, a page that is an alias uses its source page's restrictions. The ancestors'
        paths are prefixes of this page's path, so no query is needed to find them.
        """
        if self.alias_of_id is None and getattr(self, "restricted", None) is False:
            return PageViewRestriction.objects.none()  # served knowing none covers it
        step = self.steplen
        chain = Page.objects.filter(
            path__in=[self.path[:end] for end in range(step, len(self.path) + 1, step)]
        )
        return PageViewRestriction.objects.filter(
            Q(page__in=chain.filter(alias_of__isnull=True).values("pk"))
            | Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of"))
        )
