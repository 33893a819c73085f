"""Staff accounts: a second factor for superusers and Admissions, lockout, reset, session rules."""

import io
import time
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from staffauth.middleware import LAST_SEEN
from tests.editor_helpers import make_user
from tests.reading import soup_of, text_of

PASSWORD = "x" * 16
SETUP = "/admin/2fa/setup/"
VERIFY = "/admin/2fa/verify/"


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.ADMIN_2FA_REQUIRED = True
    # django-otp's own back-off would refuse a right code just after a wrong one.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.com", PASSWORD)


def code_for(device, steps_ahead=0):
    """What the person's authenticator app shows (steps_ahead=1: the next 30-second code)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - steps_ahead * device.step):06d}"


def set_up(client, next_url="/admin/"):
    """First login → setup page → the app's code → recovery codes. Returns (device, codes)."""
    page = client.get(f"{SETUP}?{urlencode({'next': next_url})}")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    done = client.post(SETUP, {"code": code_for(device), "next": next_url})
    assert done.status_code == 200
    codes = [code.text for code in soup_of(done).select(".staffauth-recovery-codes code")]
    device.refresh_from_db()
    return device, codes


def test_superuser_is_sent_to_set_up_on_first_login(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2Fpages%2F"

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    soup = soup_of(page)
    assert soup.h1.get_text(strip=True) == "Set up two-factor authentication"
    # The QR code is drawn in the page: no image fetched from anywhere.
    assert soup.select_one("figure.staffauth-qr svg path")
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    from base64 import b32encode

    shown = soup.select_one("#totp-secret").get_text().replace(" ", "")
    assert shown == b32encode(device.bin_key).decode()
    assert "issuer=Transformations" in device.config_url

    wrong = client.post(SETUP, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "That code is not right" in text_of(wrong)
    assert not TOTPDevice.objects.filter(user=superuser, confirmed=True).exists()
    assert client.get("/admin/pages/").status_code == 302  # still not in

    done = client.post(SETUP, {"code": code_for(device), "next": "/admin/pages/"})
    assert done.status_code == 200
    codes = [code.text for code in soup_of(done).select(".staffauth-recovery-codes code")]
    assert len(codes) == len(set(codes)) == 10
    assert "shown only this once" in text_of(done)
    assert soup_of(done).find("a", string="I have saved my codes: continue")["href"] == (
        "/admin/pages/"
    )
    assert client.get("/admin/pages/").status_code == 200
    # The setup page does not show the secret or the codes again.
    assert client.get(SETUP).status_code == 302
    entry = ModelLogEntry.objects.get(action="staffauth.2fa_set_up")
    assert (entry.user, entry.object_id) == (superuser, str(superuser.pk))


def test_what_the_admin_script_fetches_into_the_setup_page_is_served(client, superuser):
    client.force_login(superuser)
    sprite = client.get("/admin/sprite/")
    assert sprite.status_code == 200 and "<symbol" in sprite.text
    assert client.get("/admin/jsi18n/").status_code == 200


def test_each_login_asks_for_a_code_and_a_recovery_code_works_once(client, superuser):
    client.force_login(superuser)
    device, codes = set_up(client)
    client.logout()

    client.force_login(superuser)  # a new login: password passed, second factor not yet
    response = client.get("/admin/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    assert client.get(VERIFY).status_code == 200
    refused = client.post(VERIFY, {"code": "12345", "next": "/admin/"})
    assert refused.status_code == 200
    assert "That code is not right" in text_of(refused)
    passed = client.post(VERIFY, {"code": code_for(device, steps_ahead=1), "next": "/admin/"})
    assert (passed.status_code, passed["Location"]) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200

    client.logout()
    client.force_login(superuser)
    recovery = client.post(VERIFY, {"code": codes[0].upper(), "next": "/admin/pages/"})
    assert (recovery.status_code, recovery["Location"]) == (302, "/admin/pages/")
    assert "9 left" in text_of(client.get("/admin/pages/"))
    client.logout()
    client.force_login(superuser)
    assert "That code is not right" in text_of(client.post(VERIFY, {"code": codes[0]}))
    assert StaticToken.objects.filter(device__user=superuser).count() == 9


def test_a_verify_link_never_redirects_to_another_host(client, superuser):
    client.force_login(superuser)
    device, _ = set_up(client)
    client.logout()
    client.force_login(superuser)
    passed = client.post(
        VERIFY, {"code": code_for(device, 1), "next": "https://evil.example/admin/"}
    )
    assert passed["Location"] == "/admin/"


def test_admissions_staff_must_set_up_editors_may_choose(client, django_user_model):
    admissions = make_user(django_user_model, "intake", "Admissions")
    client.force_login(admissions)
    assert client.get("/admin/inquiries/")["Location"].startswith(SETUP)

    editor = make_user(django_user_model, "writer", "Editors")
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    account = client.get("/admin/account/")
    assert soup_of(account).find("a", href=SETUP, string="Set up two-factor authentication")
    device, _ = set_up(client)
    client.logout()
    client.force_login(editor)  # set up by choice: asked for at each login from now on
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_switched_off_nobody_is_asked(client, superuser, settings):
    settings.ADMIN_2FA_REQUIRED = False
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_count_in_the_login_lockout(client, superuser, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    address = {"REMOTE_ADDR": "198.51.100.7"}
    login = client.post("/admin/login/", {"username": "boss", "password": PASSWORD}, **address)
    assert login.status_code == 302
    set_up(client)
    client.post("/admin/logout/")
    client.post("/admin/login/", {"username": "boss", "password": PASSWORD}, **address)
    assert client.get("/admin/", **address)["Location"].startswith(VERIFY)

    # A wrong password from elsewhere in the same office, then wrong codes: one count.
    Client().post("/admin/login/", {"username": "boss", "password": "wrong" * 4}, **address)
    first = client.post(VERIFY, {"code": "000001"}, **address)
    assert first.status_code == 200
    assert "That code is not right" in text_of(first)
    locked = client.post(VERIFY, {"code": "000002"}, **address)
    assert locked.status_code == 429
    attempt = AccessAttempt.objects.get(username="boss")
    assert attempt.failures_since_start == 3
    assert "000002" not in attempt.post_data  # the codes typed are not kept
    # Signed out, and the password is refused too until the cool-off ends.
    assert client.get("/admin/", **address)["Location"].startswith("/admin/login/")
    again = client.post("/admin/login/", {"username": "boss", "password": PASSWORD}, **address)
    assert again.status_code == 429


def test_reset_2fa_removes_the_lost_device_and_is_logged(
    client, superuser, django_user_model, settings
):
    admissions = make_user(django_user_model, "intake", "Admissions")
    client.force_login(admissions)
    set_up(client)
    out = io.StringIO()
    call_command("reset_2fa", "intake", "--by", "boss", stdout=out)
    assert out.getvalue().strip() == (
        "Removed 2 two-factor device(s) of intake. They set up a new one at their next login "
        "to the admin."
    )
    assert not TOTPDevice.objects.filter(user=admissions).exists()
    entry = ModelLogEntry.objects.get(action="staffauth.2fa_reset")
    assert (entry.user, entry.object_id, entry.data) == (
        superuser,
        str(admissions.pk),
        {"devices": 2},
    )
    # Their next request (even in the same session) goes to setting up a new device.
    assert client.get("/admin/")["Location"].startswith(SETUP)

    settings.ADMIN_2FA_REQUIRED = False
    client.force_login(superuser)
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == 200
    assert "Removed a lost two-factor device" in text_of(history)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["intake", "--by", "intake"], "--by must name an active superuser; 'intake' is not one."),
        (["nobody", "--by", "boss"], "There is no user 'nobody'."),
    ],
)
def test_reset_2fa_refuses(superuser, django_user_model, args, message):
    make_user(django_user_model, "intake", "Admissions")
    with pytest.raises(CommandError, match="^" + message.replace("(", r"\(") + "$"):
        call_command("reset_2fa", *args)


def test_idle_admin_session_ends(client, superuser, settings):
    settings.ADMIN_2FA_REQUIRED = False
    settings.ADMIN_SESSION_IDLE_MINUTES = 30
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_SEEN] = time.time() - 29 * 60
    session.save()
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_SEEN] = time.time() - 31 * 60
    session.save()
    response = client.get("/admin/pages/")
    assert response["Location"] == "/admin/login/?next=%2Fadmin%2Fpages%2F"
    login_page = client.get(response["Location"])
    assert "signed out after 30 minutes without activity" in text_of(login_page)
    assert not login_page.wsgi_request.user.is_authenticated


def test_inquiry_readers_session_ends_with_the_browser(client, django_user_model, settings):
    settings.ADMIN_2FA_REQUIRED = False
    admissions = make_user(django_user_model, "intake", "Admissions")
    editor = make_user(django_user_model, "writer", "Editors")
    for user, browser_session in ((admissions, True), (editor, False)):
        client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == 200
        assert client.session.get_expire_at_browser_close() is browser_session, user
        cookie = response.cookies.get("sessionid")
        if browser_session:
            assert cookie is not None and cookie["expires"] == "" and cookie["max-age"] == ""


def test_check_deploy_warns_when_switched_off(settings):
    from django.core.management import call_command as run

    settings.ADMIN_2FA_REQUIRED = False
    out = io.StringIO()
    run("check", "--deploy", "--tag", "security", stdout=out, stderr=out)
    assert "staffauth.W001" in out.getvalue()
    settings.ADMIN_2FA_REQUIRED = True
    out = io.StringIO()
    run("check", "--deploy", "--tag", "security", stdout=out, stderr=out)
    assert "staffauth.W001" not in out.getvalue()
