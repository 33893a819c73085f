"""Security headers on every response, and public pages that a strict CSP can serve."""

from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory

from pages.visitors import client_ip
from tests.reading import resources, soup_of

PUBLIC_PATHS = ["/", "/programs/", "/programs/intensive-outpatient/"]


def policy(response):
    return dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )


@pytest.mark.parametrize("path", [*PUBLIC_PATHS, "/no-such-page/"])
def test_public_responses_carry_the_strict_policy_and_headers(client, demo, path):
    response = client.get(path)
    assert response.status_code == (404 if "no-such" in path else 200)
    assert policy(response) == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "frame-src": "'none'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
        "form-action": "'self'",
    }
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    features = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture"):
        assert features[feature] == "()"


@pytest.mark.parametrize("path", [*PUBLIC_PATHS, "/privacy/", "/accessibility/"])
def test_public_pages_need_no_inline_script_or_style_nor_other_hosts(client, demo, path):
    response = client.get(path)
    html = response.content.decode()
    soup = soup_of(html)
    for script in soup.find_all("script"):
        assert script.get("type") == "application/ld+json" or (
            script.get("src", "").startswith("/static/") and not script.get_text().strip()
        ), script
    assert not soup.find_all("style")
    assert not soup.find_all(style=True), "style attributes break the CSP"
    handlers = [(e.name, a) for e in soup.find_all(True) for a in e.attrs if a.startswith("on")]
    assert handlers == [], "inline event handler"
    assert "nonce" not in html
    assert [url for url in resources(soup) if urlsplit(url).netloc] == []
    for link in soup.find_all("link"):
        assert link["href"].startswith("/") or "canonical" in link["rel"], link


def test_hsts_is_sent_over_https(client, demo, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000  # as in base.py; test.py turns it off
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_admin_gets_its_own_policy(admin_client, demo):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    admin = policy(response)
    assert admin["frame-ancestors"] == "'self'"
    assert admin["object-src"] == "'none'"
    assert admin["form-action"] == "'self'"
    assert "http" not in response["Content-Security-Policy"], "no other host is allowed"
    assert response["Permissions-Policy"].startswith("accelerometer=()")


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.2"),  # no proxy: the header is the client's own invention
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # spoofed entries are further left
        (2, "6.6.6.6, 198.51.100.1, 10.1.1.1", "198.51.100.1"),
        (2, "198.51.100.1", "10.0.0.2"),  # fewer entries than proxies: not via the proxies
        (1, "", "10.0.0.2"),
    ],
)
def test_client_address_behind_proxies(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
