"""Title, meta description, canonical URL, Open Graph and JSON-LD for every public page."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.text import Truncator

from pages import structured_data
from pages.navigation import is_site_root, site_for

register = template.Library()

DESCRIPTION_MAX_LENGTH = 300


def page_description(page, site_settings):
    """The page's own search description, else its introduction, else the site's default."""
    if page is not None:
        own = (getattr(page, "search_description", "") or "").strip()
        if own:
            return own
        intro = (getattr(page, "intro", "") or "").strip()
        if intro:
            return Truncator(intro).chars(DESCRIPTION_MAX_LENGTH)
    return site_settings.meta_description


def page_title(page, site_settings):
    organisation_name = site_settings.organisation_name
    if page is None:
        return organisation_name
    title = page.seo_title or page.title
    if title == organisation_name:
        return title
    return f"{title} | {organisation_name}"


def served_page(context):
    """The Wagtail page this response shows, or None (search results, error pages)."""
    page = context.get("page")
    return page if getattr(page, "url_path", None) else None


@register.simple_tag(takes_context=True)
def title_tag_text(context):
    return page_title(served_page(context), context["site_settings"])


@register.inclusion_tag("includes/seo.html", takes_context=True)
def page_meta(context):
    page = served_page(context)
    request = context.get("request")
    site_settings = context["site_settings"]
    is_home = page is None or is_site_root(page, site_for(request, page))
    return {
        "title": (page.seo_title or page.title) if page is not None else "",
        "site_name": site_settings.organisation_name,
        "description": page_description(page, site_settings),
        "canonical": page.get_full_url(request) if page is not None else "",
        "og_type": "website" if is_home else "article",
        "locale": translation.to_locale(settings.LANGUAGE_CODE),
    }


@register.simple_tag(takes_context=True)
def structured_data_script(context):
    page = served_page(context)
    site_settings = context["site_settings"]
    data = structured_data.page_graph(
        site_settings,
        context.get("request"),
        page=page,
        description=page_description(page, site_settings),
    )
    return structured_data.json_ld_script(data)
