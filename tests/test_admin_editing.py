"""Editors' side: page rules and what the admin accepts or refuses."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from demo.loader import load_demo
from home.models import HomePage
from pages.blocks import RICH_TEXT_FEATURES
from pages.models import StandardPage
from programs.models import ProgramIndexPage, ProgramPage
from tests.editor_helpers import field_error, stream_errors
from tests.reading import links, resources, soup_of, text_of

MARKER_ID = "3f2c7a56-1d1b-4c55-9a0e-5d9b8b0c1a77"


def program_form(citation=None, cta=None, title="Partial Hospitalization"):
    citation = citation or {
        "source": "National Institute on Drug Abuse",
        "title": "Principles of Drug Addiction Treatment",
        "url": "https://nida.nih.gov/principles",
        "note": "",
        "uuid": MARKER_ID,
    }
    body = [
        (
            "text",
            rich_text(
                f'<p>Treatment works<citation id="{MARKER_ID}">[cite]</citation>.</p>',
                features=RICH_TEXT_FEATURES,
            ),
        )
    ]
    if cta is not None:
        body.append(("call_to_action", cta))
    return nested_form_data(
        {
            "title": title,
            "slug": "partial-hospitalization",
            "intro": "Structured treatment during the day.",
            "level_of_care": "partial_hospitalization",
            "body": streamfield(body),
            "citations": inline_formset([citation]),
            "review_interval_months": 12,
            "action-publish": "publish",
        }
    )


class PageRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()
        cls.programs = ProgramIndexPage.objects.get()
        cls.iop = ProgramPage.objects.get()

    def setUp(self):
        self.login()

    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(ProgramPage, {ProgramIndexPage})
        self.assertAllowedSubpageTypes(ProgramPage, set())
        self.assertAllowedSubpageTypes(ProgramIndexPage, {ProgramPage})
        self.assertCanNotCreateAt(HomePage, ProgramPage)
        self.assertCanNotCreateAt(StandardPage, ProgramPage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(Page, ProgramIndexPage)

    def test_demo_pages_render_edit_and_preview(self):
        for page in [HomePage.objects.get(), self.programs, self.iop]:
            self.assertPageIsRenderable(page)
            edit = self.client.get(f"/admin/pages/{page.pk}/edit/")
            assert edit.status_code == 200
        self.assertPageIsPreviewable(self.iop, post_data=program_form(title="Preview"))

    def test_editor_creates_a_program_page_with_a_citation(self):
        self.assertCanCreate(self.programs, ProgramPage, program_form())
        page = ProgramPage.objects.get(slug="partial-hospitalization")
        hrefs = [href for href, _ in links(self.client.get(page.url))]
        assert "#cite-1" in hrefs  # the marker in the text
        assert "https://nida.nih.gov/principles" in hrefs  # the reference


@pytest.fixture
def add_url(demo):
    return f"/admin/pages/add/programs/programpage/{demo.programs.pk}/"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("url", "", "This field is required."),
        ("url", "ftp://example.org/paper.pdf", "starting with http:// or https://"),
        ("url", "not a web address", "starting with http:// or https://"),
        ("url", "javascript:alert(1)", "starting with http:// or https://"),
        ("source", "", "This field is required."),
    ],
)
def test_bad_citation_is_refused_and_nothing_saved(admin_client, add_url, field, value, message):
    citation = {
        "source": "NIDA",
        "title": "Principles",
        "url": "https://nida.nih.gov/",
        "note": "",
        "uuid": MARKER_ID,
        field: value,
    }
    response = admin_client.post(add_url, program_form(citation=citation))
    assert response.status_code == 200
    shown = field_error(response, f"citations-0-{field}")
    assert message in shown
    assert "Enter a valid URL." not in shown
    assert not ProgramPage.objects.filter(slug="partial-hospitalization").exists()


@pytest.mark.parametrize(
    ("show_phone", "phone", "message"),
    [
        ("", "", "A call to action needs something to do: tick ‘Show a phone number’"),
        ("", "888-432-7654", "Tick ‘Show a phone number’ to show the number you typed"),
        ("on", "555", "Enter a valid phone number"),
    ],
)
def test_a_cta_without_a_way_to_reach_us_is_refused_in_the_admin(
    admin_client, add_url, show_phone, phone, message
):
    cta = {
        "heading": "Need More Information?",
        "text": "Call now.",
        "show_phone": show_phone,
        "phone": phone,
        "link-text": "",
        "link-page": "",
        "link-url": "",
    }
    response = admin_client.post(add_url, program_form(cta=cta))
    assert response.status_code == 200
    # Shown with the call-to-action block (second in the body), next to the field that fixes it.
    cta_errors = stream_errors(response)["blockErrors"]["1"]["blockErrors"]
    field = "show_phone" if not show_phone else "phone"
    assert cta_errors[field]["messages"][0].startswith(message)
    assert not ProgramPage.objects.filter(slug="partial-hospitalization").exists()


def test_citation_editor_plugin_is_loaded_in_the_page_editor(admin_client, demo):
    response = admin_client.get(f"/admin/pages/{demo.iop.pk}/edit/")
    assert response.status_code == 200
    # The Cite button's script is loaded, and finds each citation's identifier in the form.
    loaded = {urlsplit(url).path for url in resources(response)}
    assert "/static/pages/admin/citation-feature.js" in loaded
    identifiers = soup_of(response).select("input[data-citation-uuid]")
    assert len(identifiers) == demo.iop.citations.count() == 3
    assert {i["type"] for i in identifiers} == {"hidden"}
    # Nothing for the editor to see about the identifier: no label, no help text.
    citation = identifiers[0].find_parent(attrs={"data-inline-panel-child": True})
    assert "Marker ID" not in text_of(citation)
    assert "Filled in automatically" not in text_of(citation)
    assert [text_of(label).rstrip(" *") for label in citation.select("label")] == [
        "Source organisation",
        "Title",
        "URL",
        "Note",
    ]


def test_every_body_block_has_an_admin_preview(admin_client):
    from programs.models import ProgramPage

    body = ProgramPage._meta.get_field("body").stream_block
    expected = {
        "benefit_section": "Outpatient care provides greater flexibility",
        "call_to_action": "Need More Information?",
        "text": "An intensive outpatient program combines",
    }
    for name, block in body.child_blocks.items():
        assert block.meta.description, name
        if name not in expected:
            continue
        response = admin_client.get(f"/admin/block-preview/?id={block.definition_prefix}")
        assert response.status_code == 200, name
        assert expected[name] in response.content.decode(), name
        if name == "call_to_action":
            assert 'href="tel:+18002704315"' in response.content.decode()


def test_a_placed_picture_starts_with_its_description_as_alt_text_not_its_title(admin_client, demo):

    image = get_image_model().objects.get(title="Morning path (illustration)")
    chosen = admin_client.get(reverse("wagtailimages_chooser:chosen", args=[image.pk])).json()
    assert chosen["result"]["default_alt_text"] == ""  # no description yet: the editor writes one

    image.description = "A path through green hills in the morning sun"
    image.save()
    chosen = admin_client.get(reverse("wagtailimages_chooser:chosen", args=[image.pk])).json()
    assert chosen["result"]["default_alt_text"] == image.description


def test_an_empty_program_body_says_what_a_program_page_is_built_from(admin_client, add_url):
    form = soup_of(admin_client.get(add_url))
    assert "A program page is built from benefit sections" in text_of(form)
