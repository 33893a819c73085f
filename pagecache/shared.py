"""What every public page of a site reads and only a change to the site alters: the Site (with
its home page), the site settings, the menu pages, the home page's children, the restricted
sections and the sites' root paths (page URLs).
Built once per generation of the page cache and shared by every process, so a page rendered
afresh (a page-cache miss) does not read them from the database again.

The generation changes on every publish, unpublish, move or deletion of a page, on a change to
the sites, the site settings, the redirects or a view restriction (pagecache.signals): exactly
what these depend on. They are read with the generation in one round trip; kept under the
generation read *before* they were built, so a build that overlaps a change is never used after
it. With the cache unreachable, or without a shared one (FRAGMENT_CACHE_ENABLED off), each
request reads them itself, as Wagtail does.
"""

from typing import NamedTuple

from django.conf import settings
from django.http.request import split_domain_port
from django.urls import Resolver404, resolve
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.models.sites import SiteRootPath
from wagtail.url_routing import RouteResult

from pages.models import SiteSettings
from pages.navigation import KNOWN_CHILDREN_ATTR, MENU_ATTR, home_children, menu_pages
from pages.visibility import RESTRICTED_PATHS_ATTR, restricted_paths

from . import store


class SiteData(NamedTuple):
    site: Site  # with its home page as its own type
    settings: SiteSettings
    menu: list
    children: tuple  # (home page id, {slug: child page})
    restricted: list  # paths of the pages carrying a view restriction
    root_paths: list  # Site.get_site_root_paths(): what a page's URL is built from


# The key names the layout, so a release that keeps other things never reads an older layout; a
# deploy's `migrate` also starts a new generation (signals): a release never reads the objects an
# older one pickled.
PREFIX = f"pagecache:site:{','.join(SiteData._fields)}:"
# The page a path routes to, as routing read it (with what its type's serve_queryset adds), stored
# as it left the database (the cache pickles it then): serving it changes the object, not the entry.
ROUTE_PREFIX = "pagecache:route:"
# The tokens read with the site data: {"pages": generation, "content": content token}, for the
# fragments of a page (pagecache.fragments). Absent without a shared cache, and for previews.
TOKENS_ATTR = "_page_cache_tokens"


def _site_for_host(sites, hostname, port):
    """The site serving `hostname`:`port` among `sites`, by Wagtail's rules
    (wagtail.models.sites.get_site_for_hostname): the hostname and port, else the hostname of the
    default site, else the default site unless exactly one other site has the hostname."""

    def rank(site):
        if site.hostname == hostname:
            return 0 if site.port == port else 1 if site.is_default_site else 3
        return 2  # the default site, under another hostname

    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site), key=rank
    )
    if not candidates:
        return None
    best = rank(candidates[0])
    if len(candidates) == 1 or best in (0, 1):
        return candidates[0]
    if best == 2:
        return candidates[len(candidates) == 2]
    return None


def _sites(request):
    """(the request's site, its settings, every site's root path) in one query: Wagtail reads
    them in three (Site.find_for_request, SiteSettings.for_site, Site.get_site_root_paths, which
    also reads and writes a cache entry). The site is None when none serves the request. The
    pages the settings link to are not read here (_link_pages)."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):  # root paths per translation: Wagtail's
        site = Site.find_for_request(request)
        found = SiteSettings.for_site(site) if site is not None else None
        return site, found, Site.get_site_root_paths()
    sites = list(
        Site.objects.select_related("root_page__locale", "sitesettings").order_by(
            "-root_page__url_path", "-is_default_site", "hostname"
        )
    )
    root_paths = [
        SiteRootPath(
            site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code
        )
        for site in sites
    ]
    hostname = split_domain_port(request._get_raw_host())[0]  # as Wagtail: no ALLOWED_HOSTS check
    port = request.get_port()  # a string, which Wagtail's query compares with the number
    site = _site_for_host(sites, hostname, int(port) if port.isdigit() else None)
    if site is None:
        return None, None, root_paths
    try:
        found = site.sitesettings
    except SiteSettings.DoesNotExist:
        found = SiteSettings.for_site(site)  # a site without settings yet: created, as Wagtail does
    return site, found, root_paths


def _build(request):
    site, site_settings, root_paths = _sites(request)
    if site is None:
        return None
    # The home page as its own type (routing starts there; Wagtail asks for .specific), without
    # its own fields: every other page only passes through it, and serving it reads it whole
    # (BasePage.route).
    site.root_page = site.root_page.specific_deferred
    # The home page's children: the menu, and routing (no query to learn a child's type, nor to
    # pass through one to a page below it).
    restricted = restricted_paths()
    children = home_children(site, restricted)
    _link_pages(site_settings, children)
    return SiteData(
        site=site,
        settings=site_settings,
        menu=menu_pages(children),
        children=(site.root_page_id, {page.slug: page for page in children}),
        restricted=restricted,
        root_paths=root_paths,
    )


def _link_pages(site_settings, pages):
    """Give the settings the pages they link to (SiteSettings.select_related: the footer's privacy
    and accessibility pages) from `pages` (the home page's children, where they usually are: no
    query), else read them now: the shared copy holds them either way."""
    known = {page.pk: page for page in pages}
    for name in SiteSettings.select_related:
        page_id = getattr(site_settings, SiteSettings._meta.get_field(name).attname)
        if page_id in known:
            setattr(site_settings, name, known[page_id])
        else:
            getattr(site_settings, name)  # None, or one query


def prime(request):
    """Give the request its site, settings and menu from the shared copy (or build and share it).
    Wagtail and pages.navigation then find them on the request instead of querying."""
    if not settings.FRAGMENT_CACHE_ENABLED:
        return
    host = request.get_host()
    key, route_key = PREFIX + host, f"{ROUTE_PREFIX}{host}:{request.path_info}"
    cache = store.shared_cache()
    found = cache.get_many([store.GENERATION_KEY, store.CONTENT_KEY, key, route_key])
    token = found.get(store.GENERATION_KEY) or store.start_generation()
    content = found.get(store.CONTENT_KEY) or store.start_generation(store.CONTENT_KEY)
    stored = found.get(key)
    if stored is not None and token is not None and stored[0] == token:
        bundle = stored[1]
    else:
        bundle = _build(request)
        if bundle is None:
            return
        if token is not None:
            store.keep(key, (token, bundle))
    request._wagtail_site = bundle.site  # where Site.find_for_request keeps a request's site
    bundle.settings._request = request  # as SiteSettings.for_request does, for page URLs
    setattr(request, SiteSettings.get_cache_attr_name(), bundle.settings)
    setattr(request, MENU_ATTR, bundle.menu)
    setattr(request, KNOWN_CHILDREN_ATTR, bundle.children)
    setattr(request, RESTRICTED_PATHS_ATTR, bundle.restricted)
    # Where Page.get_url_parts looks for the site root paths before Wagtail's own cache entry.
    request._wagtail_cached_site_root_paths = bundle.root_paths
    # A preview (Wagtail renders it through a dummy request for the page's own URL) shows a
    # draft: it neither reads nor keeps the live page's route or parts.
    if token is not None and content is not None and not getattr(request, "is_dummy", False):
        setattr(request, TOKENS_ATTR, {"pages": token, "content": content})
        _route(request, token, route_key, found.get(route_key))


def _route(request, token, route_key, stored):
    """Give a page's request the page its path routes to (Wagtail keeps a request's route on
    `_wagtail_route_for_request`), from the shared copy or routed here and shared. Kept per
    generation: any publish, move, deletion or restriction routes afresh. Only plain pages: a
    sub-route of a routable page (a feed, a filter) is routed by Wagtail as usual."""
    if stored is not None and stored[0] == token and isinstance(stored[1], Page):
        request._wagtail_route_for_request = RouteResult(stored[1])
        return
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return
    if match.func is not wagtail_views.serve:
        return
    path = match.args[0] if match.args else match.kwargs.get("path", "")
    result = Page.route_for_request(request, path)
    if result is None or result.args or result.kwargs:
        return
    store.keep(route_key, (token, result.page))


def forget_route(request, path):
    """Route `path` afresh on this request's host (its page changed outside publishing)."""
    store.shared_cache().delete(f"{ROUTE_PREFIX}{request.get_host()}:{path}")
