"""Primary navigation (pages marked "show in menus"), breadcrumbs and the latest articles."""

from django import template

from pages import latest
from pages.navigation import breadcrumb_trail, primary_nav_items, site_for

register = template.Library()


@register.inclusion_tag("includes/primary_nav.html", takes_context=True)
def primary_nav(context):
    return {"items": primary_nav_items(context.get("request"), context.get("page"))}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    request = context.get("request")
    page = context.get("page")
    trail = breadcrumb_trail(request, page, site_for(request, page))
    return {"trail": [{"title": title, "url": url} for title, url, _full in trail]}


@register.inclusion_tag("includes/latest_articles.html", takes_context=True)
def latest_articles(context, page):
    """The newest articles, when `page` chose to show them (pages.latest)."""
    if not getattr(page, "show_latest_articles", False):
        return {"articles": []}
    return {"articles": latest.latest_articles(context.get("request"))}
