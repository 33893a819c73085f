"""The demo's one location and the /locations/ page. The address is invented on purpose: Example
Street does not exist, and the ZIP code is not a real one for it (the admin's help text says so).
The programs offered there are the demo's program pages; no hours are invented."""

from locations.models import Location, LocationIndexPage
from programs.models import ProgramPage

DEMO_LOCATION = {
    "name": "Transformations (demo location)",
    "slug": "demo-location",
    "street_address": "100 Example Street",
    "locality": "Exampleville",
    "region": "FL",
    "postal_code": "00000",
    "country": "US",
    "sort_order": 0,
}

LOCATIONS_PAGE = {
    "title": "Locations",
    "slug": "locations",
    "intro": "Where to find us, when we are open, and which programs each location offers.",
}


def ensure_locations(home, site_settings, add_published):
    """The demo location (if no location exists), its address as the site's main address (the
    footer's) when the site has none, and the Locations page. Returns the page when it was
    created, else None."""
    if not Location.objects.exists():
        location = Location.objects.create(**DEMO_LOCATION)
        location.programs.set(ProgramPage.objects.all())
    if not site_settings.street_address:
        for field in ["street_address", "locality", "region", "postal_code", "country"]:
            setattr(site_settings, field, DEMO_LOCATION[field])
        site_settings.save()
    if LocationIndexPage.objects.exists():
        return None
    page = LocationIndexPage(**LOCATIONS_PAGE, show_in_menus=True)
    return add_published(home, page)
