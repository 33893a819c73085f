"""The site as production serves it: gunicorn, production settings, PostgreSQL, real HTTP.

Requests arrive as the TLS reverse proxy forwards them (Host, X-Forwarded-Proto/-For).
"""

import json
import re

import pytest

from scripts.gunicorn_server import HTTP_TEST_PORTS, Gunicorn, free_port
from tests.production_server import (
    ADMIN_PASSWORD,
    create_database,
    drop_database,
    is_postgresql,
    manage,
    production_env,
    request,
    source_database_name,
)
from tests.reading import links, soup_of, text_of

pytestmark = [
    pytest.mark.skipif(not is_postgresql(), reason="production runs on PostgreSQL"),
    # Makes pytest-django create the test database these tests copy.
    pytest.mark.django_db,
]

IOP = "/programs/intensive-outpatient/"
STRICT_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
CLIENT_ADDRESSES = ("203.0.113.", "198.51.100.", "192.0.2.")


def csp(response):
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    return directives


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    env = production_env("unused", tmp_path_factory.mktemp("media0"), root)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return root


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, static_root, tmp_path_factory):
    name = source_database_name() + "_http"
    with django_db_blocker.unblock():
        create_database(name, template=source_database_name())
    env = production_env(name, tmp_path_factory.mktemp("media"), static_root)
    manage(env, "load_demo")
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD},
        "createsuperuser",
        "--noinput",
        "--username",
        "admin",
        "--email",
        "admin@example.org",
    )
    log = tmp_path_factory.mktemp("logs") / "gunicorn.log"
    gunicorn = Gunicorn(env, log, free_port(HTTP_TEST_PORTS)).start()
    yield gunicorn
    gunicorn.stop()
    drop_database(name)


@pytest.fixture(scope="module")
def server_without_database(static_root, tmp_path_factory):
    """The same site whose database cannot be reached."""
    env = production_env(
        source_database_name() + "_unreachable", tmp_path_factory.mktemp("media"), static_root
    )
    log = tmp_path_factory.mktemp("logs") / "gunicorn.log"
    gunicorn = Gunicorn(env, log, free_port(HTTP_TEST_PORTS)).start()
    yield gunicorn
    gunicorn.stop()


def assert_security_headers(response):
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_program_page_answers_with_every_security_header(server):
    response = request(server, IOP)
    assert response.status == 200
    assert "Intensive Outpatient" in response.text
    assert_security_headers(response)
    policy = csp(response)
    for directive, value in STRICT_CSP.items():
        assert policy[directive] == value, directive
    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert "nonce-" not in header


def test_public_pages_set_no_cookie_so_they_can_be_cached(server):
    for path in ("/", "/programs/", IOP):
        response = request(server, path)
        assert response.status == 200
        assert response.headers.get_all("Set-Cookie") is None, path


def test_plain_http_is_redirected_to_https(server):
    response = request(server, IOP, https=False)
    assert response.status == 301
    assert response.headers["Location"] == f"https://www.example.org{IOP}"


def test_unknown_host_is_refused(server):
    response = request(server, IOP, headers={"Host": "attacker.example"})
    assert response.status == 400


def test_static_files_are_hashed_compressed_and_cached_for_ever(server):
    [stylesheet] = soup_of(request(server, "/").text).select('link[rel="stylesheet"]')
    href = stylesheet["href"]
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", href), "no content hash in " + href
    response = request(server, href, headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    cache_control = response.headers["Cache-Control"]
    assert "immutable" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= 365 * 24 * 3600


def csrf_token(server, client):
    response = request(server, "/admin/login/", client=client)
    assert response.status == 200
    cookie_header = response.headers["Set-Cookie"]
    value = re.search(r"__Host-csrftoken=([^;]+)", cookie_header).group(1)
    [token] = soup_of(response.text).select('form input[name="csrfmiddlewaretoken"]')
    return value, token["value"]


def login(server, client, username, password, cookie):
    cookie_value, token = cookie
    return request(
        server,
        "/admin/login/",
        method="POST",
        client=client,
        data={"csrfmiddlewaretoken": token, "username": username, "password": password},
        headers={
            "Cookie": f"__Host-csrftoken={cookie_value}",
            "Origin": "https://www.example.org",
            "Referer": "https://www.example.org/admin/login/",
        },
    )


def assert_host_cookie(attributes):
    assert "secure" in attributes
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert "path=/" in attributes
    assert not any(a.startswith("domain=") for a in attributes), "__Host- forbids Domain"


def test_admin_cookies_are_host_prefixed_secure_httponly_and_lax(server):
    response = request(server, "/admin/login/")
    cookies = response.cookies()
    assert list(cookies) == ["__Host-csrftoken"]
    assert_host_cookie(cookies["__Host-csrftoken"])

    client = "198.51.100.20"
    response = login(server, client, "admin", ADMIN_PASSWORD, csrf_token(server, client))
    assert response.status == 302
    cookies = response.cookies()
    assert "__Host-sessionid" in cookies
    assert_host_cookie(cookies["__Host-sessionid"])


def test_admin_has_its_own_csp_and_the_same_other_headers(server):
    response = request(server, "/admin/login/")
    assert_security_headers(response)
    policy = csp(response)
    assert policy["frame-ancestors"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert "http" not in response.headers["Content-Security-Policy"]


def test_admin_login_locks_out_a_user_and_client_after_repeated_failures(server):
    attacker = "203.0.113.7"
    cookie = csrf_token(server, attacker)
    # AXES_FAILURE_LIMIT=3. The proxy appends the real address; whatever the client puts further
    # left in X-Forwarded-For does not change who it is.
    for attempt, expected in enumerate([200, 200, 429]):
        response = login(
            server, f"192.0.2.{attempt}, {attacker}", "admin", "wrong-password", cookie
        )
        assert response.status == expected, attempt
    assert "too many" in response.text.lower() or "locked" in response.text.lower()
    # Locked: even the right password from that client is refused...
    assert login(server, attacker, "admin", ADMIN_PASSWORD, cookie).status == 429
    # ...while the same user from another client still gets in,
    other = "203.0.113.8"
    assert login(server, other, "admin", ADMIN_PASSWORD, csrf_token(server, other)).status == 302
    # and another username from the locked client is not locked.
    assert login(server, attacker, "editor", "wrong-password", cookie).status == 200


def test_an_unknown_address_answers_the_branded_404_never_a_debug_page(server):
    response = request(server, "/does-not-exist/")
    assert response.status == 404
    assert "We couldn’t find that page" in text_of(response.text)
    assert "tel:+18002704315" in [href for href, _ in links(response.text)]
    for debug_page_words in ("URLconf", "DEBUG = True", "Traceback"):
        assert debug_page_words not in response.text
    assert_security_headers(response)


def test_logs_are_one_line_per_event_without_addresses_or_secrets(server):
    request(server, "/does-not-exist/")
    logs = server.logs()
    assert "login failed" in logs
    assert "locked out" in logs
    assert f"GET {IOP} 200" in logs
    for needle in (*CLIENT_ADDRESSES, "127.0.0.1", ADMIN_PASSWORD, "wrong-password"):
        assert needle not in logs, needle
    assert "Traceback" not in logs


def test_healthz_and_readyz_need_no_host_header_nor_https(server):
    for path in ("/healthz", "/readyz"):
        response = request(server, path, https=False, headers={"Host": "10.0.0.5:8000"})
        assert response.status == 200, path
    assert json.loads(request(server, "/readyz").body) == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
    }


def test_without_database_health_stays_up_and_pages_answer_the_branded_503(
    server_without_database,
):
    server = server_without_database
    assert request(server, "/healthz", https=False).status == 200
    ready = request(server, "/readyz", https=False)
    assert ready.status == 503
    assert json.loads(ready.body)["database"] == "down"

    page = request(server, IOP)
    assert page.status == 503
    assert "right back" in page.text
    assert 'href="tel:+18002704315"' in page.text
    assert page.headers["Retry-After"] == "30"
    assert page.headers["Cache-Control"] == "no-store"
    assert_security_headers(page)
    assert csp(page)["script-src"] == "'self'"
