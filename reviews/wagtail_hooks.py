from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .due import pages_due_for_review, user_edits_health_pages
from .models import Reviewer


class ReviewerViewSet(SnippetViewSet):
    model = Reviewer
    icon = "user"
    menu_label = "Clinical reviewers"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role", "user"]
    search_fields = ["name", "credentials", "role"]


register_snippet(ReviewerViewSet)


class DueForReviewPanel(Component):
    name = "due_for_clinical_review"
    order = 90  # above Wagtail's own panels: this is the day's to-do list
    template_name = "reviews/due_for_review_panel.html"

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        return {"items": self.items}


@hooks.register("construct_homepage_panels")
def add_due_for_review_panel(request, panels):
    # Only for people who may edit some health page (not, say, admissions staff).
    if user_edits_health_pages(request.user):
        panels.append(DueForReviewPanel(pages_due_for_review(user=request.user)))


class SiteContentChecker(ContentCheckerItem):
    """Wagtail's accessibility checker, aimed at what editors write: the page's main content."""

    axe_include = ["main"]
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "list",
        "listitem",
        "duplicate-id-aria",
        "summary-name",
    ]


@hooks.register("construct_wagtail_userbar")
def use_site_content_checker(request, items, page):
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, SiteContentChecker):
            items[position] = SiteContentChecker(in_editor=item.in_editor)
