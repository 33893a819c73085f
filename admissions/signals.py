"""Visitors see a change of availability at once: it makes every cached page stale (a program's
availability shows on its page, the programs list and the clinic's JSON-LD). A change of the site's
freshness window is a change of SiteSettings, which the page cache already follows.)"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache import store

from .models import Availability


@receiver(post_save, sender=Availability)
@receiver(post_delete, sender=Availability)
def availability_changed(sender, **kwargs):
    store.invalidate_all()
