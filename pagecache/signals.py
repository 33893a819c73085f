"""What makes cached pages stale: publishing, unpublishing, moving, deleting, settings, view
restrictions, images, documents, and a page whose content changed outside publishing
(pages.signals.page_content_changed, e.g. a vote). Publishing leaves the other pages' own
content (pagecache.fragments) as it was; everything else makes it stale as well."""

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from pages.models import SiteSettings
from pages.signals import page_content_changed

from . import fragments, shared, store


@receiver(page_published)
def page_published_(sender, instance, **kwargs):
    store.mark_live(instance)
    # The other pages' own content stays (pagecache.fragments); if the page's address changed,
    # page_slug_changed follows and makes that stale too.
    store.invalidate_pages()


@receiver(page_slug_changed)
def page_slug_changed_(sender, instance, **kwargs):
    store.invalidate_all()  # every link to the page (or below it) points elsewhere now


@receiver(page_unpublished)
def page_unpublished_(sender, instance, **kwargs):
    store.mark_gone(instance)  # its stale copy must not come back during an outage
    store.invalidate_all()


@receiver(post_page_move)
def page_moved(sender, **kwargs):  # links to the page and below it point elsewhere now
    store.invalidate_all()


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        store.mark_gone(instance)
        store.invalidate_all()


@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=Redirect)
@receiver(post_delete, sender=Redirect)
# A page newly restricted must not be served from its public copy (nor listed in the menu).
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
# A replaced or deleted image takes its renditions with it: no page may keep pointing at them.
@receiver(post_save, sender=get_image_model())
@receiver(post_delete, sender=get_image_model())
# A document's link carries its file name.
@receiver(post_save, sender=get_document_model())
@receiver(post_delete, sender=get_document_model())
def site_changed(sender, **kwargs):
    store.invalidate_all()


@receiver(page_content_changed)
def page_content_changed_(sender, page, request, **kwargs):
    store.invalidate_path(request, page.url)
    shared.forget_route(request, page.url)  # the routed page carries e.g. its rating
    fragments.forget_page(page.pk)


@receiver(post_migrate)
def code_or_schema_changed(sender, app_config, **kwargs):
    """A deploy runs `migrate`: pages and what pagecache.shared keeps are built again by the new
    release (its templates, its models), not read from the old one's."""
    if app_config.label == "wagtailcore":  # once per migrate
        store.invalidate_all()
