"""A wrong code counts in django-axes' lockout, exactly like a wrong password.

The failure is reported the way Django's login reports a wrong password (the user_login_failed
signal, which axes records under the same username and client address), so the password and the
code share one limit (AXES_FAILURE_LIMIT) and one cool-off.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed


def credentials_of(user):
    return {"username": user.get_username()}


def is_locked_out(request):
    if AxesProxyHandler.is_locked(request, credentials_of(request.user)):
        request.axes_locked_out = True  # AxesMiddleware answers with the lockout page (429)
        return True
    return False


def count_wrong_code(request):
    """Record the failure; True when it locked the account out."""
    user_login_failed.send(
        sender=__name__, credentials=credentials_of(request.user), request=request
    )
    return bool(getattr(request, "axes_locked_out", False))
