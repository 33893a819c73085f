"""A changed list of carriers shows at once on the (cached) Insurance page."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache import store

from .models import InsuranceCarrier


@receiver(post_save, sender=InsuranceCarrier)
@receiver(post_delete, sender=InsuranceCarrier)
def carriers_changed(sender, **kwargs):
    store.invalidate_all()
