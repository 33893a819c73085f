"""Availability that cannot go stale: what visitors and machines see, and what Admissions may do."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from admissions.models import Availability
from tests.editor_helpers import field_error, make_user
from tests.reading import json_ld, nodes_of_type, soup_of, text_of

IOP_URL = "/programs/intensive-outpatient/"
SCREEN = "/admin/availability/"


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def confirm(page, status="yes", confirmed_days_ago=0, next_group_on=None):
    return Availability.objects.update_or_create(
        page=page,
        defaults={
            "status": status,
            "confirmed_on": days_ago(confirmed_days_ago),
            "next_group_on": next_group_on,
        },
    )[0]


def availability_text(html, selector="article.program header"):
    box = soup_of(html).select_one(selector).select_one(".availability")
    return text_of(box) if box else None


def accepting_in_json_ld(html):
    clinic_id = nodes_of_type(html, "MedicalClinic")[0]["@id"]
    values = [
        node["isAcceptingNewPatients"]
        for node in json_ld(html)
        if node.get("@id") == clinic_id and "isAcceptingNewPatients" in node
    ]
    assert len(values) <= 1
    return values[0] if values else None


def test_never_confirmed_availability_is_not_shown(client, demo):
    html = client.get(IOP_URL).text
    assert availability_text(html) is None
    assert accepting_in_json_ld(client.get("/").text) is None


def test_fresh_availability_on_the_page_and_its_card(client, demo):
    next_group = timezone.localdate() + datetime.timedelta(days=9)
    confirm(demo.iop, "yes", confirmed_days_ago=3, next_group_on=next_group)
    html = client.get(IOP_URL).text
    text = availability_text(html)
    assert text.startswith("Accepting new clients")
    assert f"Next group starts on {next_group:%B} {next_group.day}, {next_group.year}" in text
    assert f"Checked by our admissions team on {days_ago(3):%B} {days_ago(3).day}" in text
    card = availability_text(client.get("/programs/").text, ".card-list .card")
    assert card.startswith("Accepting new clients")
    assert accepting_in_json_ld(client.get("/").text) is True
    assert accepting_in_json_ld(client.get("/programs/").text) is True


def test_waitlist_is_not_accepting_in_json_ld(client, demo):
    confirm(demo.iop, "waitlist")
    html = client.get(IOP_URL).text
    assert availability_text(html).startswith("Waitlist")
    assert accepting_in_json_ld(client.get("/").text) is False


def test_stale_availability_is_hidden_everywhere(client, demo):
    confirm(demo.iop, "yes", confirmed_days_ago=15)
    html = client.get(IOP_URL).text
    assert availability_text(html) is None
    assert availability_text(client.get("/programs/").text, ".card-list .card") is None
    assert accepting_in_json_ld(client.get("/programs/").text) is None
    assert accepting_in_json_ld(client.get("/").text) is None


def test_availability_confirmed_fourteen_days_ago_is_still_shown(client, demo):
    confirm(demo.iop, "not_now", confirmed_days_ago=14)
    html = client.get(IOP_URL).text
    assert availability_text(html).startswith("Not accepting new clients right now")


def test_the_site_setting_sets_how_long_availability_stays_shown(client, demo):
    confirm(demo.iop, "yes", confirmed_days_ago=5)
    assert availability_text(client.get(IOP_URL).text) is not None  # now in the page cache
    demo.settings.availability_fresh_days = 4
    demo.settings.save()
    assert availability_text(client.get(IOP_URL).text) is None


def test_a_past_next_group_date_is_never_shown(client, demo):
    confirm(demo.iop, "yes", next_group_on=days_ago(1))
    text = availability_text(client.get(IOP_URL).text)
    assert text.startswith("Accepting new clients")
    assert "Next group" not in text


@pytest.fixture
def admissions_user(django_user_model):
    return make_user(django_user_model, "admissions", "Admissions")


def screen_data(page, **values):
    prefix = f"program-{page.pk}"
    data = {f"{prefix}-status": "", f"{prefix}-next_group_on": ""}
    data.update({f"{prefix}-{name}": value for name, value in values.items()})
    return data


def test_admissions_confirm_availability_and_visitors_see_it_at_once(client, demo, admissions_user):
    assert availability_text(client.get(IOP_URL).text) is None  # now in the page cache
    revisions = Revision.page_revisions.filter(object_id=str(demo.iop.pk)).count()

    staff = client.__class__()
    staff.force_login(admissions_user)
    screen = soup_of(staff.get(SCREEN).content.decode())
    assert "Intensive Outpatient" in text_of(screen.select_one("fieldset legend"))
    response = staff.post(SCREEN, screen_data(demo.iop, status="yes"))
    assert response.status_code == 302

    response = client.get(IOP_URL)
    assert response.headers["X-Page-Cache"] == "miss"  # the cached copy was dropped
    assert availability_text(response.text).startswith("Accepting new clients")
    availability = Availability.objects.get(page=demo.iop)
    assert availability.confirmed_on == timezone.localdate()
    assert availability.confirmed_by == admissions_user
    # The page itself is untouched: no revision, no review.
    assert Revision.page_revisions.filter(object_id=str(demo.iop.pk)).count() == revisions


def test_still_correct_confirms_an_unchanged_value(client, demo, admissions_user):
    confirm(demo.iop, "waitlist", confirmed_days_ago=20)
    client.force_login(admissions_user)
    client.post(SCREEN, screen_data(demo.iop, status="waitlist"))
    assert Availability.objects.get(page=demo.iop).confirmed_on == days_ago(20)
    client.post(SCREEN, screen_data(demo.iop, status="waitlist", still_correct="on"))
    assert Availability.objects.get(page=demo.iop).confirmed_on == timezone.localdate()


def test_a_past_next_group_date_is_refused_and_nothing_saved(client, demo, admissions_user):
    client.force_login(admissions_user)
    data = screen_data(demo.iop, status="yes", next_group_on=days_ago(2).isoformat())
    response = client.post(SCREEN, data)
    assert response.status_code == 200
    assert "This date has passed" in field_error(response, f"program-{demo.iop.pk}-next_group_on")
    assert not Availability.objects.exists()


def test_admissions_may_not_edit_program_pages(client, demo, admissions_user):
    client.force_login(admissions_user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[demo.iop.pk]))
    assert (response.status_code, response.url) == (302, "/admin/")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[demo.iop.pk]), {"title": "Changed"}
    )
    assert response.status_code == 302
    demo.iop.refresh_from_db()
    assert demo.iop.title == "Intensive Outpatient"
    assert demo.iop.latest_revision.content["title"] == "Intensive Outpatient"


def test_editors_may_not_change_availability(client, demo, editor):
    client.force_login(editor)
    # Wagtail answers a refused admin view by going back to the dashboard with a message.
    response = client.get(SCREEN, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Sorry, you do not have permission" in text_of(response.content.decode())
    response = client.post(SCREEN, screen_data(demo.iop, status="yes"))
    assert response.status_code == 302
    assert not Availability.objects.exists()
    dashboard = soup_of(client.get("/admin/").content.decode())
    assert dashboard.select_one("#stale-availability-section") is None
    assert not dashboard.select(f'a[href="{SCREEN}"]')


def test_the_dashboard_lists_stale_availability_for_admissions(client, demo, admissions_user):
    client.force_login(admissions_user)
    panel = soup_of(client.get("/admin/").content.decode()).select_one(
        "#stale-availability-section"
    )
    assert panel is not None
    rows = [text_of(row) for row in panel.select("tbody tr")]
    assert rows == ["Intensive Outpatient Never"]
    confirm(demo.iop, "yes", confirmed_days_ago=1)
    panel = soup_of(client.get("/admin/").content.decode()).select_one(
        "#stale-availability-section"
    )
    assert panel.select("tbody tr") == []
    assert "confirmed in the last 14 days" in text_of(panel)
