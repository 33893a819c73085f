"""Run by scripts/bench.py through `manage.py shell`: the article the bench measures, as a
migrated WordPress post would be (5 benefit sections, 3 citations, an author and a category), and
three more so that the home page's latest articles block has something to list."""

import datetime
import uuid

from articles.models import ArticleCategory, ArticleIndexPage, ArticlePage, Author
from pages.models import Citation

BENCH_SLUG = "bench-article"
index = ArticleIndexPage.objects.get()
if not ArticlePage.objects.filter(slug=BENCH_SLUG).exists():
    author, _ = Author.objects.get_or_create(name="Bench Author")
    category, _ = ArticleCategory.objects.get_or_create(name="Recovery")
    keys = [uuid.uuid4() for _ in range(3)]

    def marker(n):
        return f'<citation id="{keys[n % 3]}">[cite]</citation>'

    sections = [
        (
            "benefit_section",
            {
                "heading": f"Section {n + 1}: what helps in early recovery",
                "text": (
                    f"<p>Structured support in the first months matters{marker(n)}. People who "
                    "keep a routine, sleep regularly and stay in touch with their counselor "
                    "report fewer setbacks, and families can help by learning what to expect."
                    f"</p><ul><li>Regular sessions</li><li>Peer support{marker(n + 1)}</li>"
                    "<li>A plan for difficult days</li></ul>"
                ),
            },
        )
        for n in range(5)
    ]
    for number in range(4):
        article = ArticlePage(
            title="Early recovery: what helps" if number == 0 else f"Note {number}",
            slug=BENCH_SLUG if number == 0 else f"bench-note-{number}",
            date=datetime.date(2026, 11, 1 + number),
            intro="What helps in the first months of recovery, and how families can support it.",
            author=author,
            body=sections if number == 0 else sections[:1],
        )
        article.citations = [
            Citation(
                uuid=keys[n],
                source="National Institute on Drug Abuse",
                title=f"Principles of drug addiction treatment, part {n + 1}",
                url="https://nida.nih.gov/",
                sort_order=n,
            )
            for n in range(3)
        ]
        index.add_child(instance=article)
        article.categories.set([category])
        article.save_revision().publish()
