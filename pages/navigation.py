"""The primary navigation (the home page's children marked "show in menus") and breadcrumbs.

Both come from one query per request and page (page_family), which the breadcrumbs, the
navigation and the JSON-LD breadcrumb list share.
"""

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page, PageViewRestriction, Site


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


def page_family(request, page, site):
    """{"nav": pages for the primary navigation, "ancestors": home down to `page`}, in one query.

    Navigation: the home page's live children marked "show in menus" that no view restriction
    hides (as Wagtail's .public() would decide). Ancestors: the breadcrumb trail, including the
    page itself. Kept on the request: the breadcrumbs, the navigation and the JSON-LD all ask.
    """
    memo = request.__dict__.setdefault("_page_family", {}) if request is not None else {}
    key = (site.pk, getattr(page, "pk", None))
    if key in memo:
        return memo[key]
    root = site.root_page
    step = Page.steplen
    ancestor_paths = [root.path]
    if page is not None and page.path.startswith(root.path):
        ancestor_paths = [
            page.path[:end] for end in range(len(root.path), len(page.path) + 1, step)
        ]
    in_menu = Q(depth=root.depth + 1, path__startswith=root.path, live=True, show_in_menus=True)
    pages = list(
        Page.objects.filter(in_menu | Q(path__in=ancestor_paths))
        .annotate(restricted=Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk"))))
        .order_by("path")
    )
    root_restricted = any(p.restricted for p in pages if p.path == root.path)
    family = {
        "nav": [
            p
            for p in pages
            if p.depth == root.depth + 1
            and p.live
            and p.show_in_menus
            and not p.restricted
            and not root_restricted
        ],
        "ancestors": [p for p in pages if p.path in ancestor_paths],
    }
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
