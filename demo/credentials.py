"""The demo's About page and one credential, clearly marked as an example: a real license number
or accreditation is the client's to enter, and an invented one would be a false claim. The
verification link points at example.org, the domain kept for documentation."""

from credentials.models import AboutPage, Credential

DEMO_CREDENTIAL = {
    "name": "Substance use treatment facility license (demo)",
    "kind": Credential.Kind.LICENSE,
    "issuing_body": "Example State Department of Health (demo)",
    "number": "DEMO-0000",
    "verification_url": "https://example.org/",
    "sort_order": 0,
}

ABOUT_PAGE = {
    "title": "About us",
    "slug": "about",
    "intro": (
        "Transformations treats substance use disorders with care that fits each person. Here "
        "is who we are, and how you can check our licenses and accreditations yourself."
    ),
    "body": [
        (
            "text",
            "<p>Every treatment plan must be customized for the individual to be most "
            "effective. Our admissions team will listen, answer your questions and help you "
            "find the level of care that is right for you or your family member.</p>",
        ),
    ],
}


def ensure_about_page(home, add_published):
    """The demo credential (if there is none) and the About page (if missing). Returns the page
    when it was created, else None."""
    if not Credential.objects.exists():
        Credential.objects.create(**DEMO_CREDENTIAL)
    if AboutPage.objects.exists():
        return None
    return add_published(home, AboutPage(**ABOUT_PAGE, show_in_menus=False))
