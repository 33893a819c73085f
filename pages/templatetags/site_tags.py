"""Template helpers every public template uses: call buttons, dates, the editor's userbar."""

import datetime

from django import template
from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.html import format_html
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from pages import footer, streams
from pages.phone import display_phone, tel_href

register = template.Library()


@register.inclusion_tag("components/call_button.html")
def call_button(number, extra_class="", label=""):
    """A button that dials `number` (nothing when it is not a phone number):
    {% call_button site_settings.admissions_phone "button--large" "Call" %}."""
    return {
        "href": tel_href(number),
        "display": display_phone(number),
        "extra_class": extra_class,
        "label": label,
    }


@register.simple_tag
def time_tag(value):
    """<time datetime="2018-07-26">July 26, 2018</time>, in the site's time zone."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{}</time>',
        dateformat.format(value, "Y-m-d"),
        dateformat.format(value, "F j, Y"),
    )


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


@register.simple_tag(takes_context=True)
def footer_sections(context):
    """What the apps add to the footer (pages.footer)."""
    return footer.footer_sections(context)


@register.simple_tag
def prefetch_renditions(stream):
    """Before a stream renders: its images' renditions, read in one query (pages.streams)."""
    streams.prefetch_renditions(stream)
    return ""
