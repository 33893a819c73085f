"""A changed location shows at once: its address, hours and programs are on the Locations page,
on program pages and in their JSON-LD, so every cached page goes stale."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from pagecache import store

from .models import Location


@receiver(post_save, sender=Location)
@receiver(post_delete, sender=Location)
@receiver(m2m_changed, sender=Location.programs.through)
def location_changed(sender, **kwargs):
    store.invalidate_all()
