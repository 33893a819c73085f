"""Security headers: the Content-Security-Policy scoped by area, and Permissions-Policy."""

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.utils.csp import CSP


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """Django's CSP middleware, with a looser policy (settings.ADMIN_CSP) under the admin.

    Public pages get settings.SECURE_CSP: strict and without nonces, so a page can be served from
    a shared cache. The Wagtail admin does not run under such a policy yet; its own policy applies
    only to paths under settings.ADMIN_CSP_PATH_PREFIXES. A view that sets its own policy (Django's
    csp_override decorator) keeps it.
    """

    def process_response(self, request, response):
        if not hasattr(response, "_csp_config") and request.path.startswith(
            tuple(settings.ADMIN_CSP_PATH_PREFIXES)
        ):
            response._csp_config = settings.ADMIN_CSP
            # Wagtail renders a page preview by passing a dummy request for the page's public URL
            # through the middleware: the public policy (frame-ancestors 'none') is already on
            # the response, and the admin would be refused to frame its own preview.
            del response.headers[CSP.HEADER_ENFORCE]
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses (camera, location, payment, ...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
