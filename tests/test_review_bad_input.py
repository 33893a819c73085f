"""Bad review input is refused in the admin with a message next to the field; nothing is saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from programs.models import ProgramPage
from reviews.models import Reviewer
from tests.editor_helpers import field_error, program_form_data

LAST_REVIEWED = datetime.date(2026, 1, 15)


@pytest.fixture
def page(demo):
    page = ProgramPage(
        title="Partial Hospitalization",
        slug="partial-hospitalization",
        intro="Day treatment.",
        last_reviewed=LAST_REVIEWED,
    )
    demo.programs.add_child(instance=page)
    page.save_revision().publish()
    return page


def post_edit(client, page, **fields):
    data = program_form_data(**{"last_reviewed": LAST_REVIEWED.isoformat(), **fields})
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def assert_refused(response, page, field_name, message):
    assert response.status_code == 200
    assert "The page could not be saved due to validation errors" in response.text
    assert message in field_error(response, field_name)
    page.refresh_from_db()
    assert page.last_reviewed == LAST_REVIEWED
    assert page.review_interval_months == 12
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1


def test_future_review_date_is_refused(admin_client, page):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post_edit(admin_client, page, last_reviewed=tomorrow.isoformat())
    assert_refused(response, page, "last_reviewed", "The review date can’t be in the future.")


def test_today_is_accepted(admin_client, page):
    today = timezone.localdate()
    response = post_edit(admin_client, page, last_reviewed=today.isoformat())
    assert response.status_code == 302
    page.refresh_from_db()
    revision = page.get_latest_revision_as_object()
    assert revision.last_reviewed == today


@pytest.mark.parametrize("months", ["0", "-3"])
def test_interval_below_one_month_is_refused(admin_client, page, months):
    response = post_edit(admin_client, page, review_interval_months=months)
    assert_refused(
        response,
        page,
        "review_interval_months",
        "Enter a number of months of 1 or more (12 means once a year).",
    )


def test_interval_that_is_not_a_number_is_refused(admin_client, page):
    response = post_edit(admin_client, page, review_interval_months="twelve")
    assert_refused(response, page, "review_interval_months", "Enter a whole number.")


def test_reviewer_without_a_name_is_refused(admin_client):
    url = reverse("wagtailsnippets_reviews_reviewer:add")
    response = admin_client.post(
        url, {"name": "  ", "credentials": "MD", "role": "Medical Director", "bio": "Bio."}
    )
    assert response.status_code == 200
    assert field_error(response, "name") == "This field is required."
    assert "could not be created due to errors" in response.text
    assert Reviewer.objects.count() == 0
