from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import InsuranceCarrier


class InsuranceCarrierViewSet(SnippetViewSet):
    model = InsuranceCarrier
    icon = "list-ul"
    menu_label = "Insurance carriers"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["name"]
    search_fields = ["name"]
    sort_order_field = "sort_order"


register_snippet(InsuranceCarrierViewSet)
