"""Title, meta description, canonical URL, Open Graph and JSON-LD for every public page."""

from django import template
from django.utils.text import Truncator

from pages import structured_data

register = template.Library()


def _site_settings(context):
    from pages.models import SiteSettings

    site_settings = context.get("site_settings")
    if site_settings is None:
        request = context.get("request")
        site_settings = SiteSettings.for_request(request) if request else SiteSettings()
    return site_settings


def page_description(page, site_settings):
    """The page's own search description, else its introduction, else the site's default."""
    if page is not None:
        own = (getattr(page, "search_description", "") or "").strip()
        if own:
            return own
        intro = (getattr(page, "intro", "") or "").strip()
        if intro:
            return Truncator(intro).chars(300)
    return site_settings.meta_description


def page_title(page, site_settings):
    organisation_name = site_settings.organisation_name
    if page is None:
        return organisation_name
    title = page.seo_title or page.title
    if title == organisation_name:
        return title
    return f"{title} | {organisation_name}"


@register.simple_tag(takes_context=True)
def title_tag_text(context):
    return page_title(context.get("page"), _site_settings(context))


@register.inclusion_tag("includes/seo.html", takes_context=True)
def page_meta(context):
    page = context.get("page")
    request = context.get("request")
    site_settings = _site_settings(context)
    canonical = ""
    if page is not None and getattr(page, "url_path", None):
        canonical = page.get_full_url(request)
    is_home = page is not None and page.depth <= 2
    return {
        "title": (page.seo_title or page.title) if page is not None else "",
        "site_name": site_settings.organisation_name,
        "description": page_description(page, site_settings),
        "canonical": canonical,
        "og_type": "website" if is_home or page is None else "article",
    }


@register.simple_tag(takes_context=True)
def structured_data_script(context):
    page = context.get("page")
    site_settings = _site_settings(context)
    if page is not None and not getattr(page, "url_path", None):
        page = None
    data = structured_data.page_graph(
        site_settings,
        context.get("request"),
        page=page,
        description=page_description(page, site_settings),
    )
    return structured_data.to_json_ld(data)
