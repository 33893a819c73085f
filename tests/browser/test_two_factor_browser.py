"""First login of a superuser in a real browser: set up the second factor, then pass it.

Chromium signs in, lands on the setup page (axe-core finds nothing on it, nothing is fetched from
another host, no CSP violation), types the code an authenticator app would show for the key on the
page, sees the recovery codes, reaches the dashboard; a new login then asks for a code. A
screenshot of the setup page lands in artifacts/screenshots/.
"""

from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.visiting import ARTIFACTS, axe_violations

PASSWORD = "correct-horse-battery-staple-42"

pytestmark = pytest.mark.django_db(transaction=True)


def app_code(secret_text, steps_ahead=0):
    key = b32decode(secret_text.replace(" ", ""))
    return f"{totp(key, t0=-30 * steps_ahead):06d}"


def sign_in(page, base_url):
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", "boss")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def test_first_login_sets_up_two_factor_then_each_login_asks_for_a_code(
    visit, site, settings, axe_source
):
    settings.ADMIN_2FA_REQUIRED = True
    get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    first = visit("desktop")
    page = first.page
    violations = []
    page.expose_binding("reportViolation", lambda source, text: violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "window.reportViolation(e.violatedDirective + ' ' + e.blockedURI));"
    )

    sign_in(page, site)
    page.wait_for_url(f"{site}/admin/2fa/setup/?next=%2Fadmin%2F")
    assert page.title().startswith("Set up two-factor authentication")
    # The admin's icons are fetched into the page: the sprite, not the setup page again.
    page.locator("[data-sprite] symbol").first.wait_for(state="attached")
    expect(page.get_by_role("img", name="QR code for adding your account")).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "two-factor-setup-desktop.png", full_page=True)
    assert axe_violations(page, axe_source, "2FA setup") == []
    secret = page.locator("#totp-secret").inner_text()

    page.get_by_role("textbox", name="Code").fill(
        "000000" if app_code(secret) != "000000" else "111111"
    )
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_text("That code is not right").first).to_be_visible()

    # django-otp refuses any code for a second after a wrong one (doubling with each failure).
    page.wait_for_timeout(1200)
    page.get_by_role("textbox", name="Code").fill(app_code(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    codes = page.locator(".staffauth-recovery-codes code")
    codes.first.wait_for()
    assert codes.count() == 10
    assert axe_violations(page, axe_source, "recovery codes") == []
    page.get_by_role("link", name="I have saved my codes: continue").click()
    page.wait_for_url(f"{site}/admin/")
    assert page.title().startswith("Dashboard")

    second = visit("desktop")  # another browser: a new login
    sign_in(second.page, site)
    second.page.wait_for_url(f"{site}/admin/2fa/verify/?next=%2Fadmin%2F")
    assert axe_violations(second.page, axe_source, "2FA verify") == []
    second.page.get_by_role("textbox", name="Code").fill(app_code(secret, steps_ahead=1))
    second.page.get_by_role("button", name="Continue").click()
    second.page.wait_for_url(f"{site}/admin/")

    assert violations == []
    for v in (first, second):
        assert all(url.startswith(site) for url in v.requests), v.requests
