from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from inquiries.models import ContactPage


class Command(BaseCommand):
    help = (
        "Delete confidential inquiries older than INQUIRY_RETENTION_DAYS (default 90) and say "
        "how many were deleted. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days instead of INQUIRY_RETENTION_DAYS.",
        )

    def handle(self, *args, days=None, **options):
        days = settings.INQUIRY_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        cutoff = timezone.now() - timedelta(days=days)
        contact_pages = Page.objects.type(ContactPage).values("pk")
        old = FormSubmission.objects.filter(page__in=contact_pages, submit_time__lt=cutoff)
        _, deleted_by_model = old.delete()
        deleted = deleted_by_model.get(FormSubmission._meta.label, 0)
        plural = "inquiry" if deleted == 1 else "inquiries"
        self.stdout.write(f"Deleted {deleted} {plural} older than {days} days.")
