"""The articles section in Chromium, on a phone and a desktop: the index with its category
filters and pages, and an article with citations, author and rating. Screenshots land in
artifacts/screenshots/."""

import datetime
import json
from urllib.parse import urlsplit

import pytest

from articles.models import ArticleCategory, ArticleIndexPage, ArticlePage, Author
from pages.models import Citation
from tests.browser.visiting import ARTIFACTS, VIEWPORTS, axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

UUID = "0b7f2b1e-6a51-4f7e-9a35-6f5b2a1d9c40"
PAGES = {"articles": "/articles/", "article": "/articles/article-13/"}


@pytest.fixture
def articles(site):
    index = ArticleIndexPage.objects.get()
    author = Author.objects.create(
        name="Sam Rivera", bio="Sam is a family counselor in our outpatient programs."
    )
    family = ArticleCategory.objects.create(name="Family")
    recovery = ArticleCategory.objects.create(name="Recovery")
    for day in range(14):
        article = ArticlePage(
            title=f"Article {day:02d}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
            intro="What families can do in the first weeks of treatment.",
            author=author,
            body=[
                (
                    "benefit_section",
                    {
                        "heading": "Why support at home matters",
                        "text": "<p>Support from family helps people stay in treatment."
                        f'<citation id="{UUID}">[cite]</citation></p>',
                    },
                ),
                ("call_to_action", {"show_phone": True}),
            ],
        )
        article.citations = [
            Citation(
                uuid=UUID,
                source="National Institute on Drug Abuse",
                title="Principles of Drug Addiction Treatment",
                url="https://nida.nih.gov/principles",
            )
        ]
        index.add_child(instance=article)
        article.categories.set([family] if day % 2 else [family, recovery])
        article.save_revision().publish()
    return site


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_articles_pass_axe_stay_on_our_origin_and_are_photographed(
    visit, articles, axe_source, viewport
):
    v = visit(viewport, bypass_csp=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = {}
    for name, path in [*PAGES.items(), ("articles-page-2", "/articles/?page=2")]:
        page = v.goto(path)
        page.screenshot(path=ARTIFACTS / f"{name}-{viewport}.png", full_page=True)
        violations = axe_violations(page, axe_source, name)
        if violations:
            report[name] = violations
    assert not report, json.dumps(report, indent=1)
    origin = urlsplit(articles)
    foreign = [u for u in v.requests if urlsplit(u)[:2] != origin[:2] and not u.startswith("data:")]
    assert not foreign, foreign
    assert not v.errors, v.errors


def test_a_reader_filters_by_category_and_pages_through_without_javascript(visit, articles):
    v = visit("phone", js=False)
    page = v.goto("/articles/")
    page.get_by_role("link", name="Recovery").click()
    page.wait_for_url("**/articles/?category=recovery")
    assert page.locator("h1").inner_text() == "Articles: Recovery"
    titles = page.locator(".card__title").all_inner_texts()
    assert titles == [f"Article {day:02d}" for day in range(12, -1, -2)]
    page.get_by_role("link", name="All articles").click()
    page.get_by_role("link", name="Older articles").click()
    assert page.locator(".card__title").all_inner_texts() == ["Article 01", "Article 00"]
    page.get_by_role("link", name="Article 00").click()
    assert page.locator("h1").inner_text() == "Article 00"
    assert ArticlePage.objects.get(slug="article-00").url == "/articles/article-00/"
