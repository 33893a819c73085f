"""The commands `make run` uses: load_demo and ensure_admin."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from pages.models import Citation, SiteSettings
from programs.models import ProgramPage


def run(*args, **kwargs):
    out = StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_twice_keeps_data_and_does_not_duplicate():
    first = run("load_demo")
    assert "created Transformations, Programs, Intensive Outpatient" in first
    iop = ProgramPage.objects.get()
    iop.title = "Intensive Outpatient Program"
    iop.save_revision().publish()
    pages_before = Page.objects.count()

    second = run("load_demo")
    assert "already loaded; nothing changed" in second
    assert Page.objects.count() == pages_before
    assert ProgramPage.objects.get().title == "Intensive Outpatient Program"
    assert Citation.objects.count() == 3
    assert SiteSettings.objects.count() == 1
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.__class__.__name__ == "HomePage"
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


@pytest.mark.django_db
def test_ensure_admin_uses_the_environment_password(settings):
    # DJANGO_SUPERUSER_PASSWORD in the environment (read by the settings)
    settings.ADMIN_INITIAL_PASSWORD = "a-long-and-unusual-passphrase"
    out = run("ensure_admin")
    assert "password from DJANGO_SUPERUSER_PASSWORD" in out
    assert "a-long-and-unusual-passphrase" not in out
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("a-long-and-unusual-passphrase")


@pytest.mark.django_db
def test_ensure_admin_prints_a_random_password_once(settings):
    settings.ADMIN_INITIAL_PASSWORD = ""
    out = run("ensure_admin")
    password = re.search(r"password '([^']+)'", out).group(1)
    assert len(password) >= 16
    assert get_user_model().objects.get(username="admin").check_password(password)
    again = run("ensure_admin")
    assert password not in again
    assert "unchanged" in again


@pytest.mark.django_db
def test_ensure_admin_refuses_a_weak_password(settings):
    settings.ADMIN_INITIAL_PASSWORD = "admin"
    with pytest.raises(CommandError, match="too weak"):
        run("ensure_admin")
    assert not get_user_model().objects.exists()
