from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers


def csrf_failure(request, reason=""):
    """A form post failed Django's CSRF check: say what to do, and give the phone number.

    The visitor may have blocked cookies or left the page open for a long time; whatever was
    typed is still in the browser's page (Back). The reason is not shown: it helps nobody here.
    """
    response = TemplateResponse(request, "inquiries/csrf_failure.html", status=403)
    add_never_cache_headers(response)
    return response
