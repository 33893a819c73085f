"""Setting up the second factor, and passing it at each login (admin pages, /admin/2fa/...)."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from .forms import CodeForm, NewDeviceCodeForm
from .lockout import count_wrong_code, is_locked_out

RECOVERY_CODES = 10
WRONG_CODE = "That code is not right. Check the time on your phone and try the newest code."


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def locked_out(request):
    """The lockout answer (AxesMiddleware turns the request into its 429 page); signed out."""
    logout(request)
    request.axes_locked_out = True
    return HttpResponse("Too many wrong codes. Try again later.", status=429)


@method_decorator(never_cache, name="dispatch")
class TwoFactorView(WagtailAdminTemplateMixin, FormView):
    header_icon = "key"
    breadcrumbs_items = []

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=next_url(self.request), **kwargs)


class SetupView(TwoFactorView):
    page_title = "Set up two-factor authentication"
    template_name = "staffauth/setup.html"
    form_class = NewDeviceCodeForm

    def dispatch(self, request, *args, **kwargs):
        if user_has_device(request.user, confirmed=True):
            if not request.user.is_verified():
                return redirect(f"{reverse('staffauth_verify')}?{request.GET.urlencode()}")
            messages.info(request, "Two-factor authentication is already set up for you.")
            return redirect(next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def get_device(self):
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(
                user=self.request.user, name="Authenticator app", confirmed=False
            )
        return device

    def get_context_data(self, **kwargs):
        device = self.get_device()
        secret = b32encode(device.bin_key).decode()
        qr = segno.make(device.config_url, error="m")
        return super().get_context_data(
            qr_svg=qr.svg_inline(scale=5, border=4, dark="#000", light="#fff"),
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            **kwargs,
        )

    def form_valid(self, form):
        request = self.request
        if is_locked_out(request):
            return locked_out(request)
        device = self.get_device()
        if not device.verify_token(form.cleaned_data["code"]):
            if count_wrong_code(request):
                return locked_out(request)
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        with transaction.atomic():
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            codes = new_recovery_codes(request.user)
        otp_login(request, device)
        log(device.user, "staffauth.2fa_set_up", user=device.user)
        self.page_title = "Your recovery codes"
        return TemplateResponse(
            request,
            "staffauth/recovery_codes.html",
            TwoFactorView.get_context_data(self, codes=codes, form=None),
        )


def new_recovery_codes(user):
    """Ten one-time codes, replacing any earlier ones; returned once, to be shown once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


class VerifyView(TwoFactorView):
    page_title = "Two-factor authentication"
    template_name = "staffauth/verify.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified():
            return redirect(next_url(request))
        if not user_has_device(request.user, confirmed=True):
            return redirect(f"{reverse('staffauth_setup')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        request = self.request
        if is_locked_out(request):
            return locked_out(request)
        device = matching_device(request.user, form.cleaned_data["code"])
        if device is None:
            if count_wrong_code(request):
                return locked_out(request)
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        otp_login(request, device)
        if isinstance(device, StaticDevice):
            left = device.token_set.count()
            messages.warning(
                request,
                f"You signed in with a recovery code; {left} left. If your phone is lost, ask a "
                "superuser to reset your two-factor authentication.",
            )
        return redirect(next_url(request))


def matching_device(user, code):
    """The user's device that accepts the code (a recovery code is used up), or None."""
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(code):
                return device
    return None
