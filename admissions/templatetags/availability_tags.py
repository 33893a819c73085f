from django import template

from admissions.freshness import load_shown, shown_for

register = template.Library()


@register.simple_tag(takes_context=True)
def load_availability(context, pages):
    """Read the availability of every page in a list in one query (before a loop of cards)."""
    load_shown(context["request"], pages)
    return ""


@register.inclusion_tag("components/availability.html", takes_context=True)
def program_availability(context, page):
    """A program's availability, only while fresh; nothing at all otherwise."""
    return {"shown": shown_for(context["request"], page)}
