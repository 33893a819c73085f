"""Credentials in the admin (a snippet, ordered by hand; a dashboard panel for those expired or
expiring) and in the footer of every public page."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pagecache import store
from pages.footer import HOOK as FOOTER_HOOK
from pages.navigation import public_home_child
from pages.visibility import public

from .models import (
    FOOTER_FRAGMENT,
    AboutPage,
    Credential,
    credentials_to_renew,
    current_credentials,
)


class CredentialViewSet(SnippetViewSet):
    model = Credential
    icon = "success"
    menu_label = "Credentials"
    menu_order = 280
    add_to_admin_menu = True
    list_display = ["name", "issuing_body", "number", "expires_on"]
    search_fields = ["name", "issuing_body", "number"]
    sort_order_field = "sort_order"


register_snippet(CredentialViewSet)


@hooks.register(FOOTER_HOOK)
def credentials_footer(context):
    """The current credentials, one line each, built once and shared (pagecache.store.fragment):
    it changes when a credential or the About page does (signals), or when one expires (the day
    is its version)."""
    today = timezone.localdate()

    request = context.get("request")

    def render():
        # The site's own About page, a child of its home page (no query), else the first there is.
        about = public_home_child(request, AboutPage) or public(AboutPage.objects.live()).first()
        return render_to_string(
            "credentials/footer.html",
            {
                "credentials": list(current_credentials(today)),
                "about_url": about.get_url(request) if about else "",
            },
        )

    return store.fragment(FOOTER_FRAGMENT, today.isoformat(), render)


class CredentialsToRenewPanel(Component):
    name = "credentials_to_renew"
    order = 96
    template_name = "credentials/renew_panel.html"

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        return {
            "items": self.items,
            "list_url": reverse("wagtailsnippets_credentials_credential:list"),
        }


@hooks.register("construct_homepage_panels")
def credentials_to_renew_panel(request, panels):
    if not request.user.has_perm("credentials.change_credential"):
        return
    items = credentials_to_renew()
    if items:
        panels.append(CredentialsToRenewPanel(items))
