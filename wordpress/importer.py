"""`manage.py import_wordpress`: a WordPress export made into this site's pages.

The export is read three times, as a stream (wordpress.wxr):
1. an index of every item without its content (IDs, parents, slugs, statuses, attachments,
   menus): enough to plan the tree and to know every old address before any page is written;
2. (with the tree planned) the pages are placed: found again by their WordPress ID, adopted
   when a page of the same type already stands at the same address, else created empty;
3. each item's content is converted (wordpress.content) and saved as a revision, published as
   WordPress had it; then redirects, ratings and the menu.

All of it runs in one transaction: a failure leaves the site as it was (and the files written
for new images are deleted). `dry_run` does steps 1 and 3 without writing anything.
"""

import hashlib
import io
import json
import re
import time
import warnings
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.validators import validate_unicode_slug
from django.db import transaction
from django.db.models import F, prefetch_related_objects
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import ClusterableModel, get_all_child_relations
from modelsearch import index as search_index
from modelsearch import signal_handlers as search_signals
from modelsearch.backends import get_search_backends
from PIL import Image as PILImage
from treebeard.exceptions import PathOverflow
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    COMMENTS_RELATION_NAME,
    Page,
    PageLogEntry,
    PageViewRestriction,
    ReferenceIndex,
    Revision,
)
from wagtail.models.media import get_root_collection_id
from wagtail.signal_handlers import disable_reference_index_auto_update

from articles.models import ArticleCategory, ArticleIndexPage, ArticlePage, Author
from home.skeleton import ensure_home, ensure_index, ensure_site
from pagecache import store as page_cache
from pages.models import Citation, SiteSettings, StandardPage
from programs.models import ProgramIndexPage, ProgramPage
from ratings.models import MAX_STARS, PageRating

from .content import RESIZED, Converter, Resolver
from .download import DownloadRefused, fetch
from .models import ImportedItem
from .report import Report
from .wxr import Export

IMAGE_TYPES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
# Larger pictures than this are refused as possible decompression bombs (Pillow's own limit
# refuses only at twice its default).
MAX_IMAGE_PIXELS = 40_000_000
PAGE_TYPES = {"page", "post"}
STATUSES = {"publish", "private", "future", "draft", "pending"}
UNCATEGORIZED = {"uncategorized"}
INDEX_BATCH = 500  # objects indexed together at the end of a run
# A page's place in the tree: placing writes it, filling the page never changes it.
TREE_FIELDS = {"path", "depth", "numchild", "slug", "url_path"}

# WordPress's special pages that are not content. Items of these types are counted only.
IGNORED_TYPES = {
    "revision",
    "nav_menu_item",
    "customize_changeset",
    "oembed_cache",
    "wp_global_styles",
}

PROGRAM = "program"
STANDARD = "standard"
ARTICLE = "article"
PROGRAM_INDEX = "program index"
KIND_MODELS = {
    PROGRAM: ProgramPage,
    STANDARD: StandardPage,
    ARTICLE: ArticlePage,
    PROGRAM_INDEX: ProgramIndexPage,
}


@dataclass
class Entry:
    """What step 1 keeps of a page or post (its content is read again in step 3)."""

    wp_id: int
    post_type: str
    status: str
    title: str
    slug: str
    parent: int
    path: str
    template: str
    old_slugs: list
    kind: str = ""
    page_id: int | None = None


@dataclass
class Standing:
    """A page that stands under a parent (placing)."""

    pk: int
    model: type
    title: str


@dataclass
class Children:
    """A parent page and its children's slugs: new pages are added as add_child adds them (the
    next path under the parent, its depth and url_path, the parent's locale) without reading and
    updating the parent again for each one; count() then writes the parent's numchild once."""

    parent: Page
    slugs: dict  # slug -> Standing
    last: int  # the position of the last child in treebeard's path (0 when there is none)
    added: int = 0

    def add(self, page):
        parent = self.parent
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, self.last + 1)
        if len(page.path) > Page._meta.get_field("path").max_length:
            raise PathOverflow("The page tree is too deep here.")
        page.locale_id = parent.locale_id  # as Page.get_default_locale finds it
        page.draft_title = page.title
        page._cached_parent_obj = parent  # as add_child sets it: the url_path comes from it
        page._is_site_root = False  # (Page.save asks) a new page, with a new translation key
        # Not cleaned again: the slug is free among its siblings (self.slugs), the title short.
        # Its "wagtail.create" entry is the caller's to log (PageLog).
        page.save(clean=False, log_action=None)
        self.last += 1
        self.added += 1
        self.slugs[page.slug] = Standing(page.pk, type(page), page.title)
        return page

    def count(self):
        if self.added:
            Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.added)
            self.parent.numchild += self.added
            self.added = 0


class PageLog:
    """The entries Wagtail's log() writes for a page, with the same fields, written 500 at a time
    (log() validates and writes each one alone: four queries an entry)."""

    def __init__(self):
        self.entries = []

    def add(self, page, action, *, revision=None, data=None, content_changed=False):
        self.entries.append(
            PageLogEntry(
                page=page,
                content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
                label=page.get_admin_display_title(),
                action=action,
                timestamp=timezone.now(),
                data=data or {},
                revision=revision,
                content_changed=content_changed,
            )
        )
        if len(self.entries) >= 500:
            self.write()

    def write(self):
        PageLogEntry.objects.bulk_create(self.entries)
        self.entries = []


@dataclass
class Attachment:
    wp_id: int
    url: str
    file: str  # relative to wp-content/uploads
    alt: str
    title: str

    @property
    def is_image(self):
        return PurePosixPath(self.file or urlsplit(self.url).path).suffix.lower() in IMAGE_TYPES


def uploads_path(url):
    """'https://x/wp-content/uploads/2018/07/a.jpg' -> '2018/07/a.jpg' (or '' if not an upload)."""
    path = unquote(urlsplit(url).path)
    marker = "/wp-content/uploads/"
    return path.split(marker, 1)[1] if marker in path else ""


def normal_path(path):
    """An address of the site as pages are compared: '/a/b/' for '/a/b', '/A/b/?x' too."""
    path = unquote(urlsplit(path).path or "/")
    return path if path.endswith("/") else path + "/"


def fingerprint(item):
    data = [
        item.title,
        item.slug,
        item.status,
        item.parent,
        item.content,
        item.excerpt,
        item.creator,
        str(item.date_gmt),
        str(item.modified_gmt),
        sorted(item.terms),
        sorted((k, str(v)) for k, v in item.meta.items()),
    ]
    return hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()


def resolve_variables(text, item, site_title):
    """Yoast's %%title%%-style variables resolved, or dropped: never shown raw."""
    if not text:
        return ""
    values = {
        "title": item.title,
        "sitename": site_title,
        "sitetitle": site_title,
        "sep": "–",
        "excerpt": " ".join(re.sub(r"<[^>]+>", " ", item.excerpt).split()),
        "page": "",
        "pagenumber": "",
        "pagetotal": "",
        "primary_category": next((t[2] for t in item.terms if t[0] == "category"), ""),
        "category": next((t[2] for t in item.terms if t[0] == "category"), ""),
    }
    text = re.sub(r"%%([a-z_]+)%%", lambda m: values.get(m.group(1), ""), text)
    text = " ".join(text.split())
    return text.strip(" –-|·")


def rating_from(meta):
    """(votes, total stars) from kk Star Ratings' keys, newest layout first; None when absent."""

    def number(key):
        try:
            return float(str(meta.get(key, "")).strip())
        except ValueError:
            return None

    for count_key, total_key, average_key in (
        ("_kksr_count_default", "_kksr_ratings_default", "_kksr_avg_default"),
        ("_kksr_casts", "_kksr_ratings", "_kksr_avg"),
    ):
        count = number(count_key)
        if count is None:
            continue
        total = number(total_key)
        if total is None and number(average_key) is not None:
            total = number(average_key) * count  # the last resort: average × count
        if total is None:
            continue
        return int(count), round(total)
    return None


def validate_filled(page):
    """What publishing validates (Page.full_clean: every field's value, and the page's own
    clean(), Wagtail's check that its slug is free among its siblings and any rule of its type),
    less the look-ups whose answers the import knows, a query each: that each foreign key's row
    exists (each came from the database in this transaction: the page's own, the type and locale
    placing gave it, an author found or made; the database checks them again as the import
    commits), and that its path and translation key are unique (placing's, and filling never
    changes them). All the errors are collected, as full_clean collects them."""
    foreign_keys = [
        field.name for field in page._meta.concrete_fields if field.many_to_one or field.one_to_one
    ]
    errors = {}
    for check in (
        lambda: page.clean_fields(exclude=foreign_keys),
        page.clean,
        lambda: page.validate_constraints(exclude=foreign_keys),
    ):
        try:
            check()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def save_filled(page, *, new):
    """Page.save for a page filling wrote: every field but its place in the tree (so Page.save
    does not read the page again to see whether its slug changed), and the citations and
    categories filling set. A `new` page (placing created it, this run) has none in the database
    yet: they are inserted in one query each, where the cluster's save would read them first and
    then insert one citation at a time."""
    fields = [
        field.name
        for field in page._meta.concrete_fields
        if not field.primary_key and field.name not in TREE_FIELDS
    ]
    relations = [name for name in ("citations", "categories") if hasattr(page, name)]
    if not new:  # compared with what the database has, as the cluster's save does
        page.save(clean=False, update_fields=fields + relations)
        return
    page.save(clean=False, update_fields=fields)
    if "citations" in relations:
        Citation.objects.bulk_create(page.citations.all())
    if "categories" in relations:
        field = page._meta.get_field("categories")
        through = field.remote_field.through
        through.objects.bulk_create(
            through(**{field.m2m_field_name(): page, field.m2m_reverse_field_name(): category})
            for category in page.categories.all()
        )


@contextmanager
def indexing_deferred():
    """No search or reference indexing on each save (a page is saved three or four times as
    it is placed, filled and published): the importer indexes what it wrote once, at the end."""
    paused = [
        model
        for model in search_index.get_indexed_models()
        if post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in paused:
            post_save.connect(search_signals.post_save_signal_handler, sender=model)


def index_written(model, pks):
    """The search index and Wagtail's reference index brought up to date for the `model` objects
    with these IDs. Each object is read once for both: its body is converted from its JSON once
    (and its pictures looked up once), not once for each index."""
    objects = []
    if search_index.class_is_indexed(model):
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        for backend in get_search_backends(with_auto_update=True):
            if objects:
                backend.add_bulk(model, objects)
    read = {obj.pk for obj in objects}
    objects.extend(model.objects.filter(pk__in=[pk for pk in pks if pk not in read]))
    if issubclass(model, ClusterableModel):  # the reference index reads every child relation
        relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        prefetch_related_objects(objects, *relations)
    for obj in objects:
        ReferenceIndex.create_or_update_for_object(obj)


def pages_published(page_ids):
    """What page_published makes the page cache do, once for all the pages the import published
    (publish_now sends no signal per page): their addresses no longer gone, every cached page
    stale."""
    if not page_ids:
        return
    for page in Page.objects.filter(pk__in=page_ids).only("url_path").iterator(1000):
        page_cache.mark_live(page)
    page_cache.invalidate_all()


class SiteResolver(Resolver):
    """The converter's questions answered from the plan (and, in a real run, the database)."""

    def __init__(self, importer):
        self.importer = importer
        self.hosts = frozenset(importer.channel.hosts)
        self.admissions_phone = importer.admissions_phone

    def page_id(self, path):
        entry = self.importer.by_path.get(normal_path(path))
        if entry is None or entry.kind == "":
            return None
        return entry.page_id if entry.page_id is not None else 0

    def attachment(self, url, wp_id=None):
        importer = self.importer
        if wp_id is not None and wp_id in importer.attachments:
            return importer.attachments[wp_id]
        relative = uploads_path(url)
        if not relative:
            return None
        found = importer.uploads.get(relative) or importer.uploads.get(RESIZED.sub("", relative))
        return importer.attachments.get(found) if found else None

    def image(self, url, wp_id=None):
        attachment = self.attachment(url, wp_id)
        if attachment is None or not attachment.is_image:
            return None
        image_id = self.importer.images.get(attachment.wp_id)
        if image_id is None:
            return None
        return image_id, attachment.alt

    def document_id(self, url):
        attachment = self.attachment(url)
        if attachment is None:
            return None
        if attachment.is_image:
            image_id = self.importer.images.get(attachment.wp_id)
            return None if image_id is None else self.importer.document_for_image(attachment)
        return self.importer.documents.get(attachment.wp_id)


class Importer:
    def __init__(
        self,
        export_path,
        *,
        uploads=None,
        download=False,
        dry_run=False,
        program_parent="",
        progress=None,
    ):
        self.export = Export(export_path)
        self.uploads_dir = Path(uploads) if uploads else None
        self.download = download
        self.dry_run = dry_run
        self.program_parent = program_parent
        self.progress = progress or (lambda done, total: None)
        self.entries = {}  # wp_id -> Entry (pages and posts)
        self.attachments = {}  # wp_id -> Attachment
        self.uploads = {}  # relative upload path -> attachment wp_id
        self.menu_ids = set()
        self.by_path = {}  # old address -> Entry
        self.images = {}  # attachment wp_id -> image id
        self.documents = {}  # attachment wp_id -> document id
        self.files_written = []
        self.page_ids_by_type = {}
        self.ledger = {}  # (kind, wp_id) -> ImportedItem of this source
        self.recorded = {}  # (kind, wp_id) -> its ImportedItem, made or changed by this run
        self.pages_recorded = set()  # IDs of the pages this run recorded
        self.written = {}  # (model, pk) -> what this run saved: indexed once, at the end
        self.admissions_phone = ""
        self.children = {}  # page ID -> Children (placing)
        self.authors = {}  # name -> Author (found or made once a run)
        self.categories = {}  # (slug, name) -> ArticleCategory (found or made once a run)
        self.page_log = PageLog()
        self.published = []  # IDs of the pages published without page_published (publish_now)
        self.placed = {}  # page ID -> a page placing created, filled without reading it again
        self.new_pages = set()  # IDs of the pages placing created (none has comments, citations…)

    # Step 1: the index -------------------------------------------------------------------

    def index(self, item):
        report = self.report
        report.found[f"{item.post_type or '?'}/{item.status or '?'}"] += 1
        report.comments += item.comments
        report.tags.update(name for domain, _, name in item.terms if domain == "post_tag")
        if item.post_type in PAGE_TYPES:
            template = item.meta.get("_wp_page_template", "").strip()
            self.entries[item.wp_id] = Entry(
                wp_id=item.wp_id,
                post_type=item.post_type,
                status=item.status,
                title=item.title,
                slug=item.slug,
                parent=item.parent if item.post_type == "page" else 0,
                path=item.path,
                template=template,
                old_slugs=item.meta.get("_wp_old_slug", []),
            )
        elif item.post_type == "attachment":
            relative = item.meta.get("_wp_attached_file", "").strip() or uploads_path(
                item.attachment_url
            )
            attachment = Attachment(
                wp_id=item.wp_id,
                url=item.attachment_url,
                file=relative,
                alt=" ".join(item.meta.get("_wp_attachment_image_alt", "").split()),
                title=item.title,
            )
            self.attachments[item.wp_id] = attachment
            if relative:
                self.uploads[relative] = item.wp_id
        elif item.post_type == "nav_menu_item":
            if item.meta.get("_menu_item_object") in PAGE_TYPES:
                self.menu_ids.add(int(item.meta.get("_menu_item_object_id") or 0))
            else:
                report.not_mapping(
                    item,
                    f"menu entry ({item.meta.get('_menu_item_type', 'custom')}): only links to "
                    "pages and posts become menu entries here (‘Show in menus’)",
                )
        elif item.post_type not in IGNORED_TYPES:
            report.not_mapping(item, f"content type “{item.post_type}” has no page type here")

    # Step 2: the plan --------------------------------------------------------------------

    def plan(self):
        entries = self.entries
        program_parent = next(
            (
                e
                for e in entries.values()
                if e.post_type == "page" and self.program_parent and e.slug == self.program_parent
            ),
            None,
        )
        if self.program_parent and program_parent is None:
            raise ValueError(
                f"--program-parent {self.program_parent}: the export has no page with that slug."
            )
        for entry in entries.values():
            if entry.status not in STATUSES:
                entry.kind = ""
                continue
            if entry.post_type == "post":
                entry.kind = ARTICLE
            elif program_parent is not None and entry is program_parent:
                entry.kind = PROGRAM_INDEX
            elif (program_parent is not None and entry.parent == program_parent.wp_id) or (
                "program" in entry.template.lower()
            ):
                entry.kind = PROGRAM
            else:
                entry.kind = STANDARD
        for entry in entries.values():
            if entry.kind:
                self.by_path[normal_path(entry.path)] = entry

    def ordered(self):
        """Entries to place, parents before children (a child may come first in the file)."""
        entries = self.entries
        placed = set()
        order = []

        def place(entry, seen):
            if entry.wp_id in placed or entry.wp_id in seen:
                return
            seen.add(entry.wp_id)
            parent = entries.get(entry.parent)
            if parent is not None and parent.kind and entry.kind == STANDARD:
                place(parent, seen)
            placed.add(entry.wp_id)
            order.append(entry)

        for kind in (PROGRAM_INDEX, STANDARD, PROGRAM, ARTICLE):
            for entry in entries.values():
                if entry.kind == kind:
                    place(entry, set())
        return order

    # Running -----------------------------------------------------------------------------

    def run(self):
        started = time.monotonic()
        self.report = Report(dry_run=self.dry_run)
        self.export.scan(self.index)
        self.channel = self.export.channel
        self.source = self.channel.source
        self.report.source = self.source
        self.report.items = self.export.item_count
        self.plan()
        for entry in self.entries.values():
            if not entry.kind:
                self.report.not_mapping(
                    entry,
                    f"status “{entry.status}” (only published, private, scheduled, "
                    "draft and pending items are imported)",
                )
        site_settings = SiteSettings.objects.first()
        self.admissions_phone = site_settings.admissions_phone if site_settings else ""
        if self.dry_run:
            self.check_attachments()
            self.convert_all(write=False)
        else:
            try:
                with transaction.atomic(), indexing_deferred():
                    self.write()
                    self.index_written()
                    transaction.on_commit(lambda: pages_published(self.published))
            except BaseException:
                for name, storage in self.files_written:
                    storage.delete(name)
                raise
        self.report.seconds = time.monotonic() - started
        return self.report

    def write(self):
        self.ledger = {
            (row.kind, row.wp_id): row for row in ImportedItem.objects.filter(source=self.source)
        }
        home = self.ensure_skeleton()
        self.home = home
        self.import_attachments()
        for entry in self.ordered():
            self.place(entry)
        for children in self.children.values():
            children.count()
        self.convert_all(write=True)
        self.page_log.write()
        self.make_redirects()
        self.write_ledger()

    def record(self, kind, wp_id, **fields):
        """What a WordPress object became here, kept in the ledger; written with everything else
        this run recorded at its end (write_ledger), not one query each time."""
        row = self.ledger.get((kind, wp_id))
        if row is None:
            row = ImportedItem(source=self.source, kind=kind, wp_id=wp_id)
            self.ledger[(kind, wp_id)] = row
        for name, value in fields.items():
            setattr(row, name, value)
        row.imported_at = timezone.now()  # (as auto_now would, which a bulk update does not)
        self.recorded[(kind, wp_id)] = row
        if kind == ImportedItem.PAGE:
            self.pages_recorded.add(row.object_id)
        return row

    def write_ledger(self):
        """The ledger rows this run made or changed, a query for each 500."""
        new = [row for row in self.recorded.values() if row.pk is None]
        changed = [row for row in self.recorded.values() if row.pk is not None]
        ImportedItem.objects.bulk_create(new, batch_size=500)
        ImportedItem.objects.bulk_update(
            changed, ["object_id", "fingerprint", "revision_id", "imported_at"], batch_size=500
        )

    def index_written(self):
        """What this run saved, indexed INDEX_BATCH objects at a time (so that a large import
        never holds all its pages in memory at once), each page as its own type."""
        ids = defaultdict(list)  # model -> the IDs this run saved
        for model, pk in self.written:
            ids[model].append(pk)
        for model, pks in ids.items():
            for start in range(0, len(pks), INDEX_BATCH):
                batch = pks[start : start + INDEX_BATCH]
                if model is not Page:
                    index_written(model, batch)
                    continue
                by_type = defaultdict(list)
                for pk, type_id in Page.objects.filter(pk__in=batch).values_list(
                    "pk", "content_type"
                ):
                    by_type[ContentType.objects.get_for_id(type_id).model_class()].append(pk)
                for specific, specific_pks in by_type.items():
                    index_written(specific, specific_pks)

    # The skeleton: home, programs, articles

    def ensure_skeleton(self):
        title = self.channel.title or "Home"
        home, created = ensure_home(title)
        site = ensure_site(home, title)
        if created:
            self.report.did("created", "home page")
        if SiteSettings.objects.filter(site=site).first() is None:
            SiteSettings.for_site(site)
        self.program_index = ProgramIndexPage.objects.descendant_of(home).first()
        wants_programs = any(e.kind in (PROGRAM, PROGRAM_INDEX) for e in self.entries.values())
        if self.program_index is None and wants_programs:
            parent = next((e for e in self.entries.values() if e.kind == PROGRAM_INDEX), None)
            self.program_index, _ = ensure_index(
                home,
                ProgramIndexPage,
                title=parent.title if parent else "Programs",
                slug=parent.slug if parent else "programs",
                show_in_menus=True,
            )
            self.report.did("created", "programs index")
        self.article_index = ArticleIndexPage.objects.descendant_of(home).first()
        if self.article_index is None and any(e.kind == ARTICLE for e in self.entries.values()):
            self.article_index, _ = ensure_index(
                home, ArticleIndexPage, title="Articles", slug="articles", show_in_menus=True
            )
            self.report.did("created", "articles index")
        for page in (home, self.program_index, self.article_index):
            if page is not None:
                self.written[(Page, page.pk)] = True
        return home

    # Images and documents

    def check_attachments(self):
        """Dry run: which files would be missing or unreadable (nothing is written)."""
        for attachment in self.attachments.values():
            data, why = self.attachment_file(attachment)
            if data is None:
                self.images_missing(attachment, why)
            else:
                self.images[attachment.wp_id] = 0
                if not attachment.is_image:
                    self.documents[attachment.wp_id] = 0

    def images_missing(self, attachment, why):
        self.report.images_missing.append(
            {"id": attachment.wp_id, "url": attachment.url, "why": why}
        )

    def attachment_file(self, attachment):
        """(bytes, None) for a readable file, or (None, why not)."""
        if self.uploads_dir is not None:
            if not attachment.file:
                return None, "the export gives no file for it"
            path = (self.uploads_dir / attachment.file).resolve()
            if not path.is_relative_to(self.uploads_dir.resolve()):
                return None, "its file name points outside the uploads folder"
            if not path.is_file():
                return None, f"no file {attachment.file} in {self.uploads_dir}"
            data = path.read_bytes()
        elif self.download:
            try:
                data = fetch(attachment.url, self.channel.hosts)
            except DownloadRefused as refused:
                return None, str(refused)
        else:
            return None, "no --uploads folder given (nor --download)"
        if attachment.is_image:
            why = unreadable_image(data)
            if why:
                return None, why
        return data, None

    def import_attachments(self):
        Image = get_image_model()
        Document = get_document_model()
        known = {
            key: row.object_id
            for key, row in self.ledger.items()
            if key[0] in (ImportedItem.IMAGE, ImportedItem.DOCUMENT)
        }
        existing_images = set(
            Image.objects.filter(
                pk__in=[v for (k, _), v in known.items() if k == "image"]
            ).values_list("pk", flat=True)
        )
        existing_documents = set(
            Document.objects.filter(
                pk__in=[v for (k, _), v in known.items() if k == "document"]
            ).values_list("pk", flat=True)
        )
        root = get_root_collection_id()  # the default collection: found once, not for each file
        for attachment in self.attachments.values():
            kind = ImportedItem.IMAGE if attachment.is_image else ImportedItem.DOCUMENT
            done = self.images if attachment.is_image else self.documents
            counter = self.report.images if attachment.is_image else self.report.documents
            object_id = known.get((kind, attachment.wp_id))
            if object_id in (existing_images if attachment.is_image else existing_documents):
                done[attachment.wp_id] = object_id
                counter["reused"] += 1
                continue
            data, why = self.attachment_file(attachment)
            if data is None:
                self.images_missing(attachment, why)
                continue
            name = PurePosixPath(attachment.file or urlsplit(attachment.url).path).name
            title = (attachment.title or name)[:255]
            if attachment.is_image:
                obj = Image(title=title, description=attachment.alt[:255], collection_id=root)
                obj.file = ContentFile(data, name=name)
            else:
                obj = Document(title=title, collection_id=root)
                obj.file = ContentFile(data, name=name)
            obj.save()
            self.written[(type(obj), obj.pk)] = True
            self.files_written.append((obj.file.name, obj.file.storage))
            self.record(
                kind,
                attachment.wp_id,
                object_id=obj.pk,
                fingerprint=hashlib.sha256(data).hexdigest(),
            )
            done[attachment.wp_id] = obj.pk
            counter["created"] += 1

    def document_for_image(self, attachment):
        """A link to a picture's file (not wrapping the picture): the picture as a document."""
        if attachment.wp_id in self.documents:
            return self.documents[attachment.wp_id]
        if self.dry_run:
            return 0
        image = get_image_model().objects.get(pk=self.images[attachment.wp_id])
        Document = get_document_model()
        document = Document(title=image.title)
        with image.file.open("rb") as handle:
            document.file = File(handle, name=PurePosixPath(image.file.name).name)
            document.save()
        self.written[(type(document), document.pk)] = True
        self.files_written.append((document.file.name, document.file.storage))
        self.documents[attachment.wp_id] = document.pk
        return document.pk

    # Step 2: placing the pages

    def parent_page(self, entry):
        """The ID of the page the entry's page goes under."""
        if entry.kind == PROGRAM:
            return self.program_index.pk
        if entry.kind == ARTICLE:
            return self.article_index.pk
        if entry.kind == PROGRAM_INDEX:
            return self.home.pk
        parent = self.entries.get(entry.parent)
        if parent is not None and parent.kind == STANDARD and parent.page_id is not None:
            return parent.page_id
        if parent is not None and parent.kind in (PROGRAM, PROGRAM_INDEX):
            self.report.problem(
                entry,
                f"placed under the home page: its WordPress parent “{parent.title}” is a "
                "program page, which has no sub-pages here",
            )
        return self.home.pk

    def children_of(self, page_id):
        """A parent's children as placing needs them, read once per parent (and the parent
        locked as add_child locks it: nobody adds a page under it until the import commits). A
        page this run created is the object placing made (no one else sees it before the import
        commits): its numchild is counted on the object that is filled and saved later."""
        children = self.children.get(page_id)
        if children is None:
            parent = self.placed.get(page_id) or Page.objects.select_for_update().get(pk=page_id)
            rows = parent.get_children().values_list("pk", "slug", "title", "content_type", "path")
            children = self.children[page_id] = Children(
                parent,
                {
                    slug: Standing(pk, ContentType.objects.get_for_id(type_id).model_class(), title)
                    for pk, slug, title, type_id, _ in rows
                },
                last=max((Page._str2int(path[-Page.steplen :]) for *_, path in rows), default=0),
            )
        return children

    def place(self, entry):
        """Find the entry's page (by its WordPress ID, or at its address) or create it empty."""
        model = KIND_MODELS[entry.kind]
        if entry.kind == PROGRAM_INDEX:
            entry.page_id = self.program_index.pk
            self.remember(entry, self.program_index)
            return
        known = self.ledger.get((ImportedItem.PAGE, entry.wp_id))
        if known is not None and known.object_id in self.pages_of_type(model):
            entry.page_id = known.object_id
            return
        children = self.children_of(self.parent_page(entry))
        slug = self.slug_for(entry)
        standing = children.slugs.get(slug)
        if (
            standing is not None
            and issubclass(standing.model, model)
            and standing.pk not in self.pages_recorded  # (this run's rows are not written yet)
            and not (
                ImportedItem.objects.filter(kind=ImportedItem.PAGE, object_id=standing.pk).exists()
            )
        ):
            entry.page_id = standing.pk
            self.remember(entry, standing)
            return
        if standing is not None:
            wanted = slug
            number = 2
            while f"{wanted}-{number}" in children.slugs:
                number += 1
            slug = f"{wanted}-{number}"
            self.report.slugs_changed.append(
                {
                    "id": entry.wp_id,
                    "title": entry.title,
                    "from": wanted,
                    "to": slug,
                    "why": f"“{standing.title}” already has that address here",
                }
            )
        page = children.add(model(title=(entry.title or "Untitled")[:255], slug=slug, live=False))
        self.placed[page.pk] = page
        self.new_pages.add(page.pk)
        self.page_log.add(page, "wagtail.create", content_changed=True)
        self.written[(Page, page.pk)] = True
        entry.page_id = page.pk
        self.remember(entry, page)

    def remember(self, entry, page):
        self.record(
            ImportedItem.PAGE, entry.wp_id, object_id=page.pk, fingerprint="", revision_id=None
        )

    def pages_of_type(self, model):
        """IDs of the pages of `model` this source's earlier imports made (one query a type)."""
        if model not in self.page_ids_by_type:
            ids = [k.object_id for (kind, _), k in self.ledger.items() if kind == ImportedItem.PAGE]
            self.page_ids_by_type[model] = set(
                model.objects.filter(pk__in=ids).values_list("pk", flat=True)
            )
        return self.page_ids_by_type[model]

    def slug_for(self, entry):
        slug = entry.slug
        try:
            validate_unicode_slug(slug)
        except ValidationError:
            slug = slugify(slug or entry.title, allow_unicode=True)
        if not slug:
            slug = f"{entry.post_type}-{entry.wp_id}"
            self.report.slugs_changed.append(
                {
                    "id": entry.wp_id,
                    "title": entry.title,
                    "from": entry.slug,
                    "to": slug,
                    "why": "it had no usable slug",
                }
            )
        return slug[:255]

    # Step 3: the content

    def convert_all(self, write):
        converter = Converter(SiteResolver(self))
        total = sum(1 for e in self.entries.values() if e.kind and e.kind != PROGRAM_INDEX)
        done = 0
        self.progress(0, total)
        for item in self.export.items():
            entry = self.entries.get(item.wp_id) if item.post_type in PAGE_TYPES else None
            if entry is None or not entry.kind:
                continue
            converted = converter.convert(
                item.content, excerpt=item.excerpt, key=f"{self.source}#{item.wp_id}"
            )
            self.report.absorb(item, converted.notes)
            if entry.kind == PROGRAM_INDEX:
                if write:
                    self.fill_index(item, converted)
                continue
            if write:
                self.fill_one(item, entry, converted)
            else:
                self.report.did("would import", f"{entry.kind} ({item.status})")
            done += 1
            self.progress(done, total)

    def fill_index(self, item, converted):
        index = ProgramIndexPage.objects.get(pk=self.program_index.pk)
        if converted.intro and not index.intro:
            index.intro = converted.intro
            index.save_revision().publish()
            self.report.did("updated", "programs index")

    def fill_one(self, item, entry, converted):
        """One item written whole or not at all: a page Wagtail refuses is reported, and the
        import goes on without it."""
        try:
            with transaction.atomic():
                self.fill(item, entry, converted)
        except ValidationError as error:
            # An author or category made for this page went with it: found or made again.
            self.authors.clear()
            self.categories.clear()
            messages = (
                "; ".join(
                    f"{name}: {' '.join(str(m) for m in errors)}"
                    for name, errors in error.message_dict.items()
                )
                if hasattr(error, "error_dict")
                else " ".join(error.messages)
            )
            self.report.did("not imported", f"{entry.kind} ({item.status})")
            self.report.problem(item, f"not imported: the page was refused ({messages})")

    def fill(self, item, entry, converted):
        report = self.report
        model = KIND_MODELS[entry.kind]
        page = self.placed.pop(entry.page_id, None)
        if page is None:  # a page an earlier import made, or one adopted
            # (Whether it is a site's root page, read with it: Page.save asks.)
            page = model.objects.annotate_site_root_state().get(pk=entry.page_id)
        known = self.ledger[(ImportedItem.PAGE, item.wp_id)]
        stamp = fingerprint(item)
        label = f"{entry.kind} ({item.status})"
        if known.revision_id is not None:
            if page.latest_revision_id != known.revision_id:
                report.did("kept", label)
                report.problem(
                    item,
                    "changed here since the last import: kept as edited here (WordPress's "
                    "version not imported)"
                    if known.fingerprint != stamp
                    else "changed here since the last import: kept as edited here",
                )
                return
            if known.fingerprint == stamp:
                report.did("unchanged", label)
                return
        created = page.latest_revision_id is None
        old_title = None if created else page.title
        page.title = (item.title or "Untitled")[:255]
        page.intro = converted.intro
        blocks = converted.blocks
        featured = self.featured_image(item, blocks)
        if featured is not None:
            blocks = [("image", featured), *blocks]
        page.body = [{"type": kind, "value": value} for kind, value in blocks]
        page.seo_title = resolve_variables(
            item.meta.get("_yoast_wpseo_title", ""), item, self.channel.title
        )[:255]
        description = resolve_variables(
            item.meta.get("_yoast_wpseo_metadesc", ""), item, self.channel.title
        )
        if description or created:
            page.search_description = description
        if self.menu_ids:
            page.show_in_menus = item.wp_id in self.menu_ids
        elif created:
            page.show_in_menus = entry.kind == PROGRAM
        if hasattr(page, "citations"):
            page.citations = [
                Citation(
                    uuid=c.uuid, source=c.source, title=c.title, url=c.url, sort_order=position
                )
                for position, c in enumerate(converted.citations)
            ]
        if entry.kind == ARTICLE:
            self.article_fields(page, item)
        revision = self.save(page, item, created=created, old_title=old_title)
        self.written[(Page, page.pk)] = True
        self.record(ImportedItem.PAGE, item.wp_id, fingerprint=stamp, revision_id=revision.pk)
        report.did("created" if created else "updated", label)
        self.import_rating(item, page)

    def featured_image(self, item, blocks):
        thumbnail = int(item.meta.get("_thumbnail_id") or 0)
        image_id = self.images.get(thumbnail)
        if not thumbnail:
            return None
        if image_id is None:
            self.report.images_missing.append(
                {
                    "id": item.wp_id,
                    "url": self.attachments.get(thumbnail, Attachment(0, "", "", "", "")).url
                    or f"attachment {thumbnail}",
                    "why": f"featured image of “{item.title}” was not imported",
                }
            )
            return None
        # The picture already shown in the body (an image block or a section's image) is not
        # shown again above it.
        shown = {
            (value.get("image") if kind == "image" else (value.get("image") or {}).get("image"))
            for kind, value in blocks
            if kind in ("image", "benefit_section")
        }
        if image_id in shown:
            return None
        alt = self.attachments[thumbnail].alt
        if not alt:
            self.report.problem(item, "featured image has no alt text; marked decorative")
        return {"image": image_id, "decorative": not alt, "alt_text": alt}

    def article_fields(self, page, item):
        if item.date:
            page.date = item.date
        author_name = (self.channel.authors.get(item.creator) or item.creator)[:120]
        if author_name:
            if author_name not in self.authors:
                self.authors[author_name], _ = Author.objects.get_or_create(name=author_name)
            page.author = self.authors[author_name]
        categories = []
        for domain, nicename, name in item.terms:
            if domain != "category" or nicename in UNCATEGORIZED:
                continue
            if (nicename, name) not in self.categories:
                category = ArticleCategory.objects.filter(slug=nicename).first()
                if category is None:
                    category = ArticleCategory.objects.filter(name=name).first() or (
                        ArticleCategory.objects.create(
                            name=name[:80] or nicename, slug=nicename[:80]
                        )
                    )
                self.categories[(nicename, name)] = category
            categories.append(self.categories[(nicename, name)])
        page.categories = categories

    def save(self, page, item, *, created, old_title):
        """A revision for the page, published as WordPress had it, with WordPress's dates."""
        status = item.status
        if status == "future" and item.date_gmt and item.date_gmt > timezone.now():
            page.go_live_at = item.date_gmt
        publishing = status in ("publish", "private", "future")
        if publishing and not (page.go_live_at and page.go_live_at > timezone.now()):
            revision = self.publish_now(page, item, created=created, old_title=old_title)
        else:
            # A draft or a scheduled page (a few in an export): Wagtail's own way. (A revision
            # published at once is validated as it is published: cleaning it here too would
            # only run the same queries twice.)
            revision = page.save_revision(log_action=True, clean=not publishing)
            if publishing:
                revision.publish()
        if status == "private":
            PageViewRestriction.objects.get_or_create(
                page=page, restriction_type=PageViewRestriction.LOGIN
            )
        return revision

    def publish_now(self, page, item, *, created, old_title):
        """What page.save_revision() then revision.publish() leave, in one save of the page: a
        revision that is the latest and the live one, the page live with WordPress's dates, and
        the same log entries (edit, rename when the title changed, publish).

        Publishing saves the page a second time, reads it back from its revision, sends
        page_published and looks for workflows, aliases and comments to update. A page this run
        created has none of those; one it updates is looked at as publishing would. The signal's
        one receiver (the page cache) is told once, when the import commits (pages_published)."""
        validate_filled(page)  # as publishing validates it: refused before anything is written
        new = page.pk in self.new_pages
        if new:  # (no comments to read for the revision: nobody could comment on it yet)
            setattr(page, COMMENTS_RELATION_NAME, [])
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        now = timezone.now()
        page.latest_revision = revision
        page.latest_revision_created_at = revision.created_at
        page.draft_title = page.title
        page.live = True
        page.live_revision = revision
        page.has_unpublished_changes = False
        page.expired = False
        page.first_published_at = item.date_gmt or page.first_published_at or now
        page.last_published_at = (
            max(item.modified_gmt, item.date_gmt or item.modified_gmt) if item.modified_gmt else now
        )
        save_filled(page, new=new)
        if not created:
            # A revision scheduled before would later replace this one: no longer scheduled.
            page.revisions.exclude(pk=revision.pk).filter(approved_go_live_at__isnull=False).update(
                approved_go_live_at=None
            )
            if workflow_state := page.current_workflow_state:
                workflow_state.cancel()
            page.update_aliases(revision=revision, _content=revision.content)
        self.page_log.add(page, "wagtail.edit", revision=revision, content_changed=True)
        data = None
        if old_title is not None and old_title != page.title:
            data = {"title": {"old": old_title, "new": page.title}}
            self.page_log.add(page, "wagtail.rename", revision=revision, data=data)
        self.page_log.add(
            page, "wagtail.publish", revision=revision, data=data, content_changed=True
        )
        self.published.append(page.pk)
        return revision

    def import_rating(self, item, page):
        found = rating_from(item.meta)
        if found is None:
            return
        votes, total = found
        if votes <= 0:
            return
        if not votes <= total <= votes * MAX_STARS:
            self.report.problem(
                item, f"kk Star Ratings total {total} for {votes} votes is impossible; not imported"
            )
            return
        rating = PageRating.objects.filter(page=page).first()
        if rating is not None and (rating.votes, rating.total) != (votes, total) and rating.votes:
            self.report.problem(
                item, "rating kept: this page has votes cast here since (WordPress's not imported)"
            )
            return
        PageRating.objects.update_or_create(page=page, defaults={"votes": votes, "total": total})
        self.report.ratings += 1

    # Redirects

    def make_redirects(self):
        home_path = self.home.url_path
        entries = [
            e
            for e in self.entries.values()
            if e.kind and e.page_id is not None and e.status in ("publish", "private")
        ]
        url_paths = dict(
            Page.objects.filter(pk__in=[e.page_id for e in entries]).values_list("pk", "url_path")
        )
        # An old address where a page of this site now stands is that page's: a redirect there
        # would never be followed (and would say otherwise in the report).
        taken = {
            "/" + path[len(home_path) :]
            for path in Page.objects.descendant_of(self.home).values_list("url_path", flat=True)
        }
        wanted = {}  # normalised old path -> (old path as shown, page id, new path)
        for entry in entries:
            new_path = "/" + url_paths[entry.page_id][len(home_path) :]
            old_paths = [normal_path(entry.path)] if not urlsplit(entry.path).query else []
            for old_slug in entry.old_slugs:
                if old_slug and old_paths:
                    parent_path = old_paths[0].rstrip("/").rsplit("/", 1)[0]
                    old_paths.append(f"{parent_path}/{old_slug}/")
            old_paths.append(f"/?p={entry.wp_id}")
            if entry.post_type == "page":
                old_paths.append(f"/?page_id={entry.wp_id}")
            for old in old_paths:
                if old not in ("/", new_path) and old not in taken:
                    wanted[Redirect.normalise_path(old)] = (old, entry.page_id, new_path)
        standing = {
            r.old_path: r for r in Redirect.objects.filter(site=None, old_path__in=list(wanted))
        }
        new = []
        for normalised, (old, page_id, new_path) in wanted.items():
            redirect = standing.get(normalised)
            if redirect is None:
                new.append(
                    Redirect(
                        old_path=normalised, site=None, redirect_page_id=page_id, is_permanent=True
                    )
                )
                self.report.redirects.append({"from": old, "to": new_path})
            elif (redirect.redirect_page_id, redirect.is_permanent) != (page_id, True):
                redirect.redirect_page_id = page_id
                redirect.redirect_link = ""
                redirect.is_permanent = True
                redirect.save(update_fields=["redirect_page", "redirect_link", "is_permanent"])
        Redirect.objects.bulk_create(new, batch_size=500)


def unreadable_image(data):
    """Why Pillow cannot take this file as a picture (None when it can)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as picture:
                width, height = picture.size
                if width * height > MAX_IMAGE_PIXELS:
                    return f"{width}×{height} pixels is too large to be a web picture"
                picture.verify()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        return "refused: too many pixels (a decompression bomb?)"
    except Exception as error:  # noqa: BLE001 - any reason Pillow gives is the answer
        return f"not a picture Pillow can read ({type(error).__name__})"
    return None
