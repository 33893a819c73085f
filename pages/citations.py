"""Citation markers in rich text.

Editors insert a marker with the "Cite" button of the rich text editor; it is stored as
``<citation id="UUID">[cite]</citation>`` inside the rich text HTML, pointing at one of the page's
``Citation`` rows (pages.models.Citation). The page numbers citations by their first appearance in
its body, and the rich text block replaces each marker with a superscript link to its reference.
A marker whose citation was deleted renders as nothing.
"""

import re

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail import blocks

from pages.streams import stored_blocks

CITATION_TAG = re.compile(r'<citation id="([^"]*)">.*?</citation>', re.DOTALL)


def citation_ids_in(html):
    return CITATION_TAG.findall(str(html or ""))


def strip_markers(html):
    """Rich text HTML without its citation markers (where no references are shown)."""
    return mark_safe(CITATION_TAG.sub("", str(html)))  # noqa: S308 - our own markup


def rich_text_sources(stream):
    """The HTML of every rich text in a stream, in reading order, from its stored form:
    numbering the citations loads none of the stream's images or chosen pages."""
    for block, value in stored_blocks(stream):
        if isinstance(block, blocks.RichTextBlock):
            yield str(value)


class CitationIndex:
    """The page's citations numbered by first appearance, and a counter of each marker's uses."""

    def __init__(self, citations, ordered_ids):
        by_id = {str(citation.uuid): citation for citation in citations}
        self.numbered = []
        self.number_of = {}
        for citation_id in ordered_ids:
            citation = by_id.get(citation_id)
            if citation is not None and citation_id not in self.number_of:
                self.number_of[citation_id] = len(self.numbered) + 1
                self.numbered.append(citation)
        self.uncited = [c for c in citations if str(c.uuid) not in self.number_of]
        self._uses = {}

    @classmethod
    def for_stream(cls, citations, stream):
        sources = rich_text_sources(stream)
        ordered_ids = [citation_id for source in sources for citation_id in citation_ids_in(source)]
        return cls(citations, ordered_ids)

    def references(self):
        """(number, citation) pairs for the references list, in citation order."""
        return list(enumerate(self.numbered, start=1))

    def all_citations(self):
        """Every citation of the page: the numbered ones in order, then the uncited ones."""
        return [*self.numbered, *self.uncited]

    def render_markers(self, html):
        def replace(match):
            citation_id = match.group(1)
            number = self.number_of.get(citation_id)
            if number is None:
                return ""
            use = self._uses[citation_id] = self._uses.get(citation_id, 0) + 1
            return render_to_string(
                "components/citation_marker.html", {"number": number, "use": use}
            ).strip()

        return mark_safe(CITATION_TAG.sub(replace, str(html)))  # noqa: S308 - our own markup
