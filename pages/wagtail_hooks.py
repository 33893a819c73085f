import wagtail.admin.rich_text.editors.draftail.features as draftail_features
from django.templatetags.static import static
from django.utils.html import format_html
from draftjs_exporter.dom import DOM
from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineEntityElementHandler

CITATION_ENTITY = "CITATION"


def citation_entity_decorator(props):
    """Editor content -> stored HTML: <citation id="UUID">[cite]</citation>."""
    return DOM.create_element("citation", {"id": props.get("citation", "")}, props["children"])


class CitationElementHandler(InlineEntityElementHandler):
    """Stored HTML -> editor content."""

    mutability = "IMMUTABLE"

    def get_attribute_data(self, attrs):
        return {"citation": attrs.get("id", "")}


@hooks.register("register_rich_text_features")
def register_citation_feature(features):
    features.register_editor_plugin(
        "draftail",
        "citation",
        draftail_features.EntityFeature(
            {
                "type": CITATION_ENTITY,
                "label": "Cite",
                "description": "Insert a citation marker for one of this page's citations",
            },
            js=["wagtailadmin/js/draftail.js", "pages/admin/citation-feature.js"],
            css={"all": ["pages/admin/citation-feature.css"]},
        ),
    )
    features.register_converter_rule(
        "contentstate",
        "citation",
        {
            "from_database_format": {"citation[id]": CitationElementHandler(CITATION_ENTITY)},
            "to_database_format": {
                "entity_decorators": {CITATION_ENTITY: citation_entity_decorator}
            },
        },
    )


@hooks.register("insert_global_admin_js")
def length_limits_js():
    """Fields with a length limit show a counter and never cut pasted text (length-limits.js)."""
    return format_html('<script src="{}" defer></script>', static("pages/admin/length-limits.js"))


@hooks.register("insert_global_admin_css")
def length_limits_css():
    return format_html('<link rel="stylesheet" href="{}">', static("pages/admin/length-limits.css"))
