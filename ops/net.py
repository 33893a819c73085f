"""The visitor's real address behind the configured number of reverse proxies."""

from django.conf import settings


def client_ip(request):
    """The address of the client as seen by the outermost trusted proxy.

    settings.TRUSTED_PROXY_COUNT is the number of reverse proxies in front of the application
    (0: clients connect directly). Each proxy appends the address it received the request from to
    X-Forwarded-For, so the Nth entry from the right was written by our outermost proxy; anything
    further left was sent by the client and cannot be trusted. With fewer entries than proxies the
    request did not come through the proxies and the socket address is used.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
