"""The demo's Insurance page: the center's wording and an invitation to call. No carriers: which
plans the center works with is the client's to say, and a made-up list would promise coverage.
Kept out of the menu until the client lists their carriers."""

from insurance.models import InsurancePage

INSURANCE_PAGE = {
    "title": "Insurance",
    "slug": "insurance",
    "intro": "Paying for treatment: how we help you find out what your plan covers.",
}


def ensure_insurance_page(home, add_published):
    """The Insurance page when missing. Returns it when created, else None."""
    if InsurancePage.objects.exists():
        return None
    return add_published(home, InsurancePage(**INSURANCE_PAGE, show_in_menus=False))
