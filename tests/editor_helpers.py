"""Editors, clinical reviewers and program-page form data for tests through the admin views."""

from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


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
