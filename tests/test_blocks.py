"""Body blocks: call-to-action rules, links, and the citation markers they render."""

import pytest
from django.core.exceptions import ValidationError

from pages.blocks import BodyBlock, CallToActionBlock, LinkBlock
from pages.citations import CitationIndex
from pages.models import Citation
from tests.reading import links, text_of


def cta_value(**overrides):
    block = CallToActionBlock()
    value = {
        "heading": "Need More Information?",
        "text": "Call now.",
        "show_phone": True,
        "phone": "",
        "link": {"text": "", "page": None, "url": ""},
    }
    value.update(overrides)
    return block, block.to_python(value)


def test_cta_without_phone_or_link_is_refused():
    block, value = cta_value(show_phone=False)
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert error.value.as_json_data()["blockErrors"]["show_phone"]["messages"][0].startswith(
        "A call to action needs something to do: tick ‘Show a phone number’"
    )


def test_cta_with_a_number_but_show_phone_unticked_says_to_tick_it():
    block, value = cta_value(show_phone=False, phone="888-432-7654")
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert error.value.as_json_data()["blockErrors"]["show_phone"]["messages"] == [
        "Tick ‘Show a phone number’ to show the number you typed, or add a button link."
    ]


def test_cta_with_only_a_link_is_accepted():
    block, value = cta_value(
        show_phone=False,
        link={"text": "Verify insurance", "page": None, "url": "https://example.org/"},
    )
    assert block.clean(value)["link"]["url"] == "https://example.org/"


@pytest.mark.parametrize("phone", ["12", "not a number"])
def test_cta_with_an_invalid_phone_is_refused(phone):
    block, value = cta_value(phone=phone)
    with pytest.raises(ValidationError):
        block.clean(value)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/file", "javascript:alert(1)", "mailto:a@b.example"]
)
def test_link_must_be_http(url):
    block = LinkBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Go", "page": None, "url": url}))


def test_cta_links_to_a_chosen_page_under_its_title_or_the_editors_words(demo):
    block, value = cta_value(link={"text": "", "page": demo.programs.pk, "url": ""})
    html = block.render(value, context={"site_settings": demo.settings})
    assert ("/programs/", "Programs") in links(html)
    block, value = cta_value(link={"text": "See all programs", "page": demo.programs.pk, "url": ""})
    html = block.render(value, context={"site_settings": demo.settings})
    assert ("/programs/", "See all programs") in links(html)
    block, value = cta_value(
        link={"text": "Verify insurance", "page": None, "url": "https://example.org/verify"}
    )
    html = block.render(value, context={"site_settings": demo.settings})
    assert ("https://example.org/verify", "Verify insurance") in links(html)


def test_cta_renders_its_own_number_or_the_site_number(demo):
    block, value = cta_value(phone="+1 561 555 0142")
    html = block.render(value, context={"site_settings": demo.settings})
    assert [text for href, text in links(html) if href == "tel:+15615550142"] == [
        "Call 561-555-0142"
    ]
    block, value = cta_value()
    html = block.render(value, context={"site_settings": demo.settings})
    assert [text for href, text in links(html) if href == "tel:+18002704315"] == [
        "Call 800-270-4315"
    ]
    assert "Need More Information?" in text_of(html)


def _body_with_markers(*ids):
    paragraphs = "".join(
        f'<p>Claim {i}<citation id="{cid}">[cite]</citation>.</p>' for i, cid in enumerate(ids)
    )
    return BodyBlock().to_python([{"type": "text", "value": paragraphs}])


def test_markers_number_by_first_appearance_and_repeat_the_number():
    first = Citation(
        uuid="11111111-1111-4111-8111-111111111111",
        source="A",
        title="T1",
        url="https://a.example/",
    )
    second = Citation(
        uuid="22222222-2222-4222-8222-222222222222",
        source="B",
        title="T2",
        url="https://b.example/",
    )
    body = _body_with_markers(str(second.uuid), str(first.uuid), str(second.uuid))
    index = CitationIndex([first, second], [str(second.uuid), str(first.uuid), str(second.uuid)])
    html = body.render_as_block(context={"citation_index": index})
    assert [(href, text) for href, text in links(html)] == [
        ("#cite-1", "1"),
        ("#cite-2", "2"),
        ("#cite-1", "1"),
    ]
    assert 'id="cite-ref-1"' in html and 'id="cite-ref-1-2"' in html
    assert index.references() == [(1, second), (2, first)]


def test_a_marker_whose_citation_was_deleted_renders_nothing(client, demo):
    demo.iop.citations.filter(source="Psychiatric Services").delete()
    response = client.get("/programs/intensive-outpatient/")
    assert response.status_code == 200
    html = response.text
    assert "<citation" not in html
    assert "[cite]" not in html
    assert 'href="#cite-3"' not in html  # two citations left, numbered 1 and 2
    assert "One study, a review" in text_of(html)
    assert [h for h, _ in links(html) if h.startswith("#cite-")] == [
        "#cite-1",
        "#cite-2",
        "#cite-ref-1",
        "#cite-ref-2",
    ]
