from django.utils.functional import SimpleLazyObject

from pages.models import SiteSettings


def site_settings(request):
    """`site_settings` in every template rendered for a request: the one way templates reach the
    site's name, phone number and messages. Read on first use and kept on the request."""
    return {"site_settings": SimpleLazyObject(lambda: SiteSettings.for_request(request))}
