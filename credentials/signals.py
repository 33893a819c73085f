"""A changed credential or About page shows at once: the credentials are in the footer of every
(cached) page, with a link to the About page."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from pagecache import store

from .models import FOOTER_FRAGMENT, AboutPage, Credential


@receiver(post_save, sender=Credential)
@receiver(post_delete, sender=Credential)
def credentials_changed(sender, **kwargs):
    store.forget_fragment(FOOTER_FRAGMENT)
    store.invalidate_all()


@receiver(page_published, sender=AboutPage)
@receiver(page_unpublished, sender=AboutPage)
@receiver(post_page_move, sender=AboutPage)
@receiver(post_delete, sender=AboutPage)
def about_page_changed(sender, **kwargs):
    # The page cache's own receivers make the pages stale; the footer's link is rebuilt here.
    store.forget_fragment(FOOTER_FRAGMENT)
