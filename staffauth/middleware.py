"""The admin's session rules: an idle timeout, and a second factor for those who need one."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

from .policy import reads_confidential_data, second_factor_required

LAST_SEEN = "staffauth_last_seen"
# The last-seen time is written at most this often, not on every request.
LAST_SEEN_RESOLUTION_SECONDS = 15
# Reachable before the second factor is passed (the icon sprite and the translations are
# fetched by the admin's script into every admin page, the setup page included).
OPEN_VIEWS = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "staffauth_setup",
    "staffauth_verify",
)


def with_next(url_name, request):
    return f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}"


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("wagtailadmin_home")) and request.user.is_authenticated:
            refusal = self.check(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def check(self, request):
        user = request.user
        now = time.time()
        last_seen = request.session.get(LAST_SEEN)
        idle_seconds = settings.ADMIN_SESSION_IDLE_MINUTES * 60
        if last_seen is not None and now - last_seen > idle_seconds:
            logout(request)
            messages.info(
                request,
                f"You were signed out after {settings.ADMIN_SESSION_IDLE_MINUTES} minutes "
                "without activity. Please sign in again.",
            )
            return redirect(with_next("wagtailadmin_login", request))
        if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS:
            request.session[LAST_SEEN] = now
        if reads_confidential_data(user) and not request.session.get_expire_at_browser_close():
            request.session.set_expiry(0)  # the session cookie goes when the browser closes

        if user.is_verified() or url_name(request) in OPEN_VIEWS:
            return None
        if user_has_device(user, confirmed=True):
            # Set up, whether required or by choice: passed at each login.
            return redirect(with_next("staffauth_verify", request))
        if second_factor_required(user):
            return redirect(with_next("staffauth_setup", request))
        return None


def url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None
