"""Which health pages are due for clinical review: never reviewed, or past their interval."""

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import ClinicallyReviewed


@dataclass(frozen=True)
class DueReview:
    page: Page
    last_reviewed: date | None
    due: date | None  # None: never reviewed
    in_review: bool = False  # submitted: a clinician's review is under way

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    @property
    def status(self):
        if self.in_review:
            return "in review now"
        if self.last_reviewed is None:
            return "never reviewed"
        return f"due since {self.due:%B} {self.due.day}, {self.due.year}"


def reviewed_page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ClinicallyReviewed) and issubclass(model, Page)
    ]


def user_edits_health_pages(user):
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return any(editable.type(model).exists() for model in reviewed_page_models())


def pages_due_for_review(user=None, today=None):
    """Live pages whose review is overdue or that were never reviewed, the oldest first.

    Never-reviewed pages come first (oldest publication first), then by due date. With a user,
    only the pages they may edit.
    """
    today = today or timezone.localdate()
    editable = None
    if user is not None:
        editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    due_pages = []
    for model in reviewed_page_models():
        pages = model.objects.live().defer_streamfields()
        if editable is not None:
            pages = pages.filter(pk__in=editable.values("pk"))
        due_pages += [page for page in pages if page.review_is_due(today)]
    in_review = set(
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(page.pk) for page in due_pages],
        )
        .values_list("object_id", flat=True)
    )
    due = [
        DueReview(page, page.last_reviewed, page.review_due, str(page.pk) in in_review)
        for page in due_pages
    ]
    never = sorted(
        (item for item in due if item.due is None),
        key=lambda item: (item.page.first_published_at or timezone.now(), item.page.pk),
    )
    overdue = sorted((item for item in due if item.due is not None), key=lambda i: i.due)
    return never + overdue
