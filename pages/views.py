"""Public views that are not Wagtail pages: search, robots.txt and (for local runs) media."""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve
from wagtail.models import Page, Site

from pages.models import BasePage
from pages.visibility import public_for_search


@require_GET
@cache_control(max_age=86_400, public=True)
def robots_txt(request):
    """Keep crawlers out of the admin and point them at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def serve_media(request, path):
    """Uploaded images and their renditions, when no web server in front serves MEDIA_ROOT.

    Off unless settings.SERVE_MEDIA is on (production-like local runs such as `make audit`).
    """
    if not settings.SERVE_MEDIA:
        raise Http404("Media files are not served by this application.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


MAX_QUERY_LENGTH = 200  # characters; a question typed in a hurry fits comfortably
MAX_TERMS = 12
RESULTS_PER_PAGE = 10
# Words: letters and digits, with inner apostrophes or hyphens (don't, 12-step).
WORD = re.compile(r"\w+(?:['’-]\w+)*")


def normalise_query(raw):
    """(query to search for, problem to explain). Only words reach the search backend."""
    raw = raw or ""
    if len(raw) > MAX_QUERY_LENGTH:
        return "", "too_long"
    words = WORD.findall(raw.replace("_", " "))
    if not words:
        return "", ("no_words" if raw.strip() else None)
    return " ".join(words[:MAX_TERMS]), None


def attach_intros(pages):
    """Give each page (of any type) its introduction as `listing_intro`, in one query for all:
    each page type keeps its own, so the query asks each type present for its pages' intros."""
    by_type = {}
    for page in pages:
        by_type.setdefault(page.specific_class, []).append(page.pk)
    queries = [
        model.objects.filter(pk__in=ids).order_by().values_list("pk", "intro")
        for model, ids in by_type.items()
        if model is not None and issubclass(model, BasePage)
    ]
    intros = {}
    if queries:
        first, *others = queries
        intros = dict(first.union(*others, all=True) if others else first)
    for page in pages:
        page.listing_intro = intros.get(page.pk, "")
    return pages


class SearchResults:
    """A search's results as the paginator reads them: counted by a query of its own only when
    the first page does not hold them all (a short list counts itself)."""

    def __init__(self, found, per_page):
        self.found, self.per_page = found, per_page
        self._head = None

    def _first_page(self):
        if self._head is None:
            self._head = list(self.found[: self.per_page + 1])
        return self._head

    def count(self):
        head = self._first_page()
        return len(head) if len(head) <= self.per_page else self.found.count()

    def __getitem__(self, items):
        if items.start in (0, None) and items.stop is not None and items.stop <= self.per_page:
            return self._first_page()[items]
        return list(self.found[items])


@require_safe
def search(request):
    """Full-text search over live public pages: a GET form that works without JavaScript.

    Search terms are not recorded (no Wagtail search-query logging): they can be personal.
    """
    raw_query = request.GET.get("q", "")
    query, problem = normalise_query(raw_query)
    page_obj = None
    results = []
    if query:
        pages = public_for_search(Page.objects.live(), request)
        site = Site.find_for_request(request)
        if site is not None:
            pages = pages.in_site(site)
        # Any of the words, best matches first: a small site should rarely answer "nothing".
        found = SearchResults(pages.search(query, operator="or"), RESULTS_PER_PAGE)
        page_obj = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        results = attach_intros(list(page_obj.object_list))
    response = render(
        request,
        "pages/search.html",
        {
            "search_query": query,
            "problem": problem,
            "max_query_length": MAX_QUERY_LENGTH,
            "page_obj": page_obj,
            "results": results,
        },
    )
    # Result lists are for people, not for search engines' indexes.
    response["X-Robots-Tag"] = "noindex"
    return response
