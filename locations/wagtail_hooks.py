from django.db import connection
from django.db.models import OuterRef, StringAgg, Subquery, Value
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.models.base import SERVE_QUERYSET_HOOK
from programs.facts import LOCATION_NAMES_ATTR, NAME_SEPARATOR
from programs.models import ProgramPage

from .models import Location


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = "Locations"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "locality", "region"]
    search_fields = ["name", "street_address", "locality"]
    sort_order_field = "sort_order"


register_snippet(LocationViewSet)


def _in_order():
    """The editors' order of the locations, where the database can aggregate in an order
    (PostgreSQL; SQLite from 3.44). An older SQLite (a local run's) lists them as it finds them."""
    if connection.features.supports_aggregate_order_by_clause:
        return {"order_by": ("location__sort_order", "location__name")}
    return {}


@hooks.register(SERVE_QUERYSET_HOOK)
def serve_with_location_names(model, queryset):
    """A program page is served with the names of the locations offering it, in its own query
    (a subquery), so "Where it is offered" costs nothing more."""
    if not issubclass(model, ProgramPage):
        return queryset
    names = (
        Location.programs.through.objects.filter(programpage_id=OuterRef("pk"))
        .values("programpage_id")
        .annotate(names=StringAgg("location__name", Value(NAME_SEPARATOR), **_in_order()))
        .values("names")
    )
    return queryset.annotate(**{LOCATION_NAMES_ATTR: Subquery(names)})
