from wagtail import hooks
from wagtail.admin.action_menu import WorkflowMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .approval import approval_message, replace_success_message
from .due import pages_due_for_review, user_edits_health_pages
from .models import Reviewer
from .roles import CLINICAL_REVIEWERS, EDITORS
from .workflow import WAGTAIL_MODERATORS


class ReviewerViewSet(SnippetViewSet):
    model = Reviewer
    icon = "user"
    menu_label = "Clinical reviewers"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role", "user"]
    search_fields = ["name", "credentials", "role"]


register_snippet(ReviewerViewSet)


def is_clinician(user):
    """A member of Clinical reviewers: the person who approves health pages, not an editor."""
    return user.groups.filter(name=CLINICAL_REVIEWERS).exists()


class AwaitingReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review", worded for the person reviewing and placed first.

    The same pages as Wagtail's panel, with visible column headers, the review step in words and
    one obvious action: open the page, read it, approve it with the editor's main button.
    """

    order = 80
    template_name = "reviews/awaiting_review_panel.html"


class DueForReviewPanel(Component):
    name = "due_for_clinical_review"
    order = 90  # the day's to-do list: above Wagtail's own panels, after pages awaiting review
    template_name = "reviews/due_for_review_panel.html"

    def __init__(self, items, for_clinician):
        self.items = items
        self.for_clinician = for_clinician

    def get_context_data(self, parent_context):
        return {"items": self.items, "for_clinician": self.for_clinician}


@hooks.register("construct_homepage_panels")
def clinical_review_panels(request, panels):
    user = request.user
    panels[:] = [
        AwaitingReviewPanel() if type(panel) is WorkflowObjectsToModeratePanel else panel
        for panel in panels
    ]
    # Only for people who may edit some health page (not, say, admissions staff).
    if user_edits_health_pages(user):
        items = pages_due_for_review(user=user)
        panels.append(DueForReviewPanel(items, for_clinician=is_clinician(user)))


@hooks.register("construct_page_action_menu")
def approve_is_the_main_button(menu_items, request, context):
    """For whoever may approve the page's current review step, "Approve and publish" is the main
    button of the editor (Wagtail puts "Save draft" there and approval in the drop-up)."""
    for position, item in enumerate(menu_items):
        if isinstance(item, WorkflowMenuItem) and item.name == "approve":
            item.label = item.label.replace(" and Publish", " and publish")
            menu_items.insert(0, menu_items.pop(position))
            return


@hooks.register("after_edit_page")
def say_what_approval_did(request, page):
    """After "Approve" in the editor: approved and published, or scheduled, with the date
    (Wagtail's message only says the page was updated)."""
    if request.method == "POST" and request.POST.get("workflow-action-name") == "approve":
        page = Page.objects.get(pk=page.pk).specific
        replace_success_message(request, approval_message(page))


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


@hooks.register("describe_staff_roles")
def describe_review_roles():
    return {
        EDITORS: (
            "Write and edit every page, add images and documents, and submit pages for "
            "approval. Cannot publish: health pages (programs) go to Clinical reviewers, other "
            "pages to an administrator."
        ),
        CLINICAL_REVIEWERS: (
            "Check health pages (programs): approve them in the ‘Clinical review’ workflow, "
            "which publishes them and records the review, or request changes. May correct a page "
            "while reviewing. Link each clinician's account to their entry under Clinical "
            "reviewers so pages name them."
        ),
        WAGTAIL_MODERATORS: (
            "Wagtail's default group: may publish any page directly, skipping clinical review. "
            "Move its members to Editors or Clinical reviewers, then delete it."
        ),
    }
