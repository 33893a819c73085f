from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page

from .models import ClinicallyReviewed
from .workflow import attach_clinical_review


def holds_health_pages(page_model):
    """Whether pages of this type have clinically reviewed pages as children."""
    return any(
        issubclass(child, ClinicallyReviewed) for child in page_model.allowed_subpage_models()
    )


@receiver(post_save)
def health_section_gets_clinical_review(sender, instance, created, raw=False, **kwargs):
    """A new page whose children are health pages (a programs index, made in the admin, by the
    demo loader or in a shell) is put under the Clinical review workflow at once."""
    if created and not raw and isinstance(instance, Page) and holds_health_pages(sender):
        attach_clinical_review(apps, instance)
