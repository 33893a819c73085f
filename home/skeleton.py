"""The site's skeleton: a home page at the root, the default site on it, and the one index page
of a type under it. The demo and the WordPress import both start a site this way."""

from wagtail.models import Page, Site

from .models import HomePage


def publish(page, first_published_at=None):
    revision = page.save_revision()
    revision.publish()
    if first_published_at is not None:
        page.refresh_from_db()
        Page.objects.filter(pk=page.pk).update(first_published_at=first_published_at)


def add_published(parent, page, first_published_at=None):
    parent.add_child(instance=page)
    publish(page, first_published_at)
    return page


def ensure_home(title, slug="home", **fields):
    """The home page at the root (retiring Wagtail's "Welcome" placeholder). (page, created)"""
    home = HomePage.objects.first()
    if home is not None:
        return home, False
    root = Page.get_first_root_node()
    for placeholder in root.get_children().filter(slug=slug):
        if not isinstance(placeholder.specific, HomePage):
            placeholder.delete()
    return add_published(root, HomePage(title=title, slug=slug, **fields)), True


def ensure_site(home, site_name):
    """The default site, with the home page as its root."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=site_name,
        )
    if site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or site_name
        site.save()
    return site


def ensure_index(home, model, *, title, slug, intro="", show_in_menus=False):
    """The one index page of `model` under the home page. (page, created)"""
    index = model.objects.child_of(home).first()
    if index is not None:
        return index, False
    index = model(title=title, slug=slug, intro=intro, show_in_menus=show_in_menus)
    return add_published(home, index), True
