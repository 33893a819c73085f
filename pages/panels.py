"""Panels for the page editor: the Promote and Settings tabs written for editors rather than
developers, and a field editors never see."""

from django import forms
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.models import CommentPanelPlaceholder

PLAIN_PROMOTE_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel(
                "slug",
                help_text=(
                    "The last part of the page’s web address, e.g. ‘intensive-outpatient’. Use "
                    "lowercase words joined by hyphens. Changing it breaks links to the old "
                    "address unless you add a redirect."
                ),
            ),
            FieldPanel(
                "seo_title",
                help_text=(
                    "Optional. The title shown in search engine results and browser tabs, if it "
                    "should differ from the page title. Keep it under 60 characters."
                ),
            ),
            FieldPanel(
                "search_description",
                help_text=(
                    "One or two sentences shown under the title in search engine results. "
                    "Write it for a worried reader: what the page answers, in plain words."
                ),
            ),
        ],
        heading="For search engines",
    ),
]

# Wagtail shows publishing dates in the page's status panel; the tab keeps the menu setting.
PLAIN_SETTINGS_PANELS = [
    HelpPanel(
        content=(
            "<p><strong>Publishing on a set date:</strong> open the page’s status panel (the ⓘ "
            "button at the top of the editor), choose <em>Set schedule</em> and pick the go-live "
            "date, then publish or submit the page as usual. It goes live on that date.</p>"
        ),
        heading="Scheduling",
    ),
    FieldPanel(
        "show_in_menus",
        heading="Show in menus",
        help_text="Tick to list this page in the site’s menus and program lists.",
    ),
    PublishingPanel(
        help_text=(
            "To publish later, set a go-live date, then use ‘Publish’ (or submit for review): "
            "the page goes live on that date. An expiry date takes it down again."
        ),
    ),
    CommentPanelPlaceholder(),
]


class HiddenFieldPanel(FieldPanel):
    """A field only the editor's JavaScript fills in: a hidden input, without a label or help
    (a FieldPanel with a HiddenInput still shows both, with nothing to fill in under them)."""

    def __init__(self, field_name, attrs=None, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput(attrs=attrs or {}))
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        template_name = "pages/admin/hidden_field_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.heading = ""
            self.help_text = ""


def editor_tabs(content_panels, *middle_tabs, settings_panels=()):
    """The page editor's tabs: Content, any tabs a feature adds (e.g. Clinical review), then
    the plain Promote and Settings tabs, Settings ending with the page type's own switches."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            *middle_tabs,
            ObjectList(PLAIN_PROMOTE_PANELS, heading="Promote"),
            ObjectList([*PLAIN_SETTINGS_PANELS, *settings_panels], heading="Settings"),
        ]
    )
