"""The compose scheduler service: manage.py run_scheduler."""

import logging
from datetime import timedelta

import pytest
from django.core.management import call_command, get_commands
from django.utils import timezone

from demo.loader import load_demo
from programs.models import ProgramPage


# The scheduler closes stale connections between commands, as a long-running process must;
# that needs autocommit, so this test commits.
@pytest.mark.django_db(transaction=True)
def test_scheduled_publishing_happens_when_the_scheduler_runs(caplog):
    load_demo()
    iop = ProgramPage.objects.get(slug="intensive-outpatient")
    iop.title = "Intensive Outpatient Program"
    revision = iop.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    iop.refresh_from_db()
    assert iop.title == "Intensive Outpatient"

    with caplog.at_level(logging.INFO, logger="ops.scheduler"):
        call_command("run_scheduler", "--once")

    iop.refresh_from_db()
    assert iop.title == "Intensive Outpatient Program"
    assert iop.live
    messages = [record.getMessage() for record in caplog.records]
    assert any(m.startswith("scheduler: publish_scheduled done") for m in messages)
    assert any(m.startswith("scheduler: clearsessions done") for m in messages)
    if "purge_inquiries" not in get_commands():
        assert "scheduler: not installed here, skipped: purge_inquiries" in messages


def test_interval_must_be_positive(db):
    with pytest.raises(ValueError, match="at least 1 second"):
        call_command("run_scheduler", "--interval", "0", "--once")
