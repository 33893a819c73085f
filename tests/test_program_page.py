"""The Intensive Outpatient page as a visitor receives it."""

import datetime

import pytest

from pagecache import store
from tests.reading import links, soup_of, text_of, texts_of
from tests.seed import seed_citations, seed_headings, seed_published_date

IOP_URL = "/programs/intensive-outpatient/"


@pytest.fixture
def iop_html(client, demo):
    response = client.get(IOP_URL)
    assert response.status_code == 200
    return response.text


def test_title_and_intro(iop_html):
    assert texts_of(iop_html, "h1") == ["Intensive Outpatient"]
    assert "a valid option for care for anyone struggling with a substance use disorder" in (
        text_of(iop_html)
    )


def test_every_seed_section_in_seed_order(iop_html):
    headings = seed_headings()
    assert headings == [
        "The Benefits of Intensive Outpatient Treatment",
        "What is an IOP?",
        "Intensive Outpatient Care is Effective",
        "IOPs Offer a Safe Transition from Residential Care to Home Life",
        "Outpatient Care Provides Greater Flexibility",
        "An IOP Allows for Treatment Extension with Minimal Disruption",
        "IOPs Include the Comfort of Home",
    ]
    rendered = [h for h in texts_of(iop_html, "h2") if h in headings]
    assert rendered == headings


def test_three_call_to_action_boxes_with_the_admissions_number(iop_html):
    article = soup_of(iop_html).select_one("article.program")
    for after_the_text in article.select("section.references, section.rating"):
        after_the_text.decompose()
    assert text_of(article).count("Need More Information?") == 3
    assert len(article.select('a[href="tel:+18002704315"]')) >= 3
    # The second box sits between "Outpatient Care Provides Greater Flexibility" and the next
    # benefit's text, where the client's page has it.
    text = text_of(article)
    first = text.index("Need More Information?")
    assert text.index("One study") < first < text.index("IOPs Offer a Safe Transition")


def test_citations_numbered_where_the_seed_places_them(iop_html):
    soup = soup_of(iop_html)
    markers = soup.select('sup > a[id^="cite-ref-"]')
    assert [a["id"] for a in markers] == ["cite-ref-1", "cite-ref-2", "cite-ref-3"]
    for number, before in [
        (1, "recreation and social activities."),
        (2, "One study"),
        (3, "recovery from a substance use disorder"),
    ]:
        marker = soup.find("a", id=f"cite-ref-{number}")
        assert marker["href"] == f"#cite-{number}"
        text_before = marker.parent.find_previous(string=True)
        assert text_before.rstrip().endswith(before), f"no citation marker after {before!r}"


def test_references_list_source_title_url_and_back_links(iop_html):
    references = soup_of(iop_html).select_one('section[aria-labelledby="references-heading"]')
    items = references.select('li[id^="cite-"]')
    assert [item["id"] for item in items] == ["cite-1", "cite-2", "cite-3"]
    for item, (seed_number, seed_text, seed_url) in zip(items, seed_citations(), strict=True):
        assert item["id"] == f"cite-{seed_number}"
        hrefs = [href for href, _ in links(item)]
        assert seed_url in hrefs
        assert f"#cite-ref-{seed_number}" in hrefs
        title = seed_text.split(". ", 1)[1].rstrip(".")
        assert title in text_of(item)
    assert "Substance Abuse and Mental Health Services Administration" in text_of(references)
    assert "National Institute on Drug Abuse" in text_of(references)


def test_first_published_date(iop_html, demo):
    assert demo.iop.first_published_at.date().isoformat() == seed_published_date() == "2018-07-26"
    assert texts_of(iop_html, 'time[datetime="2018-07-26"]') == ["July 26, 2018"]


def test_header_and_footer_messages_with_phone(iop_html):
    text = text_of(iop_html)
    for words in [
        "Call us and get help now",
        "You are not alone",
        "Transformations can help you.",
        "Call us for a confidential discussion",
        "800-270-4315",
    ]:
        assert words in text
    admissions = [(href, label) for href, label in links(iop_html) if "800-270-4315" in label]
    assert len(admissions) >= 5  # header, three CTA boxes, footer
    assert {href for href, _ in admissions} == {"tel:+18002704315"}


def render_counted(client, django_assert_max_num_queries, budget):
    """A real render of the page, its queries counted: not the page cache's copy of it.

    The first view makes the image renditions (as prepare_renditions does in production) and
    stores the page; then the page cache forgets it, as a publish makes it do, so the counted
    view renders the page (a miss) instead of replaying it at no cost.
    """
    client.get(IOP_URL)
    store.invalidate_all()
    with django_assert_max_num_queries(budget):
        response = client.get(IOP_URL)
    assert response.status_code == 200
    assert response.headers["X-Page-Cache"] == "miss"
    return response


def test_rendering_costs_at_most_ten_queries(client, demo, django_assert_max_num_queries):
    render_counted(client, django_assert_max_num_queries, 10)


def test_unknown_url_is_a_404_with_the_phone_number(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'href="tel:+18002704315"' in response.text
    assert "800-270-4315" in text_of(response.text)


def test_home_and_programs(client, demo):
    home = client.get("/").text
    assert texts_of(home, "h1") == ["Treatment for substance use, built around you"]
    assert ("/programs/", "Programs") in links(home)  # the navigation
    assert ("/programs/intensive-outpatient/", "Intensive Outpatient") in links(home)  # a card
    programs = client.get("/programs/").text
    assert ("/programs/intensive-outpatient/", "Intensive Outpatient") in links(programs)
    assert "valid option for care" in text_of(programs)


def test_a_reviewed_page_still_renders_within_ten_queries(
    client, demo, reviewer, django_assert_max_num_queries
):
    demo.iop.reviewed_by = reviewer
    demo.iop.last_reviewed = datetime.date(2026, 10, 1)
    demo.iop.save_revision().publish()
    response = render_counted(client, django_assert_max_num_queries, 10)
    assert "Clinically reviewed by Dana Whitfield, MD" in text_of(response.text)


def test_a_restriction_on_the_programs_index_protects_its_program_pages(client, demo):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=demo.programs, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-words"
    )
    response = client.get(IOP_URL)
    assert response.status_code == 200
    assert "a valid option for care" not in text_of(response.text)
    assert "You need a password to access this page." in text_of(response.text)
    [password] = soup_of(response).select('form input[name="password"]')
    assert password["type"] == "password"
    assert client.get("/").status_code == 200
