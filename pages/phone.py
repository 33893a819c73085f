"""Phone numbers: one validator and one formatter, used by settings, blocks and templates."""

from functools import lru_cache

import phonenumbers
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

INVALID_PHONE_MESSAGE = "Enter a valid phone number, for example 800-270-4315 or +1 800 270 4315."


def parse_phone(value, region=None):
    """Parse a phone number written in any usual way (in `region` when it has no country code:
    PHONENUMBER_DEFAULT_REGION by default); raise ValidationError when it is not one."""
    text = str(value or "").strip()
    if not text:
        raise ValidationError(INVALID_PHONE_MESSAGE, code="invalid_phone")
    try:
        number = phonenumbers.parse(text, region or _region())
    except phonenumbers.NumberParseException:
        raise ValidationError(INVALID_PHONE_MESSAGE, code="invalid_phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_PHONE_MESSAGE, code="invalid_phone")
    return number


def validate_phone(value):
    parse_phone(value)


def tel_href(value):
    """`tel:+18002704315` for any valid number; empty string for anything else."""
    return _tel_href(str(value or ""), _region())


def display_phone(value):
    """The number as people write it: 800-270-4315 in North America, international elsewhere."""
    return _display_phone(str(value or ""), _region())


def _region():
    return getattr(settings, "PHONENUMBER_DEFAULT_REGION", "US")


# A page shows the site's numbers 16 times (header, call bar, blocks, footer: 0.6 ms of parsing
# when it is rendered afresh): each written form is parsed once per process.
@lru_cache(maxsize=512)
def _tel_href(value, region):
    try:
        number = parse_phone(value, region)
    except ValidationError:
        return ""
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=512)
def _display_phone(value, region):
    try:
        number = parse_phone(value, region)
    except ValidationError:
        return value
    if number.country_code == 1:
        digits = str(number.national_number)
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def e164(value):
    """The number in E.164 form (+18002704315); raises ValidationError when it is not a number."""
    return phonenumbers.format_number(parse_phone(value), phonenumbers.PhoneNumberFormat.E164)


class PhoneInput(forms.TextInput):
    """A phone field that shows a stored number the way people write it (800-270-4315), not in
    the E.164 form it may be stored in (+18002704315)."""

    input_type = "tel"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "tel", **(attrs or {})})

    def format_value(self, value):
        return display_phone(value) if value else super().format_value(value)
