"""The organisation's name for the Wagtail admin's branding (templates/wagtailadmin/)."""

from django import template
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist

register = template.Library()


@register.simple_tag(takes_context=True)
def organisation_name(context):
    """The name in the site settings of the site this request is for; WAGTAIL_SITE_NAME
    ("Transformations") where there is none: the admin can be reached on a host that is no site."""
    site_settings = context.get("site_settings")
    try:
        name = site_settings.organisation_name if site_settings is not None else ""
    except ObjectDoesNotExist:
        name = ""
    return name or settings.WAGTAIL_SITE_NAME
