"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Chromium is installed by .ci/run (apt) and axe-core by `npm ci` (make test runs it). The tests skip
only when /usr/bin/chromium is missing, and say so.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in the main thread; Django's ORM refuses to run
# while one exists unless told that this is deliberate (test code only, never the site).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            "Browser tests need Debian's Chromium at /usr/bin/chromium "
            "(apt-get install -y chromium; .ci/run installs it)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source():
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` (make test does)."
    return AXE.read_text()


@pytest.fixture
def site(live_server, settings, tmp_path, transactional_db):
    """The demo site behind a live HTTP server, uploads served from a temporary folder.

    Transactional, because the server thread must see committed rows. The flush that ends a
    transactional test also removes what Wagtail's migrations created, so put that back first.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVE_MEDIA = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    from wagtail.models import Site

    from pages.demo.loader import load_demo

    restore_wagtail_roots()
    load_demo()
    host, _, port = live_server.url.removeprefix("http://").partition(":")
    # Canonical and JSON-LD URLs are built from the Site: make it the live server's.
    Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))
    return live_server.url


def restore_wagtail_roots():
    """The root page, root collection and default locale that Wagtail's migrations create."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    ContentType.objects.clear_cache()
    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE.split("-")[0])
    if Collection.get_first_root_node() is None:
        Collection.add_root(instance=Collection(name="Root"))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", url_path="/"))
