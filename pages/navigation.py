"""The primary navigation (the home page's children marked "show in menus") and breadcrumbs.

Both come from page_family, which the breadcrumbs, the navigation and the JSON-LD breadcrumb list
share: at most one query for the menu and none for the trail of a routed page.
"""

from wagtail.models import Page, Site

from pages.visibility import restricted_paths, under_restriction

# (page id, {slug: child page}) of a page's children (as home_children reads them), when something
# already read them for the request (the page cache keeps the home page's for every page of a site).
KNOWN_CHILDREN_ATTR = "_known_children"


def site_for(request, page=None):
    """The site being viewed: Wagtail caches it on the request, so asking again costs nothing."""
    if request is not None:
        site = Site.find_for_request(request)
        if site is not None:
            return site
    return page.get_site() if page is not None else None


def is_site_root(page, site):
    """Whether `page` is the home page of `site`."""
    return page is not None and site is not None and page.pk == site.root_page_id


MENU_ATTR = "_menu_pages"  # a request's menu pages when something already read them


def home_children(site, restricted):
    """Every child of the site's home page, in the tree's order, each knowing whether a view
    restriction covers it (`restricted`, decided from the restricted paths:
    pages.visibility.restricted_paths): one query, which the menu and routing share."""
    root = site.root_page
    children = list(
        Page.objects.filter(depth=root.depth + 1, path__startswith=root.path).order_by("path")
    )
    for page in children:
        page.restricted = under_restriction(page, restricted)
    return children


def menu_pages(children):
    """The home page's live children (home_children) marked "show in menus" that no view
    restriction hides (as Wagtail's .public() would decide), in the tree's order."""
    return [page for page in children if page.live and page.show_in_menus and not page.restricted]


def known_children(request, page_id):
    """{slug: child} of the page `page_id` when the request already holds its children
    (KNOWN_CHILDREN_ATTR), else None."""
    known = getattr(request, KNOWN_CHILDREN_ATTR, None) if request is not None else None
    return known[1] if known is not None and known[0] == page_id else None


def public_home_child(request, model):
    """The first of the home page's live children of type `model` that no view restriction hides,
    from the children the request already holds, without a query; None when it holds none or
    none is of that type."""
    site = site_for(request)
    children = known_children(request, site.root_page_id) if site is not None else None
    for page in (children or {}).values():
        if page.live and not page.restricted and issubclass(page.specific_class, model):
            return page
    return None


def _ancestors(page, root):
    """Home down to `page`, from the parents routing left on each page (no query), or None."""
    chain = []
    while page is not None:
        chain.append(page)
        if page.path == root.path:
            return chain[::-1]
        page = getattr(page, "_cached_parent_obj", None)
    return None


def page_family(request, page, site):
    """{"nav": pages for the primary navigation, "ancestors": home down to `page`}.

    The menu pages are read once per request (or taken from what the request already holds:
    MENU_ATTR, e.g. kept by the page cache for every page of a site); the ancestors come from
    routing, which hands each page its parent, else from one query. Kept on the request: the
    breadcrumbs, the navigation and the JSON-LD all ask.
    """
    memo = request.__dict__.setdefault("_page_family", {}) if request is not None else {}
    key = (site.pk, getattr(page, "pk", None))
    if key in memo:
        return memo[key]
    root = site.root_page
    nav = getattr(request, MENU_ATTR, None) if request is not None else None
    if nav is None:
        nav = menu_pages(home_children(site, restricted_paths(request)))
        if request is not None:
            setattr(request, MENU_ATTR, nav)
    ancestors = [root]
    if page is not None and page.path.startswith(root.path):
        ancestors = _ancestors(page, root)
        if ancestors is None:
            step = Page.steplen
            paths = [page.path[:end] for end in range(len(root.path), len(page.path) + 1, step)]
            ancestors = list(Page.objects.filter(path__in=paths).order_by("path"))
    family = {"nav": nav, "ancestors": ancestors}
    memo[key] = family
    return family


def breadcrumb_trail(request, page, site):
    """[(title, relative url, absolute url)] from the site's home page down to `page`."""
    if page is None or site is None:
        return []
    return [
        (
            "Home" if is_site_root(ancestor, site) else ancestor.title,
            ancestor.get_url(request),
            ancestor.get_full_url(request),
        )
        for ancestor in page_family(request, page, site)["ancestors"]
    ]


def primary_nav_items(request, current):
    """The main navigation: Home, then the menu pages, each marked current or active."""
    site = site_for(request, current)
    if site is None:
        return []
    root = site.root_page
    current_path = getattr(current, "url_path", "") or ""
    items = [
        {
            "title": "Home",
            "url": root.get_url(request),
            "current": is_site_root(current, site),
            "active": False,
        }
    ]
    for page in page_family(request, current, site)["nav"]:
        items.append(
            {
                "title": page.title,
                "url": page.get_url(request),
                "current": current is not None and current.pk == page.pk,
                "active": bool(current_path) and current_path.startswith(page.url_path),
            }
        )
    return items
