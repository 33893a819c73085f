"""WordPress's own short addresses (`/?p=1502`, `/?page_id=12`) follow the import's redirects.

Wagtail's redirect middleware acts only on a 404, and these addresses never are one: they
name the home page with a query string, so the home page would answer them itself. This
hook looks the WordPress ID up among the redirects before the page is served.
"""

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail import hooks
from wagtail.contrib.redirects.middleware import get_redirect

WORDPRESS_ID_PARAMETERS = ("p", "page_id")


@hooks.register("before_serve_page")
def redirect_wordpress_ids(page, request, serve_args, serve_kwargs):
    if request.method not in ("GET", "HEAD"):
        return None
    for name in WORDPRESS_ID_PARAMETERS:
        value = request.GET.get(name, "")
        if value.isascii() and value.isdigit():
            redirect = get_redirect(request, f"/?{name}={int(value)}")
            if redirect is not None and redirect.link:
                if redirect.is_permanent:
                    return HttpResponsePermanentRedirect(redirect.link)
                return HttpResponseRedirect(redirect.link)
    return None
