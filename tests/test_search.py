"""Public /search/: PostgreSQL full-text search through Wagtail's database backend."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import StandardPage
from programs.models import ProgramPage
from tests.reading import soup_of, text_of, texts_of

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Search runs on PostgreSQL full-text search in production and CI; set DATABASE_URL "
    "to a PostgreSQL database to run it (SQLite's search backend behaves differently).",
)


def results(response):
    return texts_of(response, "ol.card-list .card__title a")


def status(response):
    [status] = soup_of(response).select('[role="status"]')
    return text_of(status)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@postgres_only
def test_finds_the_iop_page_by_a_word_only_in_its_benefit_sections(client, demo):
    iop = demo.iop
    assert "misconception" not in f"{iop.title} {iop.intro} {iop.search_description}".lower()
    response = client.get("/search/", {"q": "misconception"})
    assert response.status_code == 200
    assert results(response) == ["Intensive Outpatient"]
    assert status(response) == "1 result for “misconception”."
    assert 'href="/programs/intensive-outpatient/"' in response.text
    assert response["X-Robots-Tag"] == "noindex"


@postgres_only
def test_finds_benefit_headings_titles_and_intros(client, demo):
    assert results(client.get("/search/", {"q": "disruption"})) == ["Intensive Outpatient"]
    assert "Programs" in results(client.get("/search/", {"q": "levels of care"}))
    # Stemming: "programs" finds "programming".
    assert "Intensive Outpatient" in results(client.get("/search/", {"q": "programs"}))


@postgres_only
def test_any_of_the_words_finds_a_page_best_match_first(client, demo):
    assert results(client.get("/search/", {"q": "C++ 💊 misconception"})) == [
        "Intensive Outpatient"
    ]
    ranked = results(client.get("/search/", {"q": "intensive outpatient levels"}))
    assert ranked[0] == "Intensive Outpatient"
    assert "Programs" in ranked


@postgres_only
def test_finds_faq_answers(client, demo):
    publish(
        demo.programs,
        ProgramPage(
            title="Partial Hospitalization",
            slug="partial-hospitalization",
            body=[
                (
                    "faq",
                    {
                        "heading": "Questions",
                        "items": [
                            {
                                "question": "Is transport provided?",
                                "answer": "<p>A shuttle collects clients from Ashbury.</p>",
                            }
                        ],
                    },
                )
            ],
        ),
    )
    assert results(client.get("/search/", {"q": "shuttle"})) == ["Partial Hospitalization"]


@postgres_only
def test_drafts_and_unpublished_pages_are_not_found(client, demo):
    draft = ProgramPage(title="Residential", slug="residential", intro="Overnight quokka care.")
    demo.programs.add_child(instance=draft)
    draft.unpublish()
    assert results(client.get("/search/", {"q": "quokka"})) == []


@postgres_only
def test_results_are_paginated_and_work_without_javascript(client, demo):
    for number in range(12):
        publish(
            demo.home,
            StandardPage(title=f"Family guide {number:02}", slug=f"guide-{number}", intro="Zebra."),
        )
    first = client.get("/search/", {"q": "zebra"})
    assert len(results(first)) == 10
    assert status(first) == "12 results for “zebra”, page 1 of 2."
    [next_page] = soup_of(first).select('nav.pagination a[rel="next"]')
    next_link = next_page["href"]
    assert next_link == "?q=zebra&page=2"
    second = client.get("/search/" + next_link)
    assert len(results(second)) == 2
    assert set(results(first)).isdisjoint(results(second))
    [second_list] = soup_of(second).select("ol.card-list")
    assert second_list["start"] == "11"
    # A page number out of range or not a number gives a page of results, not an error.
    assert len(results(client.get("/search/", {"q": "zebra", "page": "999"}))) == 2
    assert len(results(client.get("/search/", {"q": "zebra", "page": "x"}))) == 10


@pytest.mark.parametrize(("pages", "shown"), [(10, "10 results"), (11, "11 results")])
def test_a_full_first_page_and_one_more_are_counted_right(client, demo, pages, shown):
    for number in range(pages):
        page = StandardPage(title=f"Guide {number:02}", slug=f"g-{number}", intro="Okapi.")
        publish(demo.home, page)
    response = client.get("/search/", {"q": "okapi"})
    assert len(results(response)) == 10
    assert status(response).startswith(f"{shown} for “okapi”")
    assert bool(soup_of(response).select("nav.pagination")) == (pages > 10)
    assert "Okapi." in texts_of(response.text, "ol.card-list p")


@postgres_only
@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE wagtailcore_page; --",
        '" OR 1=1 --',
        "iop & | ! : * ( ) <-> ''",
        "SELECT * FROM auth_user WHERE '1'='1'",
        "zzzxxqqq\x00",
    ],
)
def test_sql_looking_and_operator_queries_are_just_words(client, demo, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert ProgramPage.objects.filter(pk=demo.iop.pk).exists()
    assert "result" in status(response) or "No pages match" in status(response)


def test_empty_query_shows_just_the_form(client, demo):
    response = client.get("/search/")
    assert response.status_code == 200
    soup = soup_of(response)
    [form] = soup.select('form[role="search"]')
    assert form["method"] == "get" and form["action"] == "/search/"
    assert texts_of(soup, 'label[for="search-query"]') == ["Search this site"]
    assert status(response) == ""
    assert results(response) == []


def test_ten_thousand_characters_get_a_clear_message(client, demo):
    response = client.get("/search/", {"q": "a" * 10_000})
    assert response.status_code == 200
    assert status(response) == (
        "That search is too long. Please use a few words (up to 200 characters)."
    )
    assert results(response) == []
    assert "a" * 201 not in response.text


@pytest.mark.parametrize("query", ["!!!", "   ", "?", "-- ;; ''", "💊💊"])
def test_punctuation_only_gets_a_clear_message(client, demo, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    if query.strip():
        assert status(response) == (
            "Please type a word or two to search for, for example “outpatient”."
        )
    else:
        assert status(response) == ""
    assert results(response) == []


def test_search_page_has_no_inline_script_or_style_and_no_csrf_token(client, demo):
    html = client.get("/search/", {"q": "!!!"}).text
    soup = soup_of(html)
    assert not soup.find("style")
    assert not soup.find(attrs={"style": True})
    assert all(
        s.get("type") == "application/ld+json" or s.get("src") for s in soup.find_all("script")
    )
    assert "csrfmiddlewaretoken" not in html


def test_post_is_refused(client, demo):
    assert client.post("/search/", {"q": "iop"}).status_code == 405


@postgres_only
def test_a_search_made_again_reads_nothing_and_shows_the_same_results(client, demo):
    first = client.get("/search/", {"q": "relapse treatment"})
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/search/", {"q": "relapse treatment"})
    assert [query["sql"] for query in queries] == []
    assert results(again) == results(first) and "Intensive Outpatient" in results(first)
    assert status(again) == status(first)
    assert texts_of(again, "ol.card-list p") == texts_of(first, "ol.card-list p")
    # Other words, or another page of the same words, are searched for.
    with CaptureQueriesContext(connection) as queries:
        other = client.get("/search/", {"q": "relapse treatment", "page": "2"})
    assert queries and results(other) == results(first)  # one page of results: the same one


@postgres_only
def test_the_very_next_search_finds_a_publication_a_new_title_and_not_an_unpublished_page(
    client, demo
):
    assert results(client.get("/search/", {"q": "zebra"})) == []
    page = publish(demo.home, StandardPage(title="Zebra crossing", slug="zebra", intro="Zebra."))
    assert results(client.get("/search/", {"q": "zebra"})) == ["Zebra crossing"]
    page.title = "Zebra crossings near us"
    page.save_revision().publish()
    assert results(client.get("/search/", {"q": "zebra"})) == ["Zebra crossings near us"]
    page.unpublish()
    assert results(client.get("/search/", {"q": "zebra"})) == []


@postgres_only
def test_the_words_searched_for_are_not_kept(client, demo):
    """What is kept for a search is named by a keyed hash of its words and holds only results."""
    words = "quokka outpatient"  # no page says "quokka": only the visitor's words do
    response = client.get("/search/", {"q": words})
    assert "Intensive Outpatient" in results(response)
    kept = caches[settings.PAGE_CACHE_ALIAS]._cache  # LocMemCache: {key: pickled value}
    assert kept
    for key, pickled in kept.items():
        assert "quokka" not in key.lower()
        assert b"quokka" not in pickled.lower()
    # Its results are kept: the same words again read nothing.
    with CaptureQueriesContext(connection) as queries:
        client.get("/search/", {"q": words})
    assert not queries


@postgres_only
def test_search_uses_postgresql_full_text_search():
    from wagtail.search.backends import get_search_backend

    assert type(get_search_backend()).__name__ == "PostgresSearchBackend"
