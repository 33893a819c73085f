"""Who reads inquiries: superusers and people with "Can read confidential inquiries" (Admissions).

Wagtail shows a form page's submissions to everybody who may edit the page, then lets the
`filter_form_submissions_for_user` hook change that list. Editing the contact page (its fields,
its text) is an editor's job; reading what people wrote is not. So the hook takes contact pages
out of the list for anyone without the permission, and adds them for those who have it (even
with no permission on pages at all, as Admissions staff have none).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Page

from . import audit
from .models import ContactPage

VIEW_INQUIRIES = "inquiries.view_inquiries"
ADMISSIONS = "Admissions"  # the group inquiries/migrations/0002 creates


@hooks.register("filter_form_submissions_for_user")
def only_admissions_read_inquiries(user, editable_forms):
    if user.has_perm(VIEW_INQUIRIES):
        contact_pages = Page.objects.type(ContactPage).values("pk")
        return Page.objects.filter(Q(pk__in=editable_forms.values("pk")) | Q(pk__in=contact_pages))
    return editable_forms.not_type(ContactPage)


def inquiries_index(request):
    """One contact page: straight to its inquiries. Several: a list to choose from."""
    if not request.user.has_perm(VIEW_INQUIRIES):
        raise PermissionDenied
    pages = list(get_forms_for_user(request.user).type(ContactPage).order_by("path"))
    if len(pages) == 1:
        return redirect("wagtailforms:list_submissions", pages[0].pk)
    return TemplateResponse(request, "inquiries/admin/index.html", {"contact_pages": pages})


@hooks.register("register_admin_urls")
def register_inquiry_admin_urls():
    return [path("inquiries/", inquiries_index, name="inquiries_index")]


class InquiriesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_INQUIRIES)


@hooks.register("register_admin_menu_item")
def register_inquiries_menu_item():
    return InquiriesMenuItem(
        "Inquiries", reverse("inquiries_index"), name="inquiries", icon_name="mail", order=650
    )


@hooks.register("construct_main_menu")
def hide_forms_menu_when_only_inquiries(request, menu_items):
    # Wagtail's "Forms" listing needs page permissions Admissions staff don't have; the
    # "Inquiries" item leads to the same submissions. Keep "Forms" for other form pages.
    if not get_forms_for_user(request.user).not_type(ContactPage).exists():
        menu_items[:] = [item for item in menu_items if item.name != "forms"]


@hooks.register("describe_staff_roles")
def describe_admissions_role():
    return {
        ADMISSIONS: (
            "Read and export the confidential inquiries people send through the contact form. "
            "No pages, images or settings."
        )
    }


@hooks.register("reads_confidential_data")
def inquiry_readers_read_confidential_data(user):
    """Whoever reads inquiries must pass a second factor (staffauth), and their admin session ends
    when the browser closes."""
    return user.has_perm(VIEW_INQUIRIES)


@hooks.register("register_log_actions")
def register_inquiry_log_actions(actions):
    audit.register_actions(actions)
