"""The "Clinical review" workflow, the groups around it, and what approval records on the page.

`ensure_groups_and_workflow` and `attach_clinical_review` take an app registry so the data
migration (historical models) and the running site (real models) share one code path.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .roles import CLINICAL_REVIEWERS, EDITORS

WORKFLOW_NAME = "Clinical review"
TASK_NAME = "Clinical reviewers approval"


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _page_permission(apps, group, page, action):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    permission = _permission(apps, "wagtailcore", "page", f"{action}_page", f"Can {action} page")
    GroupPagePermission.objects.get_or_create(group=group, page_id=page.pk, permission=permission)


def ensure_groups_and_workflow(apps):
    """Groups Editors, Clinical reviewers and Admissions, and the Clinical review workflow."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    access_admin = _permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    reviewers, _ = Group.objects.get_or_create(name=CLINICAL_REVIEWERS)
    editors.permissions.add(access_admin)
    reviewers.permissions.add(access_admin)

    # The site's image library (settings.WAGTAILIMAGES_IMAGE_MODEL, not Wagtail's default model
    # its own data migrations gave rights on): editors upload and place pictures; reviewers may
    # place one while correcting a page.
    # Wagtail's image screens and chooser read the rights per collection, so they are given on
    # the root collection (every collection below it) as well as on the model.
    image_app, image_model = settings.WAGTAILIMAGES_IMAGE_MODEL.lower().split(".")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()
    image_rights = [(editors, ("add", "change", "delete", "choose")), (reviewers, ("choose",))]
    for group, actions in image_rights:
        for action in actions:
            permission = _permission(
                apps, image_app, image_model, f"{action}_image", f"Can {action} image"
            )
            group.permissions.add(permission)
            if root_collection is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    # Editors add and edit pages anywhere in the tree and submit them for moderation; they get
    # no publish right, so every change reaches visitors through a workflow.
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for action in ("add", "change"):
            _page_permission(apps, editors, root, action)

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=content_type, active=True
        )
    task.groups.add(reviewers)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task_id=task.pk).exists():
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    return workflow


# Wagtail's initial data: a "Moderators" group that may publish any page directly (skipping
# clinical review), and its "Moderators approval" workflow on the root page.
WAGTAIL_MODERATORS = "Moderators"
PUBLISHING_WORKFLOW = "Publishing approval"
PUBLISHING_TASK = "Administrators approval"


def retire_wagtail_moderators(apps):
    """Remove Wagtail's leftover Moderators group while nobody is in it.

    Its publish right covers health pages too, so a member could publish a program page without
    clinical review. Pages outside the health sections keep Wagtail's default workflow, renamed
    for what it is now: an administrator (superuser) approves them. A Moderators group that has
    members is left for an administrator to empty (the role descriptions say so).
    """
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")

    moderators = Group.objects.filter(name=WAGTAIL_MODERATORS).first()
    if moderators is None or moderators.user_set.exists():
        return
    tasks = GroupApprovalTask.objects.filter(groups=moderators)
    task_ids = list(tasks.values_list("pk", flat=True))
    Task.objects.filter(pk__in=task_ids, name=f"{WAGTAIL_MODERATORS} approval").update(
        name=PUBLISHING_TASK
    )
    Workflow.objects.filter(name=f"{WAGTAIL_MODERATORS} approval").update(name=PUBLISHING_WORKFLOW)
    moderators.delete()


def attach_clinical_review(apps, section):
    """Every health page under `section` (a programs index) goes through Clinical review before
    publication, and clinical reviewers may correct them while reviewing."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = ensure_groups_and_workflow(apps)
    # Leave a section an administrator deliberately gave another workflow alone.
    WorkflowPage.objects.get_or_create(page_id=section.pk, defaults={"workflow": workflow})
    # No publish right: their approval is what publishes.
    reviewers, _ = Group.objects.get_or_create(name=CLINICAL_REVIEWERS)
    _page_permission(apps, reviewers, section, "change")


def _approved_by_clinical_reviewers(workflow_state, GroupApprovalTask, TaskState):
    approved_task_ids = workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED).values(
        "task_id"
    )
    return GroupApprovalTask.objects.filter(
        pk__in=approved_task_ids, groups__name=CLINICAL_REVIEWERS
    ).exists()


@transaction.atomic
def publish_reviewed(workflow_state, user=None):
    """The workflow's finishing action (WAGTAIL_FINISH_WORKFLOW_ACTION).

    Wagtail's default publishes the latest revision. When clinical reviewers approved it, the
    revision first records the review: `last_reviewed` is today, `reviewed_by` the Reviewer
    linked to the approving user (none when the user has no Reviewer profile). Stamping the
    revision before publishing keeps the live page, the revision history and a scheduled
    go-live in agreement. Other workflows publish as Wagtail's default action does.
    """
    # Imported here, not at the top: Wagtail imports this module (the setting) while it is still
    # building wagtail.models, so a top-level import of any model would be circular.
    from wagtail.models import GroupApprovalTask, TaskState

    from .models import ClinicallyReviewed, Reviewer

    revision = workflow_state.content_object.get_latest_revision()
    page = revision.as_object()
    if not (
        isinstance(page, ClinicallyReviewed)
        and _approved_by_clinical_reviewers(workflow_state, GroupApprovalTask, TaskState)
    ):
        revision.publish(user=user)
        return
    page.last_reviewed = timezone.localdate()
    page.reviewed_by = Reviewer.objects.filter(user=user).first() if user else None
    revision.content = page.serializable_data()
    revision.save(update_fields=["content"])
    # Clinical reviewers hold no publish right of their own: their approval is what publishes.
    revision.publish(user=user, skip_permission_checks=True)
