"""Editors, clinical reviewers, and the form data the admin's editors send (program pages, site
settings), for tests through the admin views."""

import json

from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.reading import soup_of, text_of


def make_user(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "x" * 16)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def program_form_data(**fields):
    """POST data for the program page form, as the admin's editor sends it."""
    data = {
        "title": "Partial Hospitalization",
        "slug": "partial-hospitalization",
        "intro": "Day treatment five days a week, evenings and nights at home.",
        "level_of_care": "partial_hospitalization",
        "who_it_is_for": "",
        "schedule": "",
        "typical_length": "",
        "setting": "",
        "body": streamfield(
            [("text", rich_text("<p>Structured care during the day, home at night.</p>"))]
        ),
        "citations": inline_formset([]),
        "comments": inline_formset([]),
        "reviewed_by": "",
        "last_reviewed": "",
        "review_interval_months": "12",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(fields)
    return nested_form_data(data)


def site_settings_url(site):
    return f"/admin/settings/pages/sitesettings/{site.pk}/"


def site_settings_form_data(site_settings, **changes):
    """POST data for Settings → Site settings: the values saved now, with `changes`."""
    s = site_settings
    lines = [
        (
            "line",
            {
                "name": line.value["name"],
                "number": line.value["number"],
                "can_text": "on" if line.value["can_text"] else "",
                "note": line.value["note"],
            },
        )
        for line in s.crisis_lines
    ]
    data = {
        "organisation_name": s.organisation_name,
        "admissions_phone": s.admissions_phone,
        "header_cta_text": s.header_cta_text,
        "footer_heading": s.footer_heading,
        "footer_text": s.footer_text,
        "footer_cta_text": s.footer_cta_text,
        "street_address": s.street_address,
        "locality": s.locality,
        "region": s.region,
        "postal_code": s.postal_code,
        "country": s.country,
        "admissions_email": s.admissions_email,
        "ratings_enabled": "on" if s.ratings_enabled else "",
        "availability_fresh_days": s.availability_fresh_days,
        "who_answers": s.who_answers,
        "crisis_heading": s.crisis_heading,
        "crisis_lines": streamfield(lines),
        "meta_description": s.meta_description,
        "privacy_page": s.privacy_page_id or "",
        "accessibility_page": s.accessibility_page_id or "",
        "quick_exit_enabled": "on" if s.quick_exit_enabled else "",
        "quick_exit_url": s.quick_exit_url,
    }
    data.update(changes)
    return nested_form_data(data)


def stream_errors(response, field_name="body"):
    """The errors the admin shows in a StreamField, as its JavaScript receives them:
    {"blockErrors": {position: {"blockErrors": {child: {"messages": [...]}}}}}."""
    for widget in soup_of(response).select("[data-w-block-arguments-value]"):
        if widget.get("id") == field_name:
            _value, errors = json.loads(widget["data-w-block-arguments-value"])
            return errors or {}
    raise AssertionError(f"no StreamField {field_name!r} in the response")


def field_error(response, field_name):
    """The error message the admin shows with a field (inside the field's own wrapper)."""
    field = soup_of(response).find(attrs={"name": field_name})
    errors = field.find_parent(attrs={"data-field": True}).find(attrs={"data-field-errors": True})
    return text_of(errors) if errors else ""


def sign_in(page, base_url, username, password):
    """Sign in to the admin through its login form, as a person does, and land on the dashboard."""
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
    return page
