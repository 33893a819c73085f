from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from inquiries.encryption import UnreadableInquiry, is_sealed, reseal, seal
from inquiries.models import ContactPage, Inquiry

BATCH = 500


class Command(BaseCommand):
    help = (
        "Encrypt every stored inquiry again with the newest key (the first in "
        "INQUIRY_ENCRYPTION_KEYS). Run it after putting a new key first; then the old keys can go."
    )

    def handle(self, *args, **options):
        inquiries = Inquiry.objects.filter(page__in=ContactPage.objects.values("pk")).order_by("pk")
        done = 0
        with transaction.atomic():
            batch = []
            for inquiry in inquiries.select_for_update().iterator(chunk_size=BATCH):
                try:
                    if is_sealed(inquiry.form_data):
                        inquiry.form_data = reseal(inquiry.form_data)
                    else:
                        inquiry.form_data = seal(inquiry.form_data)
                except UnreadableInquiry:
                    raise CommandError(
                        f"Inquiry {inquiry.pk} cannot be decrypted with any key in "
                        "INQUIRY_ENCRYPTION_KEYS: put back the key it was encrypted with. "
                        "Nothing was changed."
                    ) from None
                batch.append(inquiry)
                if len(batch) == BATCH:
                    Inquiry.objects.bulk_update(batch, ["form_data"])
                    done += len(batch)
                    batch = []
            Inquiry.objects.bulk_update(batch, ["form_data"])
            done += len(batch)
        plural = "inquiry" if done == 1 else "inquiries"
        self.stdout.write(f"Re-encrypted {done} {plural} with the newest key.")
