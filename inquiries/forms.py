"""The inquiry form: Wagtail's form builder plus spam checks that need no third party.

- a honeypot: a field people never see (off-screen, out of the tab order, labelled "leave this
  empty"); anything typed into it means a robot;
- a minimum fill time: the form carries a signed timestamp of when it was shown; a post that
  comes back sooner than INQUIRY_MIN_FILL_SECONDS, or without a valid timestamp, is refused;
- (the per-client rate limit is applied by the page before the form is even read).
"""

import time

import django.forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, format_html
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from pages.phone import validate_phone

HONEYPOT_FIELD = "contact-website"  # a hyphen: no label an editor types can clash with it
STARTED_FIELD = "form-started"
STARTED_SALT = "inquiries.form-started"
STARTED_MAX_AGE = 24 * 60 * 60  # a form left open longer than a day is shown again, filled in
MESSAGE_MAX_LENGTH = 2000

PURPOSE_NAME = "name"
PURPOSE_PHONE = "phone"
PURPOSE_EMAIL = "email"
PURPOSE_CONSENT = "consent"
PURPOSE_CHOICES = [
    ("", "Other information"),
    (PURPOSE_NAME, "The person's first name"),
    (PURPOSE_PHONE, "Phone number to call back"),
    (PURPOSE_EMAIL, "Email address to write back"),
    (PURPOSE_CONSENT, "Consent to be contacted (shows a link to the privacy notice)"),
]
AUTOCOMPLETE = {PURPOSE_NAME: "given-name", PURPOSE_PHONE: "tel", PURPOSE_EMAIL: "email"}


def started_token(now=None):
    """A signed record of when the form was shown (not secret, but it cannot be forged)."""
    return signing.dumps({"t": int(now if now is not None else time.time())}, salt=STARTED_SALT)


def started_at(token):
    """When the form was shown, or None when the token is missing, forged or too old."""
    try:
        return signing.loads(token or "", salt=STARTED_SALT, max_age=STARTED_MAX_AGE)["t"]
    except (signing.BadSignature, KeyError, TypeError):
        return None


class InquiryForm(BaseForm):
    reach_fields = ()  # set by the builder: the phone and email fields, one of them is needed
    required_css_class = "required"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = django.forms.CharField(
            required=False,
            label="Leave this field empty",
            widget=django.forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[STARTED_FIELD] = django.forms.CharField(
            required=False, widget=django.forms.HiddenInput
        )

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    @property
    def visible_fields_for_people(self):
        return [self[name] for name in self.fields if name not in (HONEYPOT_FIELD, STARTED_FIELD)]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            raise ValidationError(
                "Your message was not sent because the field “Leave this field empty” was "
                "filled in. Please send the form again, or call us.",
                code="honeypot",
            )
        shown_at = started_at(cleaned_data.get(STARTED_FIELD))
        if shown_at is None:
            raise ValidationError(
                "This form was out of date. Please check your answers and send it again.",
                code="no_timestamp",
            )
        if time.time() - shown_at < settings.INQUIRY_MIN_FILL_SECONDS:
            raise ValidationError(
                "That was quicker than a person can fill in the form. Please check your answers "
                "and send it again.",
                code="too_fast",
            )
        if self.reach_fields and not any(cleaned_data.get(name) for name in self.reach_fields):
            labels = " or ".join(self.fields[name].label for name in self.reach_fields)
            message = f"Please give us a way to reach you: {labels}."
            for name in self.reach_fields:
                if name not in self.errors:
                    self.add_error(name, ValidationError(message, code="no_way_to_reach"))
        return cleaned_data

    def submission_data(self):
        """What is stored: the editors' fields only, not the spam checks."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in (HONEYPOT_FIELD, STARTED_FIELD)
        }


class InquiryFormBuilder(FormBuilder):
    def __init__(self, fields, privacy_url=""):
        super().__init__(fields)
        self.privacy_url = privacy_url

    def create_multiline_field(self, field, options):
        options["max_length"] = MESSAGE_MAX_LENGTH
        options["error_messages"] = {
            "max_length": (
                f"Please keep your message under {MESSAGE_MAX_LENGTH:,} characters "
                "(it has %(show_value)d). We can talk about the rest on the phone."
            )
        }
        return super().create_multiline_field(field, options)

    def create_email_field(self, field, options):
        options["error_messages"] = {
            "invalid": "Enter an email address like name@example.com, or leave it empty."
        }
        return super().create_email_field(field, options)

    def get_field_options(self, field):
        options = super().get_field_options(field)
        # Phone and email are needed one or the other: their help text says so, not "(optional)".
        if not field.required and getattr(field, "purpose", "") not in (
            PURPOSE_PHONE,
            PURPOSE_EMAIL,
        ):
            options["label"] = f"{field.label} (optional)"
        if getattr(field, "purpose", "") == PURPOSE_CONSENT and self.privacy_url:
            options["help_text"] = format_html(
                '{} <a href="{}">Read our privacy notice</a>.',
                conditional_escape(options["help_text"]),
                self.privacy_url,
            )
        return options

    @property
    def formfields(self):
        formfields = super().formfields
        for field in self.fields:
            formfield = formfields[field.clean_name or field.get_field_clean_name()]
            purpose = getattr(field, "purpose", "")
            if purpose in AUTOCOMPLETE:
                formfield.widget.attrs["autocomplete"] = AUTOCOMPLETE[purpose]
            if purpose == PURPOSE_PHONE:
                formfield.validators.append(validate_phone)
                formfield.widget.input_type = "tel"
        return formfields

    def get_form_class(self):
        reach_fields = tuple(
            field.clean_name or field.get_field_clean_name()
            for field in self.fields
            if getattr(field, "purpose", "") in (PURPOSE_PHONE, PURPOSE_EMAIL)
        )
        return type(
            "InquiryWagtailForm", (InquiryForm,), {**self.formfields, "reach_fields": reach_fields}
        )
