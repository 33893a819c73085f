"""{% page_fragment "body" %}…{% endpage_fragment %}: a part of the served page, rendered once
and shared (pagecache.fragments). `reads_pages=True` when the part shows other pages (titles,
lists); left out, the part reads other pages when the page's body does
(pages.blocks.reads_other_pages).

{% site_fragment "top" %}…{% endsite_fragment %}: a part every page of the site shows alike."""

from django import template
from django.utils.safestring import mark_safe

from pages.blocks import reads_other_pages

from ..fragments import PAGE_FRAGMENTS, SITE_FRAGMENTS, page_fragment, site_fragment

register = template.Library()


class PageFragmentNode(template.Node):
    def __init__(self, name, reads_pages, nodelist):
        self.name, self.reads_pages, self.nodelist = name, reads_pages, nodelist

    def render(self, context):
        page = context.get("page")
        if self.reads_pages is not None:
            reads_pages = bool(self.reads_pages.resolve(context))
        else:
            body = getattr(page, "body", None)
            reads_pages = body is not None and reads_other_pages(body)
        html = page_fragment(
            context.get("request"),
            page,
            self.name,
            lambda: self.nodelist.render(context),
            reads_pages,
        )
        return mark_safe(html)  # noqa: S308 - our own templates' output


@register.tag("page_fragment")
def do_page_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError(
            '{% page_fragment "name" [reads_pages=…] %}: a name, then optionally reads_pages'
        )
    name = bits[1].strip("\"'")
    if name not in PAGE_FRAGMENTS:
        raise template.TemplateSyntaxError(
            f"unknown page fragment {name!r}: choose from {', '.join(PAGE_FRAGMENTS)}"
        )
    reads_pages = None
    if len(bits) == 3:
        key, _, expression = bits[2].partition("=")
        if key != "reads_pages" or not expression:
            raise template.TemplateSyntaxError("page_fragment takes only reads_pages=…")
        reads_pages = parser.compile_filter(expression)
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(name, reads_pages, nodelist)


class SiteFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        html = site_fragment(
            context.get("request"), self.name, lambda: self.nodelist.render(context)
        )
        return mark_safe(html)  # noqa: S308 - our own templates' output


@register.tag("site_fragment")
def do_site_fragment(parser, token):
    bits = token.split_contents()
    name = bits[1].strip("\"'") if len(bits) == 2 else None
    if name not in SITE_FRAGMENTS:
        raise template.TemplateSyntaxError(
            f'{{% site_fragment "name" %}}: one of {", ".join(SITE_FRAGMENTS)}'
        )
    nodelist = parser.parse(("endsite_fragment",))
    parser.delete_first_token()
    return SiteFragmentNode(name, nodelist)
