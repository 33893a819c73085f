import os
from pathlib import Path

import pytest
from wagtail.models import Site

from demo.loader import load_demo
from home.models import HomePage
from inquiries.models import ContactPage
from pages.models import SiteSettings
from programs.models import ProgramIndexPage, ProgramPage
from reviews.models import Reviewer
from reviews.roles import CLINICAL_REVIEWERS, EDITORS
from tests.editor_helpers import make_user


class DemoSite:
    """The demo site as `make run` loads it."""

    def __init__(self):
        load_demo()
        self.site = Site.objects.get(is_default_site=True)
        self.home = HomePage.objects.get()
        self.programs = ProgramIndexPage.objects.get()
        self.iop = ProgramPage.objects.get(slug="intensive-outpatient")
        self.settings = SiteSettings.for_site(self.site)


@pytest.fixture
def demo(db):
    return DemoSite()


@pytest.fixture
def contact(demo):
    """The demo's contact page (/contact/)."""
    return ContactPage.objects.get(slug="contact")


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "x" * 16)
    client.force_login(user)
    return client


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "editor", EDITORS)


@pytest.fixture
def reviewer_user(django_user_model):
    return make_user(django_user_model, "doctor", CLINICAL_REVIEWERS)


@pytest.fixture
def reviewer(reviewer_user):
    return Reviewer.objects.create(
        name="Dana Whitfield",
        credentials="MD",
        role="Medical Director",
        bio="Board-certified in addiction medicine.",
        user=reviewer_user,
    )


# Real-browser tests (tests/browser/, the admin, the rating and the inquiry form) share one
# Chromium: Debian's /usr/bin/chromium driven by Playwright (never a downloaded browser).
CHROMIUM = Path("/usr/bin/chromium")
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
    """One Chromium for the session. Playwright's sync API keeps an event loop in this thread,
    so Django's async guard is told that the tests' own ORM calls are deliberate (test code
    only)."""
    if not CHROMIUM.exists():
        pytest.skip(
            "Browser tests need Debian's Chromium at /usr/bin/chromium "
            "(apt-get install -y chromium; .ci/run installs it)."
        )
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def restore_migrated_data():
    """What the migrations' data steps created (Wagtail's root page, root collection and locale,
    the editors' groups and the Clinical review workflow, the Admissions group).

    A transactional test ends with a flush that empties every table; the next one gets these back
    from here. (Serialized rollback cannot be used: restoring under Playwright's running event
    loop collides with the content types the flush re-creates.)
    """
    import importlib

    from django.apps import apps
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    from reviews.workflow import ensure_groups_and_workflow

    ContentType.objects.clear_cache()
    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE.split("-")[0])
    if Collection.get_first_root_node() is None:
        Collection.add_root(instance=Collection(name="Root"))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", url_path="/"))
    ensure_groups_and_workflow(apps)
    admissions = importlib.import_module("inquiries.migrations.0002_admissions_group")
    admissions.create_admissions_group(apps, None)
    availability = importlib.import_module(
        "admissions.migrations.0002_admissions_keep_availability"
    )
    availability.let_admissions_keep_availability(apps, None)


@pytest.fixture(autouse=True)
def _migrated_data_in_transactional_tests(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        restore_migrated_data()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches (the page cache lives in them)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
