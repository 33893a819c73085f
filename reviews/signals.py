from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver

from pages.models import ProgramIndexPage

from .workflow import attach_to_program_index


@receiver(post_save, sender=ProgramIndexPage)
def program_index_gets_clinical_review(sender, instance, created, raw=False, **kwargs):
    """A new program index (admin, demo loader or shell) is put under Clinical review at once."""
    if created and not raw:
        attach_to_program_index(apps, instance)
