from django.conf import settings
from django.core.management.base import BaseCommand

from reviews.due import pages_due_for_review


class Command(BaseCommand):
    help = (
        "List the live health pages that are due for clinical review (never reviewed or past "
        "their review interval), oldest first, with links to edit them. For a cron job, use "
        "-v 0: it then prints nothing when nothing is due, so cron mails only when work is due."
    )

    def handle(self, *args, **options):
        items = pages_due_for_review()
        if not items:
            if options["verbosity"] >= 1:
                self.stdout.write("Nothing is due for clinical review.")
            return
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        count = len(items)
        self.stdout.write(f"Due for clinical review: {count} page{'s' if count != 1 else ''}.")
        for item in items:
            last = item.last_reviewed.isoformat() if item.last_reviewed else "never"
            self.stdout.write(
                f"- {item.page.title} (last reviewed: {last}; {item.status}) "
                f"{base_url}{item.edit_url}"
            )
