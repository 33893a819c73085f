"""Every reading and every export of inquiries is recorded in Wagtail's audit log.

Who (the log entry's user), when (its timestamp), which inquiry (one entry per inquiry shown,
labelled "Inquiry <id>") or which export (on the contact page: how many rows, which format, which
date filter). Never a submitted value. Superusers see them in Reports → Site history; nobody
else has a permission on inquiries' log entries.
"""

from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.log_actions import LogFormatter, log

VIEW = "inquiries.view"
EXPORT = "inquiries.export"
# The listing's own query parameters worth recording with an export (dates and order, no values).
EXPORT_FILTERS = {"date_from": "from", "date_to": "to", "order_by": "ordered by"}


def register_actions(actions):
    actions.register_action(VIEW, "View inquiry", "Read an inquiry")

    @actions.register_action(EXPORT)
    class ExportFormatter(LogFormatter):
        label = "Export inquiries"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            rows = data.get("rows", 0)
            noun = "inquiry" if rows == 1 else "inquiries"
            chosen = data.get("filter", {})
            filters = ", ".join(
                f"{words} {chosen[key]}" for key, words in EXPORT_FILTERS.items() if key in chosen
            )
            where = f" ({filters})" if filters else ""
            return f"Exported {rows} {noun} as {data.get('format', '?').upper()}{where}"


class AuditedSubmissionsListView(SubmissionsListView):
    """Wagtail's listing and export of a contact page's inquiries, each use recorded."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            user = self.request.user
            for inquiry in context["submissions"]:
                log(inquiry, VIEW, user=user, data={"contact_page": self.form_page.pk})
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            filters = {
                key: self.request.GET.get(key)
                for key in EXPORT_FILTERS
                if self.request.GET.get(key)
            }
            log(
                self.form_page,
                EXPORT,
                user=self.request.user,
                data={
                    "rows": context["submissions"].count(),
                    "format": self.request.GET.get("export"),
                    "filter": filters,
                },
            )
        return super().render_to_response(context, **response_kwargs)
