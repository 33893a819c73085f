"""Public views that are not Wagtail pages: search, robots.txt and (for local runs) media."""

import re
from typing import NamedTuple

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connections
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve
from wagtail import hooks
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


def intros_of(pages):
    """{page id: introduction} for pages of any type, in one query: each page type keeps its own
    in its own table, so the query asks the table of each type present. Written out as SQL (one
    plain SELECT per table, joined by UNION ALL): Django took longer to build it than the
    database to answer it."""
    ids_by_model = {}  # by the model whose table holds the introduction
    for page in pages:
        model = page.specific_class
        if model is not None and issubclass(model, BasePage):
            declaring = model._meta.get_field("intro").model
            ids_by_model.setdefault(declaring, []).append(page.pk)
    if not ids_by_model:
        return {}
    connection = connections[Page.objects.db]
    quote = connection.ops.quote_name
    selects, params = [], []
    for model, ids in ids_by_model.items():
        # Names from the models, quoted; the values as parameters.
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        intro = quote(model._meta.get_field("intro").column)
        placeholders = ", ".join(["%s"] * len(ids))
        selects.append(f"SELECT {pk}, {intro} FROM {table} WHERE {pk} IN ({placeholders})")  # noqa: S608
        params += ids
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        return dict(cursor.fetchall())


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


class Result(NamedTuple):
    url: str
    title: str
    summary: str  # the page's search description, else its introduction


class ResultsPage(NamedTuple):
    """One page of a search's results, as the search page shows it: plain values (no pages), so
    that an app may keep it (SEARCH_RESULTS_HOOK)."""

    results: tuple  # of Result
    count: int  # results in all
    number: int  # this page's number, from 1
    num_pages: int

    @property
    def start_index(self):
        return (self.number - 1) * RESULTS_PER_PAGE + 1

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def has_other_pages(self):
        return self.num_pages > 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


def find_results(request, query, page_number):
    """The page `page_number` (as typed: a page out of range or not a number gives the nearest
    page) of the live public pages of the request's site matching any of the words of `query`,
    best matches first."""
    pages = public_for_search(Page.objects.live(), request)
    site = Site.find_for_request(request)
    if site is not None:
        pages = pages.in_site(site)
    # Any of the words, best matches first: a small site should rarely answer "nothing".
    found = SearchResults(pages.search(query, operator="or"), RESULTS_PER_PAGE)
    page_obj = Paginator(found, RESULTS_PER_PAGE).get_page(page_number)
    shown = list(page_obj.object_list)
    intros = intros_of(shown)
    return ResultsPage(
        results=tuple(
            Result(
                page.get_url(request),
                page.title,
                page.search_description or intros.get(page.pk, ""),
            )
            for page in shown
        ),
        count=page_obj.paginator.count,
        number=page_obj.number,
        num_pages=page_obj.paginator.num_pages,
    )


# An app may keep result pages: each function answering this Wagtail hook takes the function that
# finds a page of results, `(request, query, page_number) -> ResultsPage`, and returns one that
# does the same (e.g. pagecache keeps them until a page changes).
SEARCH_RESULTS_HOOK = "search_results"


@require_safe
def search(request):
    """Full-text search over live public pages: a GET form that works without JavaScript.

    Search terms are not recorded (no Wagtail search-query logging): they can be personal.
    """
    raw_query = request.GET.get("q", "")
    query, problem = normalise_query(raw_query)
    found = None
    if query:
        find = find_results
        for keep in hooks.get_hooks(SEARCH_RESULTS_HOOK):
            find = keep(find)
        found = find(request, query, request.GET.get("page"))
    response = render(
        request,
        "pages/search.html",
        {
            "search_query": query,
            "problem": problem,
            "max_query_length": MAX_QUERY_LENGTH,
            "found": found,
        },
    )
    # Result lists are for people, not for search engines' indexes.
    response["X-Robots-Tag"] = "noindex"
    return response
