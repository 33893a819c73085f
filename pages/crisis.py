"""Crisis lines: the numbers a person in danger needs, kept apart from our admissions number.

Editors manage them in the site settings (a list of lines); the static 500 and 503 pages, which
must not touch the database, show the defaults below.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from wagtail import blocks

from pages.phone import tel_href

# Three-digit codes a US phone dials directly: 911 and the other N11 services, and 988.
SHORT_CODE = re.compile(r"[2-9]11|988")
INVALID_CRISIS_NUMBER = (
    "Enter a number people can dial: a three-digit service code such as 911 or 988, or a full "
    "phone number such as 1-800-662-4357."
)


def dial_href(number):
    """`tel:911`, `tel:988`, `tel:+18006624357`; empty string when the number cannot be dialled."""
    text = str(number or "").strip()
    if SHORT_CODE.fullmatch(text):
        return f"tel:{text}"
    return tel_href(text)


def validate_crisis_number(value):
    if not dial_href(value):
        raise ValidationError(INVALID_CRISIS_NUMBER, code="invalid_crisis_number")


@dataclass(frozen=True)
class CrisisLine:
    name: str
    number: str
    can_text: bool = False
    note: str = ""

    @property
    def display(self):
        return self.number.strip()

    @property
    def call_href(self):
        return dial_href(self.number)

    @property
    def text_href(self):
        """`sms:988` when the line takes text messages."""
        if not self.can_text:
            return ""
        return "sms:" + self.call_href.removeprefix("tel:")


DEFAULT_CRISIS_LINES = [
    {"name": "Emergency", "number": "911", "can_text": False, "note": ""},
    {
        "name": "988 Suicide & Crisis Lifeline",
        "number": "988",
        "can_text": True,
        "note": "24/7",
    },
    {
        "name": "SAMHSA National Helpline",
        "number": "1-800-662-4357",
        "can_text": False,
        "note": "free, confidential, 24/7",
    },
]


class CrisisLineBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        max_length=80, help_text="Who answers, e.g. 988 Suicide & Crisis Lifeline."
    )
    number = blocks.CharBlock(
        max_length=32,
        validators=[validate_crisis_number],
        help_text="As people dial it: 911, 988 or 1-800-662-4357.",
    )
    can_text = blocks.BooleanBlock(
        required=False, label="Takes text messages", help_text="Adds a ‘Text’ link."
    )
    note = blocks.CharBlock(
        required=False, max_length=60, help_text="Optional, e.g. free, confidential, 24/7."
    )

    class Meta:
        icon = "warning"
        label = "Crisis line"


class CrisisLinesBlock(blocks.StreamBlock):
    line = CrisisLineBlock()
