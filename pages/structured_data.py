"""JSON-LD for search engines, built as plain dicts so other features can add to them.

Every page carries the organisation (a MedicalClinic); program pages add a MedicalWebPage with
their citations and dates, and pages below the home page a BreadcrumbList. Never AggregateRating:
search engines treat self-published ratings of a medical provider as spam.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, OuterRef, Q
from django.utils.safestring import mark_safe
from wagtail.models import Page, PageViewRestriction, Site

SCHEMA_CONTEXT = "https://schema.org"

# Like django.utils.html.json_script: nothing in the data can close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def site_for(request, page=None):
    """The site being viewed: Wagtail caches it on the request, so asking again costs nothing."""
    if request is not None:
        site = Site.find_for_request(request)
        if site is not None:
            return site
    return page.get_site() if page is not None else None


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
    address = {
        key: value
        for key, value in [
            ("streetAddress", site_settings.street_address),
            ("addressLocality", site_settings.locality),
            ("addressRegion", site_settings.region),
            ("postalCode", site_settings.postal_code),
            ("addressCountry", site_settings.country),
        ]
        if value
    }
    if set(address) - {"addressCountry"}:
        data["address"] = {"@type": "PostalAddress", **address}
    return data


def breadcrumb_trail(page, site, request=None):
    """[(title, relative url, absolute url)] from the site's home page down to `page`."""
    if page is None or site is None:
        return []
    trail = []
    for ancestor in page_family(request, page, site)["ancestors"]:
        title = "Home" if ancestor.pk == site.root_page_id else ancestor.title
        trail.append((title, ancestor.get_url(request), ancestor.get_full_url(request)))
    return trail


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


def medical_web_page(page, page_url, root_url, description, has_breadcrumb=False):
    """The program page as a MedicalWebPage, merged with the page's clinical review when known."""
    index = page.citation_index()
    citations = [citation for _number, citation in index.references()] + list(index.uncited)
    data = {
        "@type": "MedicalWebPage",
        "@id": f"{page_url}#webpage",
        "url": page_url,
        "name": page.seo_title or page.title,
        "headline": page.title,
        "inLanguage": "en-US",
        "isPartOf": {"@id": f"{root_url}/#website"},
        "publisher": {"@id": organisation_id(root_url)},
        "citation": [citation_item(citation) for citation in citations],
    }
    if description:
        data["description"] = description
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    modified = page.last_published_at or page.latest_revision_created_at
    if modified:
        data["dateModified"] = modified.isoformat()
    if has_breadcrumb:
        data["breadcrumb"] = {"@id": f"{page_url}#breadcrumb"}
    review = getattr(page, "review_structured_data", None)
    if callable(review):
        data.update(review() or {})
    return data


def website(site_settings, root_url):
    return {
        "@type": "WebSite",
        "@id": f"{root_url}/#website",
        "url": f"{root_url}/",
        "name": site_settings.organisation_name,
        "publisher": {"@id": organisation_id(root_url)},
        "inLanguage": "en-US",
    }


def page_graph(site_settings, request, page=None, description=""):
    """Every JSON-LD node for one response, as one @graph."""
    site = site_for(request, page)
    root_url = root_url_for(site, request)
    nodes = [organisation(site_settings, root_url), website(site_settings, root_url)]
    if page is not None and site is not None:
        page_url = page.get_full_url(request)
        trail = breadcrumb_trail(page, site, request)
        has_breadcrumb = len(trail) > 1
        if hasattr(page, "citation_index"):
            nodes.append(medical_web_page(page, page_url, root_url, description, has_breadcrumb))
        if has_breadcrumb:
            nodes.append(breadcrumb_list(trail, page_url))
    return {"@context": SCHEMA_CONTEXT, "@graph": nodes}


def script_safe(json_text):
    """JSON text that can sit inside a <script> element: no value can close it or open markup."""
    return json_text.translate(_JSON_SCRIPT_ESCAPES)


def to_json_ld(data):
    """A <script type="application/ld+json"> element that no value can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    text = script_safe(text)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
