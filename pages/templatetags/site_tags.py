from django import template
from django.conf import settings
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from pages.phone import display_phone, tel_href

register = template.Library()


@register.filter
def tel(value):
    """{{ number|tel }} -> tel:+18002704315"""
    return tel_href(value)


@register.filter
def phone(value):
    """{{ number|phone }} -> 800-270-4315"""
    return display_phone(value)


@register.inclusion_tag("components/phone_link.html")
def phone_link(number, css_class="", label=""):
    return {
        "href": tel_href(number),
        "display": display_phone(number),
        "css_class": css_class,
        "label": label,
    }


@register.simple_tag(takes_context=True)
def editor_userbar(context, position="bottom-right"):
    """Wagtail's userbar, for visitors who have a session (signed-in editors) only.

    Looking up the user of every visitor reads the session, which makes Django add
    `Vary: Cookie` and would keep every public page out of shared caches.
    """
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""
    return wagtailuserbar(context, position)
