"""One way to read rendered HTML in tests, the way a person or a machine would (BeautifulSoup)."""

import json
import re

from bs4 import BeautifulSoup


def soup_of(html):
    """The parsed document (accepts a response, bytes or text)."""
    if hasattr(html, "content"):
        html = html.content
    return BeautifulSoup(html, "html.parser")


def text_of(html):
    """Visible text with tags removed and whitespace collapsed (no scripts or styles)."""
    soup = soup_of(html) if not isinstance(html, BeautifulSoup) else html
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    return re.sub(r"\s+", " ", soup.get_text(" ")).strip()


def texts_of(html, selector):
    """The text of every element matching a CSS selector (or a tag name), in document order."""
    return [
        re.sub(r"\s+", " ", element.get_text(" ")).strip()
        for element in soup_of(html).select(selector)
    ]


def links(html):
    """(href, text) of every link, in document order."""
    return [
        (a["href"], re.sub(r"\s+", " ", a.get_text(" ")).strip())
        for a in soup_of(html).find_all("a", href=True)
    ]


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
