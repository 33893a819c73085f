"""What an approval did, in words for the person who approved."""

from django.contrib import messages
from django.utils import dateformat, timezone


def _when(moment):
    local = timezone.localtime(moment)
    return f"{dateformat.format(local, 'F j, Y')} at {dateformat.format(local, 'g:i A')}"


def approval_message(page):
    """“Approved and published …”, “Approved: … will go live on …” or “Approved: … now waits
    for …”, from the page as the approval left it."""
    title = page.get_admin_display_title()
    latest = page.get_latest_revision()
    go_live = latest.approved_go_live_at if latest is not None else None
    if go_live is not None and go_live > timezone.now():
        return f"Approved: ‘{title}’ will go live on {_when(go_live)}."
    state = page.current_workflow_state
    if state is not None and state.current_task_state is not None:
        step = state.current_task_state.task.name
        return f"Approved: ‘{title}’ now waits for the next step, ‘{step}’."
    if page.live and latest is not None and page.live_revision_id == latest.pk:
        reviewed = getattr(page, "last_reviewed", None)
        if reviewed is not None:
            by = f" by {page.reviewed_by}" if getattr(page, "reviewed_by", None) else ""
            return (
                f"Approved and published: ‘{title}’ is live, clinically reviewed{by} on "
                f"{dateformat.format(reviewed, 'F j, Y')}."
            )
        return f"Approved and published: ‘{title}’ is live."
    return f"Approved: ‘{title}’."


def replace_success_message(request, message):
    """Show `message` instead of the success message(s) a view queued for this request."""
    storage = messages.get_messages(request)
    queued = list(storage)  # reading marks them as shown; the others are added back
    for kept in queued:
        if kept.level != messages.SUCCESS:
            messages.add_message(request, kept.level, kept.message, extra_tags=kept.extra_tags)
    messages.success(request, message)
