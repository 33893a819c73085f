from django import template

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
