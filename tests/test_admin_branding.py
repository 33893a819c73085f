"""The Wagtail admin carries the center's name and mark, so staff know where they are: the login
page, the dashboard, the sidebar, the tab's title and icon. The name is the one in the site
settings; "Transformations" (WAGTAIL_SITE_NAME) where the request is for no site of ours."""

import pytest
from wagtail.models import Site

from tests.reading import soup_of, text_of

PASSWORD = "correct-horse-battery-staple-42"
FAVICON = "/static/img/favicon.svg"


def sign_in(client, username="staff"):
    """Through the login form, as a person does; the response is the dashboard."""
    response = client.post(
        "/admin/login/", {"username": username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/admin/", response.redirect_chain
    return response


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("staff", "staff@example.org", PASSWORD)


@pytest.fixture
def renamed(demo):
    demo.settings.organisation_name = "Transformations Treatment Center"
    demo.settings.save()
    return demo.settings.organisation_name


def test_login_page_carries_the_name_from_the_site_settings(client, renamed):
    soup = soup_of(client.get("/admin/login/"))
    assert text_of(soup.find("h1")) == f"Sign in to {renamed}"
    assert text_of(soup.find("title")) == f"Sign in - {renamed} admin"
    # Our mark above the heading (which names us, so the mark is silent); no Wagtail wordmark.
    [mark] = soup.find("h1").find_all("img")
    assert (mark["src"], mark["alt"]) == (FAVICON, "")
    assert not soup.select(".login-logo, .icon-wagtail")
    # Our mark in the browser tab, not Wagtail's.
    icons = [link["href"] for link in soup.select('link[rel~="icon"]')]
    assert icons == [FAVICON]
    assert "Sign in to Wagtail" not in text_of(soup)


def test_dashboard_carries_the_name_and_the_sidebar_our_mark(client, staff, renamed):
    soup = soup_of(sign_in(client))
    assert text_of(soup.find("h1")) == f"{renamed} website"
    assert text_of(soup.find("title")).endswith(f" - {renamed} admin")
    # The sidebar draws its logo from this template (wagtailadmin/base.html, branding_logo).
    [template] = soup.select("template[data-wagtail-sidebar-branding-logo]")
    [mark] = template.find_all("img")
    assert mark["src"] == FAVICON
    assert [link["href"] for link in soup.select('link[rel~="icon"]')] == [FAVICON]


def test_without_a_site_the_login_page_is_still_named(client, renamed):
    """The admin answers on hosts that are no site (or before any site exists): the fallback."""
    Site.objects.all().delete()
    soup = soup_of(client.get("/admin/login/"))
    assert text_of(soup.find("h1")) == "Sign in to Transformations"
    assert text_of(soup.find("title")) == "Sign in - Transformations admin"


def test_without_a_site_the_dashboard_still_answers(admin_client, renamed):
    Site.objects.all().delete()
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Transformations website" in text_of(soup_of(response).find("h1"))


@pytest.mark.django_db(transaction=True)
def test_staff_see_the_name_and_mark_in_a_real_browser(live_server, browser):
    """Chromium signs in: the login page and the dashboard (sidebar drawn by Wagtail's
    JavaScript) show our name and mark, nothing comes from another host; both are photographed."""
    from django.contrib.auth import get_user_model

    from demo.loader import load_demo
    from tests.browser.visiting import ARTIFACTS
    from tests.editor_helpers import sign_in as sign_in_with_browser

    load_demo()
    get_user_model().objects.create_superuser("staff", "staff@example.org", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        page.goto(f"{live_server.url}/admin/login/")
        heading = page.get_by_role("heading", level=1, name="Sign in to Transformations")
        assert heading.is_visible()
        assert page.title() == "Sign in - Transformations admin"
        assert page.locator("h1 img").evaluate("img => img.naturalWidth") > 0
        page.screenshot(path=ARTIFACTS / "admin-login.png")

        sign_in_with_browser(page, live_server.url, "staff", PASSWORD)
        assert page.get_by_role("heading", level=1).inner_text() == "Transformations website"
        mark = page.locator(".sidebar-custom-branding img")
        mark.wait_for()
        assert mark.get_attribute("src") == FAVICON
        assert mark.evaluate("img => img.naturalWidth") > 0
        assert page.title().endswith(" - Transformations admin")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=ARTIFACTS / "admin-dashboard.png")
    finally:
        context.close()
    foreign = [url for url in requested if not url.startswith((live_server.url, "data:"))]
    assert not foreign, foreign
