"""The home page: a stream of blocks the editors arrange, which guides a visitor to a call."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from admissions.models import Availability
from articles.models import ArticleIndexPage, ArticlePage
from pagecache import store
from programs.models import ProgramPage
from tests.editor_helpers import stream_errors
from tests.reading import links, nodes_of_type, soup_of, text_of, texts_of


def add_program(demo, title, slug, level="outpatient"):
    page = ProgramPage(title=title, slug=slug, level_of_care=level, intro=f"{title} intro.")
    demo.programs.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_demo_home_page_guides_from_the_first_screen_to_a_call(client, demo):
    html = client.get("/").text
    soup = soup_of(html)
    main = soup.select_one("main")
    assert texts_of(main, "h1") == ["Treatment for substance use, built around you"]
    hero_call = main.select_one(".hero a.button")
    assert hero_call["href"] == "tel:+18002704315"
    assert texts_of(main, "h2") == [
        "What happens when you call",
        "Our programs",
        "Where to find us",
        "Licensed and accredited",
        "Questions people ask before they call",
    ]  # no "Latest articles" while there are none
    assert texts_of(main, ".call-steps__title") == [
        "You talk to our admissions team",
        "We listen and ask a few questions",
        "We check your insurance with you",
        "Together we find the right level of care",
    ]
    card = main.select_one(".card-list .card")
    assert ("/programs/intensive-outpatient/", "Intensive Outpatient") in links(card)
    assert "Intensive outpatient (ASAM level 2.1)" in text_of(card)  # its facts
    assert "100 Example Street" in text_of(main)
    assert (
        "/locations/#demo-location",
        "Hours and directions for Transformations (demo location)",
    ) in links(main)
    assert "Substance use treatment facility license (demo)" in texts_of(main, "h3")
    [faq] = nodes_of_type(html, "FAQPage")
    assert faq["mainEntity"][0]["name"] == "Is the call confidential?"


def test_cards_show_fresh_availability_and_only_published_public_programs(client, demo):
    import django.utils.timezone as tz

    Availability.objects.create(page=demo.iop, status="yes", confirmed_on=tz.localdate())
    hidden = add_program(demo, "Alumni", "alumni", level="aftercare")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft = add_program(demo, "Residential", "residential", level="residential")
    draft.unpublish()
    html = client.get("/").text
    cards = soup_of(html).select(".card-list .card")
    titles = [text_of(card.select_one(".card__title")) for card in cards if card.select_one("dl")]
    assert titles == ["Intensive Outpatient"]
    assert "Accepting new clients" in text_of(cards[0])


def test_chosen_programs_show_in_the_editors_order(client, demo):
    outpatient = add_program(demo, "Outpatient", "outpatient")
    body = demo.home.body
    for block in body:
        if block.block_type == "program_cards":
            block.value["programs"] = [outpatient, demo.iop]
    demo.home.body = body
    demo.home.save_revision().publish()
    cards = soup_of(client.get("/").text).select(".card-list .card dl")
    assert [text_of(dl.find_previous("h3")) for dl in cards] == [
        "Outpatient",
        "Intensive Outpatient",
    ]


def test_latest_articles_block_lists_the_newest(client, demo):
    index = ArticleIndexPage.objects.get()
    for day in range(1, 5):
        article = ArticlePage(title=f"Note {day}", date=datetime.date(2026, 5, day))
        index.add_child(instance=article)
        article.save_revision().publish()
    section = soup_of(client.get("/").text).select_one(".latest-articles")
    assert texts_of(section, "h2") == ["Latest articles"]
    assert texts_of(section, ".card__title") == ["Note 4", "Note 3", "Note 2"]


def test_without_a_hero_the_page_opens_with_its_title_and_call_button(client, demo):
    demo.home.body = [(b.block_type, b.value) for b in demo.home.body if b.block_type != "hero"]
    demo.home.save_revision().publish()
    main = soup_of(client.get("/").text).select_one("main")
    assert texts_of(main, "h1") == ["Transformations"]
    assert ("/programs/", "Our programs") in links(main)
    assert main.select_one(".hero a.button")["href"] == "tel:+18002704315"


def test_the_home_page_renders_in_at_most_twelve_queries_with_every_block(
    client, demo, django_assert_max_num_queries
):
    index = ArticleIndexPage.objects.get()
    for day in range(1, 4):
        article = ArticlePage(title=f"Note {day}", date=datetime.date(2026, 5, day))
        index.add_child(instance=article)
        article.save_revision().publish()
    add_program(demo, "Outpatient", "outpatient")
    client.get("/")  # as prepare_renditions and the footer's first render would
    store.invalidate_all()  # a real render, not the page cache's copy
    with django_assert_max_num_queries(12):
        response = client.get("/")
    assert response.headers["X-Page-Cache"] == "miss"
    html = response.text
    assert len(soup_of(html).select(".latest-articles .card")) == 3
    assert len(soup_of(html).select(".card-list .card dl")) == 2


def home_form(body):
    return nested_form_data(
        {
            "title": "Transformations",
            "slug": "home",
            "intro": "",
            "body": streamfield(body),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "action-publish": "1",
        }
    )


HERO = ("hero", {"heading": "Help is here", "text": "", "call_label": "Call", "image": ""})
STEPS = (
    "call_steps",
    {"heading": "What happens when you call", "steps": streamfield([]), "call_label": "Call"},
)


@pytest.mark.parametrize(
    ("body", "position", "message"),
    [
        ([("locations", {"heading": "Where", "intro": ""}), HERO], "1", "move it to the top"),
    ],
)
def test_a_hero_below_the_top_is_refused(admin_client, demo, body, position, message):
    url = reverse("wagtailadmin_pages:edit", args=[demo.home.pk])
    response = admin_client.post(url, home_form(body))
    assert response.status_code == 200
    errors = stream_errors(response)
    assert message in " ".join(errors["blockErrors"][position]["messages"])
    demo.home.refresh_from_db()
    assert demo.home.body[0].block_type == "hero"  # nothing saved


def test_the_editor_saves_a_home_page_of_blocks(admin_client, client, demo):
    url = reverse("wagtailadmin_pages:edit", args=[demo.home.pk])
    body = [HERO, ("latest_articles", {"heading": "News", "count": "2"})]
    response = admin_client.post(url, home_form(body))
    assert response.status_code == 302
    assert texts_of(client.get("/").text, "main h1") == ["Help is here"]
