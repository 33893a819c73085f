"""Reading a WordPress export (WXR 1.1 or 1.2, Tools → Export) as a stream.

The file is read twice by the importer, each time element by element: an item is handed over
when its closing tag is read and cleared right after, so memory stays flat however large the
export is. XML that declares a DTD or entities is refused before anything is expanded
(defusedxml). Anything that is not a WordPress export stops with `NotAnExport`, whose message is
one line a person can act on.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

# What the importer reads of the plugins' post meta. Everything else is left in the file: in
# particular kk Star Ratings' `_kksr_ips` (readers' addresses) is never read.
META_KEYS = {
    "_thumbnail_id",
    "_wp_attached_file",
    "_wp_attachment_image_alt",
    "_wp_old_slug",
    "_wp_page_template",
    "_yoast_wpseo_title",
    "_yoast_wpseo_metadesc",
    "_kksr_count_default",
    "_kksr_ratings_default",
    "_kksr_avg_default",
    "_kksr_casts",
    "_kksr_ratings",
    "_kksr_avg",
    "_menu_item_type",
    "_menu_item_object",
    "_menu_item_object_id",
}
# Keys WordPress may repeat on one item (a post renamed twice has two old slugs).
REPEATED_META = {"_wp_old_slug"}

PREFIXES = [
    ("http://wordpress.org/export/", "wp"),
    ("http://purl.org/rss/1.0/modules/content/", "content"),
    ("http://purl.org/dc/elements/1.1/", "dc"),
]


class NotAnExport(Exception):
    """The file is not a WordPress export the importer can read (one line: what and why)."""


def local_name(tag):
    """'{http://wordpress.org/export/1.2/}post_id' -> 'wp:post_id'; excerpt -> 'excerpt:…'."""
    if not tag.startswith("{"):
        return tag
    namespace, _, name = tag[1:].partition("}")
    if re.match(r"http://wordpress\.org/export/[\d.]+/excerpt/", namespace):
        return f"excerpt:{name}"
    for start, prefix in PREFIXES:
        if namespace.startswith(start):
            return f"{prefix}:{name}"
    return name


def gmt(value):
    """A `_gmt` date of the export as an aware UTC datetime; None for WordPress's 0000-00-00."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def local_date(value):
    """The calendar date of a local WordPress date (what the blog showed), or None."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return dt.datetime.strptime(value[:10], "%Y-%m-%d").date()
    except ValueError:
        return None


def as_int(value, default=0):
    try:
        return int((value or "").strip())
    except ValueError:
        return default


@dataclass
class Item:
    """One `<item>` of the export: a page, post, attachment, menu item or anything else."""

    wp_id: int
    post_type: str
    status: str
    title: str
    slug: str
    parent: int
    menu_order: int
    link: str
    content: str
    excerpt: str
    creator: str
    date: dt.date | None
    date_gmt: dt.datetime | None
    modified_gmt: dt.datetime | None
    attachment_url: str
    meta: dict = field(default_factory=dict)
    terms: list = field(default_factory=list)  # (domain, nicename, name)
    comments: int = 0

    @property
    def path(self):
        """The item's address on the old site ('/about/team/'), from its permalink."""
        return urlsplit(self.link).path or "/"


@dataclass
class Channel:
    """What the export says about the site it came from."""

    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""
    authors: dict = field(default_factory=dict)  # login -> display name

    @property
    def source(self):
        """Which WordPress site the items' IDs belong to (one export's IDs are not another's)."""
        return (self.base_blog_url or self.base_site_url or self.link).rstrip("/")

    @property
    def hosts(self):
        """The host names the site's own links use."""
        return {
            urlsplit(url).hostname
            for url in (self.link, self.base_site_url, self.base_blog_url)
            if url and urlsplit(url).hostname
        }


def sniff(path):
    """Refuse at once what is plainly not an export (with what it looks like instead)."""
    path = Path(path)
    if not path.is_file():
        raise NotAnExport(f"{path}: no such file.")
    with path.open("rb") as handle:
        start = handle.read(4096)
    text = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not text:
        raise NotAnExport(f"{path} is empty: export the site again (Tools → Export in WordPress).")
    if text[:1] in (b"{", b"["):
        raise NotAnExport(
            f"{path} is JSON, not a WordPress export (an XML file from Tools → Export)."
        )
    if not text.startswith(b"<"):
        raise NotAnExport(f"{path} is not XML, so not a WordPress export (Tools → Export).")
    if b"<html" in text or b"<!doctype html" in text:
        raise NotAnExport(
            f"{path} is an HTML page, not a WordPress export: download the file Tools → Export "
            "makes, not the page around it."
        )


class Export:
    """A WordPress export file. `channel` is read on opening; `items()` streams the items."""

    def __init__(self, path):
        self.path = Path(path)
        sniff(self.path)
        self.channel = Channel()
        self.item_count = 0

    def scan(self, visit):
        """Read the whole file once, calling `visit(item)` for each item: this checks the file (a
        truncated one fails here, before anything is written) and counts its items."""
        for item in self.items():
            self.item_count += 1
            visit(item)
        if not self.channel.wxr_version:
            raise NotAnExport(
                f"{self.path} is an RSS feed, not a WordPress export (it has no wp:wxr_version)."
            )

    def items(self):
        """Every item of the export in file order (the file is read again on each call)."""
        try:
            yield from self._items()
        except DefusedXmlException as error:
            raise NotAnExport(
                f"{self.path} declares a DTD or XML entities, which a WordPress export never does; "
                f"refused before anything was expanded ({type(error).__name__})."
            ) from error
        except ParseError as error:
            line = error.position[0] if getattr(error, "position", None) else "?"
            raise NotAnExport(
                f"{self.path} is not well-formed XML (it breaks off or is damaged at line "
                f"{line}); "
                "a truncated download looks like this: export the site again."
            ) from error

    def _items(self):
        stack = []
        root_seen = False
        channel_element = None
        for event, element in iterparse(
            str(self.path), events=("start", "end"), forbid_dtd=True, forbid_entities=True
        ):
            name = local_name(element.tag)
            if event == "start":
                if not root_seen:
                    root_seen = True
                    if name != "rss":
                        raise NotAnExport(
                            f"{self.path} is XML but not a WordPress export (its root element is "
                            f"<{name}>, not <rss>)."
                        )
                stack.append(name)
                if name == "channel" and len(stack) == 2:
                    channel_element = element
                continue
            stack.pop()
            if len(stack) != 2 or stack[1] != "channel":
                continue
            if name == "item":
                yield read_item(element)
                channel_element.clear()  # the item and what came before it: done with
            else:
                self._read_channel_field(name, element)

    def _read_channel_field(self, name, element):
        text = (element.text or "").strip()
        channel = self.channel
        if name == "title":
            channel.title = text
        elif name == "link":
            channel.link = text
        elif name == "wp:base_site_url":
            channel.base_site_url = text
        elif name == "wp:base_blog_url":
            channel.base_blog_url = text
        elif name == "wp:wxr_version":
            channel.wxr_version = text
        elif name == "wp:author":
            fields = {local_name(child.tag): (child.text or "").strip() for child in element}
            login = fields.get("wp:author_login", "")
            if login:
                channel.authors[login] = fields.get("wp:author_display_name") or login


def read_item(element):
    values = {}
    meta = {}
    terms = []
    comments = 0
    for child in element:
        name = local_name(child.tag)
        if name == "wp:postmeta":
            key = value = ""
            for part in child:
                part_name = local_name(part.tag)
                if part_name == "wp:meta_key":
                    key = (part.text or "").strip()
                elif part_name == "wp:meta_value":
                    value = part.text or ""
            if key in REPEATED_META:
                meta.setdefault(key, []).append(value.strip())
            elif key in META_KEYS:
                meta[key] = value
        elif name == "category":
            terms.append(
                (child.get("domain", ""), child.get("nicename", ""), (child.text or "").strip())
            )
        elif name == "wp:comment":
            comments += 1  # counted, never read: comments are personal data of the public
        else:
            values[name] = child.text or ""
    return Item(
        wp_id=as_int(values.get("wp:post_id")),
        post_type=values.get("wp:post_type", "").strip(),
        status=values.get("wp:status", "").strip(),
        title=values.get("title", "").strip(),
        slug=unquote(values.get("wp:post_name", "").strip()),
        parent=as_int(values.get("wp:post_parent")),
        menu_order=as_int(values.get("wp:menu_order")),
        link=values.get("link", "").strip(),
        content=values.get("content:encoded", ""),
        excerpt=values.get("excerpt:encoded", "").strip(),
        creator=values.get("dc:creator", "").strip(),
        date=local_date(values.get("wp:post_date")),
        date_gmt=gmt(values.get("wp:post_date_gmt")),
        modified_gmt=gmt(values.get("wp:post_modified_gmt")),
        attachment_url=values.get("wp:attachment_url", "").strip(),
        meta=meta,
        terms=terms,
        comments=comments,
    )
