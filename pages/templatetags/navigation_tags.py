"""Primary navigation (pages marked "show in menus") and breadcrumbs."""

from django import template

from pages.structured_data import breadcrumb_trail, page_family, site_for

register = template.Library()


@register.inclusion_tag("includes/primary_nav.html", takes_context=True)
def primary_nav(context):
    request = context.get("request")
    current = context.get("page")
    site = site_for(request, current)
    if site is None:
        return {"items": []}
    root = site.root_page
    current_path = getattr(current, "url_path", "") or ""
    items = [
        {
            "title": "Home",
            "url": root.get_url(request),
            "current": current is not None and current.pk == root.pk,
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
    return {"items": items}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    request = context.get("request")
    page = context.get("page")
    trail = breadcrumb_trail(page, site_for(request, page), request)
    return {"trail": [{"title": title, "url": url} for title, url, _full in trail]}
