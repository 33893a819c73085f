"""Builds the demo site. Idempotent: pages that exist are left as editors made them."""

import io
import random

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from inquiries.demo import ensure_contact_page
from pages.models import Citation, HomePage, ProgramIndexPage, ProgramPage, SiteSettings

from . import content


def _draw_landscape(spec, size=(1200, 675), seed=7):
    width, height = size
    image = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(image)
    (r1, g1, b1), (r2, g2, b2) = spec["sky"]
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(r1 + (r2 - r1) * t), int(g1 + (g2 - g1) * t), int(b1 + (b2 - b1) * t)),
        )
    draw.ellipse((width * 0.68, height * 0.16, width * 0.8, height * 0.37), fill=spec["sun"])
    rng = random.Random(seed)  # noqa: S311 - a repeatable drawing, not security
    for layer, colour in enumerate(spec["hills"]):
        base = height * (0.62 + 0.14 * layer)
        points = [(0, height)]
        for x in range(0, width + 60, 60):
            points.append((x, base - 40 * (1 - layer * 0.4) * (1 + rng.random())))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    return image.filter(ImageFilter.GaussianBlur(1.2))


def ensure_image(key):
    Image = get_image_model()
    spec = content.DEMO_IMAGES[key]
    existing = Image.objects.filter(title=spec["title"]).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    _draw_landscape(spec).save(buffer, format="JPEG", quality=85)
    image = Image(title=spec["title"], file=ImageFile(buffer, name=f"{key}.jpg"))
    image.save()
    return image


def _stream(blocks):
    stream = []
    for block_type, value in blocks:
        if block_type == "benefit_section":
            value = dict(value)
            image_key = value.pop("image", None)
            if image_key:
                value["image"] = {
                    "image": ensure_image(image_key),
                    "decorative": True,
                    "alt_text": "",
                }
        stream.append((block_type, value))
    return stream


def _publish(page, first_published_at=None):
    revision = page.save_revision()
    revision.publish()
    if first_published_at is not None:
        page.refresh_from_db()
        Page.objects.filter(pk=page.pk).update(first_published_at=first_published_at)


def ensure_redirects(programs):
    """Old WordPress addresses that now live elsewhere (left alone if an editor changed them)."""
    for old_path, slug in content.REDIRECTS:
        page = ProgramPage.objects.child_of(programs).filter(slug=slug).first()
        normalised = Redirect.normalise_path(old_path)
        if page and not Redirect.objects.filter(old_path=normalised, site=None).exists():
            Redirect.objects.create(
                old_path=normalised, site=None, redirect_page=page, is_permanent=True
            )


@transaction.atomic
def load_demo(stdout=None):
    """Create whatever part of the demo site is missing. Returns the titles of pages created."""
    created = []
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title=content.HOME["title"],
            slug=content.HOME["slug"],
            intro=content.HOME["intro"],
            body=content.HOME["body"],
        )
        # Wagtail's install leaves a placeholder "Welcome" page on the slug we want: retire it.
        for placeholder in root.get_children().filter(slug=content.HOME["slug"]):
            if not isinstance(placeholder.specific, HomePage):
                placeholder.delete()
        root.add_child(instance=home)
        _publish(home)
        created.append(home.title)
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=content.HOME["title"],
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or content.HOME["title"]
        site.save()

    SiteSettings.for_site(site)  # creates the settings row with its defaults

    programs = ProgramIndexPage.objects.child_of(home).first()
    if programs is None:
        programs = ProgramIndexPage(
            title=content.PROGRAMS["title"],
            slug=content.PROGRAMS["slug"],
            intro=content.PROGRAMS["intro"],
            show_in_menus=True,
        )
        home.add_child(instance=programs)
        _publish(programs)
        created.append(programs.title)

    if not ProgramPage.objects.child_of(programs).filter(slug=content.IOP["slug"]).exists():
        iop = ProgramPage(
            title=content.IOP["title"],
            slug=content.IOP["slug"],
            intro=content.IOP["intro"],
            search_description=content.IOP["search_description"],
            body=_stream(content.IOP["body"]),
            show_in_menus=True,
        )
        iop.citations = [
            Citation(
                uuid=content.citation_id(c["key"]),
                source=c["source"],
                title=c["title"],
                url=c["url"],
                sort_order=i,
            )
            for i, c in enumerate(content.CITATIONS)
        ]
        programs.add_child(instance=iop)
        _publish(iop, first_published_at=content.IOP["first_published_at"])
        created.append(iop.title)

    ensure_redirects(programs)
    contact = ensure_contact_page(home, site, _publish)
    if contact is not None:
        created.append(contact.title)

    if stdout is not None:
        if created:
            stdout.write("Demo site: created " + ", ".join(created) + ".")
        else:
            stdout.write("Demo site: already loaded; nothing changed.")
    return created
