"""What apps add to the footer of every public page.

The core's footer knows the site settings only. An app with something for every footer (the
credentials) answers the `site_footer_sections` Wagtail hook with a function `(context) -> HTML`;
the sections follow the footer's own text in the order the hooks were registered. The static
error pages (rendered without a request, because the database may be what failed) get none.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail import hooks

HOOK = "site_footer_sections"


def footer_sections(context):
    if context.get("request") is None:
        return ""
    parts = (section(context) for section in hooks.get_hooks(HOOK))
    return mark_safe("".join(conditional_escape(part) for part in parts if part))  # noqa: S308 - each part escaped
