"""The demo contact page (/contact/), created by `manage.py load_demo` when it is missing."""

from inquiries.forms import PURPOSE_CONSENT, PURPOSE_EMAIL, PURPOSE_NAME, PURPOSE_PHONE
from inquiries.models import ContactPage, InquiryFormField

DEMO_ADMISSIONS_EMAIL = "admissions@example.com"
REACH_HELP = "Give a phone number or an email address, or both."

CONTACT = {
    "title": "Contact us",
    "slug": "contact",
    "intro": (
        "Call us for a confidential discussion, or write to us. What you tell us stays between "
        "you and our admissions team."
    ),
    "thank_you_text": (
        "<p>Thank you for reaching out. Someone from our admissions team will contact you soon, "
        "in confidence, in the way you asked.</p>"
    ),
    "fields": [
        {"label": "First name", "field_type": "singleline", "purpose": PURPOSE_NAME},
        {
            "label": "Phone",
            "field_type": "singleline",
            "required": False,
            "purpose": PURPOSE_PHONE,
            "help_text": REACH_HELP,
        },
        {
            "label": "Email",
            "field_type": "email",
            "required": False,
            "purpose": PURPOSE_EMAIL,
            "help_text": REACH_HELP,
        },
        {
            "label": "Best time to call",
            "field_type": "radio",
            "required": False,
            "choices": "Morning\nAfternoon\nEvening\nAny time",
        },
        {
            "label": "Who is this for?",
            "field_type": "radio",
            "choices": "Myself\nSomeone I care about",
        },
        {
            "label": "Message",
            "field_type": "multiline",
            "required": False,
            "help_text": (
                "Please don't include medical details here: we will talk about those in "
                "confidence on the phone. Up to 2,000 characters."
            ),
        },
        {
            "label": "I agree that Transformations may contact me about my inquiry",
            "field_type": "checkbox",
            "purpose": PURPOSE_CONSENT,
            "help_text": "We use what you send only to answer you.",
        },
    ],
}


def ensure_contact_page(home, site_settings, publish):
    """Create /contact/ under `home` unless a contact page exists there. Returns it if created.

    Inquiries are announced to the demo admissions address unless one is set already."""
    if ContactPage.objects.child_of(home).exists():
        return None
    page = ContactPage(
        title=CONTACT["title"],
        slug=CONTACT["slug"],
        intro=CONTACT["intro"],
        thank_you_text=CONTACT["thank_you_text"],
        show_in_menus=True,
    )
    page.form_fields = [
        InquiryFormField(sort_order=index, **{"required": True, **field})
        for index, field in enumerate(CONTACT["fields"])
    ]
    home.add_child(instance=page)
    publish(page)
    if not site_settings.admissions_email:
        site_settings.admissions_email = DEMO_ADMISSIONS_EMAIL
        site_settings.save(update_fields=["admissions_email"])
    return page
