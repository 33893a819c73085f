"""Security headers: the admin's own Content-Security-Policy, and Permissions-Policy."""

from django.conf import settings
from django.utils.csp import CSP, build_policy


class AdminContentSecurityPolicyMiddleware:
    """Under the admin (settings.ADMIN_CSP_PATH_PREFIXES), the admin's policy (settings.ADMIN_CSP).

    Public pages get Django's ContentSecurityPolicyMiddleware with settings.SECURE_CSP: strict and
    without nonces, so a page can be served from a shared cache. The Wagtail admin does not run
    under such a policy yet. This middleware sits below Django's, so it sets the header first and
    Django leaves a header it finds in place. It replaces any policy already on the response: the
    admin renders a page preview by passing a dummy request for the page's public URL through the
    middleware, which gives the preview the public policy (frame-ancestors 'none'), and the admin
    would be refused to frame its own preview.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(tuple(settings.ADMIN_CSP_PATH_PREFIXES)):
            response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(settings.ADMIN_CSP)
        return response


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses (camera, location, payment, ...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
