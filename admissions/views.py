"""Admin → Availability: every program's availability, editable in one place by Admissions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from programs.models import ProgramPage

from .forms import AvailabilityForm
from .freshness import fresh_days_for
from .models import Availability

CHANGE_AVAILABILITY = "admissions.change_availability"


def availability_forms(request, data=None):
    pages = ProgramPage.objects.order_by("path").select_related("availability")
    return [
        AvailabilityForm(data, page=page, availability=getattr(page, "availability", None))
        for page in pages
    ]


def availability_index(request):
    if not request.user.has_perm(CHANGE_AVAILABILITY):
        raise PermissionDenied
    if request.method == "POST":
        forms = availability_forms(request, request.POST)
        if all(form.is_valid() for form in forms):
            confirmed = save_confirmed(forms, request.user)
            if confirmed:
                messages.success(request, f"Availability confirmed today for {confirmed}.")
            else:
                messages.info(request, "Nothing changed and nothing was confirmed.")
            return redirect("admissions_availability")
        messages.error(request, "Nothing was saved: please correct the fields marked below.")
    else:
        forms = availability_forms(request)
    fresh_days = fresh_days_for(request)
    today = timezone.localdate()
    rows = [
        (form, form.availability and form.availability.is_fresh(fresh_days, today))
        for form in forms
    ]
    return TemplateResponse(
        request,
        "admissions/availability.html",
        {"rows": rows, "fresh_days": fresh_days},
    )


@transaction.atomic
def save_confirmed(forms, user):
    """Save the rows that changed or were confirmed; their confirmed day is today. Returns the
    programs' titles, joined for a message."""
    today = timezone.localdate()
    titles = []
    for form in forms:
        if not form.confirms:
            continue
        Availability.objects.update_or_create(
            page=form.page,
            defaults={
                "status": form.cleaned_data["status"],
                "next_group_on": form.cleaned_data["next_group_on"],
                "confirmed_on": today if form.cleaned_data["status"] else None,
                "confirmed_by": user,
            },
        )
        titles.append(form.page.title)
    return ", ".join(titles)
