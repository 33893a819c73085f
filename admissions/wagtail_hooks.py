"""Admissions in the admin: the Availability screen, its menu item, the dashboard's list of stale
availability, the clinic's isAcceptingNewPatients in JSON-LD, and what the group may do."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from pages.models.base import SERVE_QUERYSET_HOOK
from pages.navigation import is_site_root, site_for
from pages.structured_data import EXTRA_NODES_HOOK
from programs.models import ProgramIndexPage, ProgramPage

from .freshness import clinic_accepting, fresh_days_for, stale_programs
from .views import CHANGE_AVAILABILITY, availability_index

ADMISSIONS = "Admissions"  # the group inquiries/migrations/0002 creates


@hooks.register("register_admin_urls")
def register_availability_urls():
    return [path("availability/", availability_index, name="admissions_availability")]


class AvailabilityMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(CHANGE_AVAILABILITY)


@hooks.register("register_admin_menu_item")
def register_availability_menu_item():
    return AvailabilityMenuItem(
        "Availability",
        reverse("admissions_availability"),
        name="availability",
        icon_name="calendar",
        order=640,
    )


class StaleAvailabilityPanel(Component):
    name = "stale_availability"
    order = 95
    template_name = "admissions/stale_availability_panel.html"

    def __init__(self, items, fresh_days):
        self.items = items
        self.fresh_days = fresh_days

    def get_context_data(self, parent_context):
        return {
            "items": self.items,
            "fresh_days": self.fresh_days,
            "screen_url": reverse("admissions_availability"),
        }


@hooks.register("construct_homepage_panels")
def stale_availability_panel(request, panels):
    if request.user.has_perm(CHANGE_AVAILABILITY):
        panels.append(StaleAvailabilityPanel(stale_programs(request), fresh_days_for(request)))


@hooks.register(SERVE_QUERYSET_HOOK)
def serve_with_availability(model, queryset):
    """A program page is served with its availability, in the same query."""
    if issubclass(model, ProgramPage):
        return queryset.select_related("availability")
    return queryset


@hooks.register(EXTRA_NODES_HOOK)
def clinic_accepting_new_patients(request, page, organisation_id):
    """isAcceptingNewPatients on the clinic, on the pages that describe the clinic's programs as a
    whole (the home page and the programs list), and only from fresh availability."""
    if request is None or page is None:
        return []
    if not (isinstance(page, ProgramIndexPage) or is_site_root(page, site_for(request, page))):
        return []
    accepting = clinic_accepting(request)
    if accepting is None:
        return []
    return [{"@id": organisation_id, "isAcceptingNewPatients": accepting}]


@hooks.register("describe_staff_roles")
def describe_admissions_role():
    return {
        ADMISSIONS: (
            "Keep each program's availability current (Availability in the menu): whether it "
            "takes new clients and when the next group starts. Availability only: not the "
            "program pages themselves."
        )
    }
