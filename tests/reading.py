"""Small helpers to read rendered HTML the way a person or a machine would."""

import re
from html import unescape
from html.parser import HTMLParser


def text_of(html):
    """Visible text with tags removed and whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


class _Collector(HTMLParser):
    def __init__(self, tag):
        super().__init__()
        self.tag = tag
        self.depth = 0
        self.current = []
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            self.depth += 1
            if self.depth == 1:
                self.current = []

    def handle_endtag(self, tag):
        if tag == self.tag and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.found.append(re.sub(r"\s+", " ", "".join(self.current)).strip())

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)


def texts_of(html, tag):
    """The text of every <tag> element, in document order."""
    collector = _Collector(tag)
    collector.feed(html)
    return collector.found


def links(html):
    """(href, text) of every link, in document order."""
    return [
        (unescape(href), text_of(text))
        for href, text in re.findall(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', html, re.DOTALL)
    ]
