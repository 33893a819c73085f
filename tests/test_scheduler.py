"""The compose scheduler service: manage.py run_scheduler."""

import logging
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.images import get_image_model

from demo.loader import load_demo
from inquiries.models import ContactPage
from programs.models import ProgramPage

Rendition = get_image_model().get_rendition_model()


# The scheduler closes stale connections between commands, as a long-running process must;
# that needs autocommit, so this test commits.
@pytest.mark.django_db(transaction=True)
def test_one_scheduler_run_publishes_prepares_images_purges_and_clears_sessions(caplog):
    load_demo()
    iop = ProgramPage.objects.get(slug="intensive-outpatient")
    iop.title = "Intensive Outpatient Program"
    revision = iop.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    iop.refresh_from_db()
    assert iop.title == "Intensive Outpatient"
    Rendition.objects.all().delete()
    contact = ContactPage.objects.get(slug="contact")
    old, recent = (FormSubmission.objects.create(page=contact, form_data={}) for _ in range(2))
    now = timezone.now()
    FormSubmission.objects.filter(pk=old.pk).update(submit_time=now - timedelta(days=91))
    Session.objects.create(session_key="e" * 32, session_data="", expire_date=now - timedelta(1))
    Session.objects.create(session_key="l" * 32, session_data="", expire_date=now + timedelta(1))

    with caplog.at_level(logging.INFO, logger="ops.scheduler"):
        call_command("run_scheduler", "--once")

    iop.refresh_from_db()
    assert iop.title == "Intensive Outpatient Program"  # publish_scheduled
    assert iop.live
    assert Rendition.objects.exists()  # prepare_renditions
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [recent.pk]
    assert list(Session.objects.values_list("session_key", flat=True)) == ["l" * 32]
    done = [
        record.getMessage().split(" done ")[0]
        for record in caplog.records
        if " done in " in record.getMessage()
    ]
    assert done == [
        "scheduler: publish_scheduled",
        "scheduler: prepare_renditions",
        "scheduler: prepare_renditions",
        "scheduler: purge_inquiries",
        "scheduler: clearsessions",
    ]
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_interval_must_be_positive(db):
    with pytest.raises(ValueError, match="at least 1 second"):
        call_command("run_scheduler", "--interval", "0", "--once")
