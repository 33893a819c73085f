"""A page rendered afresh reads the site, its settings and its menu from what the page cache
keeps for every page (pagecache.shared): fewer queries, and every change still seen at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from pagecache import store
from pages.models import StandardPage
from tests.reading import links, soup_of, text_of, texts_of

IOP = "/programs/intensive-outpatient/"


def nav_titles(client, path="/programs/"):
    return texts_of(soup_of(client.get(path).text).select_one("nav.primary-nav"), "a")


def test_the_first_render_after_a_publish_builds_the_shared_copy_within_budget(
    client, demo, django_assert_max_num_queries
):
    client.get(IOP)
    store.invalidate_all()
    # Was 10: the sites, their settings and root paths are one query now, the footer's About
    # page is one of the home page's children, which the site data holds.
    with django_assert_max_num_queries(8):
        response = client.get(IOP)
    assert response.headers["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        client.get("/about/", {"render": "1"})  # the next page: the copy is built
    assert not [q for q in queries if "wagtailcore_site" in q["sql"]]
    assert not [q for q in queries if "pages_sitesettings" in q["sql"]]


@pytest.mark.parametrize("query", ["relapse", "outpatient treatment"])
def test_search_answers_in_at_most_three_queries(
    client, demo, query, django_assert_max_num_queries
):
    client.get("/search/", {"q": "admissions"})  # the site's shared data, not these results
    with django_assert_max_num_queries(3):  # a search never made before: nothing kept for it
        response = client.get("/search/", {"q": query})
    [first] = soup_of(response.text).select("ol.card-list .card")[:1]
    assert text_of(first.select_one(".card__title")) == "Intensive Outpatient"
    assert "Intensive outpatient treatment (IOP)" in text_of(first)  # its introduction


def test_a_new_menu_page_shows_in_every_page_at_once(client, demo):
    assert "Team" not in nav_titles(client)
    page = StandardPage(title="Team", slug="team", show_in_menus=True)
    demo.home.add_child(instance=page)
    page.save_revision().publish()
    assert "Team" in nav_titles(client)
    assert "Team" in nav_titles(client, "/about/")
    page.unpublish()
    assert "Team" not in nav_titles(client)


def test_a_changed_phone_number_shows_at_once(client, demo):
    assert "800-270-4315" in text_of(client.get(IOP).text)
    assert "800-270-4315" in text_of(client.get(IOP, {"render": "1"}).text)
    demo.settings.admissions_phone = "+15615550142"
    demo.settings.save()
    assert 'href="tel:+15615550142"' in client.get(IOP).text
    assert 'href="tel:+15615550142"' in client.get(IOP, {"render": "1"}).text


def test_a_newly_restricted_page_is_no_longer_public_anywhere(client, demo):
    page = StandardPage(
        title="Staff handbook", slug="handbook", show_in_menus=True, intro="Quokka procedures."
    )
    demo.home.add_child(instance=page)
    page.save_revision().publish()
    assert client.get("/handbook/").status_code == 200  # now in the page cache
    assert "Staff handbook" in nav_titles(client)
    assert "Staff handbook" in texts_of(client.get("/search/", {"q": "quokka"}).text, "h2")

    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert client.get("/handbook/").status_code == 302  # to the login page, not the copy
    assert "Staff handbook" not in nav_titles(client)
    assert "Staff handbook" not in texts_of(client.get("/search/", {"q": "quokka"}).text, "h2")


def test_an_edited_home_page_shows_at_once(client, demo):
    assert client.get("/").status_code == 200
    body = demo.home.body
    body[0].value["heading"] = "Help is one call away"
    demo.home.body = body
    demo.home.save_revision().publish()
    assert texts_of(client.get("/").text, "h1") == ["Help is one call away"]
    assert texts_of(client.get("/", {"render": "1"}).text, "h1") == ["Help is one call away"]


def test_a_changed_image_makes_the_pages_render_again(client, demo):
    from wagtail.images import get_image_model

    client.get(IOP)
    assert client.get(IOP).headers["X-Page-Cache"] == "hit"
    image = get_image_model().objects.first()
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    image.save()  # its renditions will be made again, under other names
    assert client.get(IOP).headers["X-Page-Cache"] == "miss"  # not the copy naming the old files


@pytest.mark.parametrize("without_default", [False, True])
def test_the_site_sites_and_settings_read_in_one_query_are_those_wagtail_would_choose(
    rf, demo, without_default
):
    from wagtail.models import Site

    from pagecache.shared import _sites
    from pages.models import SiteSettings

    about = demo.home.get_children().get(slug="about")
    Site.objects.create(hostname="second.example", port=80, root_page=demo.programs)
    Site.objects.create(hostname="second.example", port=8080, root_page=about)
    Site.objects.create(hostname="third.example", port=443, root_page=demo.iop)
    if without_default:
        Site.objects.filter(pk=demo.site.pk).update(is_default_site=False)
    hosts = [
        ("second.example", "80"),  # hostname and port
        ("second.example", "8080"),
        ("second.example", "9000"),  # two sites by that name, neither on that port: the default
        ("third.example", "9000"),  # one site by that name, on another port: that site
        ("nowhere.example", "80"),  # no site by that name: the default
        (demo.site.hostname, str(demo.site.port)),
    ]
    for host, port in hosts:
        request = rf.get("/", HTTP_HOST=host, SERVER_PORT=port)
        expected = Site._find_for_request(request)
        had_settings = expected is None or SiteSettings.objects.filter(site=expected).exists()
        with CaptureQueriesContext(connection) as queries:
            site, site_settings, root_paths = _sites(request)
        if had_settings:  # else they are created, as Wagtail's SiteSettings.for_site does
            assert len(queries) == 1
        assert site == expected, (host, port)
        assert root_paths == Site.get_site_root_paths()
        if expected is not None:
            assert site_settings == SiteSettings.for_site(expected)


def test_the_footer_links_the_pages_the_settings_name_under_the_home_page_or_deeper(client, demo):
    def footer_links():
        footer = str(soup_of(client.get("/about/", {"render": "1"}).text).select_one("footer"))
        return [link for link in links(footer) if link[0] in {"/privacy/", "/accessibility/", IOP}]

    # Both under the home page: taken from its children, which the shared copy holds.
    privacy, accessibility = (
        ("/privacy/", "Privacy notice"),
        ("/accessibility/", "Accessibility statement"),
    )
    assert footer_links() == [privacy, accessibility]
    demo.settings.accessibility_page = demo.iop  # deeper: read when the copy is built
    demo.settings.save()
    assert footer_links() == [privacy, (IOP, "Intensive Outpatient")]
    store.invalidate_all()  # everything rebuilt: the footer and the copy holding both pages
    assert footer_links() == [privacy, (IOP, "Intensive Outpatient")]
