import pytest
from wagtail.models import Site

from pages.demo.loader import load_demo
from pages.models import HomePage, ProgramIndexPage, ProgramPage, SiteSettings
from reviews.models import Reviewer
from reviews.workflow import CLINICAL_REVIEWERS, EDITORS
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


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches (the page cache lives in them)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
