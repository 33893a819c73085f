"""Builds the demo site. Idempotent: what exists is left as editors made it.

Each step makes one part of the site when it is missing and returns it (or what it created), so
`load_demo` reads as the list of what the demo site holds.
"""

import io
import random

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model

from articles.models import ArticleIndexPage
from home.skeleton import add_published, ensure_home, ensure_index, ensure_site, publish
from pages.models import Citation, SiteSettings, StandardPage
from programs.models import ProgramIndexPage, ProgramPage

from . import content, program_facts, standard_pages
from .contact import ensure_contact_page
from .credentials import ensure_about_page
from .insurance import ensure_insurance_page
from .locations import ensure_locations


def draw_landscape(spec, size=(1200, 675), seed=7):
    """A calm abstract landscape (no stock photos, nothing fetched)."""
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
    draw_landscape(spec).save(buffer, format="JPEG", quality=85)
    image = Image(title=spec["title"], file=ImageFile(buffer, name=f"{key}.jpg"))
    image.save()
    return image


def stream(blocks):
    """Block values as the page's StreamField takes them; `image` keys become demo images."""
    result = []
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
        result.append((block_type, value))
    return result


def spec(page):
    return {"title": page["title"], "slug": page["slug"], "intro": page["intro"]}


def ensure_programs(home):
    """The programs index under the home page. (page, created)"""
    return ensure_index(home, ProgramIndexPage, **spec(content.PROGRAMS), show_in_menus=True)


def ensure_articles(home):
    """The articles index under the home page, empty until articles are written or imported
    (the demo invents no health writing). Kept out of the menu until it has articles. (page,
    created)"""
    return ensure_index(home, ArticleIndexPage, **spec(content.ARTICLES), show_in_menus=False)


def ensure_intensive_outpatient(programs):
    """The client's Intensive Outpatient page with its citations. (page, created)"""
    iop = ProgramPage.objects.child_of(programs).filter(slug=content.IOP["slug"]).first()
    if iop is not None:
        return iop, False
    iop = ProgramPage(
        title=content.IOP["title"],
        slug=content.IOP["slug"],
        intro=content.IOP["intro"],
        search_description=content.IOP["search_description"],
        body=stream(content.IOP["body"]),
        show_in_menus=True,
        **program_facts.IOP_FACTS,
    )
    iop.citations = [
        Citation(
            uuid=content.citation_id(spec["key"]),
            source=spec["source"],
            title=spec["title"],
            url=spec["url"],
            sort_order=position,
        )
        for position, spec in enumerate(content.CITATIONS)
    ]
    return add_published(programs, iop, content.IOP["first_published_at"]), True


def ensure_footer_pages(home, site_settings):
    """The privacy notice and the accessibility statement, linked from every page's footer.
    Returns the pages created."""
    created = []
    for field, spec in [
        ("privacy_page", standard_pages.PRIVACY),
        ("accessibility_page", standard_pages.ACCESSIBILITY),
    ]:
        page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = StandardPage(
                title=spec["title"],
                slug=spec["slug"],
                intro=spec["intro"],
                search_description=spec["search_description"],
                body=spec["body"],
            )
            created.append(add_published(home, page))
        if getattr(site_settings, f"{field}_id") is None:
            setattr(site_settings, field, page)
            site_settings.save(update_fields=[field])
    return created


def ensure_redirects(programs):
    """Permanent redirects from the old WordPress addresses to the program pages."""
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
    home, new = ensure_home(
        content.HOME["title"],
        slug=content.HOME["slug"],
        intro=content.HOME["intro"],
        body=content.HOME["body"],
    )
    created += [home] if new else []
    site = ensure_site(home, content.HOME["title"])
    site_settings = SiteSettings.for_site(site)  # creates the settings row with its defaults
    programs, new = ensure_programs(home)
    created += [programs] if new else []
    iop, new = ensure_intensive_outpatient(programs)
    created += [iop] if new else []
    articles, new = ensure_articles(home)
    created += [articles] if new else []
    created += ensure_footer_pages(home, site_settings)
    ensure_redirects(programs)
    contact = ensure_contact_page(home, site_settings, publish)
    created += [contact] if contact is not None else []
    locations = ensure_locations(home, site_settings, add_published)
    created += [locations] if locations is not None else []
    insurance = ensure_insurance_page(home, add_published)
    created += [insurance] if insurance is not None else []
    about = ensure_about_page(home, add_published)
    created += [about] if about is not None else []

    titles = [page.title for page in created]
    if stdout is not None:
        if titles:
            stdout.write("Demo site: created " + ", ".join(titles) + ".")
        else:
            stdout.write("Demo site: already loaded; nothing changed.")
    return titles
