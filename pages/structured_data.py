"""JSON-LD for search engines, built as plain dicts and written out by one serialiser.

Every page carries the organisation (a MedicalClinic) and the website; a page adds its own nodes
through its `structured_data(graph)` method (a program page: a MedicalWebPage with citations,
dates and its clinical review), and pages below the home page a BreadcrumbList. Never
AggregateRating: search engines treat self-published ratings of a medical provider as spam.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail import hooks

from pages.navigation import breadcrumb_trail, site_for

SCHEMA_CONTEXT = "https://schema.org"

# Features add nodes to every page's graph through this hook: a function taking (request, page,
# organisation_id) and returning a list of nodes (a node with the organisation's @id adds to it).
EXTRA_NODES_HOOK = "structured_data_nodes"

# Like django.utils.html.json_script: nothing in the data can close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def content_language():
    """The site's language as a BCP 47 tag (en-US), from LANGUAGE_CODE."""
    return translation.to_locale(settings.LANGUAGE_CODE).replace("_", "-")


@dataclass(frozen=True)
class GraphContext:
    """What a page needs to describe itself in the site's graph."""

    page_url: str
    root_url: str
    description: str
    has_breadcrumb: bool

    @property
    def organisation_id(self):
        return organisation_id(self.root_url)


def root_url_for(site, request=None):
    if request is not None and site is None:
        return request.build_absolute_uri("/").rstrip("/")
    return site.root_url if site is not None else ""


def organisation_id(root_url):
    return f"{root_url}/#organization"


def organisation(site_settings, root_url):
    data = {
        "@type": "MedicalClinic",
        "@id": organisation_id(root_url),
        "name": site_settings.organisation_name,
        "url": f"{root_url}/",
    }
    if site_settings.phone_href:
        data["telephone"] = site_settings.phone_href.removeprefix("tel:")
    address = postal_address(site_settings)
    if address:
        data["address"] = address
    return data


def postal_address(place):
    """schema.org PostalAddress of anything with the address fields (None when it has none)."""
    address = {
        key: value
        for key, value in [
            ("streetAddress", place.street_address),
            ("addressLocality", place.locality),
            ("addressRegion", place.region),
            ("postalCode", place.postal_code),
            ("addressCountry", place.country),
        ]
        if value
    }
    if not set(address) - {"addressCountry"}:
        return None
    return {"@type": "PostalAddress", **address}


def website(site_settings, root_url):
    return {
        "@type": "WebSite",
        "@id": f"{root_url}/#website",
        "url": f"{root_url}/",
        "name": site_settings.organisation_name,
        "publisher": {"@id": organisation_id(root_url)},
        "inLanguage": content_language(),
    }


def breadcrumb_list(trail, page_url):
    return {
        "@type": "BreadcrumbList",
        "@id": f"{page_url}#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": title, "item": full_url}
            for position, (title, _url, full_url) in enumerate(trail, start=1)
        ],
    }


def citation_item(citation):
    return {
        "@type": "CreativeWork",
        "name": citation.title,
        "url": citation.url,
        "publisher": {"@type": "Organization", "name": citation.source},
    }


def medical_web_page(page, graph, citations=()):
    """A health page as a MedicalWebPage: headline, dates, citations, publisher."""
    data = {
        "@type": "MedicalWebPage",
        "@id": f"{graph.page_url}#webpage",
        "url": graph.page_url,
        "name": page.seo_title or page.title,
        "headline": page.title,
        "inLanguage": content_language(),
        "isPartOf": {"@id": f"{graph.root_url}/#website"},
        "publisher": {"@id": graph.organisation_id},
        "citation": [citation_item(citation) for citation in citations],
    }
    if graph.description:
        data["description"] = graph.description
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    modified = page.last_published_at or page.latest_revision_created_at
    if modified:
        data["dateModified"] = modified.isoformat()
    if graph.has_breadcrumb:
        data["breadcrumb"] = {"@id": f"{graph.page_url}#breadcrumb"}
    return data


def article(page, graph, citations=(), author=None, date=None):
    """A written article (a post): headline, author, dates, citations; the main entity of its
    MedicalWebPage (`{page_url}#webpage`)."""
    data = {
        "@type": "Article",
        "@id": f"{graph.page_url}#article",
        "headline": page.title,
        "url": graph.page_url,
        "inLanguage": content_language(),
        "mainEntityOfPage": {"@id": f"{graph.page_url}#webpage"},
        "publisher": {"@id": graph.organisation_id},
        "citation": [citation_item(citation) for citation in citations],
    }
    if author is not None:
        data["author"] = author
    if graph.description:
        data["description"] = graph.description
    published = date or page.first_published_at
    if published:
        data["datePublished"] = published.isoformat()
    modified = page.last_published_at or page.latest_revision_created_at
    if modified:
        data["dateModified"] = modified.isoformat()
    return data


def page_graph(site_settings, request, page=None, description=""):
    """Every JSON-LD node for one response, as one @graph."""
    site = site_for(request, page)
    root_url = root_url_for(site, request)
    nodes = [organisation(site_settings, root_url), website(site_settings, root_url)]
    if page is not None and site is not None:
        page_url = page.get_full_url(request)
        trail = breadcrumb_trail(request, page, site)
        has_breadcrumb = len(trail) > 1
        graph = GraphContext(page_url, root_url, description, has_breadcrumb)
        nodes += page.structured_data(graph)
        if has_breadcrumb:
            nodes.append(breadcrumb_list(trail, page_url))
    for extra_nodes in hooks.get_hooks(EXTRA_NODES_HOOK):
        nodes += extra_nodes(request, page, organisation_id(root_url))
    return {"@context": SCHEMA_CONTEXT, "@graph": nodes}


def json_ld_script(data):
    """A <script type="application/ld+json"> element that no value can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    text = text.translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


def medical_therapy(graph, name, alternate_name="", description="", how_performed=""):
    """A treatment program as a MedicalTherapy, which the clinic lists as an availableService."""
    data = {
        "@type": "MedicalTherapy",
        "@id": f"{graph.page_url}#therapy",
        "name": name,
        "url": graph.page_url,
    }
    optional = [
        ("alternateName", alternate_name),
        ("description", description),
        ("howPerformed", how_performed),
    ]
    data.update({key: value for key, value in optional if value})
    return data
