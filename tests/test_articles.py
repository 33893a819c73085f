"""The articles section: index (newest first, 12 a page, categories), feed, article pages."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page

from articles.models import ArticleCategory, ArticleIndexPage, ArticlePage, Author
from pagecache import store
from pages.models import Citation
from reviews.workflow import WORKFLOW_NAME
from tests.reading import links, nodes_of_type, soup_of, text_of, texts_of

ATOM = "{http://www.w3.org/2005/Atom}"
MARKER = '<citation id="{}">[cite]</citation>'


@pytest.fixture
def articles(demo):
    return ArticleIndexPage.objects.get()


def add_article(index, title, date, categories=(), author=None, body=None, citations=()):
    article = ArticlePage(
        title=title,
        date=date,
        intro=f"About {title.lower()}.",
        author=author,
        body=body or [("text", f"<p>{title} explained.</p>")],
    )
    article.citations = list(citations)
    index.add_child(instance=article)
    article.categories.set(categories)
    article.save_revision().publish()
    return article


def listed_titles(response):
    return texts_of(response.text, ".card__title")


def test_the_index_lists_the_newest_first_twelve_a_page_with_plain_links(client, articles):
    start = datetime.date(2026, 1, 1)
    for day in range(14):
        add_article(articles, f"Article {day:02d}", start + datetime.timedelta(days=day))

    first = client.get("/articles/")
    assert first.status_code == 200
    assert listed_titles(first) == [f"Article {day:02d}" for day in range(13, 1, -1)]
    assert ("?page=2", "Older articles") in links(first.text)
    assert "Page 1 of 2" in text_of(first.text)

    second = client.get("/articles/?page=2")
    assert listed_titles(second) == ["Article 01", "Article 00"]
    assert ("?page=1", "Newer articles") in links(second.text)
    assert client.get("/articles/?page=3").status_code == 404
    assert client.get("/articles/?page=x").status_code == 404


def test_readers_filter_by_category_with_plain_links(client, articles):
    family = ArticleCategory.objects.create(name="Family")
    recovery = ArticleCategory.objects.create(name="Recovery")
    ArticleCategory.objects.create(name="Unused")
    add_article(articles, "Talking to a parent", datetime.date(2026, 3, 1), [family])
    add_article(articles, "The first year", datetime.date(2026, 3, 2), [recovery])
    add_article(articles, "Family recovery", datetime.date(2026, 3, 3), [family, recovery])

    index = client.get("/articles/")
    filters = soup_of(index.text).select_one("nav[aria-label='Article categories']")
    assert [(a["href"], text_of(str(a))) for a in filters.select("a")] == [
        ("/articles/", "All articles"),
        ("/articles/?category=family", "Family"),
        ("/articles/?category=recovery", "Recovery"),
    ]  # a category no article is in is not offered
    assert filters.select_one("[aria-current=page]").get_text() == "All articles"

    family_only = client.get("/articles/?category=family")
    assert listed_titles(family_only) == ["Family recovery", "Talking to a parent"]
    assert texts_of(family_only.text, "h1") == ["Articles: Family"]
    current = soup_of(family_only.text).select_one("nav.filters [aria-current=page]")
    assert current.get_text() == "Family"
    assert client.get("/articles/?category=no-such-thing").status_code == 404


def test_the_feed_is_atom_with_the_newest_articles(client, articles):
    author = Author.objects.create(name="Sam Rivera", bio="Counselor.")
    add_article(articles, "Older", datetime.date(2026, 2, 1))
    add_article(articles, "Newer", datetime.date(2026, 2, 2), author=author)

    response = client.get("/articles/feed/")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own output
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Newer", "Older"]
    assert entries[0].find(f"{ATOM}link").get("href") == "http://localhost/articles/newer/"
    assert entries[0].findtext(f"{ATOM}author/{ATOM}name") == "Sam Rivera"
    assert entries[0].findtext(f"{ATOM}summary") == "About newer."
    # The index page tells feed readers where the feed is.
    index = soup_of(client.get("/articles/").text)
    assert index.select_one("link[rel=alternate][type='application/atom+xml']")["href"] == (
        "/articles/feed/"
    )


def test_an_article_shows_author_date_categories_citations_and_rating(client, articles, reviewer):
    author = Author.objects.create(name="Sam Rivera", bio="Sam leads our family program.")
    family = ArticleCategory.objects.create(name="Family")
    source = Citation(
        uuid="0b7f2b1e-6a51-4f7e-9a35-6f5b2a1d9c40",
        source="National Institute on Drug Abuse",
        title="Principles of Drug Addiction Treatment",
        url="https://nida.nih.gov/principles",
    )
    body = [
        (
            "benefit_section",
            {
                "heading": "Why families matter",
                "text": f"<p>Support at home helps recovery.{MARKER.format(source.uuid)}</p>",
            },
        )
    ]
    article = add_article(
        articles, "Helping a loved one", datetime.date(2026, 4, 2), [family], author, body, [source]
    )
    article.reviewed_by = reviewer
    article.last_reviewed = datetime.date(2026, 4, 3)
    article.save_revision().publish()

    response = client.get("/articles/helping-a-loved-one/")
    assert response.status_code == 200
    page = response.text
    assert texts_of(page, "h1") == ["Helping a loved one"]
    assert "By Sam Rivera · April 2, 2026" in text_of(page)
    assert "Clinically reviewed by Dana Whitfield, MD — last reviewed April 3, 2026" in text_of(
        page
    )
    assert ("#cite-1", "1") in links(page)
    assert texts_of(page, "#cite-1")[0].startswith("National Institute on Drug Abuse")
    assert ("/articles/?category=family", "Family") in links(page)
    assert "About Sam Rivera Sam leads our family program." in text_of(page)
    assert "Rate this article" in text_of(page)

    [web_page] = nodes_of_type(page, "MedicalWebPage")
    [written] = nodes_of_type(page, "Article")
    assert web_page["mainEntity"] == {"@id": written["@id"]}
    assert web_page["reviewedBy"]["name"] == "Dana Whitfield"
    assert web_page["lastReviewed"] == "2026-04-03"
    assert written["author"] == {"@type": "Person", "name": "Sam Rivera"}
    assert written["datePublished"] == "2026-04-02"
    assert [c["name"] for c in written["citation"]] == ["Principles of Drug Addiction Treatment"]


def test_switching_the_rating_off_on_an_article_hides_it(client, articles):
    article = add_article(articles, "Quiet page", datetime.date(2026, 4, 2))
    article.ratings_enabled = False
    article.save_revision().publish()
    assert "Rate this article" not in text_of(client.get("/articles/quiet-page/").text)


def test_articles_go_through_clinical_review(articles):
    assert articles.get_workflow().name == WORKFLOW_NAME


def test_articles_are_in_the_sitemap_and_in_search(client, articles):
    add_article(
        articles,
        "Sleep in early recovery",
        datetime.date(2026, 5, 1),
        body=[("text", "<p>Insomnia often eases after the first weeks.</p>")],
    )
    sitemap = client.get("/sitemap.xml").text
    assert "/articles/sleep-in-early-recovery/</loc>" in sitemap
    found = client.get("/search/?q=insomnia")
    assert ("/articles/sleep-in-early-recovery/", "Sleep in early recovery") in links(found.text)


def test_latest_articles_show_only_where_an_editor_chose_them(client, demo, articles):
    for day in range(1, 5):
        add_article(articles, f"News {day}", datetime.date(2026, 6, day))

    def latest_on(path):
        html = client.get(path).text
        return texts_of(html, ".latest-articles .card__title")

    # The demo home page ends with a Latest articles block of three; without it, none show.
    assert latest_on("/") == ["News 4", "News 3", "News 2"]
    demo.home.body = [
        (block.block_type, block.value)
        for block in demo.home.body
        if block.block_type != "latest_articles"
    ]
    demo.home.save_revision().publish()
    assert latest_on("/") == []

    assert latest_on("/programs/intensive-outpatient/") == []
    demo.iop.show_latest_articles = True
    demo.iop.save_revision().publish()
    assert latest_on("/programs/intensive-outpatient/") == ["News 4", "News 3", "News 2"]


def test_an_article_renders_in_at_most_ten_queries(
    client, articles, reviewer, django_assert_max_num_queries
):
    author = Author.objects.create(name="Sam Rivera")
    categories = [ArticleCategory.objects.create(name=name) for name in ("Family", "Recovery")]
    add_article(articles, "Counted", datetime.date(2026, 4, 2), categories, author)
    client.get("/articles/counted/")
    store.invalidate_all()  # a real render, not the page cache's copy
    with django_assert_max_num_queries(10):
        response = client.get("/articles/counted/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert "By Sam Rivera" in text_of(response.text)


def test_an_unpublished_article_is_not_listed_or_served(client, articles):
    article = add_article(articles, "Draft thoughts", datetime.date(2026, 4, 2))
    article.unpublish()
    assert listed_titles(client.get("/articles/")) == []
    assert client.get("/articles/draft-thoughts/").status_code == 404
    assert Page.objects.filter(slug="draft-thoughts").exists()
