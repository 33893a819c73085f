"""The rating and the inquiry form in a real browser (Debian's Chromium through Playwright):
with JavaScript (no reload), without it, and from the keyboard alone."""

import pytest
from playwright.sync_api import expect

from inquiries.models import Inquiry
from ratings.models import PageRating
from tests.conftest import DemoSite

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server):
    return DemoSite()


def new_page(browser, live_server, **context_options):
    context = browser.new_context(base_url=live_server.url, **context_options)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    return page


def test_vote_with_javascript_updates_the_page_without_reloading(browser, live_server, site):
    page = new_page(browser, live_server)
    page.goto(site.iop.url)
    page.evaluate("window.notReloaded = true")
    page.get_by_role("radio", name="4 stars", exact=True).check()
    page.get_by_role("button", name="Send my rating").click()
    status = page.locator("#rating [role=status]")
    expect(status).to_have_text("Thank you: your rating has been counted.")
    expect(page.locator(".rating__summary")).to_have_text(
        "4 (80%) 1 vote — rated 4 out of 5 by 1 reader"
    )
    assert page.evaluate("window.notReloaded") is True
    assert page.url == f"{live_server.url}{site.iop.url}"

    page.get_by_role("radio", name="1 star", exact=True).check()
    page.get_by_role("button", name="Send my rating").click()
    expect(status).to_contain_text("you have already rated this article")
    expect(page.locator(".rating__summary")).to_contain_text("4 (80%) 1 vote")
    rating = PageRating.objects.get(page=site.iop)
    assert (rating.votes, rating.total) == (1, 4)
    # Nothing left our origin.
    assert page.requests and all(url.startswith(live_server.url) for url in page.requests)


def test_vote_from_the_keyboard_without_javascript(browser, live_server, site):
    page = new_page(browser, live_server, java_script_enabled=False)
    page.goto(site.iop.url)
    first = page.get_by_role("radio", name="1 star", exact=True)
    first.focus()
    page.keyboard.press("Space")
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # a radio group moves (and selects) with arrows
    expect(page.get_by_role("radio", name="5 stars", exact=True)).to_be_checked()
    focused = page.get_by_role("radio", name="5 stars", exact=True)
    assert focused.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send my rating")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{site.iop.url}?rated=thanks#rating")
    expect(page.locator("#rating [role=status]")).to_have_text(
        "Thank you: your rating has been counted."
    )
    expect(page.locator(".rating__summary")).to_have_text(
        "5 (100%) 1 vote — rated 5 out of 5 by 1 reader"
    )


def test_inquiry_by_keyboard_without_javascript(browser, live_server, site, settings):
    settings.INQUIRY_MIN_FILL_SECONDS = 1
    page = new_page(browser, live_server, java_script_enabled=False)
    page.goto("/contact/")
    honeypot = page.locator("[name=contact-website]")
    box = honeypot.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0  # off-screen: people never see it
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Email", exact=True).fill("robin@example.org")
    page.get_by_label("Someone I care about").check()
    page.get_by_label("I agree that Transformations may contact me").check()
    # The honeypot is out of the tab order: Tab from the consent box goes to the button.
    page.get_by_label("I agree that Transformations may contact me").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send my message")).to_be_focused()
    page.wait_for_timeout(1100)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.locator("main a[href='tel:+18002704315']").first).to_be_visible()
    assert Inquiry.objects.get().get_data()["first_name"] == "Robin"
    assert all(url.startswith(live_server.url) for url in page.requests)
