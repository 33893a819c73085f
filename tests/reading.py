"""One way to read rendered HTML in tests, the way a person or a machine would (BeautifulSoup).

Every helper accepts a response, bytes, text or an element already parsed (a part of a page).
"""

import json
import re

from bs4 import BeautifulSoup, Tag


def soup_of(html):
    """The parsed document (or the element itself when given one)."""
    if isinstance(html, Tag):
        return html
    if hasattr(html, "content"):
        html = html.content
    return BeautifulSoup(html, "html.parser")


def _words(element):
    # get_text leaves out what nobody reads: scripts, styles, templates and comments.
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def text_of(html):
    """Visible text, tags removed and whitespace collapsed (no scripts or styles)."""
    return _words(soup_of(html))


def texts_of(html, selector):
    """The text of every element matching a CSS selector (or a tag name), in document order."""
    return [_words(element) for element in soup_of(html).select(selector)]


def links(html):
    """(href, text) of every link, in document order."""
    return [(a["href"], _words(a)) for a in soup_of(html).find_all("a", href=True)]


# Attributes that make a browser fetch something by itself (links only load when clicked).
FETCHING = {
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("script", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("link", "href"),
    ("form", "action"),
    ("input", "src"),
}


def resources(html):
    """Every URL the browser loads (or posts to) without a click, in document order: each
    candidate of a srcset, and url(...) in style attributes. (A canonical link is an address for
    search engines: nothing loads it.)"""
    urls = []
    for element in soup_of(html).find_all(True):
        if element.name == "link" and "canonical" in element.get("rel", []):
            continue
        for name, value in element.attrs.items():
            if not value:
                continue
            if (element.name, name) in FETCHING:
                urls += [part.strip().split(" ")[0] for part in value.split(",")]
            if name == "style":
                urls += re.findall(r"url\(['\"]?([^'\")]+)", value)
    return urls


def json_ld(html):
    """Every JSON-LD node on the page: each <script type="application/ld+json">, @graph unrolled."""
    scripts = soup_of(html).find_all("script", type="application/ld+json")
    assert scripts, "no JSON-LD on the page"
    nodes = []
    for script in scripts:
        data = json.loads(script.string)
        nodes += data.get("@graph", [data])
    return nodes


def nodes_of_type(html, type_name):
    return [node for node in json_ld(html) if node.get("@type") == type_name]


def form_values(html, selector="form"):
    """What a browser sends for the form as the page shows it, no button pressed:
    {name: value}, or {name: [values]} for a name that several checked fields share."""
    form = soup_of(html).select_one(selector)
    assert form is not None, f"no {selector} on the page"
    sent = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        # Fields inside <template> are the blank forms a script adds: not sent.
        if not name or field.has_attr("disabled") or field.find_parent("template"):
            continue
        if field.name == "textarea":
            # A browser drops the line break that follows <textarea>.
            values = [field.get_text().removeprefix("\n")]
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if not chosen and options and not field.has_attr("multiple"):
                chosen = options[:1]
            values = [o.get("value", _words(o)) for o in chosen]
        else:
            kind = field.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                continue
            if kind in {"checkbox", "radio"} and not field.has_attr("checked"):
                continue
            values = [field.get("value", "on" if kind in {"checkbox", "radio"} else "")]
        sent.setdefault(name, []).extend(values)
    return {name: values[0] if len(values) == 1 else values for name, values in sent.items()}
