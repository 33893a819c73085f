"""The vote endpoint, and the admin's "reset rating".

A rateable page carries the vote form but no CSRF token: a token (and its cookie) would make every
page different per visitor and uncacheable. The endpoint is protected instead by the public-post
guard (pages.guards: body size, Origin or Referer from this site, per-client rate limit) and a
signed form token tied to the page.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import Page

from pages.guards import CROSS_ORIGIN, RATE_LIMITED, TOO_LARGE, check_post
from pages.models import SiteSettings
from pages.signals import page_content_changed
from pages.visibility import public
from pages.visitors import visitor_key

from .forms import VoteForm
from .models import RateablePage
from .votes import cast_vote, reset_rating, summary_for, token_is_valid, vote_message

REFUSALS = {
    TOO_LARGE: "That request was too large to be a rating.",
    CROSS_ORIGIN: "Ratings can only be sent from the article's own page.",
    RATE_LIMITED: "Too many ratings from your connection. Please try later.",
}


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def refuse(request, status, message, page=None):
    """A clear 4xx: JSON for the script, a short page (with the phone number) otherwise."""
    if wants_json(request):
        response = JsonResponse({"error": message}, status=status)
    else:
        context = {
            "message": message,
            "back_url": page.url if page is not None else "/",
        }
        response = TemplateResponse(request, "ratings/vote_error.html", context, status=status)
    if status == 405:
        response["Allow"] = "POST"
    add_never_cache_headers(response)
    return response


@csrf_exempt  # no CSRF cookie on cacheable pages: see the module docstring for what replaces it
def vote(request):
    if request.method != "POST":
        return refuse(request, 405, "Ratings are sent with the form on the article.")
    refusal = check_post(
        request,
        scope="ratings",
        max_bytes=settings.RATING_MAX_BODY_BYTES,
        rate_limit=settings.RATING_RATE_LIMIT,
        require_same_origin=True,
    )
    if refusal is not None:
        return refuse(request, refusal.status, REFUSALS[refusal.reason])

    form = VoteForm(request.POST)
    if not form.is_valid():
        errors = form.errors.get("stars") or form.errors.get("page") or ["Invalid rating."]
        return refuse(request, 400, errors[0])
    page_id, stars = form.cleaned_data["page"], form.cleaned_data["stars"]
    if not token_is_valid(form.cleaned_data["token"], page_id):
        return refuse(request, 403, "This rating did not come from the article's rating form.")
    page = public(Page.objects.live()).filter(pk=page_id).specific().first()
    if not isinstance(page, RateablePage):
        return refuse(request, 404, "There is no published article to rate at that address.")
    if not (page.ratings_enabled and SiteSettings.for_request(request).ratings_enabled):
        return refuse(request, 403, "Ratings are switched off for this article.", page=page)

    counted = cast_vote(page.pk, stars, visitor_key(request, "ratings.vote"))
    if counted:
        # The page shows the new total at once, not when a cached copy of it expires.
        page_content_changed.send(sender=RateablePage, page=page, request=request)
    status = "thanks" if counted else "already"
    if wants_json(request):
        summary = summary_for(page.pk)
        response = JsonResponse(
            {
                "status": status,
                "counted": counted,
                "message": vote_message(status),
                "rating": summary.as_dict() if summary else None,
            }
        )
    else:
        response = HttpResponseRedirect(f"{page.url}?rated={status}#rating", status=303)
    add_never_cache_headers(response)
    return response


class ResetRatingView(WagtailAdminTemplateMixin, TemplateView):
    """Admin: forget a page's votes. Needs publish permission; logged in the page's history."""

    template_name = "ratings/admin/reset_confirm.html"
    header_icon = "rotate"
    breadcrumbs_items = []

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not isinstance(self.page, RateablePage):
            raise PermissionDenied
        if not self.page.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return f"Reset the rating of “{self.page.get_admin_display_title()}”"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = self.page
        context["summary"] = summary_for(self.page.pk)
        context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        return context

    @transaction.atomic
    def post(self, request, page_id):
        summary = reset_rating(self.page.pk)
        log(
            instance=self.page,
            action="ratings.reset",
            user=request.user,
            data={
                "votes": summary.votes if summary else 0,
                "average": summary.average_display if summary else None,
            },
        )
        messages.success(request, f"The rating of “{self.page.title}” was reset to no votes.")
        return redirect("wagtailadmin_pages:edit", self.page.pk)
