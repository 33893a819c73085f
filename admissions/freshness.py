"""Reading availability for visitors and for the dashboard, in as few queries as possible."""

from django.utils import timezone
from wagtail.models import Site

from pages.models import SiteSettings
from programs.models import ProgramPage, live_programs

from .models import Accepting, Availability, is_fresh

CACHE_ATTR = "_shown_availability"


def fresh_days_for(request):
    """The site's freshness window (Wagtail caches the site's settings on the request); the
    default window when the request matches no site (e.g. the admin on an unlisted host)."""
    if Site.find_for_request(request) is None:
        return SiteSettings._meta.get_field("availability_fresh_days").default
    return SiteSettings.for_request(request).availability_fresh_days


def load_shown(request, pages):
    """Attach to each program page what a visitor may be told (or None): one query for all, none
    for a page served with its availability (wagtail_hooks.serve_with_availability)."""
    pages = [page for page in pages if not hasattr(page, CACHE_ATTR)]
    if not pages:
        return
    fresh_days, today = fresh_days_for(request), timezone.localdate()
    unread = [page.pk for page in pages if not ProgramPage.availability.is_cached(page)]
    found = {a.page_id: a for a in Availability.objects.filter(page__in=unread)} if unread else {}
    for page in pages:
        if ProgramPage.availability.is_cached(page):
            availability = getattr(page, "availability", None)
        else:
            availability = found.get(page.pk)
        shown = availability.shown(fresh_days, today) if availability else None
        setattr(page, CACHE_ATTR, shown)


def shown_for(request, page):
    load_shown(request, [page])
    return getattr(page, CACHE_ATTR)


def clinic_accepting(request):
    """For the clinic's JSON-LD: True when some live program is freshly confirmed as taking new
    clients, False when every live program is freshly confirmed as not, None when unknown."""
    fresh_days, today = fresh_days_for(request), timezone.localdate()
    availabilities = [getattr(page, "availability", None) for page in live_programs(request)]
    rows = [(a.status, a.confirmed_on) if a else (None, None) for a in availabilities]
    fresh = [
        status for status, confirmed_on in rows if is_fresh(status, confirmed_on, fresh_days, today)
    ]
    if Accepting.YES in fresh:
        return True
    if fresh and len(fresh) == len(rows):
        return False
    return None


def stale_programs(request):
    """Every program page (live or not) whose availability visitors cannot see: never confirmed,
    or confirmed longer ago than the site's window. [(page, availability or None)]"""
    fresh_days, today = fresh_days_for(request), timezone.localdate()
    pages = list(ProgramPage.objects.order_by("path").select_related("availability"))
    stale = []
    for page in pages:
        availability = getattr(page, "availability", None)
        if availability is None or not availability.is_fresh(fresh_days, today):
            stale.append((page, availability))
    return stale
