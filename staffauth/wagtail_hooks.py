from django.urls import path, reverse
from django_otp import user_has_device
from wagtail import hooks

from .views import SetupView, VerifyView


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("2fa/setup/", SetupView.as_view(), name="staffauth_setup"),
        path("2fa/verify/", VerifyView.as_view(), name="staffauth_verify"),
    ]


@hooks.register("register_log_actions")
def register_two_factor_actions(actions):
    actions.register_action(
        "staffauth.2fa_set_up", "Two-factor set up", "Set up two-factor authentication"
    )
    actions.register_action(
        "staffauth.2fa_reset", "Two-factor reset", "Removed a lost two-factor device"
    )


@hooks.register("register_account_menu_item")
def offer_two_factor_setup(request):
    """In Account → Actions, for staff who have no second factor yet (optional for most)."""
    if user_has_device(request.user, confirmed=True):
        return None
    return {
        "url": reverse("staffauth_setup"),
        "label": "Set up two-factor authentication",
        "help_text": "A code from an authenticator app on your phone at each login.",
    }
