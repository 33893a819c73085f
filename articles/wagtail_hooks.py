from wagtail import hooks
from wagtail.models import Site
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.latest import HOOK as LATEST_ARTICLES_HOOK
from pages.visibility import public

from .models import NEWEST_FIRST, ArticleCategory, ArticlePage, Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    list_display = ["name"]
    search_fields = ["name"]


class ArticleCategoryViewSet(SnippetViewSet):
    model = ArticleCategory
    icon = "tag"
    menu_label = "Article categories"
    list_display = ["name", "slug"]


register_snippet(AuthorViewSet)
register_snippet(ArticleCategoryViewSet)


@hooks.register(LATEST_ARTICLES_HOOK)
def newest_articles(request, count):
    articles = public(ArticlePage.objects.live())
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        articles = articles.in_site(site)
    return list(articles.order_by(*NEWEST_FIRST)[:count])
