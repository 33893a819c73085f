"""Search result pages, kept and shared by every process until a page changes.

A page of results depends on the live pages alone (their words in the search index, titles,
addresses, introductions and view restrictions), so it is kept under the page generation: any
publication, move, deletion or restriction (pagecache.signals) finds afresh, on the very next
request. A search never seen before reads the database as it always did.

The words searched for can be personal (a visitor's health question), so they are not stored:
an entry is named by a keyed hash of the site, the words and the page number (the SECRET_KEY
keys it; without it the names cannot be tested against guessed words), and holds only the page
of results (URLs, titles, summaries, counts), which says nothing the public site does not. The
page cache already names every visited page in the same store; this says no more than that.
Without a shared cache, or with it unreachable, every search reads the database.
"""

from django.utils.crypto import salted_hmac
from wagtail.models import Site

from pages.views import Result, ResultsPage

from . import store
from .fragments import tokens_of

# The name holds the layout of what is kept, so a release that changes it never unpickles an
# older one (the generation a deploy's `migrate` starts would only be compared after that).
LAYOUT = ",".join(ResultsPage._fields + Result._fields)


def shared_results(find):
    """`find(request, query, page_number)` (pages.views.find_results), its answers shared."""

    def find_shared(request, query, page_number):
        tokens = tokens_of(request)
        if tokens is None:
            return find(request, query, page_number)
        site = Site.find_for_request(request)  # as pagecache.shared.prime gave it
        named = salted_hmac(
            "pagecache.search", f"{site.pk}\n{page_number or ''}\n{query}", algorithm="sha256"
        ).hexdigest()
        return store.fragment(
            f"search:{LAYOUT}:{named}",
            tokens["pages"],
            lambda: find(request, query, page_number),
        )

    return find_shared
