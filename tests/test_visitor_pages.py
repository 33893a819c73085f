"""What a visitor sees and what a machine reads on the public pages (issue 3)."""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from ops.errors import server_error
from pages.crisis import validate_crisis_number
from pages.models import StandardPage
from programs.models import ProgramPage

PAGES = ["/", "/programs/", "/programs/intensive-outpatient/", "/privacy/", "/accessibility/"]


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <script> elements."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.scripts = []
        self._script = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = {"attrs": dict(attrs), "text": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def find(self, tag, **attrs):
        wanted = attrs.items()
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted)]


def json_ld(html):
    scripts = [s for s in Elements(html).scripts if s["attrs"].get("type") == "application/ld+json"]
    assert scripts, "no JSON-LD on the page"
    return [json.loads(s["text"]) for s in scripts]


def graph_nodes(html):
    nodes = []
    for data in json_ld(html):
        nodes += data.get("@graph", [data])
    return nodes


def nodes_of_type(html, type_name):
    return [node for node in graph_nodes(html) if node.get("@type") == type_name]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_the_call_button_crisis_strip_and_footer(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.text
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert "Transformations" in header
    assert 'href="tel:+18002704315"' in header
    assert "answered by our own admissions team" in header
    strip = html.split('<aside class="crisis-strip"', 1)[1].split("</aside>", 1)[0]
    assert 'href="tel:911"' in strip
    assert 'href="tel:988"' in strip and 'href="sms:988"' in strip
    assert 'href="tel:+18006624357"' in strip
    assert "SAMHSA National Helpline" in strip
    assert "tel:+18002704315" not in strip, "admissions must stay apart from the crisis lines"
    footer = html.split('<footer class="site-footer">', 1)[1].split("</footer>", 1)[0]
    assert "You are not alone" in footer
    assert 'href="tel:+18002704315"' in footer
    assert 'href="/privacy/"' in footer and 'href="/accessibility/"' in footer
    assert '<div class="call-bar"><a class="phone-link button button--call call-bar' in html


@pytest.mark.parametrize("url", PAGES)
def test_no_inline_script_or_style_and_nothing_from_other_hosts(client, demo, url):
    html = client.get(url).text
    page = Elements(html)
    for script in page.scripts:
        assert script["attrs"].get("type") == "application/ld+json" or (
            script["attrs"].get("src", "").startswith("/static/") and not script["text"].strip()
        ), script
    assert not [a for _t, a in page.tags if "style" in a], "style attributes break the CSP"
    assert "<style" not in html
    for tag, attrs in page.tags:
        for name in ("src", "srcset"):
            value = attrs.get(name) or ""
            assert not re.search(r"(^|\s|,)(https?:)?//", value), (tag, value)
        if tag == "link":
            assert attrs["href"].startswith("/") or attrs.get("rel") == "canonical", attrs


def test_crisis_strip_follows_the_site_settings(client, demo):
    demo.settings.crisis_heading = "Need help right now?"
    demo.settings.crisis_lines = [
        ("line", {"name": "Local crisis team", "number": "561-555-0100", "can_text": False}),
    ]
    demo.settings.save()
    html = client.get("/").text
    assert "Need help right now?" in html
    assert 'href="tel:+15615550100"' in html
    assert "tel:988" not in html

    demo.settings.crisis_lines = []
    demo.settings.save()
    assert 'class="crisis-strip"' not in client.get("/").text


def test_crisis_numbers_must_be_dialable():
    for good in ["911", "988", "1-800-662-4357", "+1 800 662 4357"]:
        validate_crisis_number(good)
    for bad in ["", "12", "9111", "call us", "800-000"]:
        with pytest.raises(ValidationError, match="three-digit service code"):
            validate_crisis_number(bad)


def test_quick_exit_is_off_by_default_and_a_plain_link_when_on(client, demo):
    html = client.get("/").text
    assert "data-quick-exit" not in html
    assert "quick-exit.js" not in html

    demo.settings.quick_exit_enabled = True
    demo.settings.quick_exit_url = "https://www.weather.gov/"
    demo.settings.save()
    page = Elements(client.get("/").text)
    [link] = [a for tag, a in page.tags if tag == "a" and "data-quick-exit" in a]
    assert link["href"] == "https://www.weather.gov/"
    assert link["rel"] == "noreferrer"
    [script] = [s for s in page.scripts if "quick-exit" in s["attrs"].get("src", "")]
    assert "defer" in script["attrs"]


def test_primary_navigation_lists_pages_shown_in_menus(client, demo):
    demo.programs.show_in_menus = True
    demo.programs.save()
    hidden = StandardPage(title="Staff only notes", slug="staff-notes", show_in_menus=False)
    demo.home.add_child(instance=hidden)
    html = client.get("/programs/intensive-outpatient/").text
    nav = html.split('<nav class="primary-nav" aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/programs/" aria-current="true">Programs</a>' in nav
    assert "Staff only notes" not in nav
    assert "Privacy notice" not in nav
    home_nav = client.get("/").text.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/" aria-current="page">Home</a>' in home_nav


def test_program_page_has_breadcrumbs(client, demo):
    html = client.get("/programs/intensive-outpatient/").text
    crumbs = html.split('aria-label="Breadcrumb">', 1)[1].split("</nav>")[0]
    assert re.findall(r'<a href="([^"]+)"', crumbs) == [
        "/",
        "/programs/",
        "/programs/intensive-outpatient/",
    ]
    assert 'aria-current="page">Intensive Outpatient</a>' in crumbs


def test_footer_shows_the_address_when_set(client, demo):
    assert "<address" not in client.get("/").text
    demo.settings.street_address = "123 Recovery Way"
    demo.settings.locality = "Springfield"
    demo.settings.region = "IL"
    demo.settings.postal_code = "62701"
    demo.settings.save()
    html = client.get("/").text
    assert "123 Recovery Way<br>Springfield, IL 62701</address>" in html
    [clinic] = nodes_of_type(html, "MedicalClinic")
    assert clinic["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "123 Recovery Way",
        "addressLocality": "Springfield",
        "addressRegion": "IL",
        "postalCode": "62701",
        "addressCountry": "US",
    }


@pytest.mark.parametrize("url", ["/privacy/", "/accessibility/"])
def test_privacy_and_accessibility_pages_have_real_content(client, demo, url):
    html = client.get(url).text
    if url == "/privacy/":
        assert "<h1>Privacy notice</h1>" in html
        assert "does not use analytics, advertising or social media trackers" in html
        assert "private or incognito window" in html
    else:
        assert "<h1>Accessibility statement</h1>" in html
        assert "WCAG" in html and "axe-core" in html


def test_demo_loader_links_footer_pages_once(demo):
    from demo.loader import load_demo

    assert load_demo() == []
    assert demo.settings.privacy_page.specific.slug == "privacy"
    assert StandardPage.objects.filter(slug="privacy").count() == 1


def test_titles_descriptions_canonical_and_open_graph(client, demo):
    html = client.get("/programs/intensive-outpatient/").text
    page = Elements(html)
    assert "<title>Intensive Outpatient | Transformations</title>" in html
    [description] = page.find("meta", name="description")
    assert description["content"] == demo.iop.search_description
    [canonical] = page.find("link", rel="canonical")
    assert canonical["href"] == "http://localhost/programs/intensive-outpatient/"
    assert page.find("meta", property="og:title")[0]["content"] == "Intensive Outpatient"
    assert page.find("meta", property="og:type")[0]["content"] == "article"
    assert page.find("meta", property="og:url")[0]["content"] == canonical["href"]
    assert "<title>Transformations</title>" in client.get("/").text


def test_meta_description_falls_back_to_intro_then_site_default(client, demo):
    demo.programs.search_description = ""
    demo.programs.save_revision().publish()
    page = Elements(client.get("/programs/").text)
    assert page.find("meta", name="description")[0]["content"] == demo.programs.intro

    demo.programs.intro = ""
    demo.programs.save_revision().publish()
    page = Elements(client.get("/programs/").text)
    assert page.find("meta", name="description")[0]["content"] == demo.settings.meta_description
    assert demo.settings.meta_description.startswith("Transformations treats")


@pytest.mark.parametrize("url", PAGES)
def test_every_page_describes_the_clinic_and_never_rates_it(client, demo, url):
    html = client.get(url).text
    [clinic] = nodes_of_type(html, "MedicalClinic")
    assert clinic["name"] == "Transformations"
    assert clinic["telephone"] == "+18002704315"
    assert clinic["url"] == "http://localhost/"
    assert "AggregateRating" not in html


def test_program_page_is_a_medical_web_page_with_citations(client, demo):
    html = client.get("/programs/intensive-outpatient/").text
    [webpage] = nodes_of_type(html, "MedicalWebPage")
    demo.iop.refresh_from_db()
    assert webpage["url"] == "http://localhost/programs/intensive-outpatient/"
    assert webpage["dateModified"] == demo.iop.last_published_at.isoformat()
    assert webpage["datePublished"].startswith("2018-07-26")
    assert [c["url"] for c in webpage["citation"]] == [
        "https://www.ncbi.nlm.nih.gov/books/NBK64094/",
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC4152944/",
        "https://www.drugabuse.gov/publications/principles-drug-addiction-treatment-research-based-guide-third-edition/principles-effective-treatment",
    ]
    assert webpage["citation"][1]["publisher"] == {
        "@type": "Organization",
        "name": "Psychiatric Services",
    }
    [crumbs] = nodes_of_type(html, "BreadcrumbList")
    assert [(i["position"], i["name"], i["item"]) for i in crumbs["itemListElement"]] == [
        (1, "Home", "http://localhost/"),
        (2, "Programs", "http://localhost/programs/"),
        (3, "Intensive Outpatient", "http://localhost/programs/intensive-outpatient/"),
    ]
    assert not nodes_of_type(client.get("/").text, "MedicalWebPage")


def test_json_ld_cannot_be_broken_out_of(client, demo):
    citation = demo.iop.citations.first()
    citation.title = "</script><script>alert(1)</script> & more"
    citation.save()
    html = client.get("/programs/intensive-outpatient/").text
    assert "</script><script>alert(1)" not in html
    [webpage] = nodes_of_type(html, "MedicalWebPage")
    assert webpage["citation"][0]["name"] == "</script><script>alert(1)</script> & more"


def test_clinical_review_is_merged_into_the_medical_web_page(client, demo, reviewer):
    [webpage] = nodes_of_type(client.get("/programs/intensive-outpatient/").text, "MedicalWebPage")
    assert "reviewedBy" not in webpage and "lastReviewed" not in webpage  # never reviewed

    demo.iop.reviewed_by = reviewer
    demo.iop.last_reviewed = datetime.date(2026, 11, 1)
    demo.iop.save_revision().publish()
    [webpage] = nodes_of_type(client.get("/programs/intensive-outpatient/").text, "MedicalWebPage")
    assert webpage["reviewedBy"] == {
        "@type": "Person",
        "name": "Dana Whitfield",
        "honorificSuffix": "MD",
        "jobTitle": "Medical Director",
    }
    assert webpage["lastReviewed"] == "2026-11-01"


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(client, demo):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_lists_the_public_pages(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    for path in PAGES:
        assert f"<loc>http://localhost{path}</loc>" in response.text


def test_not_found_page_shows_phone_and_crisis_lines(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.text
    assert "We couldn’t find that page" in html
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert 'href="tel:+18002704315"' in main
    assert 'href="tel:988"' in main and 'href="tel:911"' in main
    assert '<meta name="robots" content="noindex">' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html


def test_server_error_page_renders_without_the_database():
    # No `db` fixture: any query here raises, so the page must be built without one.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert 'class="site-header"' in html, "fell back to the bare page: the template queried"
    assert "Something went wrong on our side" in html
    assert 'href="tel:+18002704315"' in html
    assert 'href="tel:988"' in html and 'href="sms:988"' in html and 'href="tel:911"' in html
    assert "You are not alone" in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html


def test_an_unexpected_error_answers_the_branded_500_page(client, demo, monkeypatch):
    def broken(raw):
        raise RuntimeError("a bug")

    monkeypatch.setattr("pages.views.normalise_query", broken)
    client.raise_request_exception = False
    response = client.get("/search/?q=relapse")
    assert response.status_code == 500
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert 'href="tel:+18002704315"' in html


def test_database_outage_page_renders_without_the_database():
    from django.db import OperationalError

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "We’ll be right back" in html
    assert 'href="tel:+18002704315"' in html
    assert 'href="tel:988"' in html and 'href="tel:911"' in html
    assert "Traceback" not in html


def test_images_are_responsive_modern_and_lazy_below_the_fold(client, demo):
    html = client.get("/programs/intensive-outpatient/").text
    pictures = re.findall(r"<picture>.*?</picture>", html, re.DOTALL)
    assert len(pictures) == 2
    for picture in pictures:
        page = Elements(picture)
        types = [s["type"] for s in page.find("source")]
        assert types == ["image/avif", "image/webp"]
        for source in page.find("source"):
            assert re.search(r"\s400w,.*\s800w", source["srcset"]), source
            assert source["sizes"].startswith("(min-width: 48rem)")
        [img] = page.find("img")
        assert img["loading"] == "lazy"
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        assert img["alt"] == ""  # the demo pictures are decorative


def test_benefit_sections_render_html_on_pages_without_citations(client, demo):
    html = client.get("/").text
    assert "<h2>Help starts with a conversation</h2>" in html
    assert "<p>Every treatment plan must be customized" in html
    assert "&lt;p&gt;" not in html


def settings_form(demo, **changes):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    s = demo.settings
    data = {
        "organisation_name": s.organisation_name,
        "admissions_phone": "800-270-4315",
        "header_cta_text": s.header_cta_text,
        "footer_heading": s.footer_heading,
        "footer_text": s.footer_text,
        "footer_cta_text": s.footer_cta_text,
        "street_address": "",
        "locality": "",
        "region": "",
        "postal_code": "",
        "country": "US",
        "who_answers": s.who_answers,
        "crisis_heading": s.crisis_heading,
        "crisis_lines": streamfield([("line", {"name": "Emergency", "number": "911", "note": ""})]),
        "meta_description": s.meta_description,
        "privacy_page": s.privacy_page_id,
        "accessibility_page": s.accessibility_page_id,
        "quick_exit_url": s.quick_exit_url,
    }
    data.update(changes)
    return nested_form_data(data)


def test_editors_change_the_crisis_lines_in_the_admin(admin_client, demo):
    from wagtail.test.utils.form_data import streamfield

    url = f"/admin/settings/pages/sitesettings/{demo.site.pk}/"
    assert admin_client.get(url).status_code == 200
    form = settings_form(
        demo,
        who_answers="A Transformations counselor answers, day and night.",
        crisis_lines=streamfield(
            [("line", {"name": "988 Lifeline", "number": "988", "can_text": "on", "note": "24/7"})]
        ),
    )
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = admin_client.get("/").text
    assert "A Transformations counselor answers, day and night." in html
    assert 'href="sms:988"' in html and 'href="tel:911"' not in html


def test_a_bad_crisis_number_is_refused_with_a_clear_error(admin_client, demo):
    from wagtail.test.utils.form_data import streamfield

    url = f"/admin/settings/pages/sitesettings/{demo.site.pk}/"
    form = settings_form(
        demo,
        who_answers="Changed but not saved",
        crisis_lines=streamfield([("line", {"name": "Typo line", "number": "98", "note": ""})]),
    )
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert "three-digit service code such as 911 or 988" in response.content.decode()
    demo.settings.refresh_from_db()
    assert demo.settings.who_answers != "Changed but not saved"
    assert [line.number for line in demo.settings.crisis_line_list] == [
        "911",
        "988",
        "1-800-662-4357",
    ]


@pytest.mark.parametrize("attr", ["home", "programs", "iop"])
def test_editors_preview_pages_in_the_site_design(demo, attr):
    response = getattr(demo, attr).make_preview_request()
    assert response.status_code == 200
    html = response.rendered_content if hasattr(response, "rendered_content") else response.text
    assert 'class="crisis-strip"' in html and 'href="tel:+18002704315"' in html
    assert '"@type":"MedicalClinic"' in html


def test_block_previews_use_the_site_stylesheet(admin_client, demo):
    block = ProgramPage.body.field.stream_block.child_blocks["call_to_action"]
    response = admin_client.get(f"/admin/block-preview/?id={block.definition_prefix}")
    html = response.content.decode()
    assert response.status_code == 200, html[:500]
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert "Need More Information?" in html


@pytest.mark.parametrize("url", PAGES)
def test_reading_a_page_sets_no_cookie(client, demo, url):
    response = client.get(url)
    assert not response.cookies, f"{url} set {list(response.cookies)}"
    assert "Set-Cookie" not in response.headers
