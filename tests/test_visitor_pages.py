"""What a visitor sees and what a machine reads on the public pages (issue 3)."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from wagtail.test.utils.form_data import streamfield

from ops.errors import server_error
from pages.crisis import validate_crisis_number
from pages.models import StandardPage
from tests.editor_helpers import site_settings_form_data, site_settings_url
from tests.reading import links, nodes_of_type, soup_of, text_of, texts_of

PAGES = ["/", "/programs/", "/programs/intensive-outpatient/", "/privacy/", "/accessibility/"]


def hrefs(html):
    return {href for href, _ in links(html)}


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_the_call_button_crisis_strip_and_footer(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = soup_of(response)
    [header] = soup.select("header.site-header")
    assert "Transformations" in text_of(header)
    assert "tel:+18002704315" in hrefs(header)
    assert "answered by our own admissions team" in text_of(header)
    [strip] = soup.select("aside.crisis-strip")
    assert {"tel:911", "tel:988", "sms:988", "tel:+18006624357"} <= hrefs(strip)
    assert "SAMHSA National Helpline" in text_of(strip)
    # Admissions must stay apart from the crisis lines.
    assert "tel:+18002704315" not in hrefs(strip)
    assert "800-270-4315" not in text_of(strip)
    [footer] = soup.select("footer.site-footer")
    assert "You are not alone" in text_of(footer)
    assert {"tel:+18002704315", "/privacy/", "/accessibility/"} <= hrefs(footer)
    [call_bar] = soup.select("div.call-bar")
    [call] = call_bar.find_all("a")
    assert call["href"] == "tel:+18002704315"
    assert "phone-link" in call["class"]


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
    soup = soup_of(client.get("/"))
    [link] = soup.select("a[data-quick-exit]")
    assert link["href"] == "https://www.weather.gov/"
    assert link["rel"] == ["noreferrer"]
    [script] = [s for s in soup.find_all("script", src=True) if "quick-exit" in s["src"]]
    assert script.has_attr("defer")


def test_primary_navigation_lists_pages_shown_in_menus(client, demo):
    demo.programs.show_in_menus = True
    demo.programs.save()
    hidden = StandardPage(title="Staff only notes", slug="staff-notes", show_in_menus=False)
    demo.home.add_child(instance=hidden)
    [nav] = soup_of(client.get("/programs/intensive-outpatient/")).select(
        'nav.primary-nav[aria-label="Main"]'
    )
    [programs] = nav.select('a[href="/programs/"]')
    assert (text_of(programs), programs["aria-current"]) == ("Programs", "true")
    assert "Staff only notes" not in text_of(nav)
    assert "Privacy notice" not in text_of(nav)
    [home_nav] = soup_of(client.get("/")).select('nav[aria-label="Main"]')
    [home] = home_nav.select('a[href="/"]')
    assert (text_of(home), home["aria-current"]) == ("Home", "page")


def test_program_page_has_breadcrumbs(client, demo):
    [crumbs] = soup_of(client.get("/programs/intensive-outpatient/")).select(
        'nav[aria-label="Breadcrumb"]'
    )
    assert [href for href, _ in links(crumbs)] == [
        "/",
        "/programs/",
        "/programs/intensive-outpatient/",
    ]
    assert texts_of(crumbs, 'a[aria-current="page"]') == ["Intensive Outpatient"]


def test_footer_shows_the_address_when_set(client, demo):
    # The demo's made-up address (demo/locations.py) taken away: no address at all.
    for field in ["street_address", "locality", "region", "postal_code"]:
        setattr(demo.settings, field, "")
    demo.settings.save()
    assert soup_of(client.get("/")).select("footer.site-footer address") == []
    demo.settings.street_address = "123 Recovery Way"
    demo.settings.locality = "Springfield"
    demo.settings.region = "IL"
    demo.settings.postal_code = "62701"
    demo.settings.save()
    html = client.get("/").text
    [address] = soup_of(html).select("footer.site-footer address")
    # One line each, as on an envelope.
    assert list(address.stripped_strings) == [
        "Transformations",
        "123 Recovery Way",
        "Springfield, IL 62701",
    ]
    assert len(address.find_all("br")) == 2
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
    text = text_of(html)
    if url == "/privacy/":
        assert texts_of(html, "h1") == ["Privacy notice"]
        assert "does not use analytics, advertising or social media trackers" in text
        assert "private or incognito window" in text
    else:
        assert texts_of(html, "h1") == ["Accessibility statement"]
        assert "WCAG" in text and "axe-core" in text


def test_demo_loader_links_footer_pages_once(demo):
    from demo.loader import load_demo

    assert load_demo() == []
    assert demo.settings.privacy_page.specific.slug == "privacy"
    assert StandardPage.objects.filter(slug="privacy").count() == 1


def test_titles_descriptions_canonical_and_open_graph(client, demo):
    soup = soup_of(client.get("/programs/intensive-outpatient/"))
    assert texts_of(soup, "title") == ["Intensive Outpatient | Transformations"]
    [description] = soup.select('meta[name="description"]')
    assert description["content"] == demo.iop.search_description
    [canonical] = soup.select('link[rel="canonical"]')
    assert canonical["href"] == "http://localhost/programs/intensive-outpatient/"
    [title] = soup.select('meta[property="og:title"]')
    assert title["content"] == "Intensive Outpatient"
    [kind] = soup.select('meta[property="og:type"]')
    assert kind["content"] == "article"
    [url] = soup.select('meta[property="og:url"]')
    assert url["content"] == canonical["href"]
    assert texts_of(client.get("/"), "title") == ["Transformations"]


def meta_description(response):
    [description] = soup_of(response).select('meta[name="description"]')
    return description["content"]


def test_meta_description_falls_back_to_intro_then_site_default(client, demo):
    demo.programs.search_description = ""
    demo.programs.save_revision().publish()
    assert meta_description(client.get("/programs/")) == demo.programs.intro

    demo.programs.intro = ""
    demo.programs.save_revision().publish()
    assert meta_description(client.get("/programs/")) == demo.settings.meta_description
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
    soup = soup_of(response)
    assert "We couldn’t find that page" in text_of(soup)
    [main] = soup.select("main#main")
    assert {"tel:+18002704315", "tel:988", "tel:911"} <= hrefs(main)
    [robots] = soup.select('meta[name="robots"]')
    assert robots["content"] == "noindex"
    assert soup.select("header.site-header") and soup.select("footer.site-footer")


def test_server_error_page_renders_without_the_database():
    # No `db` fixture: any query here raises, so the page must be built without one.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    soup = soup_of(response)
    assert soup.select("header.site-header"), "fell back to the bare page: the template queried"
    assert "Something went wrong on our side" in text_of(soup)
    assert {"tel:+18002704315", "tel:988", "sms:988", "tel:911"} <= hrefs(soup)
    assert "You are not alone" in text_of(soup)
    stylesheets = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    assert stylesheets == ["/static/css/site.css"]


def test_an_unexpected_error_answers_the_branded_500_page(client, demo, monkeypatch):
    def broken(raw):
        raise RuntimeError("a bug")

    monkeypatch.setattr("pages.views.normalise_query", broken)
    client.raise_request_exception = False
    response = client.get("/search/?q=relapse")
    assert response.status_code == 500
    assert response["Cache-Control"] == "no-store"
    assert "Something went wrong on our side" in text_of(response)
    assert "tel:+18002704315" in hrefs(response)


def test_database_outage_page_renders_without_the_database():
    from django.db import OperationalError

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "We’ll be right back" in text_of(response)
    assert {"tel:+18002704315", "tel:988", "tel:911"} <= hrefs(response)
    assert "Traceback" not in response.content.decode()


def test_images_are_responsive_modern_and_lazy_below_the_fold(client, demo):
    pictures = soup_of(client.get("/programs/intensive-outpatient/")).select("picture")
    assert len(pictures) == 2
    for picture in pictures:
        sources = picture.find_all("source")
        assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
        for source in sources:
            assert re.search(r"\s400w,.*\s800w", source["srcset"]), source
            assert source["sizes"].startswith("(min-width: 48rem)")
        [img] = picture.find_all("img")
        assert img["loading"] == "lazy"
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        assert img["alt"] == ""  # the demo pictures are decorative


def test_benefit_sections_render_html_on_pages_without_citations(client, demo):
    demo.home.body.append(
        (
            "benefit_section",
            {
                "heading": "Help starts with a conversation",
                "text": "<p>Every treatment plan must be customized for the individual.</p>",
            },
        )
    )
    demo.home.save_revision().publish()
    soup = soup_of(client.get("/"))
    assert "Help starts with a conversation" in texts_of(soup, "h2")
    assert any(p.startswith("Every treatment plan must be customized") for p in texts_of(soup, "p"))
    assert "<p>" not in text_of(soup)  # markup rendered, not shown as text


def test_editors_change_the_crisis_lines_in_the_admin(admin_client, demo):
    url = site_settings_url(demo.site)
    assert admin_client.get(url).status_code == 200
    form = site_settings_form_data(
        demo.settings,
        who_answers="A Transformations counselor answers, day and night.",
        crisis_lines=streamfield(
            [("line", {"name": "988 Lifeline", "number": "988", "can_text": "on", "note": "24/7"})]
        ),
    )
    response = admin_client.post(url, form)
    assert response.status_code == 302, text_of(response)[:2000]
    html = admin_client.get("/").text
    assert "A Transformations counselor answers, day and night." in text_of(html)
    assert "sms:988" in hrefs(html) and "tel:911" not in hrefs(html)


def test_a_bad_crisis_number_is_refused_with_a_clear_error(admin_client, demo):
    form = site_settings_form_data(
        demo.settings,
        who_answers="Changed but not saved",
        crisis_lines=streamfield([("line", {"name": "Typo line", "number": "98", "note": ""})]),
    )
    response = admin_client.post(site_settings_url(demo.site), form)
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
    assert soup_of(html).select("aside.crisis-strip")
    assert "tel:+18002704315" in hrefs(html)
    assert nodes_of_type(html, "MedicalClinic")


@pytest.mark.parametrize("url", PAGES)
def test_reading_a_page_sets_no_cookie(client, demo, url):
    response = client.get(url)
    assert not response.cookies, f"{url} set {list(response.cookies)}"
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("url", [*PAGES, "/contact/"])
def test_one_stylesheet_in_the_head_and_none_in_the_body(client, demo, url):
    soup = soup_of(client.get(url))
    assert [link["href"] for link in soup.head.select('link[rel="stylesheet"]')] == [
        "/static/css/site.css"
    ]
    assert not soup.body.select('link[rel="stylesheet"]')
