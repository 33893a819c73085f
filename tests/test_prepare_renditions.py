"""manage.py prepare_renditions: images are encoded before a visitor asks, not in their request."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from tests.reading import resources

IOP = "/programs/intensive-outpatient/"
Rendition = get_image_model().get_rendition_model()


def prepare(*args):
    out = io.StringIO()
    call_command("prepare_renditions", *args, stdout=out)
    return out.getvalue().strip()


def test_it_encodes_every_image_the_live_pages_show(client, demo):
    Rendition.objects.all().delete()

    report = prepare()

    made = Rendition.objects.count()
    assert made > 0
    assert report == f"Rendered 10 live pages; {made} new image renditions."
    # A visitor's first view then encodes nothing: every image it shows already exists.
    html = client.get(IOP).text
    assert Rendition.objects.count() == made
    assert any("/media/images/" in url for url in resources(html))
    assert prepare() == "Rendered 10 live pages; 0 new image renditions."


def test_published_within_only_renders_recently_published_pages(demo):
    Page.objects.update(last_published_at=timezone.now() - timedelta(days=2))
    assert prepare("--published-within", "3600") == "Rendered 0 live pages; 0 new image renditions."

    Rendition.objects.all().delete()
    demo.iop.save_revision().publish()
    report = prepare("--published-within", "3600")
    made = Rendition.objects.count()
    assert made > 0
    assert report == f"Rendered 1 live page; {made} new image renditions."


def test_a_window_that_is_not_positive_is_refused(demo):
    with pytest.raises(CommandError, match="at least 1 second"):
        prepare("--published-within", "0")
