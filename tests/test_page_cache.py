"""The full-page cache: what it serves, what it never stores, and when it forgets."""

import logging

import pytest
from django.core.checks import run_checks
from django.test import override_settings
from wagtail import hooks

from pagecache import store
from programs.models import ProgramPage

IOP = "/programs/intensive-outpatient/"


def warm(client, url=IOP):
    first = client.get(url)
    assert first.status_code == 200
    assert first.headers["X-Page-Cache"] == "miss"
    return first


def test_a_cached_hit_costs_zero_queries(client, demo, django_assert_num_queries):
    first = warm(client)
    with django_assert_num_queries(0):
        second = client.get(IOP)
    assert second.status_code == 200
    assert second.headers["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "s-maxage=300" in second.headers["Cache-Control"]
    assert "public" in second.headers["Cache-Control"]


def test_links_with_only_campaign_parameters_are_served_from_the_cache(
    client, demo, django_assert_num_queries
):
    first = warm(client)
    ad_link = f"{IOP}?utm_source=news&utm_medium=email&utm_campaign=spring&fbclid=IwAR0x&gclid"
    with django_assert_num_queries(0):
        response = client.get(ad_link)
    assert response.headers["X-Page-Cache"] == "hit"
    assert response.content == first.content


def test_a_campaign_link_on_a_cold_cache_renders_and_stores_nothing(client, demo):
    response = client.get(f"{IOP}?utm_source=news")
    assert response.status_code == 200
    assert response.headers["X-Page-Cache"] == "miss"
    assert 'href="http://localhost/programs/intensive-outpatient/"' in response.text  # canonical
    assert client.get(IOP).headers["X-Page-Cache"] == "miss"  # was not stored


def test_head_is_served_from_the_cache_without_a_body(client, demo):
    first = warm(client)
    head = client.head(IOP)
    assert head.status_code == 200
    assert head.headers["X-Page-Cache"] == "hit"
    assert head.content == b""
    assert head.headers["Content-Length"] == str(len(first.content))


def test_a_render_that_overlaps_a_publish_is_never_served_after_it(client, demo):
    """The page object is loaded, then an editor publishes, then the old render finishes: that
    render must not be stored as fresh, or visitors would see the old page until it expires."""

    def editor_publishes_meanwhile(page, request, serve_args, serve_kwargs):
        fresh = ProgramPage.objects.get(pk=page.pk)
        fresh.title = "Intensive Outpatient Program (IOP)"
        fresh.save_revision().publish()

    with hooks.register_temporarily("before_serve_page", editor_publishes_meanwhile):
        overlapped = client.get(IOP)
    assert "<h1>Intensive Outpatient</h1>" in overlapped.text  # rendered from the old page

    after = client.get(IOP)
    assert after.headers["X-Page-Cache"] == "miss"
    assert "<h1>Intensive Outpatient Program (IOP)</h1>" in after.text


def test_a_preview_shows_the_draft_not_the_cached_live_page(client, demo):
    # Wagtail renders previews through a dummy request for the page's own URL, without cookies:
    # the live page is cached under that very host and path.
    host = demo.iop._get_dummy_headers()["HTTP_HOST"]
    assert client.get(IOP, headers={"host": host}).headers["X-Page-Cache"] == "miss"
    assert client.get(IOP, headers={"host": host}).headers["X-Page-Cache"] == "hit"
    demo.iop.title = "Intensive Outpatient (draft)"
    revision = demo.iop.save_revision()

    preview = revision.as_object().make_preview_request()
    assert "<h1>Intensive Outpatient (draft)</h1>" in preview.text
    assert "X-Page-Cache" not in preview.headers
    assert "<h1>Intensive Outpatient</h1>" in client.get(IOP).text  # the live page is unchanged


def test_publishing_a_change_is_seen_at_once(client, demo):
    warm(client)
    demo.iop.title = "Intensive Outpatient Program (IOP)"
    demo.iop.save_revision().publish()
    response = client.get(IOP)
    assert response.headers["X-Page-Cache"] == "miss"
    assert "Intensive Outpatient Program (IOP)" in response.text


def test_the_programs_index_forgets_a_program_unpublished(client, demo):
    warm(client, "/programs/")
    warm(client)
    demo.iop.unpublish()
    assert client.get(IOP).status_code == 404
    assert "Intensive Outpatient" not in client.get("/programs/").text


def test_moving_and_deleting_pages_invalidate(client, demo):
    from pages.models import StandardPage

    about = StandardPage(title="Who we are", slug="who-we-are")
    demo.home.add_child(instance=about)
    about.save_revision().publish()
    warm(client, "/who-we-are/")
    inner = StandardPage(title="Our team", slug="team")
    about.add_child(instance=inner)
    inner.save_revision().publish()
    warm(client, "/who-we-are/team/")
    inner.move(demo.home, pos="last-child")
    moved = client.get("/who-we-are/team/")  # Wagtail leaves a redirect from the old address
    assert (moved.status_code, moved.headers["Location"]) == (301, "/team/")
    assert client.get("/team/").status_code == 200
    about.delete()
    assert client.get("/who-we-are/").status_code == 404


def test_site_settings_change_is_seen_at_once(client, demo):
    warm(client)
    demo.settings.admissions_phone = "+15615550142"
    demo.settings.save()
    response = client.get(IOP)
    assert 'href="tel:+15615550142"' in response.text


def test_logged_in_editors_are_never_served_from_or_stored_in_the_cache(client, demo, admin_user):
    warm(client)
    client.force_login(admin_user)
    response = client.get(IOP)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response.headers
    client.logout()
    # An editor's view was not stored: the anonymous entry is still the one served.
    assert client.get(IOP).headers["X-Page-Cache"] in {"hit", "miss"}
    assert "wagtail-userbar" not in client.get(IOP).text


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", IOP + "?q=relapse"),
        ("get", IOP + "?utm_source=news&page=2"),  # a campaign link with something else
        ("get", IOP + "?utm=1"),
        ("get", IOP + "?=x"),
        ("post", IOP),
        ("get", "/admin/login/"),
    ],
)
def test_requests_that_bypass_the_cache(client, demo, method, url):
    for _ in range(2):
        response = getattr(client, method)(url)
        assert "X-Page-Cache" not in response.headers


def test_preview_is_not_cached(client, demo, admin_user):
    client.force_login(admin_user)
    draft = ProgramPage.objects.get()
    draft.title = "Unpublished draft title"
    draft.save_revision()
    preview = client.get(f"/admin/pages/{draft.pk}/view_draft/")
    assert "Unpublished draft title" in preview.text
    client.logout()
    assert "Unpublished draft title" not in client.get(IOP).text


def test_not_found_pages_are_not_stored(client, demo):
    for _ in range(2):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response.headers


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "transformations.cache.FaultTolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
)
def test_a_failing_cache_degrades_to_a_miss_logged_once(client, demo, caplog):
    with caplog.at_level(logging.WARNING, logger="transformations.cache"):
        for _ in range(3):
            response = client.get(IOP)
            assert response.status_code == 200
            assert "Intensive Outpatient" in response.text
    warnings = [r for r in caplog.records if "Cache unavailable" in r.getMessage()]
    assert len(warnings) == 1


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "page_cache",
        }
    }
)
def test_the_database_cache_is_refused_by_a_check():
    errors = [e for e in run_checks() if e.id == "pagecache.E001"]
    assert errors and "must not be the database cache" in errors[0].msg


def test_a_counted_vote_refreshes_the_cached_page(client, demo):
    from ratings.votes import form_token

    warm(client)
    assert client.get(IOP).headers["X-Page-Cache"] == "hit"
    client.post(
        "/ratings/vote/",
        {"page": demo.iop.pk, "stars": 4, "token": form_token(demo.iop.pk)},
        HTTP_ORIGIN="http://testserver",
    )
    fresh = client.get(IOP)
    assert fresh.headers["X-Page-Cache"] == "miss"
    assert "4 (80%) 1 vote" in fresh.text


def test_program_pages_set_no_cookie_and_do_not_vary_on_cookie(client, demo):
    response = client.get(IOP)
    assert not response.cookies
    assert "cookie" not in response.headers.get("Vary", "").lower()


def test_a_hit_carries_the_same_security_headers_as_the_page_it_stored(client, demo):
    first = warm(client)
    hit = client.get(IOP)
    assert hit.headers["X-Page-Cache"] == "hit"
    for header in [
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
    ]:
        assert hit.headers[header] == first.headers[header], header
    assert "nonce" not in hit.headers["Content-Security-Policy"]


@override_settings(PAGE_CACHE_TIMEOUT=0)
def test_a_copy_older_than_the_freshness_window_is_not_served(client, demo):
    warm(client)
    assert client.get(IOP).headers["X-Page-Cache"] == "miss"


def test_an_unpublished_or_deleted_page_leaves_a_tombstone_until_it_is_published_again(demo):
    assert not store.is_gone(IOP)
    demo.iop.unpublish()
    assert store.is_gone(IOP)
    demo.iop.get_latest_revision().publish()
    assert not store.is_gone(IOP)
    demo.iop.delete()
    assert store.is_gone(IOP)
