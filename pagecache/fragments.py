"""A page's own parts (its body and references, its structured data) and the parts every page of
a site shows alike (crisis strip and header, footer and call bar), rendered once and shared by
every process, so a page rendered afresh (a page-cache miss) does not build them again.

Each is kept with the version it was built for, read from what it depends on:
- the page's live revision: an editor's publication is seen on the next request;
- the content token (pagecache.store): a change to the site settings, an image, a document, a
  snippet, a view restriction, a page's address (a move, a slug change) or its removal, and a
  deploy's `migrate`, rebuild every page's parts;
- the page generation, for a part that shows other pages (a chosen page's title, the latest
  articles, breadcrumbs): any publication rebuilds it. A part that shows none survives the
  publication of other pages: after a publish, a page that is not in the page cache renders
  only its frame (menu, header, footer) again.

Never for previews (the draft has the live page's ID and revision), nor without a shared cache
(FRAGMENT_CACHE_ENABLED off) or the tokens (the shared cache unreachable): the part is then
simply rendered. What a part shows that changes with time alone (a credential past its expiry
date, availability that grows old) is at most PAGE_CACHE_TIMEOUT late, as in the page cache.
"""

from django.utils import timezone
from wagtail.models import Site

from . import store
from .shared import TOKENS_ATTR

# The parts a page template may keep; pagecache.signals forgets them all when a page's content
# changes outside publishing.
PAGE_FRAGMENTS = ("body", "structured-data")
# The parts of every page of a site that no page changes: the crisis strip and header above the
# content, the footer and call bar below it.
SITE_FRAGMENTS = ("top", "bottom")


def name_for(page_id, name):
    return f"page:{page_id}:{name}"


def tokens_of(request):
    """The tokens to build a version from (pagecache.shared.prime gives them to a request that
    may share), or None."""
    return getattr(request, TOKENS_ATTR, None) if request is not None else None


def page_fragment(request, page, name, render, reads_pages):
    """The HTML `render()` returns for this part of `page`, shared (see the module docstring)."""
    if name not in PAGE_FRAGMENTS:
        raise ValueError(f"unknown page fragment {name!r}: choose from {PAGE_FRAGMENTS}")
    tokens = tokens_of(request)
    if tokens is None or page is None or not getattr(page, "live", False):
        return render()
    version = (page.live_revision_id, tokens["content"], tokens["pages"] if reads_pages else None)
    return store.fragment(name_for(page.pk, name), version, render)


def site_name_for(site_id, name):
    return f"site:{site_id}:{name}"


def read_ahead(request):
    """Read the parts the request's page will ask for (its own, its site's) in one round trip
    before it renders, once prime has given it its site and the page its path routes to."""
    tokens = tokens_of(request)
    site = getattr(request, "_wagtail_site", None)
    if tokens is None or site is None:
        return
    names = [site_name_for(site.pk, name) for name in SITE_FRAGMENTS]
    route = getattr(request, "_wagtail_route_for_request", None)
    if route is not None:
        names += [name_for(route.page.pk, name) for name in PAGE_FRAGMENTS]
    store.read_ahead([store.FRAGMENT_PREFIX + name for name in names])


def site_fragment(request, name, render):
    """The HTML `render()` returns for this part of every page of the request's site, shared:
    rebuilt after any change (it shows the site settings, pages' titles, the credentials) and
    each day (a credential past its expiry date leaves the footer)."""
    if name not in SITE_FRAGMENTS:
        raise ValueError(f"unknown site fragment {name!r}: choose from {SITE_FRAGMENTS}")
    tokens = tokens_of(request)
    site = Site.find_for_request(request) if tokens is not None else None
    if site is None:
        return render()
    version = (tokens["pages"], tokens["content"], timezone.localdate().isoformat())
    return store.fragment(site_name_for(site.pk, name), version, render)


def forget_page(page_id):
    store.shared_cache().delete_many(
        [store.FRAGMENT_PREFIX + name_for(page_id, name) for name in PAGE_FRAGMENTS]
    )
