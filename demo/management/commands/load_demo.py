from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Create the Transformations demo site (home, programs, Intensive Outpatient). Idempotent."
    )

    def handle(self, *args, **options):
        load_demo(stdout=self.stdout)
