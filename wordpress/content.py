"""A WordPress post's HTML turned into the blocks of our pages.

The steps, in order:
1. Shortcodes: call-to-action shortcodes become call-to-action boxes, captions keep their image,
   everything else is removed (and listed), so no visitor ever sees `[shortcode]` text.
2. Paragraphs: classic-editor content has none (WordPress adds them on display); they are made
   the way WordPress makes them, but never for Gutenberg content, which has its own.
3. Sanitising: an allow-list (nh3) drops scripts, styles, frames, forms, event handlers,
   `javascript:` URLs and inline styles; what went is counted for the report.
4. Structure: `<h2>` groups become benefit sections, the text before the first one the
   introduction or a text block; call-to-action boxes (classic HTML, Gutenberg groups or
   shortcodes) become call-to-action blocks; pictures become images; a "Sources" list at the end
   becomes the page's citations and its `[1]`/superscript markers citation markers.
5. Rich text: links to imported pages become page links, links to uploads document links, and
   every text goes through Wagtail's own conversion for the features the editor offers.

Nothing here touches the database: a `Resolver` answers what an address or an image is, so a
dry run converts exactly what a real run would.
"""

import html
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import nh3
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from pages.blocks import RICH_TEXT_FEATURES, CallToActionBlock
from pages.phone import tel_href

# What imported rich text may hold: the editor's features, and document links for uploads.
IMPORT_FEATURES = [*RICH_TEXT_FEATURES, "document-link"]

HEADING_MAX = 120  # BenefitSectionBlock.heading
CTA_HEADING_MAX = 80  # CallToActionBlock.heading
CTA_TEXT_MAX = 240  # CallToActionBlock.text
# The call-to-action block's own defaults, for a box that has only a number.
CTA_DEFAULT_HEADING = CallToActionBlock.base_blocks["heading"].meta.default
CTA_DEFAULT_TEXT = CallToActionBlock.base_blocks["text"].meta.default

CTA_SHORTCODES = {"cta", "call_to_action", "call-to-action", "calltoaction", "cta_box"}
RATING_SHORTCODES = {"kkstarratings", "kkstar_ratings", "kk-star-ratings", "kksr"}
# Shortcodes whose enclosed content is only what the plugin shows (a URL, a form's settings).
ENCLOSED_DROPPED = {"embed", "video", "audio", "playlist", "gallery", "contact-form-7"}

SHORTCODE = re.compile(r"\[(\[?)(/?)([A-Za-z][\w-]*)((?:\s[^\]]*)?)(/?)\](\]?)")
ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')

BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|"
    "area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|"
    "hgroup|header|footer|nav|figure|figcaption|details|menu|summary|script|iframe|noscript|aside"
)

# What the sanitiser lets through (structure the converter reads; everything else goes).
ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "a", "ul", "ol",
    "li", "img", "sup", "sub", "blockquote", "figure", "figcaption", "div", "section", "aside",
    "article", "span", "table", "thead", "tbody", "tr", "td", "th", "hr", "cite", "u",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "class", "width", "height"},
    "div": {"class"},
    "aside": {"class"},
    "section": {"class"},
    "figure": {"class"},
    "p": {"class"},
}
CONTENT_DROPPED_TAGS = {"script", "style", "iframe", "noscript", "template", "object", "svg"}
COUNTED_ELEMENTS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "select", "textarea", "link", "meta", "base", "svg", "noscript",
}  # fmt: skip

SOURCES_HEADING = re.compile(
    r"^\s*(sources|references|citations|works cited|bibliography|notes)\s*:?\s*$", re.I
)
MARKER = re.compile(
    # A bracket marker takes the space before it along ("one study [2]" reads "one study²").
    r"<sup>\s*(?:<a\b[^>]*>)?\s*\[?\s*(\d{1,3})\s*\]?\s*(?:</a>)?\s*</sup>|[ \t]?\[(\d{1,3})\]"
)
PHONE = re.compile(r"(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b")
RESIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")
PLACEHOLDER = "wpimport-"
PLACEHOLDER_LINK = re.compile(r'<a href="#wpimport-(page|document)-(\d+)">')
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")


@dataclass
class Notes:
    """What converting one item left out or could not map, for the report."""

    shortcodes: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)
    images_missing: list = field(default_factory=list)
    links_to_pages: int = 0
    links_to_documents: int = 0


@dataclass
class CitationSpec:
    number: int
    source: str
    title: str
    url: str
    uuid: uuid.UUID


@dataclass
class Converted:
    intro: str
    blocks: list  # (block type, value) pairs for the body StreamField
    citations: list  # CitationSpec, in the list's order
    notes: Notes


class Resolver:
    """Answers, for the converter, what an address of the old site is here.

    `page_id(path)`: the ID of the imported page at that old address (or None); `image(url,
    wp_id)`: (image ID, its alt text) for an upload (or None, reported); `document_id(url)`: a
    document for a non-image upload (or None). The importer gives a real one; this base knows
    nothing.
    """

    hosts = frozenset()
    admissions_phone = ""

    def page_id(self, path):
        return None

    def image(self, url, wp_id=None):
        return None

    def document_id(self, url):
        return None


# 1. Shortcodes -------------------------------------------------------------------------------


def shortcode_attributes(text):
    return {
        match.group(1).lower(): html.unescape(match.group(2) or match.group(3) or match.group(4))
        for match in ATTRIBUTE.finditer(text or "")
    }


def replace_shortcodes(text, notes, ctas):
    """Shortcodes out: CTAs become `<aside class="wpimport-cta-N">` (their values in `ctas`)."""
    enclosing = {
        match.group(3).lower()
        for match in SHORTCODE.finditer(text)
        if match.group(2) == "/" and not match.group(1)
    }
    for name in enclosing & (CTA_SHORTCODES | ENCLOSED_DROPPED | {"caption", "wp_caption"}):
        pattern = re.compile(
            rf"\[{re.escape(name)}(\s[^\]]*)?\](.*?)\[/{re.escape(name)}\]", re.I | re.S
        )

        def enclosed(match, name=name):
            attributes = shortcode_attributes(match.group(1))
            inner = match.group(2)
            if name in CTA_SHORTCODES:
                ctas.append({**attributes, "content": inner})
                return f'\n\n<aside class="wpimport-cta-{len(ctas) - 1}"></aside>\n\n'
            if name in ("caption", "wp_caption"):
                return inner  # the image and its caption text
            notes.shortcodes[name] += 1
            return ""

        text = pattern.sub(enclosed, text)

    def single(match):
        if match.group(1) and match.group(6):  # [[name]]: WordPress's way to show it literally
            return match.group(0)[1:-1]
        name = match.group(3).lower()
        if name in CTA_SHORTCODES and match.group(2) != "/":
            ctas.append(shortcode_attributes(match.group(4)))
            return f'\n\n<aside class="wpimport-cta-{len(ctas) - 1}"></aside>\n\n'
        if match.group(2) != "/":
            notes.shortcodes[name] += 1
        return ""

    return SHORTCODE.sub(single, text)


# 2. Paragraphs -------------------------------------------------------------------------------


def is_gutenberg(text):
    return "<!-- wp:" in text


def wpautop(text):
    """Paragraphs from blank lines and line breaks from single newlines, as WordPress does."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ""
    text = re.sub(rf"(<(?:{BLOCK_TAGS})[\s/>])", r"\n\n\1", text, flags=re.I)
    text = re.sub(rf"(</(?:{BLOCK_TAGS})>)", r"\1\n\n", text, flags=re.I)
    chunks = re.split(r"\n\s*\n", text)
    result = []
    opens_block = re.compile(rf"^</?(?:{BLOCK_TAGS})[\s/>]", re.I)
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if opens_block.match(chunk):
            result.append(chunk)
        else:
            result.append("<p>" + re.sub(r"\s*\n\s*", "<br />\n", chunk) + "</p>")
    return "\n".join(result)


# 3. Sanitising -------------------------------------------------------------------------------


class DangerCounter(HTMLParser):
    """Counts what the sanitiser drops, element by element as the HTML parser reads them (the
    elements BeautifulSoup would build from the same text, without building them)."""

    def __init__(self, notes):
        super().__init__()
        self.notes = notes

    def handle_starttag(self, tag, attrs):
        removed = self.notes.removed
        if tag in COUNTED_ELEMENTS:
            removed[f"<{tag}>"] += 1
        for attribute, value in dict(attrs).items():  # (a repeated attribute counts once)
            if attribute.startswith("on"):
                removed["event handler attributes"] += 1
            elif attribute == "style":
                removed["inline styles"] += 1
            elif attribute in ("href", "src", "action", "formaction", "data"):
                cleaned = re.sub(r"[\x00-\x20]", "", value or "").lower()
                if cleaned.startswith(("javascript:", "vbscript:", "data:text")):
                    removed["javascript: URLs"] += 1


def count_dangerous(text, notes):
    counter = DangerCounter(notes)
    counter.feed(text)
    counter.close()


def sanitise(text, notes):
    count_dangerous(text, notes)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        clean_content_tags=CONTENT_DROPPED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )


# 4. Structure --------------------------------------------------------------------------------


def text_of(element):
    return " ".join(element.get_text(" ").split())


def cta_index(element):
    for css_class in element.get("class") or []:
        match = re.fullmatch(r"wpimport-cta-(\d+)", css_class)
        if match:
            return int(match.group(1))
    return None


def phone_in(element):
    for link in element.find_all("a", href=True):
        if link["href"].lower().startswith("tel:"):
            return link["href"][4:], link
    match = PHONE.search(text_of(element))
    return (match.group(0), None) if match else ("", None)


def looks_like_cta(element):
    """A box (not a section of the text) that asks the reader to call: short, with a number."""
    if element.name not in ("div", "aside", "section", "table", "blockquote", "article"):
        return False
    if element.find(["h2", "h1"]) or element.find(["ul", "ol"]):
        return False
    text = text_of(element)
    if not text or len(text) > CTA_TEXT_MAX + CTA_HEADING_MAX + 60:
        return False
    return bool(phone_in(element)[0])


# Formatting left open across paragraphs (`<p>a <b>bold</p><p>next</p>`) comes out of the
# sanitiser's HTML5 parser as the formatting wrapped around the next paragraphs, which Wagtail's
# rich-text converter cannot take (it asserts that a paragraph ends with no style open).
FORMATTING_TAGS = ["a", "b", "strong", "i", "em", "span", "u", "small", "sup", "sub", "cite"]
PARAGRAPH_TAGS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "div"]


def unwrap_inline_around_blocks(soup):
    """Take away each inline element that holds a paragraph or another block (keeping what it
    holds): the paragraphs stay paragraphs, with the formatting they hold themselves."""
    for tag in soup.find_all(FORMATTING_TAGS):
        if tag.find(PARAGRAPH_TAGS) is not None:
            tag.unwrap()


class Converter:
    """Converts one item's content. Keep one per import: it reuses Wagtail's converter."""

    def __init__(self, resolver):
        self.resolver = resolver
        self.rich_text = ContentstateConverter(IMPORT_FEATURES)

    def convert(self, content, *, excerpt="", key=""):
        notes = Notes()
        ctas = []
        text = content or ""
        gutenberg = is_gutenberg(text)
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
        text = replace_shortcodes(text, notes, ctas)
        if not gutenberg:
            text = wpautop(text)
        text = sanitise(text, notes)
        soup = BeautifulSoup(text, "html.parser")
        unwrap_inline_around_blocks(soup)
        elements = list(self.flatten(soup))
        body, sources = self.split_sources(elements)
        citations = self.citations(sources, key, notes)
        self.numbers = {c.number: c for c in citations}
        self.used_numbers = set()
        intro, blocks = self.build_blocks(body, ctas, excerpt, notes)
        for number in sorted(set(self.numbers) - self.used_numbers):
            notes.problems.append(f"source {number} is listed but never cited in the text")
        return Converted(intro=intro, blocks=blocks, citations=citations, notes=notes)

    def flatten(self, node):
        """The content's top-level pieces, with wrappers that are not boxes opened up."""
        for child in list(node.children):
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if child.strip():
                    paragraph = Tag(name="p")
                    paragraph.string = str(child)
                    yield paragraph
                continue
            if cta_index(child) is not None or looks_like_cta(child):
                yield child
            elif child.name in ("div", "section", "article", "aside", "span"):
                yield from self.flatten(child)
            else:
                yield child

    # Sources and citations

    def is_sources_heading(self, element):
        if element.name in ("h1", "h2", "h3", "h4", "h5", "h6", "p"):
            return bool(SOURCES_HEADING.match(text_of(element)))
        return False

    def split_sources(self, elements):
        """(body, source entries): the "Sources" list at the end is taken out of the body."""
        for position in range(len(elements) - 1, -1, -1):
            if self.is_sources_heading(elements[position]):
                after = elements[position + 1 :]
                entries = []
                rest = []
                for element in after:
                    if element.name in ("ol", "ul"):
                        entries.extend(element.find_all("li", recursive=False))
                    elif element.name == "p" and element.find("a", href=True) and not rest:
                        entries.append(element)
                    else:
                        rest.append(element)
                if entries:
                    return elements[:position] + rest, entries
        return elements, []

    def citations(self, entries, key, notes):
        result = []
        for number, entry in enumerate(entries, start=1):
            text = text_of(entry)
            text = re.sub(r"^\s*\[?\d{1,3}[\].)]?\s+", "", text)
            link = next(
                (a for a in entry.find_all("a", href=True) if a["href"].startswith("http")), None
            )
            url = link["href"] if link else ""
            if not url:
                bare = re.search(r"https?://\S+", text)
                url = bare.group(0).rstrip(".,;)") if bare else ""
            if not url:
                notes.problems.append(f"source {number} has no web address; not imported: {text}")
                continue
            title = text_of(link) if link is not None else ""
            before = text.split(title)[0] if title else text.split(url)[0]
            source = before.strip(" .,;:–—-") or (urlsplit(url).hostname or "").removeprefix("www.")
            if not title or title == url:
                title = source
            result.append(
                CitationSpec(
                    number=number,
                    source=source[:200],
                    title=title[:300],
                    url=url[:500],
                    uuid=uuid.uuid5(uuid.NAMESPACE_URL, f"{key}#citation-{number}"),
                )
            )
        return result

    def markers(self, html_text, notes):
        def replace(match):
            number = int(match.group(1) or match.group(2))
            citation = self.numbers.get(number)
            if citation is None:
                problem = f"citation marker [{number}] has no source in the Sources list"
                if problem not in notes.problems:
                    notes.problems.append(problem)
                return ""
            self.used_numbers.add(number)
            return f'<citation id="{citation.uuid}">[cite]</citation>'

        return MARKER.sub(replace, html_text)

    # Blocks

    def build_blocks(self, elements, ctas, excerpt, notes):
        blocks = []
        preface = []  # rich text before the first <h2>
        section = None  # {"heading", "parts", "image", "after"}

        intro = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", excerpt or "")).split())

        def flush_preface():
            nonlocal intro
            if not preface:
                return
            # The text before the first section is the introduction when the post has no
            # excerpt of its own and that text is one short plain paragraph.
            if not intro and not blocks and len(preface) == 1:
                candidate = BeautifulSoup(preface[0], "html.parser").find(True)
                words = text_of(candidate) if candidate is not None else ""
                if (
                    candidate.name == "p"
                    and len(words) <= 400
                    and not MARKER.search(preface[0])
                    and not candidate.find("a")
                ):
                    intro = words
                    preface.clear()
                    return
            text = self.finish_rich_text("".join(preface), notes)
            if text:
                blocks.append(("text", text))
            preface.clear()

        def close_section():
            nonlocal section
            if section is None:
                return
            text = self.finish_rich_text("".join(section["parts"]), notes)
            heading = section["heading"]
            if text and len(heading) <= HEADING_MAX:
                value = {"heading": heading, "text": text}
                if section["image"]:
                    value["image"] = section["image"]
                blocks.append(("benefit_section", value))
            else:
                # A heading with no text under it (or too long for a section heading) stays a
                # heading in a text block: nothing is lost.
                heading_html = f"<h3>{html.escape(heading)}</h3>"
                blocks.append(("text", self.finish_rich_text(heading_html, notes) + text))
                if section["image"]:
                    blocks.append(("image", section["image"]))
            blocks.extend(section["after"])
            section = None

        def add_image(image_value):
            if section is not None:
                if section["image"] is None and not section["parts"]:
                    section["image"] = image_value
                else:
                    section["after"].append(("image", image_value))
            else:
                flush_preface()
                blocks.append(("image", image_value))

        for element in elements:
            index = cta_index(element)
            if index is not None or looks_like_cta(element):
                value = self.cta(
                    element, ctas[index] if index is not None and index < len(ctas) else None, notes
                )
                if value is None:
                    continue
                if section is not None:
                    section["after"].append(("call_to_action", value))
                else:
                    flush_preface()
                    blocks.append(("call_to_action", value))
                continue
            if element.name in ("h1", "h2"):
                close_section()
                flush_preface()
                section = {"heading": text_of(element), "parts": [], "image": None, "after": []}
                continue
            for image_value in self.take_images(element, notes):
                add_image(image_value)
            if not text_of(element) and not element.find("a"):
                continue
            if element.name in ("h5", "h6"):
                element.name = "h4"
            self.rewrite_links(element, notes)
            (section["parts"] if section is not None else preface).append(str(element))
        close_section()
        flush_preface()
        return intro, blocks

    def take_images(self, element, notes):
        """The pictures in `element`, taken out of it (they become image blocks)."""
        images = [element] if element.name == "img" else element.find_all("img")
        values = []
        for img in images:
            src = img.get("src", "")
            match = WP_IMAGE_CLASS.search(" ".join(img.get("class") or []))
            image = self.resolver.image(src, int(match.group(1)) if match else None)
            alt = " ".join((img.get("alt") or "").split())
            parent = img.parent
            img.decompose()
            if parent is not None and parent.name == "a" and not text_of(parent):
                parent.decompose()
            if image is None:
                notes.images_missing.append(src)
                continue
            image_id, default_alt = image
            alt = alt or default_alt or ""
            values.append({"image": image_id, "decorative": not alt, "alt_text": alt[:255]})
            if not alt:
                notes.problems.append(
                    f"picture {unquote(urlsplit(src).path.rsplit('/', 1)[-1])} has no alt text; "
                    "marked decorative: describe it if it carries meaning"
                )
        for caption in element.find_all("figcaption"):
            caption.name = "p"
        return values

    def rewrite_links(self, element, notes):
        for link in element.find_all("a"):
            href = (link.get("href") or "").strip()
            if not href:
                link.unwrap()
                continue
            parts = urlsplit(href)
            own = not parts.netloc or parts.hostname in self.resolver.hosts
            if own and "/wp-content/uploads/" in parts.path:
                document = self.resolver.document_id(href)
                if document is not None:
                    link.attrs = {"href": f"#{PLACEHOLDER}document-{document}"}
                    notes.links_to_documents += 1
                continue
            if own and parts.scheme in ("", "http", "https") and not href.startswith("#"):
                page_id = self.resolver.page_id(parts.path or "/")
                if page_id is not None:
                    link.attrs = {"href": f"#{PLACEHOLDER}page-{page_id}"}
                    notes.links_to_pages += 1

    def finish_rich_text(self, html_text, notes):
        """Rich text as the editor stores it: markers numbered, only the editor's features."""
        html_text = self.markers(html_text, notes)
        try:
            contentstate = self.rich_text.from_database_format(html_text)
        except AssertionError:  # Wagtail's converter refuses HTML it cannot nest: keep the words
            notes.problems.append(
                "a passage's HTML could not be read as formatted text; its words were kept, "
                "without their formatting or links"
            )
            words = BeautifulSoup(html_text, "html.parser").get_text(" ", strip=True)
            contentstate = self.rich_text.from_database_format(f"<p>{html.escape(words)}</p>")
        result = self.rich_text.to_database_format(contentstate)
        # Page and document links went through as placeholders (Wagtail's converter would look
        # each one up in the database); here they become the links Wagtail stores.
        result = PLACEHOLDER_LINK.sub(r'<a linktype="\1" id="\2">', result)
        # (Wagtail's own HTML: well formed, its text escaped, so its text is what the tags
        # leave.)
        return result if html.unescape(re.sub(r"<[^>]*>", "", result)).strip() else ""

    def cta(self, element, shortcode, notes):
        """A call-to-action block value from a box (or a CTA shortcode's attributes)."""
        if shortcode is not None:
            heading = shortcode.get("heading") or shortcode.get("title") or ""
            inner = BeautifulSoup(shortcode.get("content", ""), "html.parser")
            text = shortcode.get("text") or text_of(inner)
            phone = shortcode.get("phone") or phone_in(inner)[0]
            link_url = shortcode.get("url") or shortcode.get("link") or ""
            link_text = shortcode.get("button") or shortcode.get("button_text") or ""
        else:
            heading_element = element.find(["h1", "h2", "h3", "h4", "h5", "h6", "strong", "b"])
            heading = text_of(heading_element) if heading_element else ""
            phone, phone_link = phone_in(element)
            link = next(
                (
                    a
                    for a in element.find_all("a", href=True)
                    if not a["href"].lower().startswith("tel:")
                ),
                None,
            )
            link_url = link["href"] if link is not None else ""
            link_text = text_of(link) if link is not None else ""
            text = text_of(element)
            for known in (heading, link_text, text_of(phone_link) if phone_link else "", phone):
                if known:
                    text = text.replace(known, " ", 1)
            text = " ".join(text.split()).strip(" :–—-")
        heading = " ".join(heading.split())
        text = " ".join(text.split())
        value = {
            "heading": (heading or CTA_DEFAULT_HEADING)[:CTA_HEADING_MAX],
            "text": text[:CTA_TEXT_MAX],
            "show_phone": bool(phone),
            "phone": "",
        }
        if phone:
            number = tel_href(phone)
            if not number:
                notes.problems.append(
                    f"call-to-action number {phone!r} is not a valid phone number; the box shows "
                    "the admissions number"
                )
            elif number != tel_href(self.resolver.admissions_phone):
                value["phone"] = phone
        link_value = self.cta_link(link_url, link_text)
        if link_value:
            value["link"] = link_value
        if not value["show_phone"] and "link" not in value:
            return None
        if not value["text"]:
            value["text"] = CTA_DEFAULT_TEXT
        return value

    def cta_link(self, url, text):
        if not url:
            return None
        parts = urlsplit(url)
        if not parts.netloc or parts.hostname in self.resolver.hosts:
            page_id = self.resolver.page_id(parts.path or "/")
            if page_id is not None:
                return {"text": text[:80], "page": page_id, "url": ""}
        if parts.scheme in ("http", "https"):
            return {"text": (text or "Find out more")[:80], "page": None, "url": url}
        return None
