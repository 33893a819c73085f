"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Chromium is installed by .ci/run (apt) and axe-core by `npm ci` (make test runs it). The tests skip
only when /usr/bin/chromium is missing, and say so.
"""

from pathlib import Path

import pytest

from tests.browser.visiting import Visit

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source():
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` (make test does)."
    return AXE.read_text()


@pytest.fixture
def site(live_server, settings, tmp_path, transactional_db):
    """The demo site behind a live HTTP server, uploads served from a temporary folder.

    Transactional, because the server thread must see committed rows (tests/conftest.py puts
    back what the migrations created before each transactional test).
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVE_MEDIA = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    from wagtail.models import Site

    from demo.loader import load_demo

    load_demo()
    host, _, port = live_server.url.removeprefix("http://").partition(":")
    # Canonical and JSON-LD URLs are built from the Site: make it the live server's.
    Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))
    return live_server.url


@pytest.fixture
def visit(browser, site):
    visits = []

    def open_visit(viewport, js=True, **options):
        visits.append(Visit(browser, site, viewport, js, **options))
        return visits[-1]

    yield open_visit
    for v in visits:
        v.close()
